//! Writes labels' new places into laid-out DOT (Graphviz's `-Tdot`), for
//! `neato -n2` to draw: each attribute list whose `id` has a new place gets
//! that `lp`, and loses `decorate` (the underline and stroke that tied a
//! label standing apart to its edge: a label beside its edge needs
//! neither). Every other byte is kept as Graphviz wrote it.

use std::collections::HashMap;

use super::ends::Spline;
use super::Placed;

/// A token of DOT text, by its byte range.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    /// `[`, `]`, `=`, `,`, `;` and the like, and where it stands.
    Punct(u8, usize),
    /// A name, number, quoted string or HTML string.
    Id(usize, usize),
}

/// The tokens of `text`, skipping blanks and comments.
fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(bytes, i),
            b'#' if i == 0 || bytes[i - 1] == b'\n' => i = line_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |end| i + 2 + end + 2);
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                found.push(Token::Id(start, i));
            }
            b'<' => {
                let start = i;
                let mut depth = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'<' => depth += 1,
                        b'>' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
                found.push(Token::Id(start, i));
            }
            b'[' | b']' | b'{' | b'}' | b'=' | b';' | b',' | b':' => {
                found.push(Token::Punct(c, i));
                i += 1;
            }
            _ => {
                let start = i;
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b' ' | b'\t'
                            | b'\r'
                            | b'\n'
                            | b'['
                            | b']'
                            | b'{'
                            | b'}'
                            | b'='
                            | b';'
                            | b','
                            | b':'
                            | b'"'
                            | b'<'
                    )
                {
                    i += 1;
                }
                found.push(Token::Id(start, i));
            }
        }
    }
    found
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |end| from + end)
}

/// An id's value: a quoted string without its quotes (its escapes kept).
fn value(text: &str, (start, end): (usize, usize)) -> &str {
    let raw = &text[start..end];
    raw.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw)
}

/// The changes [`edit`] makes to one attribute list: attributes to write,
/// each replacing any of its name, and attributes to leave out.
#[derive(Default)]
struct Changes {
    set: Vec<(&'static str, String)>,
    drop: Vec<&'static str>,
}

/// `laid` with each attribute list changed as `change` says, given a way
/// to read the list's attributes; every other byte kept as written.
fn edit<'a>(
    laid: &'a str,
    mut change: impl FnMut(&dyn Fn(&str) -> Option<&'a str>) -> Changes,
) -> String {
    let tokens = tokens(laid);
    let mut out = String::with_capacity(laid.len());
    let mut copied = 0;
    let mut i = 0;
    while i < tokens.len() {
        let Token::Punct(b'[', start) = tokens[i] else {
            i += 1;
            continue;
        };
        let open = i;
        let Some((close, end)) = tokens[open..]
            .iter()
            .enumerate()
            .find_map(|(p, t)| match t {
                Token::Punct(b']', at) => Some((open + p, at + 1)),
                _ => None,
            })
        else {
            break;
        };
        // The list's `key = value` pairs, by token ranges.
        let mut pairs = Vec::new();
        let mut j = open + 1;
        while j + 2 < close + 1 {
            if let (Token::Id(ks, ke), Token::Punct(b'=', _), Token::Id(vs, ve)) =
                (tokens[j], tokens[j + 1], tokens[j + 2])
            {
                pairs.push(((ks, ke), (vs, ve)));
                j += 3;
            } else {
                j += 1;
            }
        }
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| value(laid, *key) == name)
                .map(|(_, v)| value(laid, *v))
        };
        let Changes { set, drop } = change(&get);
        if !set.is_empty()
            || pairs
                .iter()
                .any(|(key, _)| drop.contains(&value(laid, *key)))
        {
            out.push_str(&laid[copied..start]);
            let kept: Vec<String> = pairs
                .iter()
                .filter(|(key, _)| {
                    let key = value(laid, *key);
                    !drop.contains(&key) && !set.iter().any(|(name, _)| *name == key)
                })
                .map(|((ks, ke), (vs, ve))| format!("{}={}", &laid[*ks..*ke], &laid[*vs..*ve]))
                .chain(set.iter().map(|(name, v)| format!("{name}=\"{v}\"")))
                .collect();
            out.push('[');
            out.push_str(&kept.join(",\n\t\t"));
            out.push(']');
            copied = end;
        }
        i = close + 1;
    }
    out.push_str(&laid[copied..]);
    out
}

/// Graphviz's gap between two peripheries of a node, in points.
const PERIPHERY_GAP: f64 = 4.0;

/// `laid` with the label of each edge whose `id` is in `places` at its new
/// place (by the attribute named with it: `lp`, `head_lp`, `tail_lp`),
/// decorated only when it has a leader, its lines joined into one where it
/// was placed so; each edge whose `id` is in `routes` on that route; and an arrowhead on each directed edge `dot` routed
/// without one (a tie drawn as an arc off one side of two actors in a
/// column: Graphviz 2.43 leaves its arrowhead out).
pub fn relabel(
    laid: &str,
    places: &HashMap<String, (&str, Placed)>,
    routes: &HashMap<String, String>,
) -> String {
    edit(laid, |get| {
        let mut changes = Changes::default();
        if let Some((attribute, placed)) = get("id").and_then(|id| places.get(id)) {
            let (x, y) = placed.at;
            let attribute: &'static str = match *attribute {
                "head_lp" => "head_lp",
                "tail_lp" => "tail_lp",
                _ => "lp",
            };
            changes.set.push((attribute, format!("{x:.2},{y:.2}")));
            if placed.leader {
                changes.set.push(("decorate", "true".to_string()));
            } else {
                changes.drop.push("decorate");
            }
            let text = match attribute {
                "head_lp" => "headlabel",
                "tail_lp" => "taillabel",
                _ => "label",
            };
            // An HTML label (unquoted, in `<…>`) keeps its lines.
            let lines = get(text).filter(|lines| !lines.starts_with('<'));
            if let (true, Some(lines)) = (placed.one_line, lines) {
                changes.set.push((text, on_one_line(lines)));
            }
        }
        // `dot` gives a node of several peripheries the outer one's size,
        // and `neato -n2` draws that size as the inner one, the others
        // 4 pt apart outside it: the actor would grow, and every edge end
        // at its inner line, the outer one crossing each arrowhead.
        if let Some(extra) = get("peripheries")
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|&n| n > 1)
            .map(|n| f64::from(n - 1) * 2.0 * PERIPHERY_GAP / 72.0)
        {
            for key in ["width", "height"] {
                if let Some(inches) = get(key).and_then(|v| v.parse::<f64>().ok()) {
                    changes
                        .set
                        .push((key, format!("{:.4}", (inches - extra).max(0.01))));
                }
            }
        }
        // A new route where its ends were spread (see `ends`).
        let route = get("id").and_then(|id| routes.get(id));
        if let Some(pos) = route.map(String::as_str).or_else(|| get("pos")) {
            match arrowed(pos, get("dir"), get("arrowsize")) {
                Some(pos) => changes.set.push(("pos", pos)),
                None => changes.set.extend(route.map(|pos| ("pos", pos.clone()))),
            }
        }
        changes
    })
}

/// A label's lines (DOT's `\n` between them) joined into one: by a space,
/// but straight on after the dash of a span ("2022–Feb 2023").
fn on_one_line(lines: &str) -> String {
    lines.replace("–\\n", "–").replace("\\n", " ")
}

/// [`with_arrow_end`] for an edge drawn forward (`dir`), at its
/// `arrowsize` (1 when unset); `None` for any other edge.
pub(crate) fn arrowed(pos: &str, dir: Option<&str>, arrowsize: Option<&str>) -> Option<String> {
    if dir != Some("forward") {
        return None;
    }
    let arrowsize = arrowsize.and_then(|a| a.parse::<f64>().ok()).unwrap_or(1.0);
    with_arrow_end(pos, arrowsize)
}

/// A spline with no arrowhead at its end (`pos` without `e,`), its last
/// piece drawn back along its own direction by the arrowhead's length
/// (10 points at `arrowsize` 1), and the tip where it ended; `None` when
/// it has its arrowhead or cannot be read.
fn with_arrow_end(pos: &str, arrowsize: f64) -> Option<String> {
    let Spline {
        start,
        end,
        mut control,
    } = Spline::parse(pos)?;
    if end.is_some() {
        return None;
    }
    // Its arrowhead drawn at the start (Graphviz turned a flat edge
    // round): the same curve, run the other way, ends at that tip.
    if let Some(tip) = start {
        control.reverse();
        return Some(
            Spline {
                start: None,
                end: Some(tip),
                control,
            }
            .to_pos(),
        );
    }
    let n = control.len();
    if (n - 1) % 3 != 0 {
        return None;
    }
    let tip = control[n - 1];
    let back = control[..n - 1]
        .iter()
        .rev()
        .find(|p| (tip.0 - p.0).hypot(tip.1 - p.1) > 1e-6)?;
    let (dx, dy) = (tip.0 - back.0, tip.1 - back.1);
    let length = dx.hypot(dy);
    let shift = 10.0 * arrowsize;
    let (ux, uy) = (dx / length * shift, dy / length * shift);
    for point in &mut control[n - 2..] {
        *point = (point.0 - ux, point.1 - uy);
    }
    Some(
        Spline {
            start: None,
            end: Some(tip),
            control,
        }
        .to_pos(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAID: &str = "digraph actorgraph {\n\tgraph [bb=\"0,0,10,10\", label=<<B>a &gt; b</B>>];\n\
        \t\"a:x\" -> \"a:y\"\t[decorate=true,\n\t\tid=tie3,\n\t\tlabel=\"since [2014]\",\n\t\tlp=\"1,2\",\n\
        \t\tpos=\"e,1,1 2,2 \\\n3,3 4,4\"];\n\
        \t\"a:y\" -> \"a:z\"\t[id=\"tie4\", label=\"x\", lp=\"5,5\", decorate=true];\n}\n";

    #[test]
    fn only_the_labels_with_a_new_place_change() {
        let placed = Placed {
            at: (7.5, 8.25),
            one_line: false,
            leader: false,
        };
        let places = HashMap::from([("tie3".to_string(), ("lp", placed))]);
        let out = relabel(LAID, &places, &HashMap::new());
        assert_eq!(
            out,
            "digraph actorgraph {\n\tgraph [bb=\"0,0,10,10\", label=<<B>a &gt; b</B>>];\n\
             \t\"a:x\" -> \"a:y\"\t[id=tie3,\n\t\tlabel=\"since [2014]\",\n\t\t\
             pos=\"e,1,1 2,2 \\\n3,3 4,4\",\n\t\tlp=\"7.50,8.25\"];\n\
             \t\"a:y\" -> \"a:z\"\t[id=\"tie4\", label=\"x\", lp=\"5,5\", decorate=true];\n}\n"
        );
        assert_eq!(relabel(LAID, &HashMap::new(), &HashMap::new()), LAID);
    }

    #[test]
    fn a_label_placed_on_one_line_has_its_lines_joined() {
        let laid =
            "digraph g {\n\ta -> b\t[id=tie1, label=\"began May 2022–\\nFeb 2023\", lp=\"1,2\"];\n\
                    \tb -> c\t[id=tie2, headlabel=\"since\\nMar 2017\", head_lp=\"1,2\"];\n}\n";
        let one_line = |x| Placed {
            at: (x, 1.0),
            one_line: true,
            leader: false,
        };
        let places = HashMap::from([
            ("tie1".to_string(), ("lp", one_line(3.0))),
            ("tie2".to_string(), ("head_lp", one_line(4.0))),
        ]);
        let out = relabel(laid, &places, &HashMap::new());
        assert!(out.contains("label=\"began May 2022–Feb 2023\""), "{out}");
        assert!(out.contains("headlabel=\"since Mar 2017\""), "{out}");
        assert!(out.contains("head_lp=\"4.00,1.00\""), "{out}");
    }

    #[test]
    fn a_directed_edge_without_an_arrowhead_gets_one() {
        let laid = "digraph g {\n\ta -> b\t[arrowsize=0.5,\n\t\tdir=forward,\n\t\t\
                    pos=\"0,0 10,0 20,0 \\\n30,0\"];\n\tb -> c\t[dir=none, pos=\"0,0 1,1 2,2 3,3\"];\n}\n";
        let out = relabel(laid, &HashMap::new(), &HashMap::new());
        assert!(
            out.contains("pos=\"e,30.00,0.00 0.00,0.00 10.00,0.00 15.00,0.00 25.00,0.00\""),
            "{out}"
        );
        // An undirected edge, or one with its arrowhead, is left alone.
        assert!(out.contains("[dir=none, pos=\"0,0 1,1 2,2 3,3\"]"), "{out}");
        assert_eq!(with_arrow_end("e,5,5 0,0 1,1 2,2 3,3", 1.0), None);
        // Its arrowhead at the start, where Graphviz turned it round: the
        // curve runs the other way to it.
        assert_eq!(
            with_arrow_end("s,-1,0 0,0 1,1 2,2 3,3", 1.0).as_deref(),
            Some("e,-1.00,0.00 3.00,3.00 2.00,2.00 1.00,1.00 0.00,0.00")
        );
    }

    #[test]
    fn quoted_and_html_text_is_one_token() {
        let text = "a [label=\"x ] y\", b=<<T>]</T>>]";
        let ids: Vec<&str> = tokens(text)
            .into_iter()
            .filter_map(|t| match t {
                Token::Id(s, e) => Some(&text[s..e]),
                Token::Punct(..) => None,
            })
            .collect();
        assert_eq!(ids, ["a", "label", "\"x ] y\"", "b", "<<T>]</T>>"]);
    }
}
