//! DOT diagrams for slide decks (issue 4).
//!
//! A [`view`](self) of the graph (a focus and depth, or the whole graph,
//! through a tie filter) becomes a [`scene`](self) of styled nodes, subgroup
//! clusters, edges, a title and a legend; the scene is turned into graphviz-rust structures and printed as
//! DOT ([`to_dot`]), rendered by Graphviz ([`export`]), or laid out once and
//! pinned across years ([`storyboard`]).
//!
//! Every attribute written is one this module chose; graph text (names,
//! notes, tags, relation names) only ever reaches quoted `label` and
//! `tooltip` values, through [`quote`], or the legend's HTML-like labels,
//! through [`html_text`].

mod canvas;
mod cluster;
mod contrast;
mod dates;
mod dot;
mod escape;
mod fewer_dates;
pub use fewer_dates::changes_need_a_window;
mod fit;
mod focus;
mod header;
mod html;
mod kinds;
mod labels;
mod layout;
mod legend;
mod placement;
mod printer;
mod render;
mod scene;
#[cfg(test)]
mod sketch;
mod storyboard;
mod style;
mod styler;
mod title;
mod view;
mod widest;

use std::path::{Path, PathBuf};

use crate::atomic::WriteError;
use crate::model::{ActorId, TieFilter, TieId, Window};

pub use dates::DateLabels;
pub use dot::{quote, to_dot, write_dot};
pub use fit::{Fit, TextKind, MIN_TEXT_POINTS};
pub use html::html_text;
pub use legend::{data_date, short_citation};
pub use render::{export, export_fitting, render_dot, stop_graphviz, MAX_PICTURE_TIES};
pub use storyboard::{storyboard, Storyboard};
pub use style::{kind_look, KindLook};
pub use view::{not_walked_in_frames_note, not_walked_note};

/// Colors for a white slide or a dark one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on near-black.
    Dark,
}

/// What a diagram shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagramSpec {
    /// The actor at the centre; `None` draws the whole graph.
    pub focus: Option<ActorId>,
    /// Hops from the focus (ignored when `focus` is `None`).
    pub depth: usize,
    /// Relations, time window and confidence floor.
    pub filter: TieFilter,
    /// When the view is, for the title: "as of 2023-02", "during 2022".
    pub time_label: Option<String>,
    /// The colors.
    pub theme: Theme,
    /// The page the picture must fit; `None` is a 16:9 slide for pictures
    /// and no size at all for DOT text.
    pub page: Option<Page>,
    /// Which date labels the edges carry.
    pub dates: DateLabels,
    /// The statement that asked for it, named in the DOT's header comment.
    pub statement: Option<String>,
    /// Ties whose dates are drawn as a number on the edge ("[1]") and
    /// written out under the legend, in this order: the export's choice
    /// for dates that found no clear place beside their own line.
    pub dates_by_number: Vec<TieId>,
    /// The days in which `dates changes` looks for starts and ends: the
    /// period the statement names (all of June 2019 for `as of 2019-06`,
    /// whose ties are judged on its last day); `None` is the filter's
    /// window.
    pub changes_window: Option<Window>,
}

impl Default for DiagramSpec {
    fn default() -> Self {
        DiagramSpec {
            focus: None,
            depth: 1,
            filter: TieFilter::default(),
            time_label: None,
            changes_window: None,
            theme: Theme::Light,
            page: None,
            dates: DateLabels::All,
            statement: None,
            dates_by_number: Vec::new(),
        }
    }
}

impl DiagramSpec {
    /// Whether the view asks about a time (`as of`, `during`, `in`), not all
    /// dates: only then can `dates changes` leave dates out.
    pub fn windowed(&self) -> bool {
        self.filter.window != crate::model::Window::ALL
    }
}

/// The page a picture is made to fit, landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// A 16:9 slide, 13.33 × 7.5 in (PowerPoint's widescreen page).
    Slide,
    /// A 4:3 slide, 10 × 7.5 in.
    FourThree,
    /// A4 landscape, 11.69 × 8.27 in.
    A4,
    /// Any width and height, in hundredths of an inch.
    Hundredths(u32, u32),
}

impl Page {
    /// Width and height in inches.
    pub fn size(self) -> (f64, f64) {
        match self {
            Page::Slide => (13.33, 7.5),
            Page::FourThree => (10.0, 7.5),
            Page::A4 => (11.69, 8.27),
            Page::Hundredths(width, height) => {
                (f64::from(width) / 100.0, f64::from(height) / 100.0)
            }
        }
    }

    /// "16:9 slide (13.33 × 7.5 in)".
    pub fn describe(self) -> String {
        let (width, height) = self.size();
        let name = match self {
            Page::Slide => "16:9 slide ",
            Page::FourThree => "4:3 slide ",
            Page::A4 => "A4 page ",
            Page::Hundredths(..) => "page ",
        };
        format!("{name}({} × {} in)", trim(width), trim(height))
    }

    /// A page of `width` × `height` inches, to the hundredth; `None` unless
    /// both are between 1 and 200 inches.
    pub fn inches(width: f64, height: f64) -> Option<Page> {
        let hundredths = |v: f64| {
            (v.is_finite() && (1.0..=200.0).contains(&v)).then(|| (v * 100.0).round() as u32)
        };
        Some(Page::Hundredths(hundredths(width)?, hundredths(height)?))
    }

    /// Graphviz's `size` value: the drawing is scaled down to fit.
    pub fn size_attribute(self) -> String {
        let (width, height) = self.size();
        format!("{},{}", trim(width), trim(height))
    }
}

/// A length without trailing zeros: 13.33, 7.5, 10.
fn trim(inches: f64) -> String {
    let text = format!("{inches:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The kind of file a diagram is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// DOT text, written as is.
    Dot,
    /// SVG, rendered by Graphviz.
    Svg,
    /// PNG at slide resolution, rendered by Graphviz.
    Png,
    /// PDF, rendered by Graphviz.
    Pdf,
}

impl OutputFormat {
    /// The format a file name asks for, by its extension (any case).
    pub fn from_path(path: &Path) -> Result<Self, DiagramError> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("dot") | Some("gv") => Ok(OutputFormat::Dot),
            Some("svg") => Ok(OutputFormat::Svg),
            Some("png") => Ok(OutputFormat::Png),
            Some("pdf") => Ok(OutputFormat::Pdf),
            _ => Err(DiagramError::UnknownExtension {
                path: path.to_path_buf(),
                // A name with no extension, or a folder, may be meant for frames.
                hint: if extension.is_none() || path.is_dir() {
                    "; a storyboard writes its frames into a folder, named with a \
                     trailing `/` (`frames 2012..2023 step 4 to frames/`)"
                } else {
                    ""
                },
            }),
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Dot => "dot",
            OutputFormat::Svg => "svg",
            OutputFormat::Png => "png",
            OutputFormat::Pdf => "pdf",
        }
    }
}

/// Why a diagram could not be written.
#[derive(thiserror::Error, Debug)]
pub enum DiagramError {
    /// Graphviz is not installed, so the diagram cannot be rendered.
    #[error(
        "Graphviz's `{program}` was not found: install Graphviz (e.g. `apt-get install graphviz` \
         or `brew install graphviz`) to render .svg, .png or .pdf, or export to a .dot file"
    )]
    DotMissing {
        /// The program looked for, such as `dot`.
        program: String,
    },
    /// Graphviz ran but reported an error.
    #[error("Graphviz `{program}` failed: {}", .stderr.trim())]
    DotFailed {
        /// The program that was run.
        program: String,
        /// What it wrote to its standard error.
        stderr: String,
    },
    /// Graphviz could not be started or talked to.
    #[error("cannot run Graphviz `{program}`: {source}")]
    DotIo {
        /// The program that was run.
        program: String,
        /// Why running it failed.
        #[source]
        source: std::io::Error,
    },
    /// The file's extension names no diagram format.
    #[error(
        "`{}`: unknown diagram format; name the file .dot, .svg, .png or .pdf{hint}",
        .path.display()
    )]
    UnknownExtension {
        /// The file asked for.
        path: PathBuf,
        /// More to say, when the name looks meant for a storyboard's folder.
        hint: &'static str,
    },
    /// The picture would hold more ties than Graphviz can lay out readably.
    #[error(
        "the picture would hold {ties} ties, more than the {limit} a picture may hold: \
         narrow it with `depth`, `via` or a time window, export .dot instead, or raise the \
         limit with ACTORGRAPH_MAX_PICTURE_TIES"
    )]
    TooLarge {
        /// The ties the picture would hold.
        ties: usize,
        /// The most it may hold.
        limit: usize,
    },
    /// The diagram file could not be written.
    #[error("cannot write `{}`: {source}", .path.display())]
    Io {
        /// The file that was to be written.
        path: PathBuf,
        /// Why writing it failed.
        #[source]
        source: std::io::Error,
    },
    /// The target could not be written safely (through a temporary file and a rename).
    #[error("{0}")]
    Write(#[from] WriteError),
    /// The storyboard was given no years, so there are no frames to draw.
    #[error("a storyboard needs at least one year")]
    NoFrames,
    /// A storyboard's target names one file, but frames are many.
    #[error(
        "`{target}` names one file, but a storyboard writes a file a year: name them with a \
         pattern, `{pattern}`, or give a folder, `{folder}`"
    )]
    FramesToOneFile {
        /// The target as written.
        target: String,
        /// A pattern of the same format in the same folder.
        pattern: String,
        /// A folder of the file's name.
        folder: String,
    },
    /// The view holds no actor: the picture would be empty.
    #[error("nothing to draw{}: no actor of the view is active then", .0.as_deref().map(|t| format!(" {t}")).unwrap_or_default())]
    NothingToDraw(Option<String>),
    /// A storyboard year outside what dates can hold.
    #[error("year {0} is out of range for a storyboard frame")]
    BadYear(i32),
    /// Graphviz's layout output could not be read, for a storyboard.
    #[error("cannot read Graphviz's layout: {0}")]
    Layout(String),
}
