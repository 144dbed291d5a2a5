//! The legend strip and the source footer, drawn as the graph's own label
//! under the drawing: the relations and tie states a view draws, in their
//! real colours and styles ("Ties"), its networks ("Fill"), its kinds of
//! actor ("Shape"), then the short citations of every tie drawn and the
//! date of the data. Nothing the view does not draw is listed.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{ActorKind, Confidence, Graph, RelationId, Rgb, Source, SourceId, TieId};

use super::html::{Cell, Html, Line, Sample, Strip};
use super::style::{self, Palette, TieLook, TieState};
use super::view::{ended_actors, tie_state, unsure_actors, View, ViewTime};

/// A way a tie can be drawn besides confirmed and running, which the legend
/// explains with a sample in the colour of a relation drawn that way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    /// Surely over by the view's day: dashed and faded.
    Ended,
    /// Likely and surely over: dashed and more faded.
    LikelyEnded,
    /// Possible and surely over: dashed and faintest.
    PossibleEnded,
    /// Likely: faded.
    Likely,
    /// Possible: dotted and fainter.
    Possible,
    /// Its dates leave open whether it held then: dotted.
    Uncertain,
    /// In a storyboard, not in the previous frame: thicker.
    New,
}

impl Marker {
    /// The legend's name for it.
    fn label(self) -> &'static str {
        match self {
            Marker::Ended => "ended",
            Marker::LikelyEnded => "likely, ended",
            Marker::PossibleEnded => "possible, ended",
            Marker::Likely => "likely",
            Marker::Possible => "possible",
            Marker::Uncertain => "may not hold then (?)",
            Marker::New => "new since the last frame",
        }
    }

    /// The confidence and state its sample is drawn at.
    fn drawn_as(self) -> (Confidence, TieState) {
        match self {
            Marker::Ended => (Confidence::Confirmed, TieState::Ended),
            Marker::LikelyEnded => (Confidence::Likely, TieState::Ended),
            Marker::PossibleEnded => (Confidence::Possible, TieState::Ended),
            Marker::Likely => (Confidence::Likely, TieState::Running),
            Marker::Possible => (Confidence::Possible, TieState::Running),
            Marker::Uncertain => (Confidence::Confirmed, TieState::Uncertain),
            Marker::New => (Confidence::Confirmed, TieState::Running),
        }
    }
}

/// What a legend explains: only what its view draws.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contents<'g> {
    /// Relations of the view's ties.
    pub relations: BTreeSet<RelationId>,
    /// Ways the view's ties are drawn besides confirmed and running, each
    /// with the first relation drawn that way (its sample's colour).
    pub markers: BTreeMap<Marker, RelationId>,
    /// Kinds of the view's actors.
    pub kinds: BTreeSet<ActorKind>,
    /// Whether the view draws an actor that may not exist at its time
    /// ([`unsure_actors`]), which "Shape" then explains.
    pub unsure_actors: bool,
    /// Whether the view draws an actor that ended before its day
    /// ([`ended_actors`]), drawn with a faded fill.
    pub ended_actors: bool,
    /// The view's networks (first tags), with their fill index.
    pub networks: BTreeSet<(usize, &'g str)>,
    /// The sources the view's ties cite.
    pub sources: BTreeSet<SourceId>,
    /// The view's ties that cite no source: the footer says so, rather
    /// than cite fewer sources than the picture rests on, or none.
    pub unsourced: BTreeSet<TieId>,
    /// For a storyboard's one legend, the years it covers ("2012–2023"):
    /// its ties' heading says so, as a frame may draw fewer of them.
    pub span: Option<String>,
    /// Whether the view's time lies wholly after the graph's date: its ties
    /// are only possible then, and the footer says so.
    pub past_data: bool,
    /// The dates drawn as a number on their edge, written out in order
    /// ("[1] since Mar 2017").
    pub dates_by_number: Vec<String>,
    /// The fewest lines the list of dates by number takes, blank ones
    /// added: a storyboard's frames list different dates, and one line
    /// more in one frame would make its canvas taller than the others'.
    pub list_lines: usize,
}

impl<'g> Contents<'g> {
    /// What `view` draws at `time`, with `networks` the graph's fill indexes.
    pub fn of(
        graph: &'g Graph,
        view: &View,
        networks: &BTreeMap<&str, usize>,
        time: ViewTime,
    ) -> Contents<'g> {
        let mut contents = Contents {
            past_data: graph.as_of().is_some() && time.window.first > graph.known_until(),
            ..Contents::default()
        };
        for tie in view.ties.iter().filter_map(|t| graph.tie(*t)) {
            let relation = tie.tie.relation;
            contents.relations.insert(relation);
            contents.sources.extend(tie.tie.sources().iter().copied());
            if tie.tie.sources().is_empty() {
                contents.unsourced.insert(tie.id);
            }
            let mut mark = |marker: Marker| {
                let first = contents.markers.entry(marker).or_insert(relation);
                *first = (*first).min(relation);
            };
            // Each sample as such ties are drawn: an ended tie is dashed
            // whatever its confidence, so a possible one that ended is
            // not the dotted "possible" line, nor the plain "ended" one.
            let state = tie_state(graph, tie, time);
            match (state, tie.tie.confidence) {
                (TieState::Ended, Confidence::Confirmed) => mark(Marker::Ended),
                (TieState::Ended, Confidence::Likely) => mark(Marker::LikelyEnded),
                (TieState::Ended, Confidence::Possible) => mark(Marker::PossibleEnded),
                (_, Confidence::Likely) => mark(Marker::Likely),
                (_, Confidence::Possible) => mark(Marker::Possible),
                (_, Confidence::Confirmed) => {}
            }
            if state == TieState::Uncertain {
                mark(Marker::Uncertain);
            }
        }
        contents.unsure_actors = !unsure_actors(graph, view, time).is_empty();
        contents.ended_actors = !ended_actors(graph, view, time).is_empty();
        for &actor in &view.actors {
            let actor = graph.actor(actor);
            contents.kinds.insert(actor.kind);
            if let Some(tag) = actor.tags.first() {
                if let Some(index) = networks.get(tag.as_str()) {
                    contents.networks.insert((*index, tag.as_str()));
                }
            }
        }
        contents
    }

    /// Adds what `other` explains, for one legend over many frames.
    pub fn merge(&mut self, other: Contents<'g>) {
        self.relations.extend(other.relations);
        for (marker, relation) in other.markers {
            let first = self.markers.entry(marker).or_insert(relation);
            *first = (*first).min(relation);
        }
        self.kinds.extend(other.kinds);
        self.unsure_actors |= other.unsure_actors;
        self.ended_actors |= other.ended_actors;
        self.networks.extend(other.networks);
        self.sources.extend(other.sources);
        self.unsourced.extend(other.unsourced);
        self.past_data |= other.past_data;
    }
}

/// The legend's line for an actor that may not exist at the view's time:
/// its heading and its text.
const UNSURE_ACTOR: (&str, &str) = ("Name?", "dotted outline: may not exist then");
/// The legend's words for an actor that ended before the view's day.
const ENDED_ACTOR: &str = "faded: had ended by then";

/// How wide a line of the strip may grow, in points, before it wraps: a
/// little under a 13.33 in slide, so the strip never widens the picture
/// past the page on its own.
const LINE_POINTS: f64 = 850.0;
/// Characters of a note line (at the note size) before it wraps: about
/// as wide as [`LINE_POINTS`].
const NOTE_CHARS: usize = (LINE_POINTS / (NOTE_POINTS * 0.52)) as usize;
/// The point size of the strip's entries: smaller than node text, yet 10
/// pt or more on the page once a picture of the views is scaled
/// to a slide (about 0.7), the floor of [`super::fit::TextKind::Legend`].
const STRIP_FONT_SIZE: &str = "15";
/// The point size of the footer's notes, the sources: as the strip's.
const NOTE_FONT_SIZE: &str = "15";
/// [`NOTE_FONT_SIZE`] as a number.
const NOTE_POINTS: f64 = 15.0;

/// About how wide `text` is at `size` points, in Helvetica.
fn text_points(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.52 + 4.0
}

/// The legend strip and footer of `contents`; `None` when nothing is drawn.
pub fn strip(graph: &Graph, contents: &Contents<'_>, palette: &Palette) -> Option<Html> {
    if contents.relations.is_empty() && contents.kinds.is_empty() {
        return None;
    }
    let size: f64 = STRIP_FONT_SIZE.parse().unwrap_or(12.0);
    let relations = graph.relations();
    // A sample is a few box-drawing characters, each about 3/4 em wide.
    let sample_points = |sample: &Sample| sample.glyphs().chars().count() as f64 * size * 0.75;
    let mut ties: Vec<(Vec<Cell>, f64)> = Vec::new();
    for relation in &contents.relations {
        let rel = style::relation_style(palette, relations, *relation);
        let look = TieLook::new(&rel, Confidence::Confirmed, TieState::Running);
        let name = relations.name(*relation).to_string();
        let drawn = sample(&look, rel.is_thick());
        let width = sample_points(&drawn) + text_points(&name, size);
        ties.push((vec![Cell::Sample(drawn), Cell::Text(name)], width));
    }
    // The samples of the ways a tie is drawn share one colour, so that the
    // reader compares their dashes and fades, not their colours: a blue
    // "likely, ended" beside a grey "ended" matched a confirmed ended blue
    // alliance to the likely sample (helper-53), and a dotted vermillion
    // hostility that may not hold then was matched to the vermillion
    // "ended" sample, not the blue dotted one (helper-58). A relation drawn
    // with one line, in a colour, is preferred: an alliance's double line
    // read as "an alliance that ended" (helper-59), and grey or black ones
    // as grey samples for coloured lines (helper-60, and the issue).
    let one_colour = contents.markers.values().copied().min_by_key(|r| {
        let look = style::relation_style(palette, relations, *r);
        let Rgb([red, green, blue]) = look.color;
        let neutral = red.max(green).max(blue) - red.min(green).min(blue) < 48;
        (look.double, neutral, *r)
    });
    for (marker, relation) in &contents.markers {
        let (confidence, state) = marker.drawn_as();
        let relation = one_colour.unwrap_or(*relation);
        let rel = style::relation_style(palette, relations, relation);
        let look = TieLook::new(&rel, confidence, state);
        // A dotted sample is a row of specks at the strip's size: heavy
        // dots keep a faint (possible) one seen on the dark theme too.
        let heavy = look.line == style::LineStyle::Dotted;
        let mut line = sample(&look, rel.is_thick() || *marker == Marker::New || heavy);
        (line.head, line.ends) = (None, None);
        let name = marker.label().to_string();
        let width = sample_points(&line) + text_points(&name, size);
        ties.push((vec![Cell::Sample(line), Cell::Text(name)], width));
    }
    let heading = match &contents.span {
        Some(span) => format!("Ties drawn in {span}"),
        None => "Ties".to_string(),
    };
    let mut lines = wrap_entries(&heading, ties, size);

    let mut fills: Vec<Cell> = contents
        .networks
        .iter()
        .map(|(index, tag)| Cell::Chip {
            fill: style::network_fill(palette, *index),
            text: (*tag).to_string(),
        })
        .collect();
    let mut fill_points: f64 = contents
        .networks
        .iter()
        .map(|(_, tag)| text_points(tag, size) + 10.0)
        .sum::<f64>()
        + text_points("Fill", size);
    // A faded fill is a fill: said on the chips' line, which has room
    // more often than a line of its own would cost the picture.
    if contents.ended_actors && !fills.is_empty() {
        fills.push(Cell::Text(ENDED_ACTOR.into()));
        fill_points += text_points(ENDED_ACTOR, size);
    }
    let shapes: Vec<(Vec<Cell>, f64)> = contents
        .kinds
        .iter()
        .map(|kind| format!("{} {}", style::kind_look(*kind).glyph, kind.describe()))
        .map(|text| {
            let width = text_points(&text, size);
            (vec![Cell::Text(text)], width)
        })
        .collect();
    let shape_points: f64 = shapes.iter().map(|(_, w)| w).sum::<f64>() + text_points("Shape", size);
    if !fills.is_empty() {
        let mut cells = vec![Cell::Heading("Fill".into())];
        cells.extend(fills);
        // The shapes share the chips' line when it has room: a line of
        // chips no wider than the strip's widest is not stretched apart.
        if fill_points + shape_points + 24.0 <= LINE_POINTS {
            let names: Vec<String> = shapes
                .iter()
                .flat_map(|(c, _)| c.iter())
                .filter_map(|c| match c {
                    Cell::Text(t) => Some(t.clone()),
                    _ => None,
                })
                .collect();
            cells.push(Cell::Text("\u{2003}".into()));
            cells.push(Cell::Heading("Shape".into()));
            cells.push(Cell::Text(names.join("\u{2003}")));
            lines.push(Line::Cells(cells));
        } else {
            lines.push(Line::Cells(cells));
            lines.extend(wrap_entries("Shape", shapes, size));
        }
    } else {
        lines.extend(wrap_entries("Shape", shapes, size));
    }

    if contents.unsure_actors {
        // A line of its own: after the kinds it read as one of them.
        lines.push(Line::Runs(vec![
            Cell::Heading(UNSURE_ACTOR.0.into()),
            Cell::Text(UNSURE_ACTOR.1.into()),
        ]));
    }

    // Above the sources: the numbers are read off the drawing.
    let mut list = list_of_dates(&contents.dates_by_number);
    list.resize(list.len().max(contents.list_lines), "\u{a0}".to_string());
    lines.extend(list.into_iter().map(Line::Note));
    let citations = short_citations(graph, &contents.sources);
    let mut footer = String::new();
    // A storyboard's one footer cites every frame's sources.
    let heading = match &contents.span {
        Some(span) => format!("Sources of the ties drawn in {span}"),
        None => "Sources".to_string(),
    };
    let unsourced = match contents.unsourced.len() {
        0 => None,
        1 => Some("1 tie drawn cites none".to_string()),
        n => Some(format!("{n} ties drawn cite none")),
    };
    match (citations.is_empty(), unsourced) {
        (true, None) => {}
        (true, Some(_)) => footer = format!("{heading}: none cited. "),
        (false, None) => footer = format!("{heading}: {}. ", citations.join("; ")),
        (false, Some(none)) => footer = format!("{heading}: {}; {none}. ", citations.join("; ")),
    }
    footer.push_str(&data_date(graph));
    if contents.past_data {
        // As the answers' note says: nothing after the date is confirmed.
        footer.push_str(": the view's time is after it, so its ties are possible, not confirmed");
    }
    footer.push('.');
    lines.extend(wrap_words(&footer, NOTE_CHARS).into_iter().map(Line::Note));
    Some(
        Strip {
            font: style::FONT,
            size: STRIP_FONT_SIZE,
            note_size: NOTE_FONT_SIZE,
            text_color: palette.text,
            lines,
        }
        .build(),
    )
}

/// A legend sample drawn as `look` draws a tie: its colour (faded as the
/// tie is), its line and its arrowhead.
fn sample(look: &TieLook, thick: bool) -> Sample {
    Sample {
        color: look.color,
        line: look.line,
        double: look.double,
        head: look.arrowhead,
        ends: look.ends,
        thick,
    }
}

/// `entries` after a `heading`, wrapped into lines of at most
/// [`LINE_POINTS`]; the heading opens the first line only.
fn wrap_entries(heading: &str, entries: Vec<(Vec<Cell>, f64)>, size: f64) -> Vec<Line> {
    if entries.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut cells = vec![Cell::Heading(heading.to_string())];
    let mut used = text_points(heading, size);
    for (entry, width) in entries {
        if used + width > LINE_POINTS && cells.len() > 1 {
            lines.push(Line::Runs(std::mem::take(&mut cells)));
            used = 0.0;
        }
        used += width;
        cells.extend(entry);
    }
    lines.push(Line::Runs(cells));
    lines
}

/// `text` broken at spaces into lines of at most `width` characters (a
/// longer word stands alone).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The lines under the legend that write out the dates drawn as numbers
/// (`dates_by_number`); none when none are.
pub fn list_of_dates(dates_by_number: &[String]) -> Vec<String> {
    if dates_by_number.is_empty() {
        return Vec::new();
    }
    let dates = format!("Dates by number: {}.", dates_by_number.join("; "));
    wrap_words(&dates, NOTE_CHARS)
}

/// The short citations of `sources`, each once, in the graph's order.
pub fn short_citations(graph: &Graph, sources: &BTreeSet<SourceId>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    sources
        .iter()
        .map(|id| short_citation(graph.source(*id)))
        .filter(|short| seen.insert(short.clone()))
        .collect()
}

/// The most characters of a citation's author part in the footer.
const AUTHOR_CHARS: usize = 40;

/// A source as a slide footer cites it: who (the citation up to its first
/// comma) and when (its first "Month YYYY", as "Feb 2023", or its first
/// year or span of years): "Critical Threats Project, Feb 2023".
pub fn short_citation(source: &Source) -> String {
    let citation = source.citation.trim();
    let author = citation.split(", ").next().unwrap_or(citation).trim();
    let author = if author.is_empty() {
        source.id.as_str()
    } else {
        author
    };
    let author = if author.chars().count() > AUTHOR_CHARS {
        let cut: String = author.chars().take(AUTHOR_CHARS).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..at].trim_end_matches([',', ' ']))
    } else {
        author.to_string()
    };
    match citation_date(citation) {
        Some(date) => format!("{author}, {date}"),
        None => author,
    }
}

/// The first "Month YYYY" of `text` as "Feb 2023", else its first year,
/// or the span of years it opens with ("2019–2024").
fn citation_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| {
        w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && (w < "2200" && w > "1800")
    };
    for pair in words.windows(2) {
        if crate::model::time::month_from_name(pair[0]).is_some()
            && pair[0].len() > 2
            && year(pair[1])
        {
            let month: String = pair[0].chars().take(3).collect();
            return Some(format!("{month} {}", pair[1]));
        }
    }
    // A span of years ("evening bulletins, 2019-2024") is cited whole.
    let mut years = text
        .match_indices(|c: char| c.is_ascii_digit())
        .filter_map(|(at, _)| {
            let word = text.get(at..at + 4)?;
            let whole = !text[..at].ends_with(|c: char| c.is_ascii_digit())
                && !text[at + 4..].starts_with(|c: char| c.is_ascii_digit());
            (whole && year(word)).then_some((at, word))
        });
    let first = years.next()?;
    if let Some((at, second)) = years.next() {
        let between = text[first.0 + 4..at].trim();
        if ["-", "–", "—", "to"].contains(&between) && second > first.1 {
            return Some(format!("{}–{second}", first.1));
        }
    }
    Some(first.1.to_string())
}

/// "Data as of February 2023": the graph's own date, or, without one, the
/// latest date any tie or event of the graph gives.
pub fn data_date(graph: &Graph) -> String {
    if let Some(as_of) = graph.as_of() {
        return format!("Data as of {}", month_words(as_of));
    }
    let latest = graph
        .all_ties()
        .flat_map(|t| [t.tie.start(), t.tie.end()])
        .chain(graph.events().iter().map(|e| Some(e.date)))
        .flatten()
        .max_by_key(|d| d.last_day());
    match latest {
        Some(date) => format!("Data undated; latest dated fact {}", month_words(date)),
        None => "Data undated".to_string(),
    }
}

/// A date as a slide reads it: "February 2023", "23 January 2023", "2022";
/// other forms in their words ("on or before 2023-02").
fn month_words(date: crate::model::PartialDate) -> String {
    if !date.is_plain() {
        return date.in_words();
    }
    let year = date.year_number();
    match (date.month_number(), date.day_number()) {
        (Some(m), Some(d)) => format!("{d} {} {year}", crate::model::time::month_name(m)),
        (Some(m), None) => format!("{} {year}", crate::model::time::month_name(m)),
        _ => format!("{year}"),
    }
}

#[cfg(test)]
mod tests;
