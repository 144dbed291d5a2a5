//! The text `help` prints: every form of the language with an example.

/// Help on everything, or on one topic (`help time`, `help expect`).
pub fn text(topic: Option<&str>) -> String {
    match topic {
        Some("time" | "dates") => TIME.to_string(),
        Some("expect" | "scripts") => SCRIPTS.to_string(),
        Some("export" | "dot") => EXPORT.to_string(),
        Some("pairs" | "pair" | "two") => PAIRS.to_string(),
        Some("verbs" | "verb" | "relations" | "phrasing") => VERBS.to_string(),
        None => format!("{FORMS}{PAIRS}{VERBS}\n{TIME}\n{FILTERS}\n{EXPORT}\n{SCRIPTS}"),
        Some(other) => format!("no help on `{other}`; {TOPICS_HELP}\n"),
    }
}

/// Whether `help TOPIC` has something to say.
pub fn has_topic(topic: &str) -> bool {
    matches!(
        topic.to_lowercase().as_str(),
        "time"
            | "dates"
            | "expect"
            | "scripts"
            | "export"
            | "dot"
            | "pairs"
            | "pair"
            | "two"
            | "verbs"
            | "verb"
            | "relations"
            | "phrasing"
    )
}

/// The topics there is help on, said when another is asked for.
pub const TOPICS_HELP: &str =
    "topics are pairs, verbs, time, export and expect, or `help` for everything";

const FORMS: &str = "\
Questions (ACTOR is a name, id or alias; names may be written bare or quoted)
  who allied with ACTOR [TIME]           who allied with JNIM after 2022
  who fought ACTOR [TIME]                who fought ISGS during 2022
  who pledged allegiance to ACTOR        who pledged allegiance to AQIM
  who VERB ACTOR, for every relation     who leads JNIM   who founded Ansar al Din
  who is/was ACTOR VERB (the other way)  who is JNIM led by   whom does Iyad ag Ghali lead
  who did ACTOR VERB                     who did JNIM pledge allegiance to
  which/what ... VERB ACTOR              which groups fought JNIM in 2022
  allies of ACTOR / enemies of ACTOR     allies of France until 2022
  subgroups of ACTOR [TIME]              subgroups of JNIM
  parents of ACTOR [TIME]                parents of MLF
  ties of ACTOR [via REL, ...] [TIME]    ties of JNIM via alliance, hostility since 2022
  show ACTOR                             show Daoussak leaders in Menaka
  timeline ACTOR                         timeline Daoussak militias
  neighbors of ACTOR [depth N] [via …]   neighbors of JNIM depth 2 as of 2023-02
  changes between TIME and TIME          changes between 2022 and 2023
  stats [TIME]                           stats as of 2022-06
  actors [of kind KIND]                  actors of kind militia
  relations / sources                    relations   (each relation and how to ask it)
  sources of ACTOR                       sources of Wagner Group
";

const PAIRS: &str = "\
Questions about two actors
  is/was/does/did/has ACTOR VERB ACTOR   is Wagner fighting JNIM   was France allied with
                                         Daoussak militias in 2021  (yes, likely, possibly
                                         or no: never surer than the dates and sources)
  when did ACTOR VERB ACTOR              when did Ansar al Din join JNIM
  ties between ACTOR and ACTOR [TIME]    ties between JNIM and AQIM   (also: links between,
                                         what ties link A and B, relationships between)
  how is ACTOR connected to ACTOR        how is JNIM connected to CMA [depth N]
  path from ACTOR to ACTOR [via ...]     path between JNIM and CMA   (every shortest path)
  why ACTOR and ACTOR                    why JNIM and AQIM   (every tie, evidence, citations)
";

const VERBS: &str = "\
VERB is any way of saying a relation: allied with, fought, pledged allegiance to,
subgroup of, part of, joined, and the verbs a graph file declares (`relations`
lists them). A question with no time is asked as of the graph's date; show,
timeline, why, when and ties between cover all time and say whether each tie is
active, possibly active or ended.
";

const TIME: &str = "\
Time (T is YYYY, YYYY-MM, YYYY-MM-DD, March 2017, Feb 2023, or early, mid or
late YYYY (January-April, May-August, September-December); each covers its span)
  after T       active on some day after T ends       after 2022 = from 2023-01-01 on
  before T      active on some day before T starts    before 2013
  since T       active on some day from T's start on  since 2022-07
  until T       active on some day up to T's end      until 2015
  during T, in T  active on some day within T         during 2022
  between A and B active on some day from A's start to B's end
  as of T       active on T's last day                as of 2023-02 = on 2023-02-28
  now           as of the graph's date (the default)  ever  all time
Answers are certain or possible: a year-only date is sometime in that year,
a tie with no start may have begun at any time, an ongoing tie is certain only
up to the graph's date, and no tie outlives or predates its actors.
  certainly, with certainty   keep only what the dates make certain
Graph files write dates in EDTF: 2022, 2022-06~ (about), 2022? (perhaps),
  [2022-05..2022-08] (between), [..2023-02] (on or before), 201X (the decade).
";

const FILTERS: &str = "\
Filters (any order, each once)
  via REL, ...             only these relations: alliance, hostility, allegiance, subgroup-of, ...
  with confidence C        C or better: confirmed > likely > possible
  depth N                  hops, for neighbors and export
  from SOURCE              only ties citing SOURCE: ties of JNIM from ctp-2023-02
";

const EXPORT: &str = "\
Export
  export dot ACTOR|all [depth N] [via ...] [TIME] [theme light|dark] [dates on|off|changes]
             [page A4|4:3|16:9 | size W,H] [frames Y1..Y2 [step N]] [to FILE]
  export dot JNIM depth 2 as of 2023-02 to jnim.svg   (.dot, .svg, .png, .pdf; a 16:9 slide)
  export dot JNIM depth 2 frames 2019..2023 to frames/   one diagram per year
  export dot all frames 2012..2023 step 3 to frames/     every third year (30 frames at most)
";

const SCRIPTS: &str = "\
Scripts and expectations (actorgraph run FILE.q)
  expect QUERY includes ACTOR, ...     expect who allied with JNIM after 2022 includes \"Daoussak militias\"
  expect QUERY excludes ACTOR, ...
  expect QUERY is empty | is not empty | count N
REPL commands: help [time|export|expect], load FILE, quit,
  import csv TIES.csv [actors ACTORS.csv] [mapping MAPPING.ron] [strict] [close-on-next-relation]
  save [FILE.ron|FILE.agraph] [replace]  writes the open graph (imports included) atomically
";
