//! Ties whose lines run on top of each other (see
//! [`placement::run_together`](super::super::placement::run_together)), or
//! across a title, named as the picture draws them, and the notes that
//! name them.

use std::collections::BTreeMap;

use super::Fit;

/// How far two ties' lines may run on top of each other on the page, in
/// points, before the eye loses which is which: half an inch.
pub const LONGEST_TOGETHER: f64 = 36.0;

/// How near an actor's outline a line may run along it on the page,
/// stroke to outline, and for how long, in points, before it reads as
/// that actor's tie: touching it for a sixth of an inch, within 6 pt for
/// half an inch, or within 12 pt for an inch and a half (a cold check's
/// line wrapped round the focus's box, 3 to 12 pt off it, for 3 inches).
const ALONG_ACTORS: [(f64, f64); 3] = [(2.0, 12.0), (6.0, LONGEST_TOGETHER), (12.0, 108.0)];

/// The most ties (or pairs) a note names.
const NAMED: usize = 5;

/// The first [`NAMED`] of `items`, each in words, "; "-joined, and how
/// many more: "A; B; C; D; E; and 2 more".
fn first_named<T>(items: &[T], words: impl Fn(&T) -> String) -> String {
    let mut named: Vec<String> = items.iter().take(NAMED).map(words).collect();
    if items.len() > named.len() {
        named.push(format!("and {} more", items.len() - named.len()));
    }
    named.join("; ")
}

impl Fit {
    /// What to say of ties whose lines run on top of each other; `None`
    /// when every line can be followed.
    pub fn together_note(&self) -> Option<String> {
        let count = match self.run_together.len() {
            0 => return None,
            1 => "1 pair of ties runs".to_string(),
            n => format!("{n} pairs of ties run"),
        };
        let named = first_named(&self.run_together, |(pair, inches)| {
            format!("{pair} ({inches:.1} in)")
        });
        Some(format!(
            "{count} on top of each other, so that neither line can be followed there: {named}; \
             fewer lines (`via`, a lower `depth`, a time window) part them, and each tie's \
             tooltip names it"
        ))
    }

    /// What to say of ties drawn across the title or a box's title, which
    /// read as struck out, or as ties of the box; `None` when none is.
    pub fn across_titles_note(&self) -> Option<String> {
        let count = match self.across_titles.len() {
            0 => return None,
            1 => "1 tie is".to_string(),
            n => format!("{n} ties are"),
        };
        let named = first_named(&self.across_titles, String::clone);
        let them = if self.across_titles.len() == 1 {
            "it"
        } else {
            "them"
        };
        Some(format!(
            "{count} drawn across the title or a box's title, which then reads struck out: {named}; \
             fewer lines (`via`, a lower `depth`, a time window) may route {them} clear"
        ))
    }

    /// What to say of ties whose lines run along an actor they do not
    /// join; `None` when none does.
    pub fn along_actors_note(&self) -> Option<String> {
        let count = match self.along_actors.len() {
            0 => return None,
            1 => "1 tie runs along an actor it does not join, and may be read as its tie".into(),
            n => {
                format!("{n} ties run along an actor they do not join, and may be read as its ties")
            }
        };
        let named = first_named(&self.along_actors, |(tie, inches)| {
            format!("{tie} ({inches:.1} in)")
        });
        let them = if self.along_actors.len() == 1 {
            "it"
        } else {
            "them"
        };
        Some(format!(
            "{count}: {named}; \
             fewer lines (`via`, a lower `depth`, a time window) may route {them} clear"
        ))
    }
}

/// The ties of `drawing` whose lines run along an actor they do not join
/// as near and as long as one of [`ALONG_ACTORS`] on a page `scale` times
/// its size, named as their tooltips name them, with the actor's name and
/// how far, in inches; the longest first.
pub(super) fn along_actors(
    drawing: &super::super::placement::Drawing,
    scale: f64,
) -> Vec<(String, f64)> {
    let scale = scale.max(1e-6);
    // Each (edge, actor) once, at its longest run in any of the tiers.
    let mut longest: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (clear, length) in ALONG_ACTORS {
        for run in super::super::placement::run_along_actors(drawing, clear / scale, length / scale)
        {
            let known = longest.entry((run.edge, run.actor)).or_default();
            *known = known.max(run.length);
        }
    }
    let mut runs: Vec<((usize, usize), f64)> = longest.into_iter().collect();
    runs.sort_by(|x, y| y.1.total_cmp(&x.1));
    runs.into_iter()
        .filter_map(|((edge, actor), length)| {
            let tie = tie_name(drawing.edges[edge].name.as_deref()?);
            let actor = &drawing.outlines[actor].name;
            Some((format!("{tie}, along {actor}"), length * scale / 72.0))
        })
        .collect()
}

/// A tie as its tooltip names it, without its dates; a members box's tie
/// by its box, as the picture labels it.
fn tie_name(name: &str) -> String {
    if let Some(parent) = name.strip_suffix("'s members:") {
        return format!("the {parent} members box's tie");
    }
    name.split(": ").next().unwrap_or(name).to_string()
}

/// The ties of `drawing` whose lines cross the title or a box's title
/// (its words, not the margin round them), named as their tooltips name
/// them, in the drawing's order.
pub(super) fn across_titles(drawing: &super::super::placement::Drawing) -> Vec<String> {
    // Graphviz's box round a title is a little larger than its words.
    const MARGIN: f64 = 3.0;
    drawing
        .edges
        .iter()
        .filter(|edge| {
            drawing
                .titles
                .iter()
                .any(|title| edge.curve.meets(&title.grow(-MARGIN)))
        })
        .filter_map(|edge| Some(tie_name(edge.name.as_deref()?)))
        .collect()
}

/// The pairs of `drawing`'s ties whose lines run on top of each other for
/// longer than [`LONGEST_TOGETHER`] on a page `scale` times its size,
/// named as their tooltips name the ties, with how far, in inches.
pub(super) fn together_as_drawn(
    drawing: &super::super::placement::Drawing,
    scale: f64,
) -> Vec<(String, f64)> {
    let tie = |index: usize| Some(tie_name(drawing.edges[index].name.as_deref()?));
    super::super::placement::run_together(drawing, LONGEST_TOGETHER / scale.max(1e-6))
        .into_iter()
        .filter_map(|run| {
            let (a, b) = (tie(run.edges.0)?, tie(run.edges.1)?);
            Some((format!("{a} and {b}"), run.length * scale / 72.0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::super::placement::{Curve, Drawing, DrawnEdge, Rect};
    use super::*;

    fn tie(name: &str, points: Vec<(f64, f64)>) -> DrawnEdge {
        DrawnEdge {
            id: None,
            name: Some(format!("{name}: since 2020")),
            curve: Curve::polyline(points).unwrap(),
            spline: None,
            turned: false,
            marks: (false, false),
            half_width: 1.0,
            label: None,
        }
    }

    /// The title's words span x 100–300 at y 500–520. A tie through them
    /// is named; one through the margin Graphviz leaves round them, or
    /// clear below, is not.
    #[test]
    fn a_tie_across_a_title_is_named_in_a_note() {
        let drawing = Drawing {
            titles: vec![Rect {
                x0: 100.0,
                y0: 500.0,
                x1: 300.0,
                y1: 520.0,
            }],
            edges: vec![
                tie(
                    "A hostility B",
                    vec![(50.0, 400.0), (200.0, 510.0), (350.0, 400.0)],
                ),
                tie("C alliance D", vec![(50.0, 501.0), (350.0, 501.0)]),
                tie("E hostility F", vec![(50.0, 450.0), (350.0, 450.0)]),
            ],
            ..Drawing::default()
        };
        let across = across_titles(&drawing);
        assert_eq!(across, ["A hostility B"]);
        let mut fit = Fit {
            across_titles: across,
            ..super::super::tests::measured(1.0, 20.0, [None; 5])
        };
        let note = fit.across_titles_note().unwrap();
        assert!(note.starts_with(
            "1 tie is drawn across the title or a box's title, which then reads struck out: \
             A hostility B; fewer lines"
        ));
        assert!(fit.report().contains(&format!("\nnote: {note}")));
        fit.across_titles = (1..=7).map(|k| format!("A{k} hostility B")).collect();
        let note = fit.across_titles_note().unwrap();
        assert!(note.starts_with("7 ties are drawn across"));
        assert!(note.contains("A5 hostility B; and 2 more; fewer lines"));
        fit.across_titles.clear();
        assert_eq!(fit.across_titles_note(), None);
    }

    #[test]
    fn a_tie_along_an_actor_is_named_in_a_note() {
        let mut fit = super::super::tests::measured(1.0, 20.0, [None; 5]);
        assert_eq!(fit.along_actors_note(), None);
        fit.along_actors = vec![("A hostility B, along Mali".into(), 0.74)];
        let note = fit.along_actors_note().unwrap();
        assert!(note.starts_with(
            "1 tie runs along an actor it does not join, and may be read as its tie: \
             A hostility B, along Mali (0.7 in); fewer lines"
        ));
        assert!(fit.report().contains(&format!("\nnote: {note}")));
        fit.along_actors
            .push(("C alliance D, along Niger".into(), 0.6));
        assert!(fit.along_actors_note().unwrap().starts_with(
            "2 ties run along an actor they do not join, and may be read as its ties: "
        ));
    }

    /// Nearer an actor a line may run along it for less: touching it for
    /// 20 pt, or 9 pt off it for 120 pt, reads as its tie (a cold check's
    /// line wrapped the focus so); 9 pt off it for 60 pt does not.
    #[test]
    fn the_nearer_a_line_runs_along_an_actor_the_sooner_it_is_named() {
        let mut mali = super::super::super::placement::ends::Outline::new(vec![
            (200.0, 0.0),
            (300.0, 0.0),
            (300.0, 100.0),
            (200.0, 100.0),
        ])
        .unwrap();
        mali.name = "Mali".into();
        // Down the actor's left side at x, from y0 to y1, from far off.
        let past = |name: &str, x: f64, y0: f64, y1: f64| {
            tie(
                name,
                vec![
                    (x - 150.0, y0 - 150.0),
                    (x, y0),
                    (x, y1),
                    (x - 150.0, y1 + 150.0),
                ],
            )
        };
        let drawing = Drawing {
            outlines: vec![mali],
            edges: vec![
                past("A hostility B", 198.5, 40.0, 60.0),
                past("C hostility D", 190.0, -10.0, 110.0),
                past("E hostility F", 190.0, 20.0, 80.0),
            ],
            ..Drawing::default()
        };
        let named: Vec<String> = along_actors(&drawing, 1.0)
            .into_iter()
            .map(|(tie, _)| tie)
            .collect();
        assert_eq!(
            named,
            ["C hostility D, along Mali", "A hostility B, along Mali"]
        );
    }
}
