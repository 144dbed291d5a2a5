//! A storyboard's years checked against the graph's data and its focus's
//! life: frames that all fall before the graph's first dated fact, or after
//! its last and its `as_of`, or outside the focus's life, would draw nothing
//! the sources know. Years of a range partly outside are skipped, with a
//! note naming them.

use super::super::ast::Frames;
use super::super::error::{QueryError, QueryErrorKind};
use crate::model::{ActorId, Certainty, Graph, PartialDate, Window};

/// The most frames a storyboard draws: a deck of slides to flip through,
/// not a film; more would take Graphviz minutes and fill a folder.
pub const MAX_FRAMES: usize = 30;

/// The first and last years the graph's dated facts (actors' lives, ties'
/// starts and ends, events, the graph's `as_of`) give; `None` when nothing
/// is dated.
pub fn data_years(graph: &Graph) -> Option<(i32, i32)> {
    let years = graph
        .actors()
        .filter_map(|(_, actor)| actor.active)
        .flat_map(|life| [life.start, life.end])
        .chain(graph.all_ties().flat_map(|t| [t.tie.start(), t.tie.end()]))
        .chain(graph.events().iter().map(|e| Some(e.date)))
        .chain([graph.as_of()])
        .flatten()
        .map(|d| d.year_number());
    years.fold(None, |span, year| match span {
        None => Some((year, year)),
        Some((low, high)) => Some((low.min(year), high.max(year))),
    })
}

/// The years a storyboard draws, and a note for each kind of year it skips.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Planned {
    /// The years drawn, first to last.
    pub years: Vec<i32>,
    /// Why years of the range are not drawn.
    pub notes: Vec<String>,
}

fn invalid(frames: &Frames, message: String, help: String) -> QueryError {
    QueryError::new(
        QueryErrorKind::Invalid(message),
        frames.span.0,
        frames.span.1,
    )
    .with_help(help)
}

/// Whether `focus` (if any) may have been active in `year`.
fn alive(graph: &Graph, focus: Option<ActorId>, year: i32) -> bool {
    let Some(focus) = focus else { return true };
    let Ok(date) = PartialDate::year(year) else {
        return false;
    };
    let window = Window::new(date.first_day(), date.last_day());
    graph.life(focus).activity(window) != Certainty::No
}

/// The years of `frames` that have something to draw: within the graph's
/// data and, around a focus, its life. An error at the range when none has,
/// or when more than [`MAX_FRAMES`] have, each with a range that fits.
pub fn plan(graph: &Graph, focus: Option<ActorId>, frames: &Frames) -> Result<Planned, QueryError> {
    let (low, high) = data_years(graph).unwrap_or((1, 9999));
    let side = if frames.last < low {
        "before"
    } else if frames.first > high {
        "after"
    } else {
        ""
    };
    if !side.is_empty() {
        return Err(invalid(
            frames,
            format!(
                "every frame of {}..{} falls {side} the graph's data, which runs from {low} to {high}",
                frames.first, frames.last
            ),
            format!(
                "choose years within the data, such as `frames {}..{high}`",
                low.max(high - (MAX_FRAMES as i32 - 1))
            ),
        ));
    }
    let (mut before, mut after, mut dead, mut years) = (vec![], vec![], vec![], vec![]);
    for year in frames.years() {
        if year < low {
            before.push(year);
        } else if year > high {
            after.push(year);
        } else if !alive(graph, focus, year) {
            dead.push(year);
        } else {
            years.push(year);
        }
    }
    let life = focus.map(|f| {
        let actor = graph.actor(f);
        (actor.name.as_str(), actor.active.unwrap_or_default())
    });
    if years.is_empty() && dead.is_empty() {
        return Err(invalid(
            frames,
            format!(
                "no frame of {}..{} step {} falls within the graph's data, which runs from {low} to {high}",
                frames.first, frames.last, frames.step
            ),
            format!(
                "choose years within the data, such as `frames {}..{high}`",
                low.max(high - (MAX_FRAMES as i32 - 1))
            ),
        ));
    }
    if years.is_empty() {
        let (name, life) = life.unwrap_or_default();
        // Years within the data in which the focus may have been active.
        let lived: Vec<i32> = (low..=high).filter(|y| alive(graph, focus, *y)).collect();
        let help = match (lived.first(), lived.last()) {
            (Some(first), Some(last)) => format!(
                "choose years within its life and the graph's data, such as `frames {}..{last}`",
                (*first).max(last - (MAX_FRAMES as i32 - 1))
            ),
            _ => format!("it is not active in any year of the graph's data ({low}–{high})"),
        };
        return Err(invalid(
            frames,
            format!(
                "{name} is not active in any frame of {}..{} (its life: {life}): every frame would be empty",
                frames.first, frames.last
            ),
            help,
        ));
    }
    if years.len() > MAX_FRAMES {
        return Err(too_many(frames, &years));
    }
    let mut notes = Vec::new();
    let step = frames.step.max(1) as i32;
    if !before.is_empty() || !after.is_empty() {
        let skipped: Vec<i32> = before.into_iter().chain(after).collect();
        notes.push(format!(
            "no frame for {}: the graph's data runs from {low} to {high}",
            runs(&skipped, step)
        ));
    }
    if let (Some((name, life)), false) = (life, dead.is_empty()) {
        notes.push(format!(
            "no frame for {}: {name} is not active then (its life: {life})",
            runs(&dead, step)
        ));
    }
    Ok(Planned { years, notes })
}

/// Too many frames: says how many, and a step or a range that fits, both
/// within the years that have something to draw.
fn too_many(frames: &Frames, years: &[i32]) -> QueryError {
    let count = years.len();
    let step = frames.step.max(1);
    let (first, last) = (years[0], years[count - 1]);
    let wider = count.div_ceil(MAX_FRAMES) as u32 * step;
    let narrower = last - (MAX_FRAMES as i32 - 1) * step as i32;
    let within = if (first, last) == (frames.first, frames.last) {
        String::new()
    } else {
        format!(" with something to draw ({first}–{last})")
    };
    invalid(
        frames,
        format!(
            "{}..{} makes {count} frames{within}, more than the {MAX_FRAMES} a storyboard may hold",
            frames.first, frames.last
        ),
        format!(
            "draw every few years with a step (`frames {first}..{last} step {wider}`) or narrow \
             the range (`frames {narrower}..{last}`)"
        ),
    )
}

/// Years in runs: "2005–2011, 2015" (a run is years `step` apart).
fn runs(years: &[i32], step: i32) -> String {
    let mut parts: Vec<(i32, i32)> = Vec::new();
    for &year in years {
        match parts.last_mut() {
            Some((_, last)) if year - *last == step => *last = year,
            _ => parts.push((year, year)),
        }
    }
    parts
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
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

    #[test]
    fn skipped_years_are_named_in_runs() {
        assert_eq!(runs(&[2005, 2006, 2007, 2010], 1), "2005–2007, 2010");
        assert_eq!(runs(&[2005, 2008, 2011], 3), "2005–2011");
        assert_eq!(runs(&[2005, 2011], 3), "2005, 2011");
        assert_eq!(runs(&[2024], 1), "2024");
    }

    #[test]
    fn too_many_frames_suggests_a_step_and_a_range_within_the_years_kept() {
        let frames = Frames {
            first: 1900,
            last: 2024,
            step: 1,
            span: (0, 0),
        };
        let kept: Vec<i32> = (1980..=2024).collect();
        let error = too_many(&frames, &kept).to_string();
        assert!(
            error.contains("1900..2024 makes 45 frames with something to draw (1980–2024)"),
            "{error}"
        );
        let help = too_many(&frames, &kept).help.unwrap_or_default();
        assert!(help.contains("`frames 1980..2024 step 2`"), "{help}");
        assert!(help.contains("`frames 1995..2024`"), "{help}");
    }

    #[test]
    fn an_actors_life_is_data_and_decides_why_a_year_is_skipped() {
        use crate::model::{Actor, ActorKind, Confidence, Period, RelationId, Tie};
        // FLM lives from 2009, NRF from 2014; their one tie is of 2014–2016.
        let mut graph = Graph::new("Lives");
        let mut add = |id: &str, start: &str| {
            let mut actor = Actor::new(id, id.to_uppercase(), ActorKind::Group);
            actor.active = Some(Period {
                start: Some(start.parse().unwrap()),
                end: None,
            });
            graph.add_actor(actor).unwrap()
        };
        let (flm, nrf) = (add("flm", "2009"), add("nrf", "2014"));
        let year = |y: &str| Some(y.parse().unwrap());
        let tie = Tie::new(
            RelationId::HOSTILITY,
            year("2014"),
            year("2016"),
            Confidence::Confirmed,
        );
        graph.add_tie(flm, nrf, tie).unwrap();
        assert_eq!(data_years(&graph), Some((2009, 2016)));
        let frames = |first, last| Frames {
            first,
            last,
            step: 1,
            span: (0, 0),
        };
        // FLM's early years are within the data: drawn, FLM alone.
        let planned = plan(&graph, Some(flm), &frames(2010, 2016)).unwrap();
        assert_eq!(planned.years, (2010..=2016).collect::<Vec<_>>());
        assert!(planned.notes.is_empty(), "{:?}", planned.notes);
        // NRF's years before its life are skipped for that reason, not the data's.
        let planned = plan(&graph, Some(nrf), &frames(2010, 2016)).unwrap();
        assert_eq!(planned.years, (2014..=2016).collect::<Vec<_>>());
        assert_eq!(
            planned.notes,
            ["no frame for 2010–2013: NRF is not active then (its life: 2014–)"]
        );
    }
}
