//! Ties whose lines run on top of each other (see
//! [`placement::run_together`](super::super::placement::run_together)),
//! named as the picture draws them, and the note that names them.

use super::Fit;

/// How far two ties' lines may run on top of each other on the page, in
/// points, before the eye loses which is which: half an inch.
pub const LONGEST_TOGETHER: f64 = 36.0;

/// The most pairs of ties running together a note names.
const NAMED_TOGETHER: usize = 5;

impl Fit {
    /// What to say of ties whose lines run on top of each other; `None`
    /// when every line can be followed.
    pub fn together_note(&self) -> Option<String> {
        let count = match self.run_together.len() {
            0 => return None,
            1 => "1 pair of ties runs".to_string(),
            n => format!("{n} pairs of ties run"),
        };
        let mut named: Vec<String> = self
            .run_together
            .iter()
            .take(NAMED_TOGETHER)
            .map(|(pair, inches)| format!("{pair} ({inches:.1} in)"))
            .collect();
        if self.run_together.len() > named.len() {
            named.push(format!(
                "and {} more",
                self.run_together.len() - named.len()
            ));
        }
        Some(format!(
            "{count} on top of each other, so that neither line can be followed there: {}; \
             fewer lines (`via`, a lower `depth`, a time window) part them, and each tie's \
             tooltip names it",
            named.join("; ")
        ))
    }
}

/// The pairs of `drawing`'s ties whose lines run on top of each other for
/// longer than [`LONGEST_TOGETHER`] on a page `scale` times its size,
/// named as their tooltips name the ties, with how far, in inches.
pub(super) fn together_as_drawn(
    drawing: &super::super::placement::Drawing,
    scale: f64,
) -> Vec<(String, f64)> {
    let tie = |index: usize| {
        let name = drawing.edges[index].name.as_deref()?;
        // A members box's tie is named by its box, as the picture labels it.
        if let Some(parent) = name.strip_suffix("'s members:") {
            return Some(format!("the {parent} members box's tie"));
        }
        Some(name.split(": ").next().unwrap_or(name).to_string())
    };
    super::super::placement::run_together(drawing, LONGEST_TOGETHER / scale.max(1e-6))
        .into_iter()
        .filter_map(|run| {
            let (a, b) = (tie(run.edges.0)?, tie(run.edges.1)?);
            Some((format!("{a} and {b}"), run.length * scale / 72.0))
        })
        .collect()
}
