//! Storyboards: one diagram per year, every actor pinned where a single
//! layout of all the years together put it, so slides animate without nodes
//! jumping. The union is laid out once by `dot` (by role around a focus,
//! each edge routed around every actor); each frame is drawn by `neato -n2`
//! at those positions and along those routes, with invisible corner anchors
//! giving every frame the same canvas, shaped like its page.

mod numbered;
mod select;
mod time;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::atomic::write_all_atomically;
use crate::model::{Graph, TieFilter, TieId, Window};

use super::canvas::Scene;
use super::dot::{print, Naming, Pinned};
use super::fit::{fit_of_frames, Fit, Measured};
use super::layout::{lay_out, Layout};
use super::legend::{Contents, Marker};
use super::render::{measure_pinned, pinned_drawing, relabel_pinned, render_args, run_graphviz};
use super::scene;
use super::style;
use super::view::{View, ViewTime};
use super::{DiagramError, DiagramSpec, OutputFormat, Page};
use numbered::{with_numbered_dates, Frames};
use select::{select_frames, year_window, Selected};
use time::new_in_each_frame;

/// Margin around the union's drawing, in points, kept in every frame.
const MARGIN: f64 = 12.0;

/// The frames written, and how they fit their page.
#[derive(Clone, Debug, PartialEq)]
pub struct Storyboard {
    /// The files written, first year first.
    pub paths: Vec<PathBuf>,
    /// How the frames fit the page: the smallest text of each kind in any
    /// frame, and the year of the frame whose text reads worst (furthest
    /// under its floor); `None` for DOT text without a page.
    pub fit: Option<(Fit, i32)>,
    /// Whether every frame's text measured the same (one canvas, one scale).
    pub alike: bool,
    /// The ties a focus storyboard leaves out of a frame that draws both
    /// their actors (as its depth walks no further), each with the years of
    /// those frames.
    pub not_walked: BTreeMap<TieId, Vec<i32>>,
}

impl Storyboard {
    /// "frames sized for a 16:9 slide (13.33 × 7.5 in), node text 14.0 pt,
    /// date labels 12.6 pt, … in every frame" (or "at the smallest, the
    /// 2023 frame reading worst"), and a warning on a line of its own,
    /// worded as a single picture's, of each kind of text too small to
    /// read; empty without a fit.
    pub fn report(&self) -> String {
        let Some((fit, worst)) = &self.fit else {
            return String::new();
        };
        fit.report_as(Measured::Frames {
            alike: self.alike,
            worst: *worst,
        })
    }
}

/// One diagram per year in `years`, each actor pinned at the position and
/// each tie drawn along the route of a single layout of the union (laid
/// out by role around a focus, as single pictures are); files named
/// `<focus-id-or-all>-<year>.<ext>` in `dir` (created if missing). `format`
/// chooses the extension. Frames replace the spec's time window with their
/// year. Pictures are sized for the spec's page (a 16:9 slide unless it
/// names another), every frame on one canvas of the page's shape. Every
/// frame is rendered before any file is written.
pub fn storyboard(
    graph: &Graph,
    spec: &DiagramSpec,
    years: impl IntoIterator<Item = i32>,
    dir: &Path,
    format: OutputFormat,
) -> Result<Storyboard, DiagramError> {
    let years: Vec<i32> = years.into_iter().collect();
    let (Some(&start), Some(&end)) = (years.first(), years.last()) else {
        return Err(DiagramError::NoFrames);
    };
    // Pictured frames fit a page as single pictures do; all share one
    // extent, so one scale.
    let sized = DiagramSpec {
        page: spec
            .page
            .or((format != OutputFormat::Dot).then_some(Page::Slide)),
        ..spec.clone()
    };
    let spec = &sized;
    let networks = style::network_indexes(graph);
    let Selected {
        frames,
        union,
        not_walked,
    } = select_frames(graph, spec, &years)?;
    // One legend for every frame: what any of them draws, each at its time.
    let mut legend = Contents::default();
    for (_, frame_spec, view) in &frames {
        let time = ViewTime::of(graph, &frame_spec.filter);
        legend.merge(Contents::of(graph, view, &networks, time));
    }
    let drawn: Vec<(Window, &BTreeSet<TieId>)> = frames
        .iter()
        .map(|(_, spec, view)| (spec.filter.window, &view.ties))
        .collect();
    let new_ties = new_in_each_frame(graph, &drawn);
    for new in &new_ties {
        // The legend samples "new" in the colour of a relation drawn new.
        if let Some(relation) = new
            .iter()
            .filter_map(|t| graph.tie(*t))
            .map(|t| t.tie.relation)
            .min()
        {
            let first = legend.markers.entry(Marker::New).or_insert(relation);
            *first = (*first).min(relation);
        }
    }
    legend.span = Some(if start == end {
        format!("{start}")
    } else {
        format!("{start}–{end}")
    });
    let scenes = frame_scenes(graph, &frames, &new_ties, &legend, &[]);
    // Each tie's widest date label and each actor's widest name in any
    // frame: the union makes room for them.
    let widest = scene::WidestLabels::of(scenes.iter().map(|(_, scene)| scene));
    let union_spec = DiagramSpec {
        filter: TieFilter {
            window: Window::new(year_window(start)?.first, year_window(end)?.last),
            ..spec.filter.clone()
        },
        time_label: Some(format!("{start}–{end}")),
        changes_window: None,
        ..spec.clone()
    };
    // The frames each tie is drawn in.
    let mut shown = super::layout::Shown::new();
    for (frame, (_, scene)) in scenes.iter().enumerate() {
        for edge in &scene.edges {
            if let Some((_, id)) = edge.attrs.iter().find(|(key, _)| *key == "id") {
                shown.entry(id.clone()).or_default().insert(frame);
            }
        }
    }
    let layout = best_layout(graph, &union_spec, &union, &legend, &widest, &shown)?;
    let first = draw_frames(&scenes, &layout, spec.page, format, Vec::new())?;
    let (drawn, left_in_words) = match spec.page {
        Some(page) if format != OutputFormat::Dot => {
            let renumber = |numbered: &[TieId]| {
                let scenes = frame_scenes(graph, &frames, &new_ties, &legend, numbered);
                draw_frames(&scenes, &layout, Some(page), format, numbered.to_vec())
            };
            with_numbered_dates(first, renumber)?
        }
        _ => (first, false),
    };

    let stem = file_stem(match spec.focus {
        Some(focus) => graph.actor(focus).id.as_str(),
        None => "all",
    });
    let pictures = in_parallel(&drawn.texts, |text| match format {
        OutputFormat::Dot => Ok(text.clone().into_bytes()),
        _ => {
            let mut args = vec!["-n2".to_string()];
            args.extend(render_args(format));
            run_graphviz("neato", &args, text)
        }
    })?;
    let mut rendered = Vec::new();
    let mut fits: Vec<(i32, Fit)> = Vec::new();
    for ((year, bytes), fit) in years.iter().zip(pictures).zip(&drawn.fits) {
        if let Some(mut fit) = fit.clone() {
            super::styler::name_by_number(&mut fit, &drawn.numbered);
            fits.push((*year, fit));
        }
        let path = dir.join(format!("{stem}-{year}.{}", format.extension()));
        rendered.push((path, bytes));
    }
    std::fs::create_dir_all(dir).map_err(|source| DiagramError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    // The frames are a set: written all or none.
    let files: Vec<(&Path, &[u8])> = rendered
        .iter()
        .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
        .collect();
    write_all_atomically(&files)?;
    let fit = fit_of_frames(&fits).map(|(mut fit, measured)| {
        // Every frame is a year's window.
        fit.fewer_dates = super::fewer_dates::FewerDates::left(spec.dates, true);
        fit.numbered_dates = drawn.numbered.len();
        fit.numbering_shrinks = left_in_words;
        (fit, measured)
    });
    let alike = fit.as_ref().is_none_or(|(_, measured)| measured.alike());
    Ok(Storyboard {
        paths: rendered.into_iter().map(|(path, _)| path).collect(),
        fit: fit.map(|(fit, measured)| (fit, measured.worst_year())),
        alike,
        not_walked,
    })
}

/// Each frame's scene, the dates of `numbered` ties drawn as one number
/// each in every frame (so flipping frames, a line keeps its mark) and
/// listed under the legend of the frames that draw them, every frame's
/// list as many lines high.
fn frame_scenes(
    graph: &Graph,
    frames: &[(i32, DiagramSpec, View)],
    new_ties: &[BTreeSet<TieId>],
    legend: &Contents<'_>,
    numbered: &[TieId],
) -> Vec<(i32, Scene)> {
    let specs: Vec<DiagramSpec> = frames
        .iter()
        .map(|(_, spec, _)| DiagramSpec {
            dates_by_number: numbered.to_vec(),
            ..spec.clone()
        })
        .collect();
    let lists: Vec<Vec<String>> = specs
        .iter()
        .zip(frames)
        .map(|(spec, (_, _, view))| {
            super::styler::dates_by_number_drawn(graph, spec, |t| view.ties.contains(&t))
        })
        .collect();
    let list_lines = lists
        .iter()
        .map(|list| super::legend::list_of_dates(list).len())
        .max()
        .unwrap_or(0);
    frames
        .iter()
        .zip(&specs)
        .zip(lists)
        .zip(new_ties)
        .map(|((((year, _, view), spec), list), new)| {
            let mut legend = legend.clone();
            legend.dates_by_number = list;
            legend.list_lines = list_lines;
            (*year, scene::build_frame(graph, spec, view, &legend, new))
        })
        .collect()
}

/// Every frame of `scenes` pinned where `layout` puts each actor and tie,
/// on one canvas (shaped like `page`), its labels placed among its own,
/// and measured on the page.
fn draw_frames(
    scenes: &[(i32, Scene)],
    layout: &Layout,
    page: Option<Page>,
    format: OutputFormat,
    numbered: Vec<TieId>,
) -> Result<Frames, DiagramError> {
    let [x0, y0, x1, y1] = layout.extent;
    let mut corners = [(x0 - MARGIN, y0 - MARGIN), (x1 + MARGIN, y1 + MARGIN)];
    corners = same_canvas(scenes, layout, corners)?;
    if let Some(page) = page {
        corners = page_shaped(scenes, layout, corners, page)?;
    }
    let pinned = Pinned {
        positions: &layout.positions,
        edges: &layout.edges,
        corners,
    };
    let printed: Vec<String> = scenes
        .iter()
        .map(|(_, frame)| print(frame, &Naming::Names, Some(&pinned)))
        .collect();
    // A picture's labels are placed again among what each frame draws, all
    // frames at once: a tie's date keeps one place in every frame that
    // draws it, unless that place is crowded in one. The DOT keeps the
    // union's places, as written for people.
    let texts = match format {
        OutputFormat::Dot => printed,
        _ => {
            let drawn = in_parallel(&printed, |text| pinned_drawing(text, corners))?;
            let (drawings, shifts): (Vec<_>, Vec<_>) = drawn.into_iter().unzip();
            let placements = super::placement::place_frames(&drawings, &|_, _| true);
            (0..printed.len())
                .map(|k| relabel_pinned(&printed[k], &drawings[k], &placements[k], shifts[k]))
                .collect()
        }
    };
    // Measuring a frame runs Graphviz: the frames are measured side by side.
    let drawn = in_parallel(&texts, |text| match page {
        Some(page) => measure_pinned(text, page).map(|fit| (text.clone(), Some(fit))),
        None => Ok((text.clone(), None)),
    })?;
    let (texts, fits) = drawn.into_iter().unzip();
    Ok(Frames {
        numbered,
        texts,
        fits,
    })
}

/// `work` done on every item, on as many threads as the machine has
/// cores, the results in the items' order; the first error met, if any.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> Result<R, DiagramError> + Sync,
) -> Result<Vec<R>, DiagramError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(&work).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<R, DiagramError>>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(item) = items.get(at) else { break };
                let result = work(item);
                if let Ok(mut slot) = results[at].lock() {
                    *slot = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err(DiagramError::Layout("a frame was not drawn".into())))
        })
        .collect()
}

/// The union laid out with each column height a focus layout may take
/// (once without a focus), keeping the one whose drawing, title and legend
/// included, fits the page at the largest scale (the first among equals).
fn best_layout(
    graph: &Graph,
    spec: &DiagramSpec,
    union: &View,
    legend: &Contents<'_>,
    widest: &scene::WidestLabels,
    shown: &super::layout::Shown,
) -> Result<Layout, DiagramError> {
    let choices: Vec<usize> = match spec.focus {
        Some(_) => super::focus::ROWS.collect(),
        None => vec![super::focus::default_rows(union.actors.len())],
    };
    let (width, height) = spec.page.unwrap_or(Page::Slide).size();
    let mut best: Option<(f64, Layout)> = None;
    for rows in choices {
        // Every date on its edge, placed after layout like a picture's;
        // where Graphviz cannot route that, ties within a column carry
        // theirs at an end, as a picture's do.
        let make = || scene::build_union(graph, spec, union, legend, rows, widest);
        let laid =
            lay_out(&make(), shown).or_else(|_| lay_out(&scene::with_labels_at_ends(make), shown));
        // A layout Graphviz cannot make is one fewer to choose from.
        let Ok(layout) = laid else {
            continue;
        };
        let [x0, y0, x1, y1] = layout.bb;
        let scale = (width * 72.0 / (x1 - x0).max(1.0))
            .min(height * 72.0 / (y1 - y0).max(1.0))
            .min(1.0);
        if best.as_ref().is_none_or(|(b, _)| scale > b + 1e-6) {
            best = Some((scale, layout));
        }
    }
    match best {
        Some((_, layout)) => Ok(layout),
        None => {
            let rows = super::focus::default_rows(union.actors.len());
            lay_out(
                &scene::build_union(graph, spec, union, legend, rows, widest),
                shown,
            )
        }
    }
}

/// The corners moved out, evenly on both sides, until the frames' canvas
/// has the page's shape: a picture the shape of its page fills it, so its
/// text is as large as the page allows and every frame sits on the slide
/// alike. Moving the corners out never lets a frame reach past them, so
/// every frame keeps the one canvas.
fn page_shaped(
    scenes: &[(i32, Scene)],
    layout: &Layout,
    mut corners: [(f64, f64); 2],
    page: Page,
) -> Result<[(f64, f64); 2], DiagramError> {
    let (width, height) = page.size();
    let shape = width / height;
    // The picture is the canvas and Graphviz's pad around it.
    let pad = scenes
        .first()
        .and_then(|(_, s)| s.graph_attrs.iter().find(|(key, _)| *key == "pad"))
        .and_then(|(_, v)| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        * 72.0;
    for _ in 0..3 {
        let (w, h) = canvas(scenes, layout, corners)?;
        let (w, h) = (w + 2.0 * pad, h + 2.0 * pad);
        if (w / h - shape).abs() < 0.002 {
            break;
        }
        if w / h < shape {
            let more = (shape * h - w) / 2.0;
            corners[0].0 -= more;
            corners[1].0 += more;
        } else {
            let more = (w / shape - h) / 2.0;
            corners[0].1 -= more;
            corners[1].1 += more;
        }
    }
    Ok(corners)
}

/// The width and height of a frame that draws nothing past its corners:
/// the corners, the title above them and the legend under them.
fn canvas(
    scenes: &[(i32, Scene)],
    layout: &Layout,
    corners: [(f64, f64); 2],
) -> Result<(f64, f64), DiagramError> {
    let pinned = Pinned {
        positions: &layout.positions,
        edges: &layout.edges,
        corners,
    };
    let Some((_, frame)) = scenes.first() else {
        return Ok((1.0, 1.0));
    };
    let mut empty = frame.clone();
    empty.items.clear();
    empty.edges.clear();
    let text = print(&empty, &Naming::Names, Some(&pinned));
    let laid = run_graphviz("neato", &["-n2".to_string(), "-Tdot".to_string()], &text)?;
    let [x0, y0, x1, y1] = read_bb(&String::from_utf8_lossy(&laid))?;
    Ok((x1 - x0, y1 - y0))
}

/// Corners that give every frame the same canvas. Graphviz moves each
/// frame's drawing to its own origin, so sides cannot be compared across
/// frames; sizes can. A frame larger than the canvas of the corners alone
/// (a date label or a curve reaching past them) is larger by at most what
/// reaches out on either side, so both corners of that axis move out by
/// the difference, until every frame has that canvas (at most a few rounds).
fn same_canvas(
    scenes: &[(i32, Scene)],
    layout: &Layout,
    mut corners: [(f64, f64); 2],
) -> Result<[(f64, f64); 2], DiagramError> {
    const ROUNDS: usize = 4;
    for _ in 0..ROUNDS {
        let (width, height) = canvas(scenes, layout, corners)?;
        let pinned = Pinned {
            positions: &layout.positions,
            edges: &layout.edges,
            corners,
        };
        let (mut wider, mut taller) = (0.0f64, 0.0f64);
        for (_, frame) in scenes {
            let text = print(frame, &Naming::Names, Some(&pinned));
            let laid = run_graphviz("neato", &["-n2".to_string(), "-Tdot".to_string()], &text)?;
            let [x0, y0, x1, y1] = read_bb(&String::from_utf8_lossy(&laid))?;
            wider = wider.max(x1 - x0 - width);
            taller = taller.max(y1 - y0 - height);
        }
        if wider < 0.01 && taller < 0.01 {
            return Ok(corners);
        }
        if wider >= 0.01 {
            corners[0].0 -= wider;
            corners[1].0 += wider;
        }
        if taller >= 0.01 {
            corners[0].1 -= taller;
            corners[1].1 += taller;
        }
    }
    Ok(corners)
}

/// The graph's bounding box `[x0, y0, x1, y1]` from `-Tdot` output.
fn read_bb(laid: &str) -> Result<[f64; 4], DiagramError> {
    let bad = || DiagramError::Layout("no bounding box in the layout".into());
    let at = laid.find("bb=\"").ok_or_else(bad)? + 4;
    let end = laid[at..].find('"').ok_or_else(bad)? + at;
    let numbers: Vec<f64> = laid[at..end]
        .split(',')
        .map(|n| n.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    match numbers.as_slice() {
        [x0, y0, x1, y1] => Ok([*x0, *y0, *x1, *y1]),
        _ => Err(bad()),
    }
}

/// An actor id made safe as a file name: letters, digits, `-` and `_` kept.
fn file_stem(id: &str) -> String {
    let stem = super::styler::word_chars(id);
    if stem.is_empty() {
        "actor".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_stems_cannot_leave_the_directory() {
        assert_eq!(file_stem("jnim"), "jnim");
        assert_eq!(file_stem("../etc/passwd"), "___etc_passwd");
        assert_eq!(file_stem("ansar-dine_2"), "ansar-dine_2");
        assert_eq!(file_stem(""), "actor");
    }
}
