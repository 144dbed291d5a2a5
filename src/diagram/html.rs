//! HTML-like labels (Graphviz's `label=<...>`), used only for the legend
//! strip under the drawing, written one cell a line, indented, so it can
//! be edited by hand.
//!
//! An [`Html`] value can only be made here: text goes in through
//! [`html_text`], which turns `&`, `<`, `>`, `"` and `'` into entities, so
//! graph text can never open a tag, close the label, or name an attribute
//! such as `IMG SRC` that reads files. Tags and their attributes are written
//! only by this module, from values this module checks.

use std::fmt::Write as _;

use super::escape::escape;
use super::style::{Color, LineStyle};

/// The contents of an HTML-like label, without the outer `<` `>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// The label as DOT writes it: `<` contents `>`.
    pub fn to_dot(&self) -> String {
        format!("<{}>", self.0)
    }
}

/// The one way text enters an HTML-like label: `&`, `<`, `>`, `"` and `'`
/// become entities (so `&amp;` in a name is drawn as typed), line breaks
/// become `<BR/>`, and other control characters become spaces.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(text, "<BR/>", &mut out, |c, out| match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c if c.is_control() => out.push(' '),
        c => out.push(c),
    });
    out
}

/// A color this module writes into a tag: `#` and hex digits only.
fn color(value: &str) -> &str {
    let ok = value.starts_with('#')
        && value.len() <= 9
        && value[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        value
    } else {
        "#000000"
    }
}

/// A legend cell.
#[derive(Clone, Debug)]
pub enum Cell {
    /// A row's heading, in bold: "Ties", "Fill", "Shape".
    Heading(String),
    /// Left-aligned text.
    Text(String),
    /// A line sample.
    Sample(Sample),
    /// Text on a rounded chip of a fill color.
    Chip {
        /// `#rrggbb`.
        fill: &'static str,
        /// What the chip says.
        text: String,
    },
}

/// A legend's line sample: how a kind of tie is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The line's color and opacity.
    pub color: Color,
    /// Solid, dashed or dotted.
    pub line: LineStyle,
    /// Two parallel lines.
    pub double: bool,
    /// The arrowhead after the line, by Graphviz's name (`normal`,
    /// `onormal`, `diamond`…), for a directed relation.
    pub head: Option<&'static str>,
    /// The mark at both ends of an undirected relation (`odot`…).
    pub ends: Option<&'static str>,
    /// A heavier line.
    pub thick: bool,
}

/// A line of the legend strip.
#[derive(Clone, Debug)]
pub enum Line {
    /// Cells run together as text in one cell: headings, names and line
    /// samples drawn with box-drawing characters in the tie's colour. A
    /// line of text keeps its own width (a nested table would be stretched
    /// to the widest line's).
    Runs(Vec<Cell>),
    /// Cells side by side in a table of their own: the fill chips.
    Cells(Vec<Cell>),
    /// A line of smaller text: the sources, the data's date.
    Note(String),
}

/// The legend strip: lines of runs, cells or notes, left-aligned, in one font.
pub struct Strip {
    /// The font face.
    pub font: &'static str,
    /// The point size of cells.
    pub size: &'static str,
    /// The point size of notes.
    pub note_size: &'static str,
    /// The color of text.
    pub text_color: &'static str,
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
}

impl Strip {
    /// The strip as an HTML-like label, a line of the strip a line of text.
    pub fn build(&self) -> Html {
        let mut out = String::new();
        let _ = write!(
            out,
            "<FONT FACE=\"{}\" POINT-SIZE=\"{}\" COLOR=\"{}\">\n\
             <TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">",
            html_text(self.font),
            html_text(self.size),
            color(self.text_color)
        );
        for line in &self.lines {
            out.push_str("\n  <TR><TD ALIGN=\"LEFT\">");
            match line {
                Line::Runs(cells) => {
                    let runs: Vec<String> = cells.iter().map(run_html).collect();
                    out.push_str(&runs.join(" "));
                }
                Line::Cells(cells) => {
                    out.push_str(
                        "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>",
                    );
                    for cell in cells {
                        out.push_str("\n    ");
                        cell_html(cell, &mut out);
                    }
                    out.push_str("\n  </TR></TABLE>");
                }
                Line::Note(text) => {
                    let _ = write!(
                        out,
                        "<FONT POINT-SIZE=\"{}\">{}</FONT>",
                        html_text(self.note_size),
                        html_text(text)
                    );
                }
            }
            out.push_str("</TD></TR>");
        }
        out.push_str("\n</TABLE>\n</FONT>");
        Html(out)
    }
}

/// A cell as a run of text: a bold heading, a name, or a line sample.
fn run_html(cell: &Cell) -> String {
    match cell {
        // The space after a heading or a sample stands inside its run: an
        // SVG renderer drops a text's leading and trailing blanks (librsvg
        // the no-break space too), so only Graphviz's placing of the next
        // run keeps the gap.
        Cell::Heading(text) => format!("<B>{}&#160;</B>", html_text(text)),
        Cell::Text(text) | Cell::Chip { text, .. } => html_text(text),
        Cell::Sample(sample) => {
            let text = sample.color.to_string();
            format!(
                "&#160;&#160;<FONT COLOR=\"{}\">{}&#160;</FONT>",
                color(&text),
                sample.glyphs()
            )
        }
    }
}

impl Sample {
    /// The sample drawn in box-drawing characters: thin, thick or double,
    /// solid, dashed or dotted, with the very arrowhead or end marks the
    /// picture draws (a filled `▶` for every head had a diamond and an open
    /// head read as the same).
    pub fn glyphs(&self) -> String {
        let stroke = match (self.line, self.double, self.thick) {
            (LineStyle::Solid, true, _) => "═══",
            (LineStyle::Solid, false, true) => "━━━",
            (LineStyle::Solid, false, false) => "───",
            (LineStyle::Dashed, true, _) => "═ ═",
            (LineStyle::Dashed, false, true) => "╍╍╍",
            (LineStyle::Dashed, false, false) => "╌╌╌",
            (LineStyle::Dotted, _, true) => "┉┉┉",
            (LineStyle::Dotted, _, false) => "┈┈┈",
        };
        let head = self.head.map_or("", end_glyph);
        match self.ends.map(end_glyph) {
            Some(end) => format!("{end}{stroke}{end}"),
            None => format!("{stroke}{head}"),
        }
    }
}

/// The character drawn for one of Graphviz's arrowheads, as the legend
/// shows it (a name it does not know reads as the plain head).
fn end_glyph(name: &'static str) -> &'static str {
    match name {
        "onormal" | "empty" => "▷",
        "vee" => "➤",
        "diamond" => "◆",
        "odiamond" => "◇",
        "dot" => "●",
        "odot" => "○",
        "box" => "■",
        "obox" => "□",
        "tee" => "⊣",
        _ => "▶",
    }
}

fn cell_html(cell: &Cell, out: &mut String) {
    match cell {
        Cell::Chip { fill, text } => {
            let _ = write!(
                out,
                "<TD ALIGN=\"LEFT\"><TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLPADDING=\"2\" \
                 STYLE=\"ROUNDED\" BGCOLOR=\"{}\"><TR><TD>{}</TD></TR></TABLE></TD>",
                color(fill),
                html_text(text)
            );
        }
        other => {
            let _ = write!(out, "<TD ALIGN=\"LEFT\">{}</TD>", run_html(other));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_escapes_every_markup_character() {
        assert_eq!(html_text("JNIM"), "JNIM");
        assert_eq!(html_text("<b>not html</b>"), "&lt;b&gt;not html&lt;/b&gt;");
        assert_eq!(html_text("A & B &amp;"), "A &amp; B &amp;amp;");
        assert_eq!(
            html_text("say \"hi\" 'x'"),
            "say &quot;hi&quot; &#39;x&#39;"
        );
        assert_eq!(html_text("two\nlines\r\nthree"), "two<BR/>lines<BR/>three");
        assert_eq!(html_text("bell\u{7}"), "bell ");
        assert_eq!(html_text("{a|b} [c] \\N"), "{a|b} [c] \\N");
        assert_eq!(html_text("القاعدة"), "القاعدة");
    }

    /// The legend draws each relation's own heads and end marks: a
    /// diamond is not shown as the plain head, nor an open head as a
    /// filled one.
    #[test]
    fn a_sample_shows_the_heads_the_picture_draws() {
        let sample = |head, ends| Sample {
            color: Color {
                rgb: crate::model::Rgb([0, 0, 0]),
                alpha: 255,
            },
            line: LineStyle::Solid,
            double: false,
            head,
            ends,
            thick: false,
        };
        assert_eq!(sample(Some("normal"), None).glyphs(), "───▶");
        assert_eq!(sample(Some("onormal"), None).glyphs(), "───▷");
        assert_eq!(sample(Some("diamond"), None).glyphs(), "───◆");
        assert_eq!(sample(None, Some("odot")).glyphs(), "○───○");
        assert_eq!(sample(None, None).glyphs(), "───");
    }

    #[test]
    fn colors_in_tags_are_hex_only() {
        assert_eq!(color("#1f5fbfa6"), "#1f5fbfa6");
        assert_eq!(color("red\" IMG"), "#000000");
        assert_eq!(color("#12345678901"), "#000000");
    }

    #[test]
    fn a_table_keeps_text_inside_its_cells() {
        let evil = "</TD></TR></TABLE><IMG SRC=\"/etc/passwd\"/>";
        let strip = Strip {
            font: "Helvetica",
            size: "14",
            note_size: "12",
            text_color: "#000000",
            lines: vec![
                Line::Cells(vec![
                    Cell::Heading(evil.into()),
                    Cell::Chip {
                        fill: "#ffffff",
                        text: evil.into(),
                    },
                ]),
                Line::Note(evil.into()),
                Line::Runs(vec![Cell::Text(evil.into())]),
            ],
        };
        let html = strip.build().to_dot();
        assert!(!html.contains("<IMG"), "{html}");
        assert!(html.contains("&lt;IMG SRC=&quot;/etc/passwd&quot;/&gt;"));
        assert!(html.starts_with("<<FONT") && html.ends_with("</FONT>>"));
    }
}
