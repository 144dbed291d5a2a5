//! Times suggestions for names a graph does not have: how long each unknown
//! reference costs once the graph is loaded (issue 14, item 7).
//!
//! ```sh
//! python3 ../shared/bench/gen_synthetic.py --actors 1000000 --edges 1000000 --seed 7 --out /tmp/M1
//! cargo run --release -- import csv --actors /tmp/M1/actors.csv --ties /tmp/M1/edges.csv -o /tmp/M1/graph.ron
//! cargo run --release --example suggestions -- /tmp/M1/graph.ron 100
//! ```

use std::time::Instant;

use actorgraph::session::Session;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: suggestions GRAPH.ron [COUNT]");
        std::process::exit(2);
    };
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let started = Instant::now();
    let session = match Session::load(path.as_ref(), &mut |_| {}) {
        Ok(session) => session,
        Err(problems) => {
            eprintln!("{} problems loading {path}", problems.len());
            std::process::exit(1);
        }
    };
    println!(
        "loaded {} actors in {:.2?}",
        session.graph.actor_count(),
        started.elapsed()
    );
    let started = Instant::now();
    let mut offered = 0;
    for i in 0..count {
        // A misspelling of a generated name ("Actor N") and a made-up word.
        offered += session
            .graph
            .suggest(&format!("Actr {}", 5_100 + i), 3)
            .len();
        offered += session.graph.suggest(&format!("zorblax{i}"), 3).len();
    }
    let elapsed = started.elapsed();
    println!(
        "{} unknown names in {elapsed:.2?} ({:.2?} each, the index built on the first), {offered} suggestions",
        2 * count,
        elapsed / (2 * count as u32).max(1)
    );
}
