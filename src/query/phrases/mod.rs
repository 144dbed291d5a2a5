//! The verb phrases questions use for relations: `allied with`, `fought`,
//! `pledged allegiance to`, `subgroup of`, and whatever a graph file
//! declares (`leads`, `led by`). A phrase reads with `from` as its subject
//! (active) or with `to` as its subject (inverse: `led by`, `parent of`).

use crate::model::{Relation, Relations};

/// Which end of a tie a phrase's subject is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    /// The subject is the tie's `from`: `A leads B`.
    Active,
    /// The subject is the tie's `to`: `B is led by A`.
    Inverse,
}

/// One way of saying a relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// The words, lower case: `["pledged", "allegiance", "to"]`.
    pub words: Vec<String>,
    /// The relation's name in the graph.
    pub relation: String,
    /// Which end the subject is.
    pub voice: Voice,
}

/// The phrases of the four built-in relations, active then inverse.
const BUILTIN: [(&str, &[&str], &[&str]); 4] = [
    (
        "alliance",
        &[
            "allied with",
            "allies with",
            "ally with",
            "allying with",
            "allied to",
            "ally of",
            "allies of",
            "partnered with",
            "partners with",
            "partner with",
            "partnering with",
            "partner of",
            "cooperated with",
            "cooperates with",
            "cooperate with",
            "cooperating with",
            "working with",
            "works with",
            "worked with",
            "aligned with",
            "in alliance with",
            "alliance with",
        ],
        &[],
    ),
    (
        "hostility",
        &[
            "fought",
            "fights",
            "fight",
            "fighting",
            "fought against",
            "fights against",
            "fight against",
            "fighting against",
            "attacked",
            "attacks",
            "attack",
            "attacking",
            "clashed with",
            "clashes with",
            "clash with",
            "clashing with",
            "hostile to",
            "at war with",
            "enemy of",
            "enemies of",
            "enemies with",
            "opposed",
            "opposes",
            "oppose",
            "opposing",
        ],
        &[],
    ),
    (
        "allegiance",
        &[
            "pledged allegiance to",
            "pledges allegiance to",
            "pledge allegiance to",
            "pledging allegiance to",
            "swore allegiance to",
            "swear allegiance to",
            "sworn allegiance to",
            "swears allegiance to",
            "pledged loyalty to",
            "pledges loyalty to",
            "pledge loyalty to",
            "pledged to",
            "pledges to",
            "pledge to",
            "loyal to",
            "affiliated with",
            "affiliate of",
        ],
        &[],
    ),
    (
        "subgroup-of",
        &[
            "subgroup of",
            "subgroups of",
            "sub group of",
            "branch of",
            "faction of",
            "part of",
            "member of",
            "component of",
            "wing of",
            "joined",
            "joins",
            "join",
            "joining",
            "merged into",
            "merges into",
            "merge into",
            "belongs to",
            "belong to",
            "belonged to",
            "subgroups",
        ],
        &["parent of", "joined by", "parents of"],
    ),
];

/// Every phrase a graph's relations can be asked by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrases {
    /// Longest first, so `fought against` wins over `fought`.
    list: Vec<Phrase>,
}

impl Phrases {
    /// The phrases of `relations`: the built-ins' own, each declared
    /// relation's phrasing, and every relation's name.
    pub fn of(relations: &Relations) -> Phrases {
        let mut list = Vec::new();
        let mut add = |text: &str, relation: &str, voice: Voice| {
            let words: Vec<String> = text
                .split([' ', '-', '_'])
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            if words.is_empty() || list.iter().any(|p: &Phrase| p.words == words) {
                // The first relation to claim a phrase keeps it.
                return;
            }
            list.push(Phrase {
                words,
                relation: relation.to_string(),
                voice,
            });
        };
        for (name, active, inverse) in BUILTIN {
            for text in active {
                add(text, name, Voice::Active);
            }
            for text in inverse {
                add(text, name, Voice::Inverse);
            }
        }
        // The built-ins have their phrases above; a declared relation is
        // also asked by its name.
        for relation in relations.declared() {
            for (text, voice) in declared(relation) {
                add(&text, &relation.name, voice);
            }
        }
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        Phrases { list }
    }

    /// The longest phrase that `words` begin with, and how many words it
    /// takes. Leading articles (`a subgroup of`, `the parent of`) are
    /// skipped and counted.
    pub fn at<S: AsRef<str>>(&self, words: &[S]) -> Option<(&Phrase, usize)> {
        let skip = words
            .iter()
            .take_while(|w| is_article(w.as_ref()) || is_aspect(w.as_ref()))
            .count();
        let rest = &words[skip..];
        self.list
            .iter()
            .find(|p| {
                p.words.len() <= rest.len()
                    && p.words
                        .iter()
                        .zip(rest)
                        .all(|(a, b)| a.eq_ignore_ascii_case(b.as_ref()))
            })
            .map(|p| (p, skip + p.words.len()))
    }

    /// True when some phrase begins with `word`.
    pub fn starts_with(&self, word: &str) -> bool {
        self.list
            .iter()
            .any(|p| p.words[0].eq_ignore_ascii_case(word))
    }

    /// One phrase per relation, in the relations' order, for messages:
    /// `leads` for leads, `allied with` for alliance.
    pub fn examples<'a>(&'a self, relations: &'a Relations) -> Vec<String> {
        relations
            .iter()
            .filter_map(|(_, r)| self.best(r, Voice::Active))
            .collect()
    }

    /// The phrase that says `relation` best in `voice`: a declared verb or
    /// the built-ins' first, else the shortest.
    fn best(&self, relation: &Relation, voice: Voice) -> Option<String> {
        self.list
            .iter()
            .filter(|p| p.relation == relation.name && p.voice == voice)
            .min_by_key(|p| (preference(p, relation), p.words.len()))
            .map(|p| p.words.join(" "))
    }
}

impl Default for Phrases {
    /// The built-in relations' phrases.
    fn default() -> Self {
        Phrases::of(&Relations::default())
    }
}

impl Phrases {
    /// The words that can follow `typed` inside some phrase (leading
    /// articles and `start`/`stop` skipped), for completion: after `pledged`
    /// comes `allegiance` or `to`. With nothing typed, every first word.
    pub fn next_words<S: AsRef<str>>(&self, typed: &[S]) -> Vec<String> {
        let skip = typed
            .iter()
            .take_while(|w| is_article(w.as_ref()) || is_aspect(w.as_ref()))
            .count();
        let typed = &typed[skip..];
        let mut next: Vec<String> = Vec::new();
        for phrase in &self.list {
            let continues = phrase.words.len() > typed.len()
                && phrase
                    .words
                    .iter()
                    .zip(typed)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b.as_ref()));
            if continues && !next.contains(&phrase.words[typed.len()]) {
                next.push(phrase.words[typed.len()].clone());
            }
        }
        next.sort();
        next
    }

    /// A symmetric relation's phrase said of a pair (`are Mali and CMA at
    /// peace`, `… rivals`): a whole phrase, or one without its closing
    /// `with`, `to` or `of`; and how many words it takes.
    pub fn pair_word<S: AsRef<str>>(
        &self,
        words: &[S],
        relations: &Relations,
    ) -> Option<(&Phrase, usize)> {
        let same = |a: &[String], b: &[S]| {
            a.len() <= b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| x.eq_ignore_ascii_case(y.as_ref()))
        };
        self.list
            .iter()
            .filter(|p| {
                relations
                    .find(&p.relation)
                    .is_some_and(|id| !relations.is_directed(id))
            })
            .find_map(|p| {
                if same(&p.words, words) {
                    return Some((p, p.words.len()));
                }
                let (last, head) = p.words.split_last()?;
                let closing = ["with", "to", "of"].contains(&last.as_str());
                (closing && !head.is_empty() && same(head, words)).then_some((p, head.len()))
            })
    }

    /// Every phrase's words, joined.
    pub fn texts(&self) -> impl Iterator<Item = String> + '_ {
        self.list.iter().map(|p| p.words.join(" "))
    }

    /// True when `typed` is a whole phrase.
    pub fn is_whole<S: AsRef<str>>(&self, typed: &[S]) -> bool {
        self.at(typed)
            .is_some_and(|(_, taken)| taken == typed.len())
    }

    /// How a relation is asked, both ways where it has an inverse:
    /// `leads / led by`, `allied with`.
    pub fn asked_as(&self, relation: &Relation) -> String {
        match (
            self.best(relation, Voice::Active),
            self.best(relation, Voice::Inverse),
        ) {
            (Some(active), Some(inverse)) => format!("{active} / {inverse}"),
            (Some(active), None) => active,
            (None, _) => relation.name.clone(),
        }
    }
}

/// The built-ins' first phrase, or a declared verb, reads best in a list.
fn preference(phrase: &Phrase, relation: &Relation) -> usize {
    let text = phrase.words.join(" ");
    let declared = relation.phrasing.as_ref().and_then(|p| p.verb.as_deref());
    if declared.is_some_and(|v| v.eq_ignore_ascii_case(&text)) {
        return 0;
    }
    // A name that is a verb says itself best: `funds`, not `funding`.
    let builtin = BUILTIN.iter().any(|(name, _, _)| *name == relation.name);
    if !builtin && present_tense(relation).is_some_and(|v| v.eq_ignore_ascii_case(&text)) {
        return 0;
    }
    match BUILTIN.iter().find(|(name, _, _)| *name == relation.name) {
        Some((_, active, _)) if active.first() == Some(&text.as_str()) => 0,
        Some(_) => 2,
        None => 1,
    }
}

/// A declared relation's phrases, its name last (read as a verb: `who
/// courts X`). What the phrasing leaves out is derived from a regular verb:
/// a relation named `trains` is also asked `did A train B`, `is A training
/// B`, `who trained B` and `who is B trained by`.
fn declared(relation: &Relation) -> Vec<(String, Voice)> {
    let mut phrases = Vec::new();
    let phrasing = relation.phrasing.clone().unwrap_or_default();
    for text in [&phrasing.verb, &phrasing.past, &phrasing.base]
        .into_iter()
        .flatten()
    {
        phrases.push((text.clone(), Voice::Active));
    }
    phrases.extend(phrasing.also.iter().map(|t| (t.clone(), Voice::Active)));
    if let Some(inverse) = &phrasing.inverse {
        phrases.push((inverse.clone(), Voice::Inverse));
    }
    // The bare form: declared, or read off a one-word name such as `trains`.
    let name = relation.name.to_lowercase();
    let base = phrasing.base.clone().or_else(|| {
        let one_word = name.chars().all(|c| c.is_ascii_lowercase());
        one_word.then(|| bare_form(&name)).flatten()
    });
    if let Some(base) = base.filter(|b| !b.contains(' ')) {
        phrases.push((gerund(&base), Voice::Active));
        if phrasing.base.is_none() {
            phrases.push((base.clone(), Voice::Active));
        }
        if phrasing.past.is_none() && phrasing.inverse.is_none() {
            let (past, participle) = past_forms(&base);
            phrases.push((format!("{participle} by"), Voice::Inverse));
            phrases.push((past, Voice::Active));
        }
    }
    phrases.push((relation.name.clone(), Voice::Active));
    if !relation.directed {
        phrases.extend(pair_nouns(&name).into_iter().map(|t| (t, Voice::Active)));
    }
    phrases
}

/// How a pair in a symmetric relation named by a noun is said: `in rivalry
/// with`, `in a ceasefire with`, and the partners' noun where the name
/// gives one (`rivalry` → `rivals with`, `partnership` → `partners with`),
/// so `are NLA and Sword of Faith rivals` is asked as it is said.
fn pair_nouns(name: &str) -> Vec<String> {
    if !name.chars().all(|c| c.is_ascii_lowercase()) || bare_form(name).is_some() {
        return Vec::new();
    }
    let mut nouns = vec![format!("in {name} with"), format!("in a {name} with")];
    let member = name
        .strip_suffix("ry")
        .filter(|stem| stem.len() >= 3)
        .or_else(|| name.strip_suffix("ship").filter(|stem| stem.len() >= 3));
    if let Some(member) = member {
        nouns.push(format!("{member}s with"));
        nouns.push(format!("{member}s of"));
    }
    nouns
}

/// The relation's verb for one subject in the present, as answers say it
/// (`Amar Tesh leads NLA`, never `lead`): the declared `verb`, else a
/// one-word name that is a verb's third person (`leads`, `supports`),
/// else the declared `base` put in the third person. Every actor is one
/// subject, whatever its name (`Highland clans targets …`).
pub fn present_tense(relation: &Relation) -> Option<String> {
    let phrasing = relation.phrasing.clone().unwrap_or_default();
    if let Some(verb) = phrasing.verb {
        return Some(verb);
    }
    let name = relation.name.to_lowercase();
    if name.chars().all(|c| c.is_ascii_lowercase()) && bare_form(&name).is_some() {
        return Some(name);
    }
    let base = phrasing.base.filter(|b| !b.contains(' '))?;
    Some(third_person(&base))
}

/// The relation's verb in the past, as answers to `did A … B` say it: the
/// declared `past`, else the past of the declared `base` or of a one-word
/// name that is a verb's third person (`funds` → `funded`, `leads` → `led`).
pub fn past_tense_of(relation: &Relation) -> Option<String> {
    let phrasing = relation.phrasing.clone().unwrap_or_default();
    if let Some(past) = phrasing.past {
        return Some(past);
    }
    let name = relation.name.to_lowercase();
    let base = phrasing.base.filter(|b| !b.contains(' ')).or_else(|| {
        name.chars()
            .all(|c| c.is_ascii_lowercase())
            .then(|| bare_form(&name))
            .flatten()
    })?;
    Some(past_forms(&base).0)
}

/// `lead` → `leads`, `push` → `pushes`, `supply` → `supplies`.
fn third_person(base: &str) -> String {
    if ["s", "sh", "ch", "x", "z"]
        .iter()
        .any(|e| base.ends_with(e))
    {
        format!("{base}es")
    } else if let Some(stem) = consonant_y_stem(base) {
        format!("{stem}ies")
    } else {
        format!("{base}s")
    }
}

/// `supp` for `supply`, whose `y` turns `ies`, `ied`; `None` after a vowel
/// (`pay` → `pays`) or without a `y`.
fn consonant_y_stem(base: &str) -> Option<&str> {
    base.strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u']))
}

/// `trains` → `train`, `pushes` → `push`; `None` for a word that is no
/// verb in the third person.
fn bare_form(word: &str) -> Option<String> {
    if word.ends_with("ss") || word.len() < 4 {
        return None;
    }
    for ending in ["shes", "ches", "xes", "sses"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return Some(format!("{stem}{}", &ending[..ending.len() - 2]));
        }
    }
    word.strip_suffix('s').map(str::to_string)
}

/// `fund` → `funding`, `undermine` → `undermining`.
fn gerund(base: &str) -> String {
    match base.strip_suffix('e') {
        Some(stem) if !stem.ends_with('e') => format!("{stem}ing"),
        _ => format!("{base}ing"),
    }
}

/// A verb's past and past participle: `lead` → `led`, `led` (never
/// `leaded`), `give` → `gave`, `given`, else [`past_tense`] for both.
fn past_forms(base: &str) -> (String, String) {
    match IRREGULAR.iter().find(|(bare, _, _)| *bare == base) {
        Some((_, past, participle)) => (past.to_string(), participle.to_string()),
        None => (past_tense(base), past_tense(base)),
    }
}

/// Irregular verbs a relation may be named by: bare form, past, participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("choose", "chose", "chosen"),
    ("feed", "fed", "fed"),
    ("fight", "fought", "fought"),
    ("forgive", "forgave", "forgiven"),
    ("give", "gave", "given"),
    ("hide", "hid", "hidden"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("lead", "led", "led"),
    ("lend", "lent", "lent"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("shoot", "shot", "shot"),
    ("strike", "struck", "struck"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
];

/// `train` → `trained`, `finance` → `financed`, `supply` → `supplied`.
fn past_tense(base: &str) -> String {
    if base.ends_with('e') {
        format!("{base}d")
    } else if let Some(stem) = consonant_y_stem(base) {
        format!("{stem}ied")
    } else {
        format!("{base}ed")
    }
}

/// `start`, `stop`: how a question times a relation (`when did France stop
/// fighting JNIM`), skipped before its phrase; the answer gives both dates.
pub fn is_aspect(word: &str) -> bool {
    [
        "start", "started", "begin", "began", "stop", "stopped", "cease", "ceased", "first",
        "last", "still",
    ]
    .iter()
    .any(|a| a.eq_ignore_ascii_case(word))
}

/// `a`, `an`, `the`: skipped before a phrase or a name.
pub fn is_article(word: &str) -> bool {
    ["a", "an", "the"]
        .iter()
        .any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests;
