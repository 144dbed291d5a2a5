//! Latency of the query language on a large graph: each form parsed and
//! evaluated from text, as an analyst sends it, once the graph is loaded.
//!
//! ```sh
//! python3 ../shared/bench/gen_synthetic.py --actors 100000 --edges 1000000 --seed 7 --out /tmp/bench-M
//! cargo run --release --example bench -- /tmp/bench-M      # writes /tmp/bench-M/graph.ron
//! cargo run --release --example latency -- /tmp/bench-M/graph.ron a000000
//! ```
//!
//! Prints, for each query, the median and 95th percentile of parse +
//! evaluate (the answer built, not printed) and of the text rendering on top.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use actorgraph::answer::{Format, Output};
use actorgraph::session::Session;
use actorgraph::statement::execute;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(hub)) = (args.next(), args.next()) else {
        eprintln!("usage: latency GRAPH.ron HUB-ID [SUBGROUP-ROOT] [FAR-ID]");
        std::process::exit(2);
    };
    let root = args.next().unwrap_or_else(|| hub.clone());
    let far = args.next();
    let started = Instant::now();
    let session = match Session::open(Some(&PathBuf::from(&path))) {
        Ok(session) => session,
        Err(diagnostics) => {
            for d in diagnostics {
                eprint!("{d}");
            }
            std::process::exit(1);
        }
    };
    println!(
        "loaded {path}: {} actors, {} ties in {:.2} s",
        session.graph.actor_count(),
        session.graph.tie_count(),
        started.elapsed().as_secs_f64()
    );
    let mut queries = vec![
        format!("who allied with {hub} after 2022"),
        format!("who fought {hub}"),
        format!("who pledged allegiance to {hub}"),
        format!("ties of {hub}"),
        format!("ties of {hub} via alliance after 2022"),
        format!("show {hub}"),
        format!("subgroups of {root}"),
        format!("neighbors of {hub} depth 2 during 2022"),
        "stats as of 2020-06-15".to_string(),
    ];
    if let Some(far) = far {
        queries.push(format!("path from {hub} to {far}"));
        queries.push(format!("how is {hub} connected to {far} after 2020"));
        queries.push(format!("is {hub} allied with {far}"));
        queries.push(format!("ties between {hub} and {far}"));
    }
    // Parsing alone, against the graph's names and phrases.
    let one_hop = format!("who fought {hub}");
    let (_, parse) = measure(|| {
        actorgraph::query::parse_in(&one_hop, &session.graph)
            .map(|_| 1)
            .unwrap_or(0)
    });
    println!(
        "parse of `{one_hop}` alone: median {}, p95 {}",
        show(parse.0),
        show(parse.1)
    );
    println!("| query | results | evaluate median | evaluate p95 | + text median |");
    println!("|---|---:|---:|---:|---:|");
    for query in queries {
        let (results, evaluate) = measure(|| match execute(&session, &query) {
            Ok(Output::Answer(answer)) => answer.len(),
            Ok(Output::Verbatim(_) | Output::Diagram(..) | Output::Export(..)) => 0,
            Err(d) => panic!("{query}: {d}"),
        });
        let (_, rendered) = measure(|| match execute(&session, &query) {
            Ok(output) => output.render(Format::Text, false, None).len(),
            Err(d) => panic!("{query}: {d}"),
        });
        println!(
            "| `{query}` | {results} | {} | {} | {} |",
            show(evaluate.0),
            show(evaluate.1),
            show(rendered.0)
        );
    }
}

/// Runs `f` once to warm up, then until 1 s or 200 runs; median and p95.
fn measure(mut f: impl FnMut() -> usize) -> (usize, (Duration, Duration)) {
    let result = f();
    let mut times = Vec::new();
    let budget = Instant::now();
    while times.len() < 200 && (budget.elapsed() < Duration::from_secs(1) || times.len() < 5) {
        let start = Instant::now();
        std::hint::black_box(f());
        times.push(start.elapsed());
    }
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    (result, (times[times.len() / 2], p95))
}

fn show(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.0} µs")
    } else {
        format!("{:.2} ms", micros / 1000.0)
    }
}
