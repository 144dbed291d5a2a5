//! The benchmark workload of `../shared/bench/WORKLOAD.md`, run through
//! actorgraph's own API, printed beside the peers' figures of `RESULTS.md`.
//!
//! ```text
//! python3 ../shared/bench/gen_synthetic.py --actors 100000 --edges 1000000 --seed 7 --out /tmp/bench-M
//! python3 ../shared/bench/params.py /tmp/bench-M
//! cargo run --release --example bench -- /tmp/bench-M [--results ../shared/bench/RESULTS.md]
//! ```
//!
//! Phases: CSV import (the interchange importer, timed from the files to a
//! queryable graph), Q1–Q5 (warm-up, then the median of 15, 5 or 3 runs),
//! peak RSS of import plus queries, then the graph is saved as RON and
//! loaded back in a child process, so that the RON load's time and peak
//! memory are its own. The answers are checked against RESULTS.md (counts)
//! and `results/results.jsonl` (sha256 prefixes of the sorted ids); a
//! mismatch exits with status 1.
//!
//! `--peers FILE.jsonl` takes the peers' figures from JSON lines written in
//! the same run (`benches/side_by_side.sh`) instead of RESULTS.md's table.
//! `--open FILE` (a child mode) opens a graph file as the command line does
//! (through its snapshot) and prints the time, peak RSS, and the resident
//! bytes the graph added, for the graph's bytes per tie and per actor.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use actorgraph::interchange::{self, ImportOptions};
use actorgraph::model::time::DAY_MAX;
use actorgraph::model::walk::{ego_network, shortest_path};
use actorgraph::model::{ActorId, Graph, PartialDate, RelationId, TieFilter, Window};
use actorgraph::store;
use sha2::{Digest, Sha256};

const QUERIES: [&str; 5] = ["Q1", "Q2", "Q3", "Q4", "Q5"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--ron-load") {
        return ron_load_child(Path::new(&args[1]));
    }
    if args.first().map(String::as_str) == Some("--open") {
        return open_child(Path::new(&args[1]), args.get(2).map(Path::new));
    }
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("bench: {error}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    dir: PathBuf,
    results: PathBuf,
    /// This run's peer figures, as JSON lines.
    peers: Option<PathBuf>,
    skip_ron: bool,
    /// Stop after the import (for profiling it).
    import_only: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut dir = None;
    let mut results = None;
    let mut peers = None;
    let mut skip_ron = false;
    let mut import_only = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--results" => results = iter.next().map(PathBuf::from),
            "--peers" => peers = iter.next().map(PathBuf::from),
            "--skip-ron" => skip_ron = true,
            "--import-only" => import_only = true,
            "-h" | "--help" => {
                return Err(
                    "usage: bench DIR [--results RESULTS.md] [--peers RUN.jsonl] [--skip-ron] [--import-only]".into(),
                )
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let dir = dir.ok_or("usage: bench DIR [--results RESULTS.md] [--skip-ron] [--import-only]")?;
    let results = results
        .or_else(|| {
            [
                "../shared/bench/RESULTS.md",
                "/work/shared/bench/RESULTS.md",
            ]
            .into_iter()
            .map(PathBuf::from)
            .find(|p| p.exists())
        })
        .ok_or("cannot find RESULTS.md; pass --results PATH")?;
    Ok(Options {
        dir,
        results,
        peers,
        skip_ron,
        import_only,
    })
}

/// The workload's parameters, from params.json.
struct Params {
    scale: &'static str,
    x: String,
    q2_root: String,
    q3_target: String,
}

fn read_params(dir: &Path) -> Result<Params, String> {
    let path = dir.join("params.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e} (run params.py DIR)", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let field = |name: &str| {
        json[name]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("params.json has no `{name}`"))
    };
    let scale = match json["actors"].as_u64() {
        Some(10_000) => "S",
        Some(100_000) => "M",
        Some(1_000_000) => "L",
        other => return Err(format!("unknown scale: {other:?} actors")),
    };
    Ok(Params {
        scale,
        x: field("x")?,
        q2_root: field("q2_root")?,
        q3_target: field("q3_target")?,
    })
}

/// A query's answer in the normalised form the peers agreed on.
#[derive(Debug, PartialEq, Eq, Clone)]
enum Answer {
    /// Distinct actors, as a query returns them; normalised into `Ids`
    /// outside the timing, as the peers' runner does.
    Actors(Vec<ActorId>),
    Ids {
        count: usize,
        sha: String,
    },
    Hops(Option<usize>),
    Counts([usize; 4]),
    Ego {
        actors: usize,
        edges: usize,
    },
}

impl std::fmt::Display for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Actors(ids) => write!(f, "{} actors", ids.len()),
            Answer::Ids { count, sha } => write!(f, "{count} (sha {sha})"),
            Answer::Hops(Some(h)) => write!(f, "{h} hops"),
            Answer::Hops(None) => write!(f, "no path"),
            Answer::Counts(c) => write!(f, "{} / {} / {} / {}", c[0], c[1], c[2], c[3]),
            Answer::Ego { actors, edges } => write!(f, "{actors}, {edges}"),
        }
    }
}

fn ids_answer(graph: &Graph, actors: impl Iterator<Item = ActorId>) -> Answer {
    let mut ids: Vec<&str> = actors.map(|a| graph.actor(a).id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let digest = Sha256::digest(ids.join("\n").as_bytes());
    let sha: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    Answer::Ids {
        count: ids.len(),
        sha,
    }
}

fn distinct(actors: impl Iterator<Item = ActorId>) -> Answer {
    let mut ids: Vec<ActorId> = actors.collect();
    ids.sort_unstable();
    ids.dedup();
    Answer::Actors(ids)
}

/// The comparable form of an answer (sorted ids and their digest).
fn normalise(graph: &Graph, answer: Answer) -> Answer {
    match answer {
        Answer::Actors(ids) => ids_answer(graph, ids.into_iter()),
        other => other,
    }
}

fn day(text: &str) -> i32 {
    text.parse::<PartialDate>().expect("a date").first_day()
}

fn find(graph: &Graph, id: &str) -> ActorId {
    graph
        .find(id)
        .unwrap_or_else(|| panic!("actor {id} missing"))
}

fn q1(graph: &Graph, p: &Params) -> Answer {
    let x = find(graph, &p.x);
    let filter =
        TieFilter::relation(RelationId::ALLIANCE).during(Window::new(day("2023-01-01"), DAY_MAX));
    distinct(graph.links(x, &filter).map(|link| link.other))
}

/// The workload's Q2 ignores dates, while `subgroups of` follows a chain
/// only while its ties held together: so this walks the same packed links
/// breadth first with no time at all.
fn q2(graph: &Graph, p: &Params) -> Answer {
    let root = find(graph, &p.q2_root);
    let subgroup_of = TieFilter::relation(RelationId::SUBGROUP_OF);
    let mut seen = std::collections::HashSet::from([root]);
    let mut queue = std::collections::VecDeque::from([root]);
    let mut found = Vec::new();
    while let Some(actor) = queue.pop_front() {
        for link in graph.links(actor, &subgroup_of).filter(|l| !l.outgoing) {
            if seen.insert(link.other) {
                found.push(link.other);
                queue.push_back(link.other);
            }
        }
    }
    Answer::Actors(found)
}

fn q3(graph: &Graph, p: &Params) -> Answer {
    let x = find(graph, &p.x);
    let target = find(graph, &p.q3_target);
    Answer::Hops(shortest_path(graph, x, target, &TieFilter::default()).map(|path| path.len()))
}

fn q4(graph: &Graph, _: &Params) -> Answer {
    let filter = TieFilter::default().during(Window::on(day("2020-06-15")));
    // In the order RESULTS.md uses: alliance, hostility, allegiance, subgroup-of.
    Answer::Counts(
        [
            RelationId::ALLIANCE,
            RelationId::HOSTILITY,
            RelationId::ALLEGIANCE,
            RelationId::SUBGROUP_OF,
        ]
        .map(|relation| graph.count_active(relation, &filter)),
    )
}

fn q5(graph: &Graph, p: &Params) -> Answer {
    let x = find(graph, &p.x);
    let filter = TieFilter::default().during(Window::new(day("2022-01-01"), day("2022-12-31")));
    let ego = ego_network(graph, x, 2, &filter);
    Answer::Ego {
        actors: ego.actors.len(),
        edges: ego.ties.len(),
    }
}

/// The protocol: one warm-up run gives the answer; then 15 runs (5 when a
/// run took over 50 ms, 3 when over 20 s); the median.
fn measure(query: impl Fn() -> Answer) -> (Answer, Duration, usize) {
    let start = Instant::now();
    let answer = std::hint::black_box(query());
    let warm = start.elapsed();
    let runs = if warm > Duration::from_secs(20) {
        3
    } else if warm > Duration::from_millis(50) {
        5
    } else {
        15
    };
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(query());
            start.elapsed()
        })
        .collect();
    times.sort();
    (answer, times[runs / 2], runs)
}

/// Peak resident memory so far, in MiB (VmHWM, the same figure as ru_maxrss).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resident memory now, in bytes.
fn rss_bytes() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(f64::NAN);
    pages * 4096.0
}

/// `--open FILE [DIR]`: open a graph file through `store::open` and print
/// "seconds peak-MiB graph-bytes actors ties"; with the workload's folder,
/// then answer Q1–Q5 from the graph so opened and check the answers as
/// the CSV import's are checked (exit 1 on a mismatch).
fn open_child(path: &Path, workload: Option<&Path>) -> ExitCode {
    let before = rss_bytes();
    let start = Instant::now();
    match store::open(path, &mut |_| {}) {
        Ok(graph) => {
            graph.build_indexes();
            let secs = start.elapsed().as_secs_f64();
            report_resident();
            println!(
                "{secs} {} {} {} {}",
                peak_rss_mib(),
                rss_bytes() - before,
                graph.actor_count(),
                graph.tie_count()
            );
            let checked = workload.map_or(Ok(true), |dir| check_opened(&graph, dir));
            std::mem::forget(graph);
            match checked {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                Err(error) => {
                    eprintln!("bench: {error}");
                    ExitCode::from(2)
                }
            }
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}

/// Q1–Q5 on a graph opened from its file, checked against the agreed answers.
fn check_opened(graph: &Graph, dir: &Path) -> Result<bool, String> {
    let params = read_params(dir)?;
    let results = [
        "../shared/bench/RESULTS.md",
        "/work/shared/bench/RESULTS.md",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .ok_or("cannot find RESULTS.md")?;
    let anchors = read_anchors(&results, params.scale)?;
    let shas = read_shas(&results, params.scale);
    let queries: [fn(&Graph, &Params) -> Answer; 5] = [q1, q2, q3, q4, q5];
    let mut all_ok = true;
    for (i, query) in queries.iter().enumerate() {
        let answer = normalise(graph, query(graph, &params));
        let agreed = anchors.answers.get(i).map_or("?", String::as_str);
        let ok = check(i, &answer, agreed, &shas);
        all_ok &= ok;
        eprintln!(
            "{} from the opened file: {answer} — {}",
            QUERIES[i],
            if ok { "OK" } else { "MISMATCH" }
        );
    }
    Ok(all_ok)
}

/// `--ron-load FILE`: load a graph file and print "seconds peak-MiB ties".
fn ron_load_child(path: &Path) -> ExitCode {
    let start = Instant::now();
    match store::ron::load(path) {
        Ok(graph) => {
            graph.build_indexes();
            let secs = start.elapsed().as_secs_f64();
            report_resident();
            println!("{secs} {} {}", peak_rss_mib(), graph.tie_count());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}

/// A peer's row of RESULTS.md.
struct PeerRow {
    peer: String,
    load_s: Option<f64>,
    rss_mib: Option<f64>,
    q_ms: [Option<f64>; 5],
}

struct Anchors {
    peers: Vec<PeerRow>,
    /// Agreed answers at this scale, as RESULTS.md writes them.
    answers: Vec<String>,
}

fn read_anchors(path: &Path, scale: &str) -> Result<Anchors, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let number = |cell: &str| {
        cell.trim()
            .trim_matches('*')
            .replace(',', "")
            .parse::<f64>()
            .ok()
    };
    let mut peers = Vec::new();
    let mut answers = Vec::new();
    let column = match scale {
        "S" => 1,
        "M" => 2,
        _ => 3,
    };
    for line in text.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if cells.len() == 10 && cells[1] == scale {
            peers.push(PeerRow {
                peer: cells[0].to_string(),
                load_s: number(cells[3]),
                rss_mib: number(cells[4].trim_start_matches('≥')),
                q_ms: [5, 6, 7, 8, 9].map(|i| number(cells[i])),
            });
        }
        if cells.len() == 4
            && cells[0].starts_with('Q')
            && cells[0].as_bytes().get(1).is_some_and(u8::is_ascii_digit)
        {
            answers.push(cells[column].to_string());
        }
    }
    if peers.is_empty() {
        return Err(format!(
            "{} has no peer rows for scale {scale}",
            path.display()
        ));
    }
    Ok(Anchors { peers, answers })
}

/// The peers' rows at `scale` from JSON lines `run_peers.sh` wrote (the
/// last line of each peer wins).
fn read_peer_lines(path: &Path, scale: &str) -> Result<Vec<PeerRow>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows: Vec<PeerRow> = Vec::new();
    for line in text.lines() {
        let Ok(json) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if json["scale"] != scale || json["status"] != "ok" || json["peer"] == "floor" {
            continue;
        }
        let peer = json["peer"].as_str().unwrap_or("?").to_string();
        let row = PeerRow {
            load_s: json["load_s"].as_f64(),
            rss_mib: json["peak_rss_mib"].as_f64(),
            q_ms: QUERIES.map(|q| json["q_ms"][q].as_f64()),
            peer: peer.clone(),
        };
        rows.retain(|r| r.peer != peer);
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(format!(
            "{} has no peer lines for scale {scale}",
            path.display()
        ));
    }
    Ok(rows)
}

/// The sha256 prefixes of Q1 and Q2 at this scale from results.jsonl.
fn read_shas(results: &Path, scale: &str) -> Option<(String, String)> {
    let path = results.parent()?.join("results/results.jsonl");
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().find_map(|line| {
        let json: serde_json::Value = serde_json::from_str(line).ok()?;
        if json["scale"] != scale || json["status"] != "ok" {
            return None;
        }
        let answers = &json["answers"];
        Some((
            answers["Q1"]["sha"].as_str()?.to_string(),
            answers["Q2"]["sha"].as_str()?.to_string(),
        ))
    })
}

/// Whether our answer matches what RESULTS.md (and results.jsonl) agreed.
fn check(query: usize, answer: &Answer, agreed: &str, shas: &Option<(String, String)>) -> bool {
    let numbers: Vec<usize> = agreed
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match (query, answer) {
        (0 | 1, Answer::Ids { count, sha }) => {
            let sha_ok = match shas {
                Some((q1, q2)) => sha == if query == 0 { q1 } else { q2 },
                None => true,
            };
            numbers.first() == Some(count) && sha_ok
        }
        (2, Answer::Hops(Some(h))) => numbers.first() == Some(h),
        (3, Answer::Counts(c)) => numbers == c.to_vec(),
        (4, Answer::Ego { actors, edges }) => numbers == vec![*actors, *edges],
        _ => false,
    }
}

fn fmt_ms(ms: f64) -> String {
    if ms >= 100.0 {
        format!("{ms:.0}")
    } else if ms >= 1.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.3}")
    }
}

fn run(args: &[String]) -> Result<bool, String> {
    let options = parse_args(args)?;
    let params = read_params(&options.dir)?;
    let mut anchors = read_anchors(&options.results, params.scale)?;
    if let Some(peers) = &options.peers {
        anchors.peers = read_peer_lines(peers, params.scale)?;
    }
    let shas = read_shas(&options.results, params.scale);
    let actors_csv = options.dir.join("actors.csv");
    let edges_csv = options.dir.join("edges.csv");

    // The read floor: one csv pass over edges.csv, no parsing of the fields.
    let start = Instant::now();
    let mut reader = csv::Reader::from_path(&edges_csv).map_err(|e| e.to_string())?;
    let mut record = csv::ByteRecord::new();
    let mut rows = 0usize;
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| e.to_string())?
    {
        rows += 1;
    }
    let floor = start.elapsed().as_secs_f64();
    drop(reader);
    // The parse floor (issue 13): the same pass, each start and end read
    // as a date (by the importer's own date parser), nothing stored.
    let start = Instant::now();
    let mut reader = csv::Reader::from_path(&edges_csv).map_err(|e| e.to_string())?;
    let mut days = 0i64;
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| e.to_string())?
    {
        for field in [3, 4] {
            let text = std::str::from_utf8(record.get(field).unwrap_or_default()).unwrap_or("");
            if let Ok(date) = text.parse::<PartialDate>() {
                days = days.wrapping_add(i64::from(date.first_day()));
            }
        }
    }
    let parse_floor = start.elapsed().as_secs_f64();
    drop(reader);

    let start = Instant::now();
    let (graph, report) =
        interchange::import(Some(&actors_csv), &edges_csv, &ImportOptions::default())
            .map_err(|e| e.to_string())?;
    let parsed_s = start.elapsed().as_secs_f64();
    // The load includes the lookup indexes every query reads (WORKLOAD.md:
    // "load time includes building any index the engine needs").
    graph.build_indexes();
    let import_s = start.elapsed().as_secs_f64();
    eprintln!(
        "scale {}: csv floor {floor:.3} s ({rows} rows), with dates {parse_floor:.3} s (checksum {days}); import {import_s:.3} s = {:.1}× the parse floor ({parsed_s:.3} s reading, {:.3} s indexes, {} MiB of indexes): {}",
        params.scale,
        import_s / parse_floor,
        import_s - parsed_s,
        graph.index_bytes() >> 20,
        report.summary()
    );
    for rejection in report.rejections.iter().take(5) {
        eprintln!("  {rejection}");
    }

    if options.import_only {
        return Ok(report.rejections.is_empty());
    }
    let queries: [fn(&Graph, &Params) -> Answer; 5] = [q1, q2, q3, q4, q5];
    let mut results = Vec::new();
    let mut all_ok = report.rejections.is_empty();
    for (i, query) in queries.iter().enumerate() {
        let (answer, median, runs) = measure(|| query(&graph, &params));
        let answer = normalise(&graph, answer);
        let agreed = anchors.answers.get(i).map_or("?", String::as_str);
        let ok = check(i, &answer, agreed, &shas);
        all_ok &= ok;
        eprintln!(
            "{}: {answer} — {} (agreed: {agreed}); median of {runs}: {} ms",
            QUERIES[i],
            if ok { "OK" } else { "MISMATCH" },
            fmt_ms(median.as_secs_f64() * 1e3)
        );
        results.push(median.as_secs_f64() * 1e3);
    }
    let rss = peak_rss_mib();

    // RON: save, then load in a child so its time and memory are its own.
    let mut ron = None;
    if !options.skip_ron {
        let path = options.dir.join("graph.ron");
        let start = Instant::now();
        store::ron::save(&graph, &path).map_err(|e| e.to_string())?;
        let save_s = start.elapsed().as_secs_f64();
        drop(graph);
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let output = std::process::Command::new(exe)
            .arg("--ron-load")
            .arg(&path)
            .output()
            .map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&output.stdout);
        let fields: Vec<f64> = text
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        if !output.status.success() || fields.len() != 3 {
            return Err(format!(
                "RON load failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let size = std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / (1 << 20) as f64;
        eprintln!(
            "RON: save {save_s:.2} s, {size:.0} MiB; load {:.2} s, peak {:.0} MiB",
            fields[0], fields[1]
        );
        ron = Some((fields[0], fields[1]));
    }

    // The table.
    println!("\n| peer | scale | load s | peak RSS MiB | Q1 ms | Q2 ms | Q3 ms | Q4 ms | Q5 ms |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for peer in &anchors.peers {
        let cell = |v: Option<f64>| v.map_or("—".to_string(), fmt_ms);
        println!(
            "| {} | {} | {} | {} | {} |",
            peer.peer,
            params.scale,
            peer.load_s.map_or("—".to_string(), |s| format!("{s:.2}")),
            cell(peer.rss_mib),
            peer.q_ms.map(cell).join(" | ")
        );
    }
    println!(
        "| **actorgraph** (CSV import) | {} | {:.3} | {:.0} | {} |",
        params.scale,
        import_s,
        rss,
        results
            .iter()
            .map(|m| format!("**{}**", fmt_ms(*m)))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    if let Some((load, ron_rss)) = ron {
        println!(
            "| actorgraph (RON load) | {} | {load:.3} | {ron_rss:.0} | | | | | |",
            params.scale
        );
    }

    // Targets: 10× the fastest peer, half the leanest peer's memory.
    let best = |f: &dyn Fn(&PeerRow) -> Option<f64>| {
        anchors
            .peers
            .iter()
            .filter_map(f)
            .fold(f64::INFINITY, f64::min)
    };
    println!("\n| target | fastest peer | ×10 bar | actorgraph | met |");
    println!("|---|---:|---:|---:|---|");
    let line = |what: &str, peer: f64, bar: f64, ours: f64| {
        println!(
            "| {what} | {} | {} | {} | {} |",
            fmt_ms(peer),
            fmt_ms(bar),
            fmt_ms(ours),
            if ours <= bar { "yes" } else { "**no**" }
        );
    };
    let load = best(&|p| p.load_s);
    line("load (ms)", load * 1e3, load * 100.0, import_s * 1e3);
    for (i, q) in QUERIES.iter().enumerate() {
        let peer = best(&|p| p.q_ms[i]);
        line(&format!("{q} (ms)"), peer, peer / 10.0, results[i]);
    }
    let lean = best(&|p| p.rss_mib);
    line("peak RSS (MiB, ≤ half)", lean, lean / 2.0, rss);
    println!(
        "\nanswers: {}",
        if all_ok {
            "all OK"
        } else {
            "MISMATCH (see above)"
        }
    );
    Ok(all_ok)
}

/// Prints what is resident after opening a graph. A snapshot is read in
/// place: what is resident is mostly the file's pages (RssFile), which the
/// kernel can drop and refetch.
fn report_resident() {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let resident: Vec<String> = status
        .lines()
        .filter(|l| l.starts_with("RssAnon") || l.starts_with("RssFile"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    eprintln!("resident after open: {}", resident.join(", "));
}
