//! The nearest accepted form of a question the language does not take
//! (`tell me about JNIM`, `list JNIM's allies`), built from the actor
//! names and relation words it holds: the error that teaches the language.

use super::super::lexer::TokenKind;
use super::questions::LONGEST_NAME;
use super::Parser;

impl Parser<'_> {
    /// For a question the language does not take (`tell me about JNIM`,
    /// `list JNIM's allies`), the accepted form nearest to it, built from
    /// the actor names and relation words it holds.
    pub(super) fn nearest_form(&self) -> Option<String> {
        let graph = self.graph?;
        let words: Vec<String> = self
            .tokens
            .iter()
            .map(|t| match t.kind {
                TokenKind::Word => possessive_stripped(&t.text).to_string(),
                _ => t.text.clone(),
            })
            .collect();
        let (mut actors, mut relation) = (Vec::new(), None);
        let mut at = 0;
        'words: while at < words.len() {
            for taken in (1..=(words.len() - at).min(LONGEST_NAME)).rev() {
                if let Some(id) = graph.find(&words[at..at + taken].join(" ")) {
                    actors.push(graph.actor(id).name.clone());
                    at += taken;
                    continue 'words;
                }
            }
            if let Some((phrase, taken)) = self.phrases.at(&words[at..]) {
                relation.get_or_insert_with(|| phrase.relation.clone());
                at += taken;
                continue;
            }
            // A bare noun: `allies` as in `allies of`.
            let noun = [words[at].as_str(), "of"];
            if let Some((phrase, _)) = self.phrases.at(&noun).filter(|(_, n)| *n == 2) {
                relation.get_or_insert_with(|| phrase.relation.clone());
            }
            at += 1;
        }
        let quoted = |name: &String| {
            if name.contains(' ') {
                format!("\"{name}\"")
            } else {
                name.clone()
            }
        };
        let verb = |relation: &str| {
            let relations = graph.relations();
            let id = relations.find(relation)?;
            let examples = self.phrases.examples(relations);
            examples.get(id.index()).cloned()
        };
        // A yes-or-no question reads `is A fighting B` or `does A lead B`.
        let verdict = |a: &String, relation: &str, b: &String| {
            let (a, b) = (quoted(a), quoted(b));
            let is = |words: &str| Some(format!("is {a} {words} {b}"));
            match relation {
                "alliance" => is("allied with"),
                "hostility" => is("fighting"),
                "allegiance" => is("loyal to"),
                "subgroup-of" => is("part of"),
                _ => {
                    let relations = graph.relations();
                    let declared = relations.get(relations.find(relation)?);
                    match declared.phrasing.as_ref().and_then(|p| p.base.as_ref()) {
                        Some(base) => Some(format!("does {a} {base} {b}")),
                        None => Some(format!("ties between {a} and {b} via {relation}")),
                    }
                }
            }
        };
        match (actors.as_slice(), relation) {
            ([a, b, ..], Some(r)) => verdict(a, &r, b),
            ([a], Some(r)) => Some(format!("who {} {}", verb(&r)?, quoted(a))),
            ([a, b, ..], None) => Some(format!("ties between {} and {}", quoted(a), quoted(b))),
            ([a], None) => Some(format!("show {}", quoted(a))),
            ([], _) => None,
        }
    }
}

/// `JNIM's` read as `JNIM`.
pub(super) fn possessive_stripped(word: &str) -> &str {
    ["'s", "’s", "'"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word)
}
