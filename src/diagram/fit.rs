//! How a picture fits its page, measured on Graphviz's own layout: the
//! scale Graphviz applies to fit the page, and every text the picture
//! carries (node names, date labels, titles and box labels, the legend,
//! the sources footer) at its size once scaled onto the page, each against
//! the least size a slide can be read by.

use super::fewer_dates::FewerDates;
use super::{DiagramError, Page};

/// The smallest node text, in points on the page, a slide can be read by.
pub const MIN_TEXT_POINTS: f64 = 14.0;

/// The kinds of text a picture carries, each with its own floor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextKind {
    /// Actors' names: what the picture is about.
    Nodes,
    /// Date labels (and any other text) on edges.
    Dates,
    /// The title and the labels of member boxes.
    Titles,
    /// The legend strip: ties, fills and shapes.
    Legend,
    /// The footer: sources and the data's date.
    Footer,
}

impl TextKind {
    /// Every kind, in the order a report names them.
    pub const ALL: [TextKind; 5] = [
        TextKind::Nodes,
        TextKind::Dates,
        TextKind::Titles,
        TextKind::Legend,
        TextKind::Footer,
    ];

    /// The least size, in points on the page, it can be read at on a
    /// projected slide: names 14 pt; the dates and titles that qualify
    /// them 12 pt; the legend and the sources, read up close like a
    /// footnote, 10 pt.
    pub fn floor(self) -> f64 {
        match self {
            TextKind::Nodes => MIN_TEXT_POINTS,
            TextKind::Dates | TextKind::Titles => 12.0,
            TextKind::Legend | TextKind::Footer => 10.0,
        }
    }

    /// How a report names it: "node text", "date labels".
    pub fn name(self) -> &'static str {
        match self {
            TextKind::Nodes => "node text",
            TextKind::Dates => "date labels",
            TextKind::Titles => "titles",
            TextKind::Legend => "legend",
            TextKind::Footer => "sources",
        }
    }
}

/// How much smaller a picture's text may grow for the list of its
/// numbered dates, when it is under the floor already.
const LIST_MAY_SHRINK_TO: f64 = 0.95;

/// How a picture fits its page, measured from Graphviz's own layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The page the picture was made for.
    pub page: Page,
    /// The factor Graphviz scaled the drawing by to fit the page (at most 1).
    pub scale: f64,
    /// The node labels' size on the page, in points: their font size
    /// times `scale` (the smallest, when they differ).
    pub text_points: f64,
    /// The smallest text of each kind the picture carries, in points on
    /// the page, in the order of [`TextKind::ALL`]; `None` for a kind it
    /// does not carry (or did not measure).
    pub sizes: [Option<f64>; 5],
    /// Date labels that could not be set clear of every other line, label
    /// and actor ([`super::placement`]).
    pub crowded_labels: usize,
    /// What the picture could leave out to give its dates room.
    pub fewer_dates: FewerDates,
    /// The ties whose dates could not be set clear, as drawn ("JNIM
    /// allegiance AQIM: by Feb 2023"), when they were measured so.
    pub crowded_ties: Vec<String>,
    /// Their edges' `id`s, in the same order: left to right as drawn.
    pub crowded_edges: Vec<String>,
    /// How many dates are drawn as a number on their edge and listed
    /// under the legend, where they found no clear place beside it.
    pub numbered_dates: usize,
    /// Whether drawing the crowded dates (or more of them) as numbers was
    /// tried and given up, as their list would shrink the text too much.
    pub numbering_shrinks: bool,
    /// The pairs of ties whose lines run on top of each other for longer
    /// than [`together::LONGEST_TOGETHER`] on the page ("France hostility JNIM and
    /// JNIM alliance Daoussak militias"), with how far, in inches; the
    /// longest first.
    pub run_together: Vec<(String, f64)>,
    /// The ties drawn across the title or a box's title, named as their
    /// tooltips name them.
    pub across_titles: Vec<String>,
    /// The ties whose lines run along an actor they do not join for
    /// longer than [`together::LONGEST_TOGETHER`] on the page ("A
    /// hostility B, along Mali"), with how far, in inches; the longest
    /// first.
    pub along_actors: Vec<(String, f64)>,
}

impl Fit {
    /// The smallest text of `kind` on the page; `None` when there is none.
    pub fn smallest(&self, kind: TextKind) -> Option<f64> {
        self.sizes[kind as usize]
    }

    /// Each kind of text the picture carries, with its smallest size.
    pub fn measured(&self) -> Vec<(TextKind, f64)> {
        TextKind::ALL
            .into_iter()
            .filter_map(|kind| Some((kind, self.smallest(kind)?)))
            .collect()
    }

    /// The note for a picture whose dates the export thinned to those
    /// that change in the view's time (`dates changes`): a view of one day
    /// or month often has none, and the reader is told so, not left to
    /// look for dates that are not there.
    pub fn thinned_note(&self) -> &'static str {
        if self.smallest(TextKind::Dates).is_some() {
            "dates are shown only where they change in the view's time, so the text stays \
             readable (`dates on` shows them all)"
        } else {
            "no date is drawn: no tie starts or ends in the view's time, and only such \
             dates are shown, so the text stays readable (`dates on` shows them all)"
        }
    }

    /// The kinds of text smaller than their floor, with their size.
    pub fn too_small(&self) -> Vec<(TextKind, f64)> {
        self.measured()
            .into_iter()
            .filter(|(kind, points)| points + 0.05 < kind.floor())
            .collect()
    }

    /// True when every text is at least its floor on the page.
    pub fn readable(&self) -> bool {
        self.too_small().is_empty()
    }

    /// True when this picture, drawn with a list of numbered dates, reads
    /// worse than `unnumbered`, drawn without: the list's lines may not
    /// push its text under the floor nor, under it already, shrink it much
    /// further.
    pub fn list_reads_worse_than(&self, unnumbered: &Fit) -> bool {
        !self.readable()
            && (unnumbered.readable()
                || self.text_points < unnumbered.text_points * LIST_MAY_SHRINK_TO)
    }

    /// "sized for a 16:9 slide (13.33 × 7.5 in), node text 16.0 pt, date
    /// labels 12.8 pt, …", and a warning on a line of its own for each
    /// kind of text too small.
    pub fn report(&self) -> String {
        self.report_as(Measured::Picture)
    }

    /// What to do about the text too small to read, in one warning: each
    /// kind under its floor, then how to make room; `None` when every
    /// text can be read.
    pub fn warning(&self) -> Option<String> {
        self.warning_as(Measured::Picture)
    }

    /// The report of text measured on `what`: a picture, or a storyboard's
    /// frames (said where: in every frame, or which reads worst).
    pub(crate) fn report_as(&self, what: Measured) -> String {
        let page = self.page.describe();
        // "an A4 page", "a 16:9 slide".
        let article = if page.starts_with('A') { "an" } else { "a" };
        let lead = match what {
            Measured::Picture => "sized",
            Measured::Frames { .. } => "frames sized",
        };
        let mut report = format!(
            "{lead} for {article} {page}, node text {:.1} pt",
            self.text_points
        );
        for (kind, points) in &self.measured() {
            if *kind != TextKind::Nodes {
                report.push_str(&format!(", {} {points:.1} pt", kind.name()));
            }
        }
        report.push_str(&what.place());
        if let Some(warning) = self.warning_as(what) {
            report.push_str("\nwarning: ");
            report.push_str(&warning);
        }
        if let Some(note) = super::fewer_dates::numbering_note(self.numbered_dates) {
            report.push_str("\nnote: ");
            report.push_str(&note);
        }
        let notes = [
            self.crowding_note(),
            self.together_note(),
            self.across_titles_note(),
            self.along_actors_note(),
        ];
        for note in notes.into_iter().flatten() {
            report.push_str("\nnote: ");
            report.push_str(&note);
        }
        report
    }

    /// What to do about date labels that share their place with another
    /// line or label; `None` when every label stands clear.
    pub fn crowding_note(&self) -> Option<String> {
        super::fewer_dates::crowding_note(
            self.crowded_labels,
            &self.crowded_ties,
            self.fewer_dates,
            self.numbering_shrinks,
        )
    }

    /// [`Fit::warning`] for text measured on `what`.
    pub(crate) fn warning_as(&self, what: Measured) -> Option<String> {
        let small = self.too_small();
        let (first, rest) = small.split_first()?;
        let verb = |kind: TextKind| {
            if matches!(kind, TextKind::Nodes | TextKind::Legend) {
                "is"
            } else {
                "are"
            }
        };
        let mut warning = format!(
            "{} {} {:.1} pt on the {}{}, under the {} pt a slide needs",
            first.0.name(),
            verb(first.0),
            first.1,
            self.page.describe(),
            what.place(),
            first.0.floor()
        );
        for (kind, points) in rest {
            warning.push_str(&format!(
                "; {} {points:.1} pt, under {} pt",
                kind.name(),
                kind.floor()
            ));
        }
        warning.push_str(": ");
        if small.iter().any(|(kind, _)| *kind == TextKind::Dates) {
            warning.push_str(self.fewer_dates.in_warning());
        }
        warning.push_str(match what {
            Measured::Picture => {
                "narrow the picture with `via` (fewer relations), a lower `depth`, or a time \
                 window (`as of`, `during`), or choose a larger page with `size W,H`"
            }
            Measured::Frames { .. } => {
                "every frame is drawn on the canvas of all of them, so narrow the storyboard \
                 with `via` (fewer relations), a lower `depth` or fewer years, or choose a \
                 larger page with `size W,H`"
            }
        });
        Some(warning)
    }
}

/// The arguments that make Graphviz lay a picture out once and print both
/// its plain layout (for the scale) and its JSON (for every text).
pub(crate) fn layout_args() -> Vec<String> {
    vec!["-Tplain".to_string(), "-Tjson".to_string()]
}

/// Where a layout's date labels stand when it is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Labels {
    /// Where `dot` put them: they will be placed, so count those that
    /// will find no clear place.
    ToPlace,
    /// Where they will be drawn: count those crossed there.
    Drawn,
}

/// How the layout Graphviz printed (`-Tplain` then `-Tjson`) fits `page`.
pub(crate) fn read_layout(layout: &str, page: Page, labels: Labels) -> Result<Fit, DiagramError> {
    let bad = |what: &str| DiagramError::Layout(what.to_string());
    let (plain, json) = layout
        .split_once("\nstop\n")
        .ok_or_else(|| bad("no end to the plain layout"))?;
    let scale = plain_scale(plain)?;
    let json_text = json;
    let json: serde_json::Value =
        serde_json::from_str(json).map_err(|e| bad(&format!("the JSON layout: {e}")))?;
    let mut sizes: [Option<f64>; 5] = [None; 5];
    let mut note = |kind: TextKind, size: f64| {
        let points = size * scale;
        let least = &mut sizes[kind as usize];
        *least = Some(least.map_or(points, |l: f64| l.min(points)));
    };
    for object in json["objects"].as_array().into_iter().flatten() {
        let name = object["name"].as_str().unwrap_or_default();
        let kind = if name.starts_with("cluster") || name == "frame:title" {
            TextKind::Titles
        } else {
            TextKind::Nodes
        };
        for text in texts(object) {
            note(kind, text.size);
        }
    }
    for edge in json["edges"].as_array().into_iter().flatten() {
        for text in texts(edge) {
            note(TextKind::Dates, text.size);
        }
    }
    // The graph's own label: the legend strip, then the footer, whose
    // first line opens with "Sources" ("Sources:", or a storyboard's
    // "Sources of the ties drawn in …") or "Data"; Graphviz's y grows
    // upwards, so the footer is that line and every line below it.
    let label = texts(&json);
    let footer_top = label
        .iter()
        .filter(|t| t.text.starts_with("Sources") || t.text.starts_with("Data "))
        .map(|t| t.y)
        .fold(f64::NEG_INFINITY, f64::max);
    for text in &label {
        let kind = if text.y <= footer_top + 0.5 {
            TextKind::Footer
        } else {
            TextKind::Legend
        };
        note(kind, text.size);
    }
    let text_points = sizes[TextKind::Nodes as usize].unwrap_or_else(|| node_points(scale));
    let drawing = super::placement::read::drawing(json_text.as_bytes());
    let run_together = drawing
        .as_ref()
        .map(|drawing| together_as_drawn(drawing, scale))
        .unwrap_or_default();
    let across_titles = drawing
        .as_ref()
        .map(together::across_titles)
        .unwrap_or_default();
    let along_actors = drawing
        .as_ref()
        .map(|drawing| together::along_actors(drawing, scale))
        .unwrap_or_default();
    let (crowded_labels, crowded_ties, crowded_edges) =
        drawing.map_or((0, Vec::new(), Vec::new()), |drawing| match labels {
            Labels::ToPlace => (
                super::placement::place(&drawing).crowded,
                Vec::new(),
                Vec::new(),
            ),
            Labels::Drawn => {
                let mut crowded = super::placement::crowded_as_drawn(&drawing);
                let left = |i: usize| drawing.edges[i].label.map_or(0.0, |l| l.text.x0);
                crowded.sort_by(|&a, &b| left(a).total_cmp(&left(b)));
                // Named, each with its edge's `id` (or none), in one order.
                let (names, ids): (Vec<String>, Vec<String>) = crowded
                    .iter()
                    .filter_map(|&i| {
                        let edge = &drawing.edges[i];
                        Some((edge.name.clone()?, edge.id.clone().unwrap_or_default()))
                    })
                    .unzip();
                (crowded.len(), names, ids)
            }
        });
    Ok(Fit {
        page,
        scale,
        text_points,
        sizes,
        crowded_labels,
        fewer_dates: FewerDates::default(),
        crowded_ties,
        crowded_edges,
        numbered_dates: 0,
        numbering_shrinks: false,
        run_together,
        across_titles,
        along_actors,
    })
}

/// Node text's size on the page at `scale`.
fn node_points(scale: f64) -> f64 {
    super::style::NODE_FONT_SIZE.parse::<f64>().unwrap_or(20.0) * scale
}

/// The scale of a plain layout (`-Tplain`): its first line's second field.
fn plain_scale(plain: &str) -> Result<f64, DiagramError> {
    plain
        .lines()
        .next()
        .and_then(|line| {
            let mut fields = line.split_whitespace();
            (fields.next() == Some("graph"))
                .then(|| fields.next()?.parse::<f64>().ok())
                .flatten()
        })
        .ok_or_else(|| DiagramError::Layout("no `graph` line in the layout".into()))
}

/// One text Graphviz drew: its font size (before scaling), its baseline's
/// height and its words.
struct Text {
    size: f64,
    y: f64,
    text: String,
}

/// Every non-blank text among an object's drawing operations (`_ldraw_`,
/// `_hldraw_`, `_tldraw_`...), each with the font size last set before it.
fn texts(object: &serde_json::Value) -> Vec<Text> {
    let mut found = Vec::new();
    let Some(fields) = object.as_object() else {
        return found;
    };
    for (key, operations) in fields {
        if !key.ends_with("draw_") {
            continue;
        }
        let mut size = 14.0;
        for op in operations.as_array().into_iter().flatten() {
            match op["op"].as_str() {
                Some("F") => size = op["size"].as_f64().unwrap_or(size),
                Some("T") => {
                    let text = op["text"].as_str().unwrap_or_default();
                    if text.trim().is_empty() {
                        continue;
                    }
                    found.push(Text {
                        size,
                        y: op["pt"][1].as_f64().unwrap_or(0.0),
                        text: text.to_string(),
                    });
                }
                _ => {}
            }
        }
    }
    found
}

mod frames;
pub(crate) use frames::{fit_of_frames, Measured};
mod together;
use together::together_as_drawn;

#[cfg(test)]
mod tests;
