//! Storyboards: one diagram per year, every actor pinned where a single
//! layout of all the years together put it, so slides animate without nodes
//! jumping. The union is laid out once by `dot`; each frame is drawn by
//! `neato -n2` at those positions, with invisible corner anchors giving every
//! frame the same extent.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use crate::atomic::write_all_atomically;
use crate::model::{Graph, PartialDate, TieFilter, Window};

use super::canvas::{Key, Scene};
use super::cluster::Nesting;
use super::dot::{print, Naming, Pinned};
use super::legend::Contents;
use super::render::{render_args, run_graphviz};
use super::scene;
use super::style;
use super::view::{View, ViewTime};
use super::{DiagramError, DiagramSpec, OutputFormat};

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
    let pinned = Pinned {
        positions: &positions,
        corners,
    };

    let stem = file_stem(match spec.focus {
        Some(focus) => graph.actor(focus).id.as_str(),
        None => "all",
    });
    let mut rendered = Vec::new();
    for (year, frame_spec, view) in &frames {
        let frame = scene::build_with_legend(graph, frame_spec, view, &legend, Nesting::Flat);
        let text = print(&frame, &Naming::Names, Some(&pinned));
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
