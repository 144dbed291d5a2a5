//! A randomised fuzzing harness on stable Rust (coverage-guided fuzzers
//! need nightly or an AFL toolchain this project does not assume): it
//! mutates the seeds under `fuzz/seeds/TARGET/` and runs each input
//! through one part of actorgraph, catching any panic.
//!
//! ```sh
//! cargo run --release --example fuzz -- query 10000000
//! cargo run --release --example fuzz -- ron 1000000
//! cargo run --release --example fuzz -- csv 1000000
//! cargo run --release --example fuzz -- mapping 1000000
//! cargo run --release --example fuzz -- snapshot 3000000
//! ```
//!
//! Targets: `query` (parse and evaluate against the bundled graph, exports
//! planned but never written), `ron` (the graph loader and validator),
//! `csv` (the importer: actors and ties tables), `mapping` (a mapping file,
//! then a ties table through it), `snapshot` (the binary snapshot reader:
//! the whole file, checksums included, then the body decoded without its
//! checksum, and a decoded graph asked questions that walk every index).
//! Each panic is saved under
//! `fuzz/crashes/TARGET/` and counted; the run ends with executions,
//! executions per second and crashes. The seed of the random generator is
//! the optional third argument, so a run can be repeated.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use actorgraph::interchange::{
    import_tables, CellReading, Companions, ImportOptions, Mapping, Table,
};
use actorgraph::model::Graph;
use actorgraph::session::Session;

/// xorshift64*: small, fast and good enough to pick mutations.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments worth splicing in: the words and symbols of each input kind.
const DICTIONARY: &[&str] = &[
    "who",
    "allied",
    "with",
    "JNIM",
    "\"Wagner Group\"",
    " after ",
    " before ",
    "2022",
    "2022-13",
    "[..2023-02]",
    "2022~",
    "201X",
    " via ",
    "alliance",
    ",",
    "\"",
    "#",
    " depth ",
    "99999999999999999999",
    " as of ",
    " between ",
    " and ",
    "is",
    "when did",
    "how is",
    "connected to",
    "'s",
    "early",
    "mid-",
    "ties between",
    "export dot",
    " to ",
    "frames",
    "2019..2023",
    "expect",
    " includes ",
    "(",
    ")",
    "[",
    "]",
    ":",
    "id:",
    "name:",
    "kind:",
    "relation:",
    "start:",
    "end:",
    "\\u{0}",
    "\u{FFFE}",
    "\u{1b}[2J",
    "é",
    "\r\n",
    "\n",
    "\t",
    ";",
    "\\;",
    "&amp;",
    "=1+1",
    "-",
    "subgroup-of",
    "phrasing:",
    "verb:",
    "likely",
];

fn mutate(random: &mut Random, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..=random.below(4) {
        let at = random.below(input.len() + 1);
        match random.below(7) {
            0 if !input.is_empty() => {
                let i = random.below(input.len());
                input[i] ^= 1 << random.below(8);
            }
            1 if !input.is_empty() => {
                let end = (at + random.below(16)).min(input.len());
                input.drain(at.min(end)..end);
            }
            2 => {
                let word = DICTIONARY[random.below(DICTIONARY.len())];
                input.splice(at..at, word.bytes());
            }
            3 if !input.is_empty() => {
                let start = random.below(input.len());
                let end = (start + random.below(64)).min(input.len());
                let copy = input[start..end].to_vec();
                input.splice(at..at, copy);
            }
            4 => {
                let other = &seeds[random.below(seeds.len())];
                let start = random.below(other.len() + 1);
                let end = (start + random.below(128)).min(other.len());
                input.splice(at..at, other[start..end].iter().copied());
            }
            5 => input.truncate(at),
            _ => input.insert(at, random.next() as u8),
        }
    }
    input.truncate(1 << 16);
}

fn table(text: &str, origin: &str) -> Table<Cursor<Vec<u8>>> {
    Table {
        reader: Cursor::new(text.as_bytes().to_vec()),
        origin: origin.into(),
        bytes: None,
        reading: CellReading::Cleaned,
        delimiter: b',',
    }
}

/// Questions that read every index of a graph: names, packed links,
/// the day index, walks.
const SNAPSHOT_QUESTIONS: &[&str] = &[
    "stats",
    "stats as of 2020",
    "actors",
    "relations",
    "sources",
    "changes between 2010 and 2024",
];

/// Runs a snapshot's bytes through the reader, and a graph it gives
/// through questions.
fn run_snapshot(bytes: &[u8]) {
    use actorgraph::store::snapshot;
    let _ = snapshot::decode(bytes);
    let body = &bytes[snapshot::HEADER_BYTES.min(bytes.len())..];
    let Ok(graph) = snapshot::decode_body(body) else {
        return;
    };
    let first = graph.actors().next().map(|(_, a)| a.id.clone());
    walk_whole(&graph);
    let session = Session::new(graph, "fuzz.agraph".into(), None);
    for question in SNAPSHOT_QUESTIONS {
        let _ = session.ask(question);
    }
    if let Some(id) = first {
        for question in [
            format!("ties of \"{id}\""),
            format!("neighbors of \"{id}\" depth 2"),
            format!("subgroups of \"{id}\""),
            format!("who allied with \"{id}\" after 2022"),
            format!("timeline \"{id}\""),
            format!("path from \"{id}\" to \"{id}x\""),
        ] {
            let _ = session.ask(&question);
        }
    }
}

/// Reads every part of a graph read in place (as saving it does), writes
/// it as a snapshot again, and changes a copy (which reads it into memory).
fn walk_whole(graph: &Graph) {
    use actorgraph::model::TieFilter;
    use actorgraph::store::snapshot;
    let _ = actorgraph::store::ron::to_string(graph);
    let again = snapshot::encode(graph, snapshot::Kind::Primary, Default::default(), 0);
    let _ = snapshot::decode(&again);
    let filter = TieFilter::default();
    for (id, _) in graph.actors().take(50) {
        let _ = graph.ties_of(id, &filter).count();
        let _ = graph.degree(id);
    }
    let mut copy = graph.clone();
    let first = copy.all_ties().next().map(|t| t.id);
    if let Some(tie) = first {
        copy.remove_tie(tie);
    }
    let first = copy.actors().next().map(|(id, _)| id);
    if let Some(id) = first {
        copy.remove_actor(id);
    }
    let _ = copy.to_spec();
}

/// Runs one input through `target`.
fn run(target: &str, session: &Session, text: &str) {
    match target {
        "query" => {
            for line in text.lines() {
                let _ = session.ask(line);
            }
        }
        "ron" => {
            let _ = actorgraph::store::ron::parse(text, "fuzz.ron");
        }
        "csv" => {
            // Actors and ties tables, split at the first blank line.
            let (actors, ties) = text.split_once("\n\n").unwrap_or(("", text));
            let mut graph = Graph::new("fuzz");
            let _ = import_tables(
                &mut graph,
                Companions::none(),
                Some(table(actors, "actors.csv")),
                table(ties, "ties.csv"),
                &ImportOptions::default(),
            );
        }
        "mapping" => {
            // A mapping, then a ties table read through it.
            let (mapping, ties) = text.split_once("\n---\n").unwrap_or((text, ""));
            if let Ok(mapping) = Mapping::parse(mapping, "fuzz-mapping.ron") {
                let mut graph = Graph::new("fuzz");
                let options = ImportOptions {
                    mapping,
                    ..ImportOptions::default()
                };
                let _ = import_tables::<&[u8], _>(
                    &mut graph,
                    Companions::none(),
                    None,
                    table(ties, "ties.csv"),
                    &options,
                );
            }
        }
        other => panic!("unknown target `{other}`"),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(target), Some(runs)) = (args.next(), args.next().and_then(|n| n.parse().ok())) else {
        eprintln!("usage: fuzz query|ron|csv|mapping|snapshot EXECUTIONS [SEED]");
        std::process::exit(2);
    };
    let runs: u64 = runs;
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(0x5eed);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let seeds: Vec<Vec<u8>> = std::fs::read_dir(root.join("seeds").join(&target))
        .map(|dir| {
            let mut paths: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
            paths.sort();
            paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
        })
        .unwrap_or_default();
    if seeds.is_empty() {
        eprintln!("no seeds under fuzz/seeds/{target}/");
        std::process::exit(2);
    }
    let session = Session::bundled().expect("the bundled graph loads");
    let crashes = root.join("crashes").join(&target);
    // Panics are expected to be caught and saved: keep their messages quiet
    // (FUZZ_LOUD=1 prints them, to see where they come from).
    if std::env::var_os("FUZZ_LOUD").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let mut random = Random(seed | 1);
    let (mut crashed, started) = (0u64, Instant::now());
    for _ in 0..runs {
        let mut input = seeds[random.below(seeds.len())].clone();
        mutate(&mut random, &seeds, &mut input);
        let outcome = if target == "snapshot" {
            catch_unwind(AssertUnwindSafe(|| run_snapshot(&input)))
        } else {
            let text = String::from_utf8_lossy(&input).into_owned();
            catch_unwind(AssertUnwindSafe(|| run(&target, &session, &text)))
        };
        if outcome.is_err() {
            crashed += 1;
            let _ = std::fs::create_dir_all(&crashes);
            let name = format!("crash-{:016x}", random.next());
            let _ = std::fs::write(crashes.join(name), &input);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{target}: {runs} executions in {seconds:.1} s ({:.0}/s), {} seeds, {crashed} crashes",
        runs as f64 / seconds,
        seeds.len()
    );
    if crashed > 0 {
        std::process::exit(1);
    }
}
