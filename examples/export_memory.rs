//! Peak memory of exports against the size of what they write (issue 14:
//! within 2× the output on a hub of a million ties) and against the loaded
//! graph (issue 11: JSON within 1.5× the graph). Each export runs in a
//! process of its own, on a hub graph built in memory: one actor allied
//! with N others (Linux: peak RSS is read from /proc).
//!
//! ```sh
//! cargo run --release --example export_memory -- 1000000
//! ```

use std::path::Path;
use std::process::Command;

use actorgraph::model::{Actor, ActorKind, Confidence, Graph, GraphSpec, TieSpec};
use actorgraph::session::Session;
use actorgraph::statement::execute;

/// The hub and `n` spokes, each allied with it and each with a short note.
fn hub(n: usize) -> Graph {
    let mut actors = vec![Actor::new(
        "hub".to_string(),
        "Hub".to_string(),
        ActorKind::Group,
    )];
    actors.extend(
        (0..n).map(|i| Actor::new(format!("s{i}"), format!("Spoke {i}"), ActorKind::Militia)),
    );
    let ties = (0..n)
        .map(|i| TieSpec {
            from: "hub".into(),
            to: format!("s{i}"),
            relation: "alliance".into(),
            start: "2020".parse().ok(),
            end: None,
            confidence: Confidence::Likely,
            sources: Vec::new(),
            note: Some(format!("spoke {i} joined the hub")),
            evidence: None,
            events: None,
            fatalities: None,
        })
        .collect();
    Graph::build(GraphSpec {
        title: "hub".into(),
        actors,
        ties,
        ..GraphSpec::default()
    })
    .expect("a valid hub")
}

/// A line of /proc/self/status, in KiB.
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// In the child: build the hub, reset the peak, export, report.
fn measure(n: usize, statement: &str, target: &Path) {
    let session = Session::new(hub(n), "hub".into(), None);
    let loaded = status_kib("VmRSS:");
    // Forget the peak of building the graph: only the export's counts.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let line = format!("{statement} to {}", target.display());
    if let Err(failure) = execute(&session, &line) {
        eprintln!("{statement}: {failure:?}");
        std::process::exit(1);
    }
    let peak = status_kib("VmHWM:");
    let written = std::fs::metadata(target).map_or(0, |m| m.len()) / 1024;
    let above = peak.saturating_sub(loaded);
    println!(
        "| `{statement}` | {n} | {:.0} | {:.0} | {:.0} | {:.2}× | {:.2}× |",
        written as f64 / 1024.0,
        loaded as f64 / 1024.0,
        peak as f64 / 1024.0,
        above as f64 / written.max(1) as f64,
        peak as f64 / loaded.max(1) as f64
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    if let Some(statement) = args.next() {
        let target = args.next().expect("a target");
        measure(n, &statement, Path::new(&target));
        return;
    }
    let dir = tempfile::tempdir().expect("a scratch folder");
    println!("| export | ties | output (MiB) | graph loaded (MiB) | peak (MiB) | peak above the graph / output | peak / graph loaded |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let me = std::env::current_exe().expect("this example");
    for (statement, file) in [
        ("export json all", "hub.json"),
        ("export dot Hub depth 1", "hub.dot"),
        ("export graphml all", "hub.graphml"),
        ("export gexf all", "hub.gexf"),
    ] {
        let status = Command::new(&me)
            .arg(n.to_string())
            .arg(statement)
            .arg(dir.path().join(file))
            .status()
            .expect("run the measurement");
        assert!(status.success(), "{statement}");
    }
}
