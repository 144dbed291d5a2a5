//! Issue 12: a view or a storyboard that would draw nothing is refused with
//! the reason, not written as a blank picture that claims a text size; the
//! years of a storyboard with nothing to draw are skipped, with a note; a
//! view after the graph's date says its ties are only possible. On
//! tests/data/diagram/varnia.ron: ORF is active from 2012, the data runs
//! from 2010 to 2024, the graph is as of 2024-03.

use super::slide::measure;
use super::*;

pub(super) const VARNIA: &str = "tests/data/diagram/varnia.ron";

fn varnia(words: &str) -> Test {
    Test::new().args(&["-g", VARNIA]).words(words)
}

#[test]
fn a_view_before_its_focus_existed_is_refused_and_nothing_is_written() {
    for (time, file) in [("as of 2011", "out.png"), ("during 2011", "out.dot")] {
        let output = varnia(&format!("export dot ORF {time} to $TMP/{file}"))
            .failure()
            .stderr_matches(move |err| {
                err.contains(&format!(
                    "Oriental Revolutionary Front is not active {time} (its life: 2012–): the \
                     picture would draw nothing"
                )) && err.contains("^^^")
            })
            .run();
        assert!(!output.path(file).exists(), "{file} was written");
    }
}

#[test]
fn a_view_of_all_with_no_actor_alive_is_refused() {
    let graph = "(title: \"Short lives\", as_of: \"2024-03\", actors: [\
        (id: \"a\", name: \"Alpha\", kind: group, active: (start: \"2010\", end: \"2012\")),\
        (id: \"b\", name: \"Beta\", kind: group, active: (start: \"2010\", end: \"2012\"))], \
        ties: [(from: \"a\", to: \"b\", relation: \"alliance\", start: \"2010\", end: \"2012\", \
        confidence: confirmed)])";
    let output = Test::new()
        .write("short.ron", graph)
        .args(&["-g", "$TMP/short.ron"])
        .words("export dot all as of 2020 to $TMP/all.dot")
        .failure()
        .stderr_matches(|err| {
            err.contains("nothing to draw as of 2020: no actor of the view is active then")
        })
        .run();
    assert!(!output.path("all.dot").exists());
}

#[test]
fn a_storyboard_in_which_the_focus_never_exists_is_refused() {
    let output = varnia("export dot ORF frames 2010..2011 to $TMP/fe/*.png")
        .failure()
        .stderr_matches(|err| {
            err.contains(
                "Oriental Revolutionary Front is not active in any frame of 2010..2011 (its \
                 life: 2012–): every frame would be empty",
            ) && err.contains("`frames 2012..2024`")
        })
        .run();
    assert!(!output.path("fe").exists(), "a folder was made");
    // Frames that all miss the data are refused for that reason.
    varnia("export dot ORF frames 1900..2024 step 50 to $TMP/f/")
        .failure()
        .stderr_matches(|err| {
            err.contains(
                "no frame of 1900..2024 step 50 falls within the graph's data, which runs from \
                 2010 to 2024",
            ) && err.contains("`frames 2010..2024`")
        })
        .run();
}

#[test]
fn a_storyboard_skips_the_years_with_nothing_to_draw_and_says_so() {
    if !graphviz() {
        return;
    }
    let output = varnia("export dot ORF frames 2005..2013 to $TMP/fm/*.svg")
        .stdout_matches(|out| {
            out.starts_with("wrote 2 frames:")
                && out.contains(
                    "note: no frame for 2005–2009: the graph's data runs from 2010 to 2024",
                )
                && out.contains(
                    "note: no frame for 2010–2011: Oriental Revolutionary Front is not active \
                     then (its life: 2012–)",
                )
        })
        .run();
    let written: Vec<String> = std::fs::read_dir(output.path("fm"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(written, ["orf-2012.svg", "orf-2013.svg"]);
    for file in &written {
        let svg = std::fs::read_to_string(output.path(&format!("fm/{file}"))).unwrap();
        // A full slide: the title, the legend, the footer.
        assert!(
            svg.contains("Oriental Revolutionary Front and its ties"),
            "{file}"
        );
        assert!(svg.contains("Ties drawn in 2012–2013"), "{file}");
        assert!(svg.contains("Data as of March 2024"), "{file}");
        let frame = measure(svg);
        // A slide's shape, and not the 674 pt a title-only frame took (a
        // full drawing is 850–960 pt wide, as the shapes of its actors make it).
        assert!(
            (frame.width / frame.height - 16.0 / 9.0).abs() < 0.01 && frame.width > 800.0,
            "{file}: {} × {}",
            frame.width,
            frame.height
        );
    }
    // Years before the data are skipped, not refused: no suggestion outside it.
    varnia("export dot ORF frames 1900..2024 step 3 to $TMP/f3/*.dot")
        .stdout_matches(|out| {
            out.starts_with("wrote 4 frames:")
                && out.contains("orf-2014.dot")
                && out.contains("no frame for 1900–2008: the graph's data runs from 2010 to 2024")
                && out.contains("no frame for 2011: Oriental Revolutionary Front is not active")
        })
        .run();
    // One frame shows no change, and says how to draw more.
    varnia("export dot ORF frames 2012..2024 step 99 to $TMP/one/")
        .stdout_matches(|out| {
            out.starts_with("wrote 1 frame:\n")
                && out.contains("\nnote: one frame only, so nothing is seen to change")
        })
        .run();
}

#[test]
fn a_storyboard_range_written_backwards_suggests_it_forwards() {
    varnia("export dot ORF frames 2024..2012 to $TMP/f/")
        .failure()
        .stderr_matches(|err| {
            err.contains("the end date comes before the start date")
                && err.contains("write the earlier year first: `frames 2012..2024`")
        })
        .run();
}

#[test]
fn a_storyboard_to_one_file_is_refused_with_how_to_name_frames() {
    for file in ["f.svg", "f.PNG", "f.dot"] {
        let output = varnia(&format!(
            "export dot ORF frames 2012..2014 to $TMP/out/{file}"
        ))
        .failure()
        .stderr_matches(move |err| {
            let extension = file.split('.').nth(1).unwrap();
            err.contains(&format!(
                "/out/{file}` names one file, but a storyboard writes"
            )) && err.contains(&format!("/out/*.{extension}`"))
                && err.contains("/out/f/`")
        })
        .run();
        assert!(
            !output.path(&format!("out/{file}")).exists(),
            "{file} was made"
        );
    }
}

#[test]
fn a_view_after_the_graphs_date_says_its_ties_are_only_possible() {
    let note = "note: the graph's knowledge ends at 2024-03: a tie ongoing then is only \
                possibly active after it";
    let output = varnia("export dot ORF as of 2025 to $TMP/orf.dot")
        .stdout_matches(move |out| out.starts_with("wrote ") && out.contains(note))
        .run();
    let dot = std::fs::read_to_string(output.path("orf.dot")).unwrap();
    let text = footer(&dot);
    assert!(
        text.contains(
            "Data as of March 2024: the view&#39;s time is after it, so its ties are possible, \
             not confirmed."
        ),
        "{text}"
    );
    // Within the data, no caveat.
    let output = varnia("export dot ORF as of 2024-03 to $TMP/now.dot")
        .stdout_matches(|out| !out.contains("knowledge ends"))
        .run();
    let dot = std::fs::read_to_string(output.path("now.dot")).unwrap();
    assert!(footer(&dot).ends_with("Data as of March 2024."), "{dot}");
}

/// The footer's text, its wrapped lines joined: from "Sources:" on.
fn footer(dot: &str) -> String {
    let text: Vec<&str> = dot
        .lines()
        .filter_map(|line| line.split("<FONT POINT-SIZE=\"15\">").nth(1))
        .filter_map(|rest| rest.split("</FONT>").next())
        .collect();
    let joined = text.join(" ");
    joined
        .find("Sources:")
        .map_or(joined.clone(), |at| joined[at..].to_string())
}
