//! A storyboard's years checked against the graph's data: frames that all
//! fall before its first dated fact, or after its last and its `as_of`,
//! would draw nothing the sources know.

use super::super::ast::Frames;
use super::super::error::{QueryError, QueryErrorKind};
use crate::model::Graph;

/// The first and last years the graph's dated facts (ties' starts and ends,
/// events, the graph's `as_of`) give; `None` when nothing is dated.
pub fn data_years(graph: &Graph) -> Option<(i32, i32)> {
    let years = graph
        .all_ties()
        .flat_map(|t| [t.tie.start(), t.tie.end()])
        .chain(graph.events().iter().map(|e| Some(e.date)))
        .chain([graph.as_of()])
        .flatten()
        .map(|d| d.year_number());
    years.fold(None, |span, year| match span {
        None => Some((year, year)),
        Some((low, high)) => Some((low.min(year), high.max(year))),
    })
}

/// An error at the range when every frame falls outside the graph's data.
pub fn check(graph: &Graph, frames: &Frames) -> Result<(), QueryError> {
    let Some((low, high)) = data_years(graph) else {
        return Ok(());
    };
    let side = if frames.last < low {
        "before"
    } else if frames.first > high {
        "after"
    } else {
        return Ok(());
    };
    Err(QueryError::new(
        QueryErrorKind::Invalid(format!(
            "every frame of {}..{} falls {side} the graph's data, which runs from {low} to {high}",
            frames.first, frames.last
        )),
        frames.span.0,
        frames.span.1,
    )
    .with_help(format!(
        "choose years within the data, such as `frames {}..{high}`",
        low.max(high - 11)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_counts_the_years_it_lands_on() {
        let frames = |first, last, step| Frames {
            first,
            last,
            step,
            span: (0, 0),
        };
        let years = |f: Frames| f.years().collect::<Vec<_>>();
        assert_eq!(years(frames(2012, 2023, 3)), [2012, 2015, 2018, 2021]);
        assert_eq!(frames(2012, 2023, 3).count(), 4);
        assert_eq!(frames(1900, 2023, 1).count(), 124);
        assert_eq!(frames(2020, 2020, 5).count(), 1);
        assert_eq!(years(frames(2020, 2020, 5)), [2020]);
    }
}
