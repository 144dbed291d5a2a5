use super::*;

/// A layout as Graphviz prints it, at scale 0.5.
const LAYOUT: &str = r#"graph 0.5 10 6
node a:x 1 1 1 1 X solid box black white
stop
{
  "name": "g",
  "_ldraw_": [
{"op": "F", "size": 14.0, "face": "Helvetica"},
{"op": "T", "pt": [10, 80], "align": "l", "width": 20, "text": "Ties"},
{"op": "T", "pt": [10, 40], "align": "l", "width": 20, "text": "Sources: CTP, Feb 2023."},
{"op": "F", "size": 12.0, "face": "Helvetica"},
{"op": "T", "pt": [10, 20], "align": "l", "width": 20, "text": "Data as of February 2023."}
  ],
  "objects": [
{"name": "cluster:drawing", "_ldraw_": [{"op": "F", "size": 22.0, "face": "Helvetica"},
  {"op": "T", "pt": [0, 0], "align": "c", "width": 9, "text": "X and its ties"}]},
{"name": "a:x", "_ldraw_": [{"op": "F", "size": 20.0, "face": "Helvetica"},
  {"op": "T", "pt": [0, 0], "align": "c", "width": 9, "text": "X"}]},
{"name": "column:0"}
  ],
  "edges": [
{"_hldraw_": [{"op": "F", "size": 18.0, "face": "Helvetica"},
  {"op": "T", "pt": [0, 0], "align": "c", "width": 9, "text": "since 2017"}]}
  ]
}"#;

/// A picture measured at `scale` on a slide, with node text `nodes` and
/// every kind's smallest text `sizes`; nothing crowded or run together.
pub(super) fn measured(scale: f64, nodes: f64, sizes: [Option<f64>; 5]) -> Fit {
    Fit {
        page: Page::Slide,
        scale,
        text_points: nodes,
        sizes,
        crowded_labels: 0,
        fewer_dates: FewerDates::default(),
        crowded_ties: Vec::new(),
        crowded_edges: Vec::new(),
        numbered_dates: 0,
        numbering_shrinks: false,
        run_together: Vec::new(),
        across_titles: Vec::new(),
        along_actors: Vec::new(),
    }
}

#[test]
fn every_kind_of_text_is_measured_once_scaled() {
    let fit = read_layout(LAYOUT, Page::Slide, Labels::Drawn).unwrap();
    assert_eq!(fit.scale, 0.5);
    assert_eq!(
        fit.measured(),
        vec![
            (TextKind::Nodes, 10.0),
            (TextKind::Dates, 9.0),
            (TextKind::Titles, 11.0),
            (TextKind::Legend, 7.0),
            (TextKind::Footer, 6.0),
        ]
    );
    assert_eq!(fit.text_points, 10.0);
    // Each kind under its floor is warned of, with what to do.
    let report = fit.report();
    assert!(report.starts_with(
        "sized for a 16:9 slide (13.33 × 7.5 in), node text 10.0 pt, date labels 9.0 pt, \
         titles 11.0 pt, legend 7.0 pt, sources 6.0 pt\n"
    ));
    assert_eq!(report.matches("\nwarning: ").count(), 1, "{report}");
    assert!(report.contains(
        "\nwarning: node text is 10.0 pt on the 16:9 slide (13.33 × 7.5 in), under the 14 pt \
         a slide needs; date labels 9.0 pt, under 12 pt; titles 11.0 pt, under 12 pt; legend \
         7.0 pt, under 10 pt; sources 6.0 pt, under 10 pt: show fewer dates with `dates \
         changes`"
    ));
    assert!(report.contains("`via`"));
    assert!(!fit.readable());
}

#[test]
fn text_at_its_floor_warns_of_nothing() {
    let fit = measured(0.7, 14.0, [Some(14.0), Some(12.0), None, Some(9.96), None]);
    assert!(fit.readable());
    assert!(!fit.report().contains("warning"));
}

#[test]
fn frames_report_each_kinds_smallest_and_the_frame_reading_worst() {
    let fit = |nodes: f64, dates: Option<f64>| {
        measured(
            nodes / 20.0,
            nodes,
            [Some(nodes), dates, Some(13.0), Some(10.5), Some(10.5)],
        )
    };
    let (least, measured) =
        fit_of_frames(&[(2017, fit(14.5, None)), (2020, fit(14.5, Some(11.0)))]).unwrap();
    assert_eq!(least.smallest(TextKind::Dates), Some(11.0));
    assert_eq!(
        measured,
        Measured::Frames {
            alike: true,
            worst: 2020
        }
    );
    let report = least.report_as(measured);
    assert!(
        report.starts_with(
            "frames sized for a 16:9 slide (13.33 × 7.5 in), node text 14.5 pt, date labels \
             11.0 pt, titles 13.0 pt, legend 10.5 pt, sources 10.5 pt in every frame\n\
             warning: date labels are 11.0 pt on the 16:9 slide (13.33 × 7.5 in) in every \
             frame, under the 12 pt a slide needs: show fewer dates"
        ),
        "{report}"
    );
    assert!(report.contains("fewer years"), "{report}");
    // Frames measured apart name the one reading worst.
    let (least, measured) =
        fit_of_frames(&[(2017, fit(13.0, None)), (2020, fit(14.5, Some(12.5)))]).unwrap();
    assert_eq!(least.text_points, 13.0);
    assert!(least
        .report_as(measured)
        .contains("sources 10.5 pt at the smallest, the 2017 frame reading worst\n"));
    assert_eq!(fit_of_frames(&[]), None);
}

#[test]
fn a_list_of_numbered_dates_may_not_push_text_under_its_floor_nor_much_further() {
    let fit = |nodes: f64| {
        measured(
            nodes / 20.0,
            nodes,
            [Some(nodes), Some(12.0), Some(13.0), Some(10.5), Some(10.5)],
        )
    };
    // Readable before: the list may shrink the text down to the floor.
    assert!(!fit(14.0).list_reads_worse_than(&fit(16.0)));
    assert!(fit(13.9).list_reads_worse_than(&fit(16.0)));
    // Under the floor already: by 5 % at most.
    assert!(!fit(9.5).list_reads_worse_than(&fit(10.0)));
    assert!(fit(9.4).list_reads_worse_than(&fit(10.0)));
}

#[test]
fn ties_running_together_are_named_longest_first_up_to_five() {
    let mut fit = read_layout(LAYOUT, Page::Slide, Labels::Drawn).unwrap();
    assert_eq!(fit.together_note(), None);
    fit.run_together = (1..=7)
        .map(|k| {
            (
                format!("A{k} alliance B and C hostility D"),
                2.0 - k as f64 / 10.0,
            )
        })
        .collect();
    let note = fit.together_note().unwrap();
    assert!(
        note.starts_with(
            "7 pairs of ties run on top of each other, so that neither line can be followed \
             there: A1 alliance B and C hostility D (1.9 in); A2"
        ),
        "{note}"
    );
    assert!(note.contains("A5 alliance B and C hostility D (1.5 in); and 2 more; fewer lines"));
    assert!(fit.report().contains(&format!("\nnote: {note}")));
}

/// A storyboard names each run once, at the longest any frame draws it,
/// the longest first: pairs of ties together and ties along an actor.
#[test]
fn a_storyboard_names_each_run_once_at_its_longest() {
    let frame = |together: &[(&str, f64)], along: &[(&str, f64)]| Fit {
        run_together: together.iter().map(|(n, i)| (n.to_string(), *i)).collect(),
        along_actors: along.iter().map(|(n, i)| (n.to_string(), *i)).collect(),
        ..measured(1.0, 20.0, [None; 5])
    };
    let (fit, _) = fit_of_frames(&[
        (2019, frame(&[("A and B", 0.6)], &[("C, along D", 0.9)])),
        (
            2020,
            frame(
                &[("A and B", 0.8), ("E and F", 1.2)],
                &[("C, along D", 0.7)],
            ),
        ),
    ])
    .unwrap();
    assert_eq!(
        fit.run_together,
        [("E and F".to_string(), 1.2), ("A and B".to_string(), 0.8)]
    );
    assert_eq!(fit.along_actors, [("C, along D".to_string(), 0.9)]);
}
