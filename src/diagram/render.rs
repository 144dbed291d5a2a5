//! Running Graphviz: DOT in on standard input, the picture out on standard
//! output, no shell, and no file written unless the whole picture came back.

use std::io::{ErrorKind, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::atomic::write_atomically;
use crate::model::{Graph, TieId};

pub(crate) use super::fit::Fit;
use super::fit::{layout_args, read_layout, Labels};
use super::view::View;
use super::{to_dot, DateLabels, DiagramError, DiagramSpec, OutputFormat, Page};

/// The Graphviz processes running now, so that a signal to actorgraph can
/// stop them too instead of leaving them running (see [`stop_graphviz`]).
static RUNNING: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

/// Stops every Graphviz process actorgraph started that is still running:
/// for the binary's signal handler, before it exits.
pub fn stop_graphviz() {
    let running = RUNNING.lock().map(|r| r.clone()).unwrap_or_default();
    for pid in running {
        #[cfg(unix)]
        if let Ok(pid) = libc::pid_t::try_from(pid) {
            // SAFETY: kill(2) takes a pid and a signal and touches no memory of ours.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
    }
}

/// The most ties a picture may hold: Graphviz takes minutes and gigabytes
/// on a million and the picture is unreadable long before. The
/// `ACTORGRAPH_MAX_PICTURE_TIES` environment variable raises it; DOT text
/// has no limit.
pub const MAX_PICTURE_TIES: usize = 5_000;

/// The limit on a picture's ties, as the environment sets it.
fn max_picture_ties() -> usize {
    std::env::var("ACTORGRAPH_MAX_PICTURE_TIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(MAX_PICTURE_TIES)
}

/// Writes the diagram to `path`: `.dot` as text, `.svg`/`.png`/`.pdf`
/// rendered by Graphviz `dot` (no shell), sized for the spec's page (a
/// 16:9 slide unless it names another). No partial file on failure. A
/// picture's [`Fit`] comes back, measured on Graphviz's layout; DOT text
/// gives none.
pub fn export(graph: &Graph, spec: &DiagramSpec, path: &Path) -> Result<Option<Fit>, DiagramError> {
    Ok(export_fitting(graph, spec, path, false)?.map(|(fit, _)| fit))
}

/// [`export`], and when `may_thin_dates` (the statement chose no `dates`),
/// the view has a time window, and a picture's text would be too small to
/// read with every date on its edge, with dates only where they change in
/// the view's window, if that
/// reads better: every date label is a row of text Graphviz must make room
/// for. Also says whether the dates were thinned so.
pub fn export_fitting(
    graph: &Graph,
    spec: &DiagramSpec,
    path: &Path,
    may_thin_dates: bool,
) -> Result<Option<(Fit, bool)>, DiagramError> {
    let format = OutputFormat::from_path(path)?;
    let view = View::select(graph, spec, &spec.filter);
    if view.actors.is_empty() {
        return Err(DiagramError::NothingToDraw(spec.time_label.clone()));
    }
    // DOT is written as it is made, never held whole in memory.
    if format == OutputFormat::Dot {
        crate::atomic::write_atomically_with(path, &mut |out| {
            super::dot::write_dot(graph, spec, out)
        })?;
        return Ok(None);
    }
    let ties = view.ties.len();
    // Each way of drawing a small view is tried; a large one is laid out
    // once, as every layout of it costs Graphviz seconds.
    let small = view.actors.len() <= MAX_ACTORS_TRIED;
    let limit = max_picture_ties();
    if ties > limit {
        return Err(DiagramError::TooLarge { ties, limit });
    }
    let sized = DiagramSpec {
        page: Some(spec.page.unwrap_or(Page::Slide)),
        ..spec.clone()
    };
    let (mut text, mut fit, mut choice, mut others) = fitted(graph, &sized, small)?;
    let mut thinned = false;
    // Without a time window, `dates changes` would only drop the
    // "undated" labels, the very caveat a reader needs.
    let windowed = spec.windowed();
    if small && may_thin_dates && windowed && !fit.readable() && sized.dates == DateLabels::All {
        let fewer = DiagramSpec {
            dates: DateLabels::Changes,
            ..sized.clone()
        };
        let (other_text, other_fit, other_choice, other_others) = fitted(graph, &fewer, small)?;
        if other_fit.text_points > fit.text_points + 0.05 {
            (text, fit, choice, others, thinned) =
                (other_text, other_fit, other_choice, other_others, true);
        }
    }
    let dates = if thinned {
        DateLabels::Changes
    } else {
        sized.dates
    };
    let page = sized.page.unwrap_or(Page::Slide);
    let placed = place_labels(&text)?;
    // Measured as drawn: `neato -n2` sizes the placed drawing itself.
    let fit = measure_pinned(&placed, page).unwrap_or(fit);
    let drawn = Drawn {
        spec: DiagramSpec { dates, ..sized },
        placed,
        fit,
    };
    let Drawn {
        spec: numbered,
        placed,
        mut fit,
    } = if small {
        with_numbered_dates(graph, drawn, choice, &others)
    } else {
        drawn
    };
    fit.fewer_dates = super::fewer_dates::FewerDates::left(dates, windowed);
    fit.numbered_dates = numbered.dates_by_number.len();
    super::styler::name_by_number(&mut fit, &numbered.dates_by_number);
    let mut args = vec!["-n2".to_string()];
    args.extend(render_args(format));
    let bytes = run_graphviz("neato", &args, &placed)?;
    write_atomically(path, &bytes)?;
    Ok(Some((fit, thinned)))
}

/// How many times a picture is laid out again with its crowded dates
/// drawn as numbers.
const NUMBERING_ROUNDS: usize = 5;

/// A picture as drawn: what it draws, its DOT with its labels placed, and
/// how it fits its page.
#[derive(Clone)]
struct Drawn {
    spec: DiagramSpec,
    placed: String,
    fit: Fit,
}

/// `drawn`, where its dates with no clear place beside their own lines
/// are drawn as numbers there and written out under the legend. The list
/// takes room, so the picture is laid out again, as it was chosen; a date
/// crowded in the new layout is numbered in turn, even when that layout
/// crowded as many (numbering the new one may clear it). The layout that
/// crowds fewest dates is kept, and none that reads worse. When the list
/// makes the chosen layout read worse, the `others` tried are laid out
/// with it in turn: a layout a little smaller unnumbered may hold the list
/// better.
fn with_numbered_dates(graph: &Graph, drawn: Drawn, choice: Choice, others: &[Choice]) -> Drawn {
    let page = drawn.spec.page.unwrap_or(Page::Slide);
    let first = drawn.fit.clone();
    let mut best = drawn;
    let mut latest = best.clone();
    let mut choices = std::iter::once(choice).chain(others.iter().copied());
    let mut choice = choices.next().unwrap_or(choice);
    let mut rounds = 0;
    // Whether the last numbering tried was given up as it shrank the text.
    let mut shrinks = false;
    while rounds < NUMBERING_ROUNDS {
        let numbered = &latest.spec.dates_by_number;
        // A number is one line high, and between two actors stacked in a
        // column that holds them a line apart: on a page too small to
        // read, under 0.2 in (JNIM depth 2 dates on). There such ties keep
        // their dates, in words on two lines.
        let in_words = if first.readable() {
            std::collections::BTreeSet::new()
        } else {
            super::labels::ties_within_a_column(graph, &latest.spec, choice.rows)
        };
        let crowded: Vec<TieId> = latest
            .fit
            .crowded_edges
            .iter()
            .filter_map(|key| super::scene::tie_of_key(key))
            .filter(|tie| !numbered.contains(tie) && !in_words.contains(tie))
            .collect();
        if crowded.is_empty() {
            break;
        }
        let mut spec = latest.spec.clone();
        spec.dates_by_number.extend(crowded);
        // A layout Graphviz cannot make, or one the list makes read worse,
        // gives way to the next way tried, while nothing is numbered yet.
        let laid = place_labels(&choice.dot(graph, &spec))
            .and_then(|placed| Ok((measure_pinned(&placed, page)?, placed)));
        let worse = laid
            .as_ref()
            .is_ok_and(|(fit, _)| fit.list_reads_worse_than(&first));
        let (fit, placed) = match laid {
            Ok((fit, placed)) if !worse => (fit, placed),
            _ if rounds == 0 => match choices.next() {
                Some(next) => {
                    choice = next;
                    continue;
                }
                None => {
                    shrinks = worse;
                    break;
                }
            },
            _ => {
                shrinks = worse;
                break;
            }
        };
        rounds += 1;
        latest = Drawn { spec, placed, fit };
        if latest.fit.crowded_labels < best.fit.crowded_labels {
            best = latest.clone();
        }
    }
    best.fit.numbering_shrinks = shrinks && best.fit.crowded_labels > 0;
    best
}

/// How much smaller a layout's text may be than the largest tried, for
/// its labels to stand clearer.
const NEARLY_AS_LARGE: f64 = 0.95;

/// The most actors a view may have for the export to try several layouts.
const MAX_ACTORS_TRIED: usize = 150;

/// How a picture's DOT was made: its focus layout's rows (`None` chooses
/// by the view's size), and whether its dates stand at the edges' ends.
#[derive(Clone, Copy, Debug, Default)]
struct Choice {
    rows: Option<usize>,
    at_ends: bool,
}

impl Choice {
    /// The DOT of `spec`, made so.
    fn dot(self, graph: &Graph, spec: &DiagramSpec) -> String {
        let make = || super::dot::to_dot_with_rows(graph, spec, self.rows);
        if self.at_ends {
            super::scene::with_labels_at_ends(make)
        } else {
            make()
        }
    }
}

/// The DOT of `spec` (sized for its page) whose text is largest on the
/// page, how it fits, and how it was made: when `try_all`, a focus layout
/// is laid out with columns of each height it may take (the fewest rows
/// among equals, as tried in order). Also the other ways tried that read
/// (up to [`OTHER_WAYS`]), the largest text first.
fn fitted(
    graph: &Graph,
    spec: &DiagramSpec,
    try_all: bool,
) -> Result<(String, Fit, Choice, Vec<Choice>), DiagramError> {
    let page = spec.page.unwrap_or(Page::Slide);
    if spec.focus.is_none() || !try_all {
        let text = to_dot(graph, spec);
        let fit = measure(&text, page)?;
        return Ok((text, fit, Choice::default(), Vec::new()));
    }
    let try_rows = |at_ends: bool| {
        let mut tried: Vec<(String, Fit, Choice)> = Vec::new();
        for rows in super::focus::ROWS {
            let choice = Choice {
                rows: Some(rows),
                at_ends,
            };
            let text = choice.dot(graph, spec);
            // A layout Graphviz cannot make is one fewer to choose from.
            let Ok(fit) = measure(&text, page) else {
                continue;
            };
            tried.push((text, fit, choice));
        }
        // The largest text; but a layout whose labels stand clearer wins
        // if its text is nearly as large (and as readable).
        let largest = tried.iter().map(|(_, f, _)| f.scale).fold(0.0, f64::max);
        let readable = tried.iter().any(|(_, f, _)| f.readable());
        let mut best: Option<usize> = None;
        for (index, (_, fit, _)) in tried.iter().enumerate() {
            if fit.scale < largest * NEARLY_AS_LARGE || (readable && !fit.readable()) {
                continue;
            }
            let better = best.is_none_or(|b| {
                let b = &tried[b].1;
                (fit.crowded_labels, -fit.scale) < (b.crowded_labels, -b.scale - 1e-6)
            });
            if better {
                best = Some(index);
            }
        }
        let best = best?;
        // Columns taller than the view need make the same DOT: each
        // layout is kept once.
        let mut seen = std::collections::BTreeSet::from([tried[best].0.as_str()]);
        let mut others: Vec<(f64, Choice)> = tried
            .iter()
            .filter(|(text, fit, _)| (!readable || fit.readable()) && seen.insert(text.as_str()))
            .map(|(_, fit, choice)| (fit.scale, *choice))
            .collect();
        others.sort_by(|a, b| b.0.total_cmp(&a.0));
        let others = others
            .into_iter()
            .take(OTHER_WAYS)
            .map(|(_, c)| c)
            .collect();
        let (text, fit, choice) = tried.swap_remove(best);
        Some((text, fit, choice, others))
    };
    // Graphviz 2.43 cannot route some layouts whose ties within a column
    // carry their dates on the edge: those dates then stand at an end.
    match try_rows(false).or_else(|| try_rows(true)) {
        Some(best) => Ok(best),
        None => {
            let text = to_dot(graph, spec);
            let fit = measure(&text, page)?;
            Ok((text, fit, Choice::default(), Vec::new()))
        }
    }
}

/// How many other ways of laying a picture out are kept, should its
/// numbered dates not fit the way chosen: each costs a layout.
const OTHER_WAYS: usize = 3;

/// How the drawing of `dot` (sized for `page`) fits it: Graphviz lays it
/// out once, and its plain layout gives the scale it applies, its JSON
/// every text and its size ([`super::fit`]).
pub fn measure(dot: &str, page: Page) -> Result<Fit, DiagramError> {
    let layout = run_graphviz("dot", &layout_args(), dot)?;
    read_layout(&String::from_utf8_lossy(&layout), page, Labels::ToPlace)
}

/// How a frame pinned in place (positions and routes given) fits `page`:
/// `neato -n2` lays it out as it will be drawn, once, and its every text
/// is measured as a single picture's is.
pub(crate) fn measure_pinned(dot: &str, page: Page) -> Result<Fit, DiagramError> {
    let mut args = vec!["-n2".to_string()];
    args.extend(layout_args());
    let layout = run_graphviz("neato", &args, dot)?;
    read_layout(&String::from_utf8_lossy(&layout), page, Labels::Drawn)
}

/// The bytes of `dot` in `format`: the text itself for [`OutputFormat::Dot`],
/// otherwise what Graphviz `dot` renders.
pub fn render_dot(dot: &str, format: OutputFormat) -> Result<Vec<u8>, DiagramError> {
    match format {
        OutputFormat::Dot => Ok(dot.as_bytes().to_vec()),
        _ => run_graphviz("dot", &render_args(format), dot),
    }
}

/// `dot` laid out, its date labels moved beside their own edges
/// ([`super::placement`]), for `neato -n2` to draw as laid out: `dot` lays
/// it out once and prints both its DOT (for drawing) and the layout's JSON
/// (for the geometry); the labels' new places are written into the DOT.
pub(crate) fn place_labels(dot: &str) -> Result<String, DiagramError> {
    let (laid, mut drawing) = laid_out("dot", &["-Tdot".to_string(), "-Tjson".to_string()], dot)?;
    let routes = super::placement::ends::spread_ends(&mut drawing);
    let placement = super::placement::place(&drawing);
    Ok(super::placement::relabel(
        &laid,
        &by_id(&drawing, &placement),
        &routes,
    ))
}

/// `program` run with `args` (`-Tdot` then `-Tjson`) on `dot`: the laid-out
/// DOT (for drawing) and the drawing read from the JSON (for the geometry).
fn laid_out(
    program: &str,
    args: &[String],
    dot: &str,
) -> Result<(String, super::placement::Drawing), DiagramError> {
    // DOT first: printed after the JSON it would carry the JSON's drawing
    // operations, which `neato -n2` would draw round again.
    let both = String::from_utf8_lossy(&run_graphviz(program, args, dot)?).into_owned();
    // The DOT ends with its graph's closing brace alone on a line; the
    // JSON's object opens on the next.
    let split = both
        .find("\n}\n{")
        .ok_or_else(|| DiagramError::Layout("no JSON after the laid-out DOT".into()))?;
    let (laid, json) = (&both[..split + 3], &both[split + 3..]);
    let drawing = super::placement::read::drawing(json.as_bytes())
        .ok_or_else(|| DiagramError::Layout("unreadable JSON layout".into()))?;
    Ok((laid.to_string(), drawing))
}

/// A storyboard frame pinned where the union stands (positions, routes and
/// the union's label places given), as drawn: its own actors, ties and
/// texts (a frame's "new:" is wider than the union's label), among which
/// its date labels are placed again, within the `corners` every frame
/// shares, so that no frame grows. Graphviz moves a pinned drawing to
/// start at its origin; where it put the first corner says by how much,
/// returned with the drawing.
pub(crate) fn pinned_drawing(
    dot: &str,
    corners: [(f64, f64); 2],
) -> Result<(super::placement::Drawing, (f64, f64)), DiagramError> {
    let json = run_graphviz("neato", &["-n2".to_string(), "-Tjson".to_string()], dot)?;
    let unreadable = || DiagramError::Layout("unreadable JSON layout".into());
    let mut drawing = super::placement::read::drawing(&json).ok_or_else(unreadable)?;
    let (x, y) = super::placement::read::node_at(&json, "frame:corner0").ok_or_else(unreadable)?;
    let [(x0, y0), (x1, y1)] = corners;
    let (dx, dy) = (x0 - x, y0 - y);
    // Graphviz sizes a label's box a little larger than its text.
    const LABEL_MARGIN: f64 = 4.0;
    drawing.area = Some(
        super::placement::Rect {
            x0: x,
            y0: y,
            x1: x1 - dx,
            y1: y1 - dy,
        }
        .grow(-LABEL_MARGIN),
    );
    Ok((drawing, (dx, dy)))
}

/// A pinned frame, `dot`, with its labels where `placement` puts them in
/// its `drawing` (moved back by `shift`, as [`pinned_drawing`] found it);
/// every other byte kept.
pub(crate) fn relabel_pinned(
    dot: &str,
    drawing: &super::placement::Drawing,
    placement: &super::placement::Placement,
    (dx, dy): (f64, f64),
) -> String {
    let mut places = by_id(drawing, placement);
    for (_, place) in places.values_mut() {
        place.at = (place.at.0 + dx, place.at.1 + dy);
    }
    // The routes are the union's, their ends spread there.
    super::placement::relabel(dot, &places, &Default::default())
}

/// The new place of each label of `drawing`, as `placement` places it,
/// by its edge's `id`.
fn by_id(
    drawing: &super::placement::Drawing,
    placement: &super::placement::Placement,
) -> std::collections::HashMap<String, (&'static str, super::placement::Placed)> {
    drawing
        .edges
        .iter()
        .zip(&placement.places)
        .filter_map(|(edge, place)| Some((edge.id.clone()?, (edge.label?.key, (*place)?))))
        .collect()
}

/// Graphviz arguments for a picture format; PNGs get 144 dpi, so a 16:9
/// slide is 1920 × 1080 pixels.
pub(crate) fn render_args(format: OutputFormat) -> Vec<String> {
    let mut args = vec![format!("-T{}", format.extension())];
    if format == OutputFormat::Png {
        args.push("-Gdpi=144".into());
    }
    args
}

/// Runs a Graphviz program on `input`, returning its standard output.
pub(crate) fn run_graphviz(
    program: &str,
    args: &[String],
    input: &str,
) -> Result<Vec<u8>, DiagramError> {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| match source.kind() {
            ErrorKind::NotFound => DiagramError::DotMissing {
                program: program.to_string(),
            },
            _ => DiagramError::DotIo {
                program: program.to_string(),
                source,
            },
        })?;
    let pid = child.id();
    if let Ok(mut running) = RUNNING.lock() {
        running.push(pid);
    }
    let output = wait_for(child, program, input);
    if let Ok(mut running) = RUNNING.lock() {
        running.retain(|p| *p != pid);
    }
    output
}

/// Feeds `input` to the running `child` and reads its picture back.
fn wait_for(
    mut child: std::process::Child,
    program: &str,
    input: &str,
) -> Result<Vec<u8>, DiagramError> {
    let mut stdin = child.stdin.take().expect("stdin was piped");
    let input = input.as_bytes().to_vec();
    // Write from another thread so a large picture on stdout cannot block us.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .map_err(|source| DiagramError::DotIo {
            program: program.to_string(),
            source,
        })?;
    let written = writer.join().unwrap_or(Ok(()));
    if !output.status.success() {
        return Err(DiagramError::DotFailed {
            program: program.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    written.map_err(|source| DiagramError::DotIo {
        program: program.to_string(),
        source,
    })?;
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_graphviz_says_how_to_install_it() {
        let error = run_graphviz("actorgraph-no-such-graphviz", &[], "digraph {}").unwrap_err();
        assert!(matches!(error, DiagramError::DotMissing { .. }));
        let message = error.to_string();
        assert!(message.contains("apt-get install graphviz"), "{message}");
        assert!(message.contains("brew install graphviz"), "{message}");
    }
}
