//! Where a tie's date label sits: on its edge (`label` with `decorate`),
//! once for ties between the same two actors with the same dates, and at
//! an end of a tie within a column only when Graphviz cannot route it.

use std::collections::BTreeSet;

use crate::model::{Graph, TieId};

use super::canvas::{Attrs, Scene};
use super::cluster::Nesting;
use super::scene::{build_deferred, DeferredTie};
use super::view::View;
use super::DiagramSpec;

thread_local! {
    /// Whether ties within a column carry their dates at an end (see
    /// [`label_beside_flat`]), for a layout Graphviz could not make with
    /// them on the edge.
    static LABELS_AT_ENDS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `make`, with every tie within a column dated at an end instead of on
/// its edge.
pub(crate) fn with_labels_at_ends<T>(make: impl FnOnce() -> T) -> T {
    LABELS_AT_ENDS.with(|at_ends| at_ends.set(true));
    let made = make();
    LABELS_AT_ENDS.with(|at_ends| at_ends.set(false));
    made
}

/// A tie between two actors of one column keeps its date on the edge, as
/// every other does (`label` with `decorate`): an external label floats
/// free of its edge, nearer others than its own. Graphviz 2.43 sometimes
/// cannot route such a layout ("triangulation failed"); the export then
/// lays it out again [`with_labels_at_ends`], each such date beside the
/// tie's end at the actor with fewer ties (by `degree`; the head when
/// even), as a head or tail label, where no other edge comes near it.
///
/// A tie running left to right, with the columns, also ranks (the default
/// in a focus layout is not to): its weight then draws it straight, where
/// a tie that left ranking alone was free to loop over the picture.
pub(crate) fn label_beside_flat(
    scene: &Scene,
    from: usize,
    to: usize,
    attrs: &mut Attrs,
    degree: &dyn Fn(usize) -> usize,
) {
    let (Some(a), Some(b)) = (scene.columns.get(&from), scene.columns.get(&to)) else {
        return;
    };
    if a < b {
        attrs.push(("constraint", "true".into()));
        return;
    }
    if a != b {
        return;
    }
    if LABELS_AT_ENDS.with(std::cell::Cell::get) {
        date_at_an_end(from, to, attrs, degree);
    }
    // A date on the edge holds the two apart by its height: on two lines.
    // A number ("[3]") stays on one: an empty line under it held them
    // apart too, but Graphviz then routed another tie through an actor
    // of the column (CMA's to Mali, JNIM depth 2).
    for (key, value) in attrs.iter_mut() {
        if *key == "label" && !value.contains('\n') {
            *value = super::dates::split_in_two(value);
        }
    }
    // Two actors stacked in a column sit a node gap apart, and a tie
    // between them with no date on it (`dates off`, or a date thinned or
    // set at an end) is drawn straight across that gap: a stub. Leaving
    // and entering on the column's outer side (the focus's column: its
    // right), it is drawn as an arc beside the column that reads as a tie,
    // and takes no room. A date on the edge holds the two apart itself;
    // with ports too, Graphviz sets it off its arc.
    // A box's tie (`ltail`, `lhead`) takes no ports: Graphviz 2.43 cannot
    // clip a compound edge with ports on one rank, and aborts.
    let boxed = attrs
        .iter()
        .any(|(key, _)| matches!(*key, "ltail" | "lhead"));
    if !boxed && !attrs.iter().any(|(key, _)| *key == "label") {
        let side = if *a < 0 { "w" } else { "e" };
        attrs.push(("tailport", side.into()));
        attrs.push(("headport", side.into()));
    }
}

/// A tie within a column dated beside an end (see [`label_beside_flat`]).
fn date_at_an_end(from: usize, to: usize, attrs: &mut Attrs, degree: &dyn Fn(usize) -> usize) {
    attrs.retain(|(key, _)| *key != "decorate");
    let end = if degree(from) < degree(to) {
        "taillabel"
    } else {
        "headlabel"
    };
    let mut labelled = false;
    for (key, _) in attrs.iter_mut() {
        if *key == "label" {
            *key = end;
            labelled = true;
        }
    }
    if labelled {
        // Clear of the node's outline, turned off the line's own path.
        attrs.push(("labeldistance", "1.6".into()));
        attrs.push(("labelangle", "30".into()));
    }
}

/// Ties between the same two actors with the same dates carry them once,
/// on the first: Graphviz may draw such ties along one path (two ties in
/// one column always), and two equal labels side by side say no more.
/// Ties are drawn sorted by their ends, so such ties follow each other:
/// `previous` holds the last labelled tie's ends and label, and a label
/// that repeats it is taken off `attrs`.
pub(crate) fn say_dates_once(
    previous: &mut Option<(usize, usize, String)>,
    from: usize,
    to: usize,
    attrs: &mut Attrs,
) {
    let Some((_, label)) = attrs.iter().find(|(k, _)| *k == "label") else {
        return;
    };
    let said = (from.min(to), from.max(to), label.clone());
    if previous.as_ref() == Some(&said) {
        attrs.retain(|(key, _)| !matches!(*key, "label" | "decorate"));
    } else {
        *previous = Some(said);
    }
}

/// The ties `spec`'s focus layout with `rows` per column draws between two
/// actors of one column: on a page too small to read, such a tie's date is
/// left in words, whose two lines hold the two actors apart where a number
/// ("[3]") held them too little (a 0.15 in stub between stacked actors in
/// JNIM depth 2 `dates on`).
pub(crate) fn ties_within_a_column(
    graph: &Graph,
    spec: &DiagramSpec,
    rows: Option<usize>,
) -> BTreeSet<TieId> {
    let view = View::select(graph, spec, &spec.filter);
    let (scene, deferred) = build_deferred(graph, spec, &view, Nesting::Subgroups, rows);
    let column = |node: u32| scene.columns.get(&(node as usize));
    deferred
        .ties
        .iter()
        .filter_map(|tie| match *tie {
            DeferredTie::Tie(from, to, id) => {
                (column(from).is_some() && column(from) == column(to)).then_some(id)
            }
            DeferredTie::Styled(_) => None,
        })
        .collect()
}
