//! A storyboard's dates that found no clear place beside their own lines
//! in a frame, drawn as numbers and listed under the legend, as a single
//! picture's are; the frames share one canvas, so the list is as high in
//! every frame, and numbering stops short of shrinking their text.

use crate::model::TieId;

use super::super::fit::Fit;
use super::super::scene;
use super::super::DiagramError;

/// How many times a storyboard's frames are drawn again with their
/// crowded dates as numbers.
const NUMBERING_ROUNDS: usize = 3;

/// The frames drawn: their text for Graphviz (labels placed) and, on a
/// page, how each fits; with the ties drawn as numbers, in order.
#[derive(Clone)]
pub(super) struct Frames {
    pub numbered: Vec<TieId>,
    pub texts: Vec<String>,
    pub fits: Vec<Option<Fit>>,
}

impl Frames {
    /// The date labels crowded in any frame.
    fn crowded(&self) -> usize {
        self.fits.iter().flatten().map(|f| f.crowded_labels).sum()
    }

    /// The smallest node text of any frame.
    fn least(&self) -> Option<Fit> {
        self.fits
            .iter()
            .flatten()
            .min_by(|a, b| a.text_points.total_cmp(&b.text_points))
            .cloned()
    }
}

/// `first`, where the dates crowded in any frame are drawn as numbers
/// (by `renumber`) and listed under the legend, as a single picture's
/// are; a date crowded once numbered ones stand clear is numbered in turn.
/// The list takes lines, and frames share one canvas, so when numbering
/// every crowded date would shrink the text under the floor (or, under it
/// already, much further), fewer are: those crowded in most frames first,
/// half as many each time. The frames that crowd fewest dates are kept,
/// and whether some of their crowded dates were left in words so.
pub(super) fn with_numbered_dates(
    first: Frames,
    renumber: impl Fn(&[TieId]) -> Result<Frames, DiagramError>,
) -> Result<(Frames, bool), DiagramError> {
    let Some(unnumbered) = first.least() else {
        return Ok((first, false));
    };
    let reads_worse = |frames: &Frames| {
        frames
            .least()
            .is_none_or(|fit| fit.list_reads_worse_than(&unnumbered))
    };
    let mut best = first;
    let mut latest = best.clone();
    let mut draws = 0;
    // Whether some crowded date was left in words as its number shrank
    // the text too much.
    let mut shrank = false;
    'rounds: for _ in 0..NUMBERING_ROUNDS {
        let mut crowded = crowded_ties(&latest);
        crowded.retain(|tie| !latest.numbered.contains(tie));
        let mut take = crowded.len();
        loop {
            if take == 0 || draws == MAX_NUMBERING_DRAWS {
                break 'rounds;
            }
            let mut numbered = latest.numbered.clone();
            numbered.extend(&crowded[..take]);
            let drawn = renumber(&numbered)?;
            draws += 1;
            if !reads_worse(&drawn) {
                latest = drawn;
                break;
            }
            shrank = true;
            take /= 2;
        }
        if latest.crowded() < best.crowded() {
            best = latest.clone();
        }
    }
    let left_in_words = shrank && best.crowded() > 0;
    Ok((best, left_in_words))
}

/// The most times [`with_numbered_dates`] draws the frames again: each
/// draws every frame.
const MAX_NUMBERING_DRAWS: usize = 4;

/// The ties whose dates crowd in any of `frames`, those crowded in most
/// frames first (then as first met).
fn crowded_ties(frames: &Frames) -> Vec<TieId> {
    let mut counts: Vec<(TieId, usize)> = Vec::new();
    for key in frames.fits.iter().flatten().flat_map(|f| &f.crowded_edges) {
        let Some(tie) = scene::tie_of_key(key) else {
            continue;
        };
        match counts.iter_mut().find(|(t, _)| *t == tie) {
            Some((_, count)) => *count += 1,
            None => counts.push((tie, 1)),
        }
    }
    // Stable: ties crowded as often keep the order they were met in.
    counts.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    counts.into_iter().map(|(tie, _)| tie).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::fewer_dates::FewerDates;
    use crate::diagram::Page;

    /// A frame's fit: every text at `points`, its dates on the edges of
    /// `crowded` ties crowded.
    fn fit(points: f64, crowded: &[TieId]) -> Fit {
        Fit {
            page: Page::Slide,
            scale: points / 20.0,
            text_points: points,
            sizes: [Some(points); 5],
            crowded_labels: crowded.len(),
            fewer_dates: FewerDates::default(),
            crowded_ties: crowded
                .iter()
                .map(|t| format!("tie {}", t.index()))
                .collect(),
            crowded_edges: crowded.iter().map(|t| scene::tie_key(*t)).collect(),
            numbered_dates: 0,
            numbering_shrinks: false,
            run_together: Vec::new(),
            across_titles: Vec::new(),
            along_actors: Vec::new(),
        }
    }

    #[test]
    fn frames_number_fewer_crowded_dates_when_all_would_shrink_the_text() {
        let [a, b, c] = [TieId::new(1), TieId::new(2), TieId::new(3)];
        let frames = |numbered: &[TieId], points: f64| {
            let left = |crowded: &[TieId]| -> Vec<TieId> {
                crowded
                    .iter()
                    .filter(|t| !numbered.contains(t))
                    .copied()
                    .collect()
            };
            Frames {
                numbered: numbered.to_vec(),
                texts: vec![String::new(); 2],
                fits: vec![
                    Some(fit(points, &left(&[c, a]))),
                    Some(fit(points, &left(&[a, b]))),
                ],
            }
        };
        // Listing three dates takes a line too many: the text falls under
        // its floor. Numbering helps each date it numbers.
        let tried = std::cell::RefCell::new(Vec::new());
        let renumber = |numbered: &[TieId]| {
            tried.borrow_mut().push(numbered.to_vec());
            let points = if numbered.len() > 2 { 13.5 } else { 15.0 };
            Ok(frames(numbered, points))
        };
        let (best, left_in_words) = with_numbered_dates(frames(&[], 15.0), renumber).unwrap();
        assert!(left_in_words);
        // `a` crowds in both frames: it is numbered first.
        assert_eq!(best.numbered, vec![a, c]);
        assert_eq!(best.crowded(), 1);
        assert!(best.least().unwrap().readable());
        let tried = tried.into_inner();
        assert_eq!(tried.first(), Some(&vec![a, c, b]), "{tried:?}");
        assert!(tried.len() <= MAX_NUMBERING_DRAWS, "{tried:?}");
    }

    #[test]
    fn frames_already_too_small_may_shrink_a_little_for_their_list() {
        let crowded = [TieId::new(7)];
        let first = Frames {
            numbered: Vec::new(),
            texts: vec![String::new()],
            fits: vec![Some(fit(13.0, &crowded))],
        };
        let numbered = |points: f64| {
            let first = first.clone();
            move |numbered: &[TieId]| {
                Ok(Frames {
                    numbered: numbered.to_vec(),
                    fits: vec![Some(fit(points, &[]))],
                    ..first.clone()
                })
            }
        };
        let (kept, left_in_words) = with_numbered_dates(first.clone(), numbered(12.5)).unwrap();
        assert_eq!(kept.numbered, crowded.to_vec());
        assert!(!left_in_words);
        let (kept, left_in_words) = with_numbered_dates(first.clone(), numbered(12.0)).unwrap();
        assert!(kept.numbered.is_empty(), "12 pt is under 95% of 13 pt");
        assert!(left_in_words);
    }
}
