//! Date labels, every shape of date and span in words.

use super::*;
use crate::diagram::sketch::Sketch;
use crate::model::{Actor, ActorKind, Confidence, Period, RelationId};

fn date(text: &str) -> PartialDate {
    text.parse().unwrap()
}

fn dates(start: Option<&str>, end: Option<&str>) -> TieDates {
    TieDates {
        start: start.map(date),
        end: end.map(date),
        ended_with: None,
    }
}

fn year(y: &str) -> Window {
    let d = date(y);
    Window::new(d.first_day(), d.last_day())
}

/// Every label, with every dated label shown.
fn all(start: Option<&str>, end: Option<&str>, state: TieState) -> String {
    date_label(&dates(start, end), state, Window::ALL, DateLabels::All).unwrap()
}

#[test]
fn every_shape_of_start_reads_plainly() {
    use TieState::Running;
    for (start, label) in [
        // Exact day, month, year.
        ("2017-03-02", "since 2 Mar 2017"),
        ("2023-01", "since Jan 2023"),
        ("2017", "since 2017"),
        // A range of possible days, at the coarsest precision its ends
        // fall on, whatever precision each is written in.
        // It "began" then: "since 2021–2022" would read as a tie
        // that ended in 2022.
        ("[2023-01..2023-01-23]", "began 1–23 Jan 2023"),
        ("[2022-12-28..2023-01-03]", "began 28 Dec 2022–3 Jan 2023"),
        ("[2022-11-20..2022-12-03]", "began 20 Nov–3 Dec 2022"),
        ("[2022-05..2022-08]", "began May–Aug 2022"),
        ("[2021-11..2022-08]", "began Nov 2021–Aug 2022"),
        ("[2021..2022]", "began 2021–2022"),
        ("[2021..2022-12]", "began 2021–Dec 2022"),
        ("[2022..2023-02]", "began 2022–Feb 2023"),
        ("[2023-01-01..2023-01-23]", "began 1–23 Jan 2023"),
        ("[2023-01..2023-01]", "since Jan 2023"),
        // Open on one side.
        ("[..2022-11]", "by Nov 2022"),
        ("[2014..]", "since 2014 or later"),
        // Approximate, uncertain, decade.
        ("2022-06~", "since c. Jun 2022"),
        // The source's own doubt in words: a trailing `?` is the
        // view's ("may not hold then").
        ("2022?", "since perhaps 2022"),
        ("2022-06%", "since perhaps c. Jun 2022"),
        ("201X", "since the 2010s"),
    ] {
        assert_eq!(all(Some(start), None, Running), label, "{start}");
    }
}

#[test]
fn every_shape_of_span_and_end_reads_plainly() {
    use TieState::*;
    for (start, end, label) in [
        (Some("2017"), Some("2022-11"), "2017–Nov 2022"),
        (Some("2016"), Some("2019"), "2016–2019"),
        (Some("2017-03-02"), Some("2017-03-02"), "on 2 Mar 2017"),
        (Some("2017-03"), Some("2017-03"), "in Mar 2017"),
        // A start known only to be on or before: its end says more.
        (Some("[..2022-11]"), Some("2022-11"), "until Nov 2022"),
        (None, Some("2022-11"), "until Nov 2022"),
        // An end known only to be on or before.
        (
            Some("[..2022-06]"),
            Some("[..2022-06]"),
            "ended by Jun 2022",
        ),
        (Some("2019"), Some("[..2022-06]"), "2019, ended by Jun 2022"),
        (Some("2016-04"), Some("[..2016-04]"), "in Apr 2016"),
        (Some("2019"), Some("[2022..]"), "2019–2022 or later"),
        // A range at either end: the span's joint is words, not a
        // dash beside the range's own.
        (
            Some("[2021-05..2021-08]"),
            Some("2022-11"),
            "began May–Aug 2021, ended Nov 2022",
        ),
        (
            Some("2017"),
            Some("[2022-05..2022-08]"),
            "2017, ended May–Aug 2022",
        ),
        (
            Some("[2016..2018]"),
            Some("[2020..2021]"),
            "began 2016–2018, ended 2020–2021",
        ),
        (
            Some("[2016..2018]"),
            Some("[..2019]"),
            "began 2016–2018, ended by 2019",
        ),
        (None, Some("[2022-05..2022-08]"), "ended May–Aug 2022"),
    ] {
        assert_eq!(all(start, end, Ended), label, "{start:?} {end:?}");
    }
    // Undated: said so, with a `?` when it may not hold.
    assert_eq!(all(None, None, Running), "undated");
    assert_eq!(all(None, None, Uncertain), "undated?");
    assert_eq!(all(Some("2017"), None, Uncertain), "since 2017?");
    // Both doubts, each in its own form.
    assert_eq!(all(Some("2022?"), None, Uncertain), "since perhaps 2022?");
    assert_eq!(
        date_label(
            &dates(Some("2017"), None),
            Running,
            Window::ALL,
            DateLabels::Off
        ),
        None
    );
}

#[test]
fn a_tie_ends_with_the_first_of_its_actors_to_end() {
    let mut s = Sketch::new("Lives");
    let lived = |s: &mut Sketch, id: &str, start: &str, end: &str| {
        let mut actor = Actor::new(id, id.to_uppercase(), ActorKind::Group);
        actor.active = Some(Period {
            start: Some(date(start)),
            end: Some(date(end)),
        });
        s.graph.add_actor(actor).unwrap()
    };
    let a = s.actor("a", ActorKind::Group, None);
    let b = lived(&mut s, "b", "2010", "2019");
    let c = lived(&mut s, "c", "2012", "2021-06");
    let ab = s.tie(
        a,
        b,
        RelationId::HOSTILITY,
        (Some(2016), None),
        Confidence::Confirmed,
    );
    let ac = s.tie(
        a,
        c,
        RelationId::ALLIANCE,
        (Some(2016), Some(2018)),
        Confidence::Confirmed,
    );
    let bc = s.tie(
        b,
        c,
        RelationId::ALLIANCE,
        (None, None),
        Confidence::Confirmed,
    );
    let ca = s.tie(
        c,
        a,
        RelationId::HOSTILITY,
        (Some(2018), None),
        Confidence::Confirmed,
    );
    let graph = s.graph;
    let label = |tie, state| {
        let dates = TieDates::of(&graph, graph.tie(tie).unwrap());
        (
            date_label(&dates, state, Window::ALL, DateLabels::All).unwrap(),
            dates.reason(),
        )
    };
    // Not "since 2016", nor "2016–2019": it had ended by the time B did.
    let (text, reason) = label(ab, TieState::Ended);
    assert_eq!(text, "2016, ended by 2019");
    assert_eq!(reason.unwrap(), "ended with B (active until 2019)");
    // Its own end stands.
    assert_eq!(label(ac, TieState::Ended), ("2016–2018".to_string(), None));
    // Undated, between two actors who ended: the earlier end.
    assert_eq!(label(bc, TieState::Ended).0, "ended by 2019");
    assert_eq!(label(ca, TieState::Ended).0, "2018, ended by Jun 2021");
    // Only in a window that holds it, under `dates changes`.
    let dates = TieDates::of(&graph, graph.tie(ab).unwrap());
    let changes = |y| date_label(&dates, TieState::Ended, year(y), DateLabels::Changes);
    assert_eq!(changes("2019").unwrap(), "ended by 2019");
    assert_eq!(changes("2018"), None);
}

#[test]
fn a_short_label_held_between_stacked_actors_takes_two_lines() {
    assert_eq!(split_in_two("by Feb 2023"), "by\nFeb 2023");
    assert_eq!(split_in_two("since 2017"), "since\n2017");
    // A span of ranges breaks after its comma, never inside a range.
    assert_eq!(
        on_two_lines("began 2017–2018, ended 3 Jun 2021"),
        "began 2017–2018,\nended 3 Jun 2021"
    );
    assert_eq!(
        on_two_lines("2017, ended May–Aug 2022"),
        "2017,\nended May–Aug 2022"
    );
    // Nowhere to break: it stays whole.
    assert_eq!(split_in_two("[3]"), "[3]");
    assert_eq!(split_in_two("Feb 2023"), "Feb 2023");
}

#[test]
fn a_long_label_takes_two_lines_broken_where_it_reads() {
    assert_eq!(on_two_lines("since Mar 2017"), "since Mar 2017");
    assert_eq!(on_two_lines("until Nov 2022?"), "until Nov 2022?");
    assert_eq!(on_two_lines("since c. Jun 2022"), "since\nc. Jun 2022");
    assert_eq!(
        on_two_lines("since perhaps Jun 2022"),
        "since\nperhaps Jun 2022"
    );
    assert_eq!(on_two_lines("since 20 Feb 2018"), "since\n20 Feb 2018");
    assert_eq!(
        on_two_lines("ended by 20 Feb 2018"),
        "ended by\n20 Feb 2018"
    );
    assert_eq!(on_two_lines("since 2014 or later"), "since\n2014 or later");
    assert_eq!(
        on_two_lines("began May 2022–Feb 2023"),
        "began May 2022–\nFeb 2023"
    );
    assert_eq!(on_two_lines("began 1–23 Jan 2023"), "began\n1–23 Jan 2023");
    assert_eq!(
        on_two_lines("2019, ended by Jun 2022"),
        "2019, ended\nby Jun 2022"
    );
    assert_eq!(
        on_two_lines("new: began 2022–Feb 2023"),
        "new: began 2022–\nFeb 2023"
    );
    assert_eq!(
        on_two_lines("began Nov 2021–Aug 2022"),
        "began Nov 2021–\nAug 2022"
    );
    assert_eq!(
        on_two_lines("undatedandlongerstill"),
        "undatedandlongerstill"
    );
}

#[test]
fn changes_shows_only_dates_inside_the_window() {
    let changes = |start, end, window| {
        date_label(
            &dates(start, end),
            TieState::Running,
            window,
            DateLabels::Changes,
        )
    };
    assert_eq!(changes(Some("2017"), None, year("2022")), None);
    assert_eq!(
        changes(Some("2017"), Some("2022-11"), year("2022")).unwrap(),
        "until Nov 2022"
    );
    assert_eq!(
        changes(Some("2022-03"), None, year("2022")).unwrap(),
        "since Mar 2022"
    );
    assert_eq!(changes(None, None, year("2022")), None);
    assert_eq!(changes(Some("[..2023-02]"), None, year("2022")), None);
}

/// A tie that ends only as an actor's life ends, known roughly
/// ("2022?", "c. 2022"), had ended by then: said so, never drawn as
/// the tie's own end (the cold check's "perhaps 2019–perhaps 2022").
#[test]
fn an_end_taken_from_an_actors_rough_end_reads_ended_by() {
    let by_actor = |start: Option<&str>, end: &str| {
        let dates = TieDates {
            ended_with: Some("Ansar".into()),
            ..dates(start, Some(end))
        };
        date_label(&dates, TieState::Ended, Window::ALL, DateLabels::All).unwrap()
    };
    assert_eq!(
        by_actor(Some("2019?"), "2022?"),
        "perhaps 2019, ended by perhaps 2022"
    );
    assert_eq!(
        by_actor(Some("2018-11"), "2022~"),
        "Nov 2018, ended by c. 2022"
    );
    assert_eq!(by_actor(None, "2022?"), "ended by perhaps 2022");
    assert_eq!(by_actor(Some("2016"), "2019"), "2016, ended by 2019");
}
