//! The date label on a tie's edge, in words a slide reads ("since Jan
//! 2023", "2017–Nov 2022", "began 1–23 Jan 2023", "by Nov 2022", "since
//! 2017?"), or none when the export asks for no dates, or only for dates
//! inside its window. A tie with no end of its own ends with the first of
//! its actors to end, and its label says so.

use crate::model::{Bounds, Certainty, Day, Graph, PartialDate, Tie, TieRef, Window};

use super::style::TieState;

/// Which date labels a diagram writes on its edges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DateLabels {
    /// Every dated tie's dates.
    #[default]
    All,
    /// `dates off`: none.
    Off,
    /// `dates changes`: only starts and ends surely inside the view's
    /// window, so a slide shows what changed then (`[..2023-02]` may fall
    /// in 2022, but says nothing of a change in 2022).
    Changes,
}

/// A tie's dates as a picture states them: its own start, and its own end
/// or, when it has none, the end of the first of its actors to end (a tie
/// cannot outlive its actors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TieDates {
    /// When it began, as written.
    pub start: Option<PartialDate>,
    /// When it ended: as written, or as an actor's life ends.
    pub end: Option<PartialDate>,
    /// The actor whose end is the tie's, when the tie gives none.
    pub ended_with: Option<String>,
}

impl TieDates {
    /// The tie's own dates, no actor's life applied.
    pub fn own(tie: &Tie) -> TieDates {
        TieDates {
            start: tie.start(),
            end: tie.end(),
            ended_with: None,
        }
    }

    /// The dates of `tie` in `graph`: an ongoing tie between actors one of
    /// whom ended takes the earliest such end.
    pub fn of(graph: &Graph, tie: TieRef<'_>) -> TieDates {
        let mut dates = TieDates::own(tie.tie);
        if let Some((actor, end)) = graph.ended_with(tie) {
            dates.end = Some(end);
            dates.ended_with = Some(graph.actor(actor).name.clone());
        }
        dates
    }

    /// Why the tie ends when it gives no end, for a tooltip: "ended with
    /// France (active until 2022-11)".
    pub fn reason(&self) -> Option<String> {
        let (name, end) = (self.ended_with.as_ref()?, self.end?);
        Some(format!("ended with {name} (active until {end})"))
    }
}

/// The label of a tie with `dates`, drawn in `state` over `window`; `None`
/// when it shows no date. A `?` ends the label of a tie that may not hold
/// on the view's day, the way its dotted line says it.
pub fn date_label(
    dates: &TieDates,
    state: TieState,
    window: Window,
    labels: DateLabels,
) -> Option<String> {
    let inside = |date: Option<PartialDate>| {
        date.filter(|d| match labels {
            DateLabels::All => true,
            DateLabels::Off => false,
            DateLabels::Changes => {
                Bounds::instant((d.first_day(), d.last_day())).activity(window)
                    == Certainty::Certainly
            }
        })
    };
    let (start, end) = (inside(dates.start), inside(dates.end));
    // An end taken from an actor's life is when the tie had ended by, not
    // the day it ended: "2016, ended by 2019", never "2016–2019".
    let end = end.map(|e| match dates.ended_with {
        Some(_) => e.at_the_latest(),
        None => e,
    });
    // An actor's end known only roughly ("2022?") stays as written, but is
    // still when the tie had ended by: "perhaps 2019, ended by perhaps
    // 2022", never "perhaps 2019–perhaps 2022" (cold check).
    let by = |e: PartialDate| e.is_on_or_before() || dates.ended_with.is_some();
    // "[..2022-11]–2022-11" says no more than "until Nov 2022".
    let start = start.filter(|s| !(s.is_on_or_before() && end.is_some()));
    let text = match (start, end) {
        // "in Apr 2016", not "Apr 2016, ended by Apr 2016".
        (Some(s), Some(e)) if by(e) && words(s) == before(e) => {
            let on = if s.day_number().is_some() { "on" } else { "in" };
            format!("{on} {}", words(s))
        }
        (Some(s), Some(e)) if by(e) => {
            format!("{}, ended by {}", began(s), before(e))
        }
        // "in Mar 2017", not "Mar 2017–Mar 2017".
        (Some(s), Some(e)) if words(s) == words(e) => {
            let on = if s.day_number().is_some() { "on" } else { "in" };
            format!("{on} {}", words(s))
        }
        // "began May–Aug 2021, ended Nov 2022": a dash inside a date
        // cannot also join the span ("May–Aug 2021–Nov 2022").
        (Some(s), Some(e)) if is_span(&words(s)) || is_span(&words(e)) => {
            format!("{}, ended {}", began(s), words(e))
        }
        (Some(s), Some(e)) => format!("{}–{}", words(s), words(e)),
        // "[..2023-02]": it had begun by then.
        (Some(s), None) if s.is_on_or_before() => format!("by {}", before(s)),
        // "began 2016–2018": "since 2016–2018" reads as a tie that ended.
        (Some(s), None) if is_span(&words(s)) => format!("began {}", words(s)),
        (Some(s), None) => format!("since {}", words(s)),
        (None, Some(e)) if by(e) => format!("ended by {}", before(e)),
        (None, Some(e)) if is_span(&words(e)) => format!("ended {}", words(e)),
        (None, Some(e)) => format!("until {}", words(e)),
        (None, None) if labels == DateLabels::All && dates.start.is_none() => "undated".to_string(),
        (None, None) => return None,
    };
    Some(match state {
        TieState::Uncertain => format!("{text}?"),
        _ => text,
    })
}

/// Whether a date's words name a span of possible days ("May–Aug 2022",
/// "2016–2018"), which a dash beside it would read as a tie's whole life.
fn is_span(words: &str) -> bool {
    words.contains('–')
}

/// The start of a span that also states its end: "2017" as is, a span of
/// possible days as "began 2016–2018".
fn began(start: PartialDate) -> String {
    let text = words(start);
    if is_span(&text) {
        format!("began {text}")
    } else {
        text
    }
}

/// The longest label, in characters, kept on one line.
const ONE_LINE: usize = 16;

/// `label` on two lines when it is long ("since May 2022–" over "Feb
/// 2023"): in a picture laid out left to right, a label's width is room
/// between two columns, which shrinks the whole picture on the page. It
/// breaks after the dash that joins two dates, or else at the space that
/// leaves the longer line shortest, but never inside a date ("20 Feb
/// 2018", "c. Jun 2022" and "2014 or later" stay whole).
pub fn on_two_lines(label: &str) -> String {
    if label.chars().count() <= ONE_LINE {
        return label.to_string();
    }
    split_in_two(label)
}

/// `label` on two lines however short, where it can be broken as
/// [`on_two_lines`] breaks it ("by" over "Feb 2023"): a label's height is
/// what holds two actors stacked in a column apart, and one line held
/// them too little apart (a 0.15 in stub between the pro-unionist and
/// pro-separatist groups in JNIM depth 2 `dates on`).
pub fn split_in_two(label: &str) -> String {
    // "began May–Aug 2021, ended Nov 2022": a dash inside a date is no
    // place to break (a line ending "2021–" reads as a start).
    if let Some(at) = label.find(", ended ") {
        if label.contains('–') {
            return format!("{}\n{}", &label[..at + 1], &label[at + 2..]);
        }
    }
    let chars: Vec<char> = label.chars().collect();
    // (characters before the break, characters skipped at it)
    let mut breaks: Vec<(usize, usize)> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' && !inside_a_date(&chars[..i], &chars[i + 1..]) {
            breaks.push((i, 1));
        }
        // "2022–Feb": the joint of a span, after a year.
        let after_year = i >= 4 && chars[i - 4..i].iter().all(char::is_ascii_digit);
        if *c == '–' && after_year && i + 1 < chars.len() {
            breaks.push((i + 1, 0));
        }
    }
    let longer = |(at, skip): (usize, usize)| at.max(chars.len() - at - skip);
    // The joint of a span reads best, unless it leaves a line much longer.
    let joint = breaks
        .iter()
        .copied()
        .filter(|b| b.1 == 0 && longer(*b) <= ONE_LINE + 2)
        .min_by_key(|b| longer(*b));
    let Some(best) = joint.or_else(|| breaks.into_iter().min_by_key(|b| longer(*b))) else {
        return label.to_string();
    };
    let (first, second) = (&chars[..best.0], &chars[best.0 + best.1..]);
    format!(
        "{}\n{}",
        first.iter().collect::<String>(),
        second.iter().collect::<String>()
    )
}

/// Whether the space between `before` and `after` joins two words of one
/// date: a day and its month, a month and its year, "c." or "perhaps" and
/// its date, a year and "or later".
fn inside_a_date(before: &[char], after: &[char]) -> bool {
    let word = |chars: &[char]| chars.iter().collect::<String>();
    let last = word(before)
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let next = word(after)
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let is_month = |w: &str| (1..=12).any(|m| short_month(m) == w.trim_end_matches('?'));
    let ends_in_digit = last.ends_with(|c: char| c.is_ascii_digit());
    let starts_with_digit = next.starts_with(|c: char| c.is_ascii_digit());
    last == "c."
        || last == "perhaps"
        || (ends_in_digit && (is_month(&next) || next == "or"))
        || (is_month(&last) && starts_with_digit)
        || last == "or"
}

/// A date as a slide reads it: `Mar 2017`, `2 Mar 2017`, `c. Jun 2022`,
/// `2014 or later`; a range of possible days whose ends are written alike
/// or overlap in the fewest words (`1–23 Jan 2023` for
/// `[2023-01..2023-01-23]`, `May–Aug 2022`), any other range as written
/// (`2021–Aug 2022`: the year is all the source says of its start).
fn words(date: PartialDate) -> String {
    let edtf = date.to_string();
    if let Some((lower, upper)) = range_ends(&edtf) {
        let precision = |d: PartialDate| match (d.month_number(), d.day_number()) {
            (None, _) => 0,
            (Some(_), None) => 1,
            (Some(_), Some(_)) => 2,
        };
        if precision(lower) == precision(upper) || lower.last_day() >= upper.first_day() {
            return range_words(date.first_day(), date.last_day());
        }
    }
    let text = date.in_short_words();
    match text.strip_suffix(" or after") {
        Some(first) => format!("{first} or later"),
        None => text,
    }
}

/// The two ends of a range of possible days, `[A..B]`; `None` for any
/// other shape of date (open ranges included).
fn range_ends(edtf: &str) -> Option<(PartialDate, PartialDate)> {
    let inner = edtf.strip_prefix('[')?.strip_suffix(']')?;
    let (lower, upper) = inner.split_once("..")?;
    Some((lower.parse().ok()?, upper.parse().ok()?))
}

/// The bound of an on-or-before date, for "by" and "ended by": "Nov 2022".
fn before(date: PartialDate) -> String {
    let text = date.in_short_words();
    text.trim_end_matches(" or before").to_string()
}

/// The days `first` to `last` in the fewest words: whole years, whole
/// months, or days.
fn range_words(first: Day, last: Day) -> String {
    let (a, b) = (PartialDate::from_day(first), PartialDate::from_day(last));
    let (ya, ma, da) = (a.year_number(), a.month_number(), a.day_number());
    let (yb, mb, db) = (b.year_number(), b.month_number(), b.day_number());
    let month = |m: Option<u32>| short_month(m.unwrap_or(1));
    let next = |d: Day| PartialDate::from_day(d + 1);
    let ends_month = next(last).day_number() == Some(1);
    let ends_year = ends_month && next(last).month_number() == Some(1);
    let whole = |text: &str, other: &str| {
        if text == other {
            text.to_string()
        } else {
            format!("{text}–{other}")
        }
    };
    if da == Some(1) && ma == Some(1) && ends_year {
        return whole(&ya.to_string(), &yb.to_string());
    }
    if da == Some(1) && ends_month {
        return if ya == yb {
            format!("{} {yb}", whole(month(ma), month(mb)))
        } else {
            format!("{} {ya}–{} {yb}", month(ma), month(mb))
        };
    }
    let (da, db) = (da.unwrap_or(1), db.unwrap_or(1));
    if (ya, ma) == (yb, mb) {
        format!("{}–{db} {} {yb}", da, month(mb))
    } else if ya == yb {
        format!("{da} {}–{db} {} {yb}", month(ma), month(mb))
    } else {
        format!("{da} {} {ya}–{db} {} {yb}", month(ma), month(mb))
    }
}

/// "Jan" for 1.
fn short_month(month: u32) -> &'static str {
    let name = crate::model::time::month_name(month);
    &name[..3]
}

#[cfg(test)]
mod tests;
