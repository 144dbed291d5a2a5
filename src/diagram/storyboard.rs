//! Storyboards: one diagram per year, every actor pinned where a single
//! layout of all the years together put it, so slides animate without nodes
//! jumping. The union is laid out once by `dot`; each frame is drawn by
//! `neato -n2` at those positions, with invisible corner anchors giving every
//! frame the same extent.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use crate::atomic::write_all_atomically;
use crate::model::{Graph, PartialDate, TieFilter, TieId, Window};

use super::canvas::{Key, Scene};
use super::cluster::Nesting;
use super::dot::{print, Naming, Pinned};
use super::legend::{Contents, Marker};
use super::render::{render_args, run_graphviz};
use super::scene;
use super::style;
use super::view::{View, ViewTime};
use super::{DiagramError, DiagramSpec, OutputFormat, Page};

/// Node positions in points, by scene key.
type Positions = BTreeMap<Key, (f64, f64)>;

/// Margin around the union's nodes, in points, kept in every frame.
const MARGIN: f64 = 12.0;

/// One diagram per year in `years`, each actor pinned at the position of a
/// single layout of the union; files named `<focus-id-or-all>-<year>.<ext>`
/// in `dir` (created if missing); returns the paths written. `format`
/// chooses the extension. Frames replace the spec's time window with their
/// year. Every frame is rendered before any file is written.
pub fn storyboard(
    graph: &Graph,
    spec: &DiagramSpec,
    years: RangeInclusive<i32>,
    dir: &Path,
    format: OutputFormat,
) -> Result<Vec<PathBuf>, DiagramError> {
    let (start, end) = (*years.start(), *years.end());
    if start > end {
        return Err(DiagramError::NoFrames { start, end });
    }
    // Pictured frames fit a slide as single pictures do; all share one
    // extent, so one scale.
    let sized = DiagramSpec {
        page: spec
            .page
            .or((format != OutputFormat::Dot).then_some(Page::Slide)),
        ..spec.clone()
    };
    let spec = &sized;
    let year_window = |year: i32| -> Result<Window, DiagramError> {
        let date = PartialDate::year(year).map_err(|_| DiagramError::BadYear(year))?;
        Ok(Window::new(date.first_day(), date.last_day()))
    };
    let networks = style::network_indexes(graph);
    let mut frames = Vec::new();
    let mut union = View::default();
    // One legend for every frame: what any of them draws, each at its time.
    let mut legend = Contents::default();
    for year in years {
        let frame_spec = DiagramSpec {
            filter: TieFilter {
                window: year_window(year)?,
                ..spec.filter.clone()
            },
            time_label: Some(format!("in {year}")),
            ..spec.clone()
        };
        let view = View::select(graph, &frame_spec, &frame_spec.filter);
        union.union(&view);
        let time = ViewTime::of(graph, &frame_spec.filter);
        legend.merge(Contents::of(graph, &view, &networks, time));
        frames.push((year, frame_spec, view));
    }
    // Ties the previous frame did not draw are new in this one.
    let mut new_ties = Vec::new();
    let mut previous: Option<&View> = None;
    for (_, _, view) in &frames {
        let new: BTreeSet<TieId> = match previous {
            Some(before) => view.ties.difference(&before.ties).copied().collect(),
            None => BTreeSet::new(),
        };
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
        new_ties.push(new);
        previous = Some(view);
    }
    let union_spec = DiagramSpec {
        filter: TieFilter {
            window: Window::new(year_window(start)?.first, year_window(end)?.last),
            ..spec.filter.clone()
        },
        time_label: Some(format!("{start}–{end}")),
        ..spec.clone()
    };
    let union_scene =
        scene::build_with_legend(graph, &union_spec, &union, &legend, Nesting::Subgroups);
    let layout = run_graphviz(
        "dot",
        &["-Tplain".to_string()],
        &print(&union_scene, &Naming::Indexes, None),
    )?;
    let (positions, corners) = read_plain(&String::from_utf8_lossy(&layout), &union_scene)?;
    let scenes: Vec<(i32, Scene)> = frames
        .iter()
        .zip(&new_ties)
        .map(|((year, frame_spec, view), new)| {
            (
                *year,
                scene::build_frame(graph, frame_spec, view, &legend, new),
            )
        })
        .collect();
    let corners = same_canvas(&scenes, &positions, corners)?;
    let pinned = Pinned {
        positions: &positions,
        corners,
    };

    let stem = file_stem(match spec.focus {
        Some(focus) => graph.actor(focus).id.as_str(),
        None => "all",
    });
    let mut rendered = Vec::new();
    for (year, frame) in &scenes {
        let text = print(frame, &Naming::Names, Some(&pinned));
        let bytes = match format {
            OutputFormat::Dot => text.into_bytes(),
            _ => {
                let mut args = vec!["-n2".to_string()];
                args.extend(render_args(format));
                run_graphviz("neato", &args, &text)?
            }
        };
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
    Ok(rendered.into_iter().map(|(path, _)| path).collect())
}

/// Corners that give every frame the same canvas: each frame is laid out
/// at `corners`, and where their drawings' extents differ (a date label or
/// a curve reaching past the nodes), that side's corner moves out to the
/// farthest frame (the top, under the title, by the difference), until all
/// agree (at most a few rounds).
fn same_canvas(
    scenes: &[(i32, Scene)],
    positions: &Positions,
    mut corners: [(f64, f64); 2],
) -> Result<[(f64, f64); 2], DiagramError> {
    const ROUNDS: usize = 4;
    for _ in 0..ROUNDS {
        let pinned = Pinned { positions, corners };
        let mut boxes = Vec::new();
        for (_, frame) in scenes {
            let text = print(frame, &Naming::Names, Some(&pinned));
            let laid = run_graphviz("neato", &["-n2".to_string(), "-Tdot".to_string()], &text)?;
            boxes.push(read_bb(&String::from_utf8_lossy(&laid))?);
        }
        let side = |i: usize| {
            let values = boxes.iter().map(|b| b[i]);
            let low = values.clone().fold(f64::MAX, f64::min);
            (low, values.fold(f64::MIN, f64::max))
        };
        let sides = [side(0), side(1), side(2), side(3)];
        if sides.iter().all(|(low, high)| high - low < 0.01) {
            return Ok(corners);
        }
        // Left, bottom and right: the corner goes as far out as any frame
        // reaches, so every frame reaches just that far.
        corners[0].0 = corners[0].0.min(sides[0].0);
        corners[0].1 = corners[0].1.min(sides[1].0);
        corners[1].0 = corners[1].0.max(sides[2].1);
        // The top holds the title above the drawing: out by the difference.
        corners[1].1 += sides[3].1 - sides[3].0;
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

/// Node positions (points) by key, and the corners of their extent, from
/// `dot -Tplain` output of a scene printed with index names.
fn read_plain(plain: &str, scene: &Scene) -> Result<(Positions, [(f64, f64); 2]), DiagramError> {
    let mut positions = BTreeMap::new();
    let (mut low, mut high) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
    for line in plain.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.first() != Some(&"node") || fields.len() < 6 {
            continue;
        }
        let bad = || DiagramError::Layout(format!("unexpected line `{line}`"));
        let index: usize = fields[1]
            .strip_prefix('n')
            .and_then(|n| n.parse().ok())
            .ok_or_else(bad)?;
        let number = |i: usize| -> Result<f64, DiagramError> {
            fields[i]
                .parse::<f64>()
                .map(|v| v * 72.0)
                .map_err(|_| bad())
        };
        let (x, y, w, h) = (number(2)?, number(3)?, number(4)?, number(5)?);
        let node = scene.nodes.get(index).ok_or_else(bad)?;
        positions.insert(node.key, (x, y));
        low = (low.0.min(x - w / 2.0), low.1.min(y - h / 2.0));
        high = (high.0.max(x + w / 2.0), high.1.max(y + h / 2.0));
    }
    if positions.is_empty() {
        low = (0.0, 0.0);
        high = (0.0, 0.0);
    }
    let corners = [
        (low.0 - MARGIN, low.1 - MARGIN),
        (high.0 + MARGIN, high.1 + MARGIN),
    ];
    Ok((positions, corners))
}

/// An actor id made safe as a file name: letters, digits, `-` and `_` kept.
fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
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
