//! A storyboard's frames measured together: the smallest text of each
//! kind in any frame, and what crowds in any of them, for one report.

use super::{Fit, TextKind};

/// What a fit's text was measured on, for its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Measured {
    /// One picture.
    Picture,
    /// A storyboard's frames, the smallest of each kind in any of them:
    /// `alike` when every frame measured the same, else `worst` is the
    /// year of the frame whose text is furthest under (or nearest) its floor.
    Frames { alike: bool, worst: i32 },
}

impl Measured {
    /// The year of the frame reading worst; 0 for a picture.
    pub(crate) fn worst_year(self) -> i32 {
        match self {
            Measured::Picture => 0,
            Measured::Frames { worst, .. } => worst,
        }
    }

    /// Whether every frame measured the same (a picture is one).
    pub(crate) fn alike(self) -> bool {
        match self {
            Measured::Picture => true,
            Measured::Frames { alike, .. } => alike,
        }
    }

    /// Where the text was measured: "", " in every frame", " at the
    /// smallest, the 2017 frame reading worst".
    pub(super) fn place(self) -> String {
        match self {
            Measured::Picture => String::new(),
            Measured::Frames { alike: true, .. } => " in every frame".to_string(),
            Measured::Frames {
                alike: false,
                worst,
            } => {
                format!(" at the smallest, the {worst} frame reading worst")
            }
        }
    }
}

/// The fit of a storyboard's frames, each measured alone: the smallest
/// text of each kind in any frame, whether every frame measured the same,
/// and the year of the frame whose text is furthest under its floor (the
/// first among equals); `None` for no frames.
pub(crate) fn fit_of_frames(frames: &[(i32, Fit)]) -> Option<(Fit, Measured)> {
    let (first_year, first) = frames.first()?;
    let mut least = first.clone();
    let mut worst = (*first_year, first.worst_ratio());
    for (year, fit) in &frames[1..] {
        for kind in TextKind::ALL {
            let slot = &mut least.sizes[kind as usize];
            if let Some(points) = fit.smallest(kind) {
                *slot = Some(slot.map_or(points, |l| l.min(points)));
            }
        }
        least.scale = least.scale.min(fit.scale);
        least.text_points = least.text_points.min(fit.text_points);
        if fit.worst_ratio() < worst.1 - 1e-9 {
            worst = (*year, fit.worst_ratio());
        }
    }
    (least.crowded_labels, least.crowded_ties) = crowded_in_frames(frames);
    least.run_together = longest_in_any(frames, |fit| &fit.run_together);
    least.along_actors = longest_in_any(frames, |fit| &fit.along_actors);
    least.across_titles.clear();
    for (_, fit) in frames {
        for tie in &fit.across_titles {
            if !least.across_titles.contains(tie) {
                least.across_titles.push(tie.clone());
            }
        }
    }
    // Alike: every frame that carries a kind carries it at one size.
    let alike = frames.iter().all(|(_, fit)| {
        TextKind::ALL
            .into_iter()
            .all(|kind| match (fit.smallest(kind), least.smallest(kind)) {
                (Some(own), Some(all)) => (own - all).abs() < 0.05,
                _ => true,
            })
    });
    Some((
        least,
        Measured::Frames {
            alike,
            worst: worst.0,
        },
    ))
}

/// The date labels of every frame that could not be set clear, counted
/// over all frames, and the ties they date, each once with the frames it
/// crowds in: "JNIM allegiance AQIM: by Feb 2023 (in 2017 and 2020)".
fn crowded_in_frames(frames: &[(i32, Fit)]) -> (usize, Vec<String>) {
    let mut ties: Vec<(&str, Vec<String>)> = Vec::new();
    for (year, fit) in frames {
        for tie in &fit.crowded_ties {
            match ties.iter_mut().find(|(t, _)| t == tie) {
                Some((_, years)) => years.push(year.to_string()),
                None => ties.push((tie, vec![year.to_string()])),
            }
        }
    }
    let count = frames.iter().map(|(_, fit)| fit.crowded_labels).sum();
    let named = ties
        .into_iter()
        .map(|(tie, years)| format!("{tie} (in {})", crate::model::names::and_list(&years)))
        .collect();
    (count, named)
}

impl Fit {
    /// The smallest of its texts' sizes over their floors.
    fn worst_ratio(&self) -> f64 {
        self.measured()
            .into_iter()
            .map(|(kind, points)| points / kind.floor())
            .fold(f64::INFINITY, f64::min)
    }
}

/// Each named run (a pair of ties together, a tie along an actor) once,
/// at the longest any frame draws it; the longest first.
fn longest_in_any(
    frames: &[(i32, Fit)],
    runs: impl Fn(&Fit) -> &Vec<(String, f64)>,
) -> Vec<(String, f64)> {
    let mut longest: Vec<(String, f64)> = Vec::new();
    for (name, inches) in frames.iter().flat_map(|(_, fit)| runs(fit)) {
        match longest.iter_mut().find(|(n, _)| n == name) {
            Some((_, most)) => *most = most.max(*inches),
            None => longest.push((name.clone(), *inches)),
        }
    }
    longest.sort_by(|a, b| b.1.total_cmp(&a.1));
    longest
}
