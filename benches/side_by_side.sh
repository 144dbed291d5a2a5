#!/usr/bin/env bash
# Runs actorgraph and its peers on the same data in one run (issue 13):
#   benches/side_by_side.sh "S M" [PEERS]
# For each scale: the peers through ../shared/bench/run_peers.sh (their JSON
# lines go to $OUT/peers.jsonl, not to the shared results), then
# `examples/bench` with those lines as its anchors (CSV import, Q1–Q5, RON
# save and load), then the reopen row: kuzu reopening its database and
# answering Q1, against actorgraph reopening the saved graph (through its
# snapshot) and answering Q1, each a fresh process, median of 5 (/usr/bin/time
# gives wall seconds and peak RSS). Data: $DATA/S, $DATA/M… (made by
# run_peers.sh when missing; point $DATA/M at an existing /tmp/bench-M with a
# symbolic link). Everything is printed and kept under $OUT.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
BENCH="${BENCH:-$(cd "$ROOT/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}"
TMP="$(dirname "$(mktemp -u)")"
export DATA="${DATA:-$TMP/benchdata}"
OUT="${OUT:-$TMP/side-by-side}"
PY="${PY:-$TMP/benchvenv/bin/python}"
SCALES="${1:-S M}"
PEERS="${2:-floor pydict rustworkx igraph kuzu}"
RUNS=5
mkdir -p "$OUT"
[ -x "$PY" ] || bash "$BENCH/setup_peers.sh"
(cd "$ROOT" && cargo build --release --quiet --bin actorgraph --example bench) || exit 2
AG="$ROOT/target/release/actorgraph"

# Median of the first column of stdin, and the second column on the same line.
median() { sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

# `timed CMD...`: one fresh process; prints "wall-s peak-KiB cpu-s" (cpu:
# user + system, which a busy machine inflates less than the wall time).
timed() {
  /usr/bin/time -f "%e %M %U %S" "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ print $1, $2, $3 + $4 }'
}

for s in $SCALES; do
  echo "== scale $s $(date -u +%FT%TZ)"
  RESULTS="$OUT/peers.jsonl" bash "$BENCH/run_peers.sh" "$s" "$PEERS"
  dir="$DATA/$s"
  x=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['x'])" "$dir/params.json")
  nice -n 0 "$ROOT/target/release/examples/bench" "$dir" --peers "$OUT/peers.jsonl" \
    2>&1 | tee "$OUT/bench.$s.txt"

  # Reopen: actorgraph. The first open parses graph.ron and writes its
  # cache; the next opens read the cache (the first of them may hash the
  # RON file once, when it was written less than 2 s before the cache).
  ron="$dir/graph.ron"
  rm -f "$dir/.graph.ron.agraph"
  first=$(timed "$AG" -g "$ron" query "who allied with $x after 2022")
  sleep 3
  timed "$AG" -g "$ron" query "who allied with $x after 2022" >/dev/null
  for i in $(seq $RUNS); do timed "$AG" -g "$ron" query "who allied with $x after 2022"; done \
    | median > "$OUT/reopen.actorgraph.$s"
  count=$("$AG" -g "$ron" -f jsonl query "who allied with $x after 2022" | wc -l)
  # The workload's answers from the graph opened through its snapshot.
  "$ROOT/target/release/examples/bench" --open "$ron" "$dir" > "$OUT/open.$s"

  # Reopen: kuzu, its database built once by its own loader.
  db="$DATA/work/kuzu_reopen_$s"
  rm -rf "$db"
  BENCH="$BENCH" "$PY" "$HERE/kuzu_reopen.py" build "$dir" "$db"
  "$PY" "$HERE/kuzu_reopen.py" q1 "$db" "$x" >/dev/null
  for i in $(seq $RUNS); do timed "$PY" "$HERE/kuzu_reopen.py" q1 "$db" "$x"; done \
    | median > "$OUT/reopen.kuzu.$s"
  for i in $(seq $RUNS); do "$PY" "$HERE/kuzu_reopen.py" q1 "$db" "$x"; done \
    | awk '{ print $2, $1 }' | median > "$OUT/reopen.kuzu-inside.$s"
  python_start=$(for i in $(seq $RUNS); do timed "$PY" -c "import kuzu"; done | median)

  read -r open_s open_peak graph_bytes actors ties < "$OUT/open.$s"
  echo
  echo "| reopen, fresh process ($s), median of $RUNS | wall s | cpu s | peak RSS MiB | answer |"
  echo "|---|---:|---:|---:|---:|"
  read -r w k c < "$OUT/reopen.actorgraph.$s"
  echo "| actorgraph -g graph.ron query (through its snapshot) | $w | $c | $((k / 1024)) | $count |"
  read -r fw fk fc <<< "$first"
  echo "| actorgraph, first open (RON parse, snapshot written) | $fw | $fc | $((fk / 1024)) | |"
  read -r w k c < "$OUT/reopen.kuzu.$s"
  read -r inside kcount < "$OUT/reopen.kuzu-inside.$s"
  echo "| kuzu: python, import kuzu, open database, Q1 | $w | $c | $((k / 1024)) | $kcount |"
  echo "| kuzu: open database + Q1 inside the process | $inside | | | |"
  read -r w k c <<< "$python_start"
  echo "| python + import kuzu alone | $w | $c | $((k / 1024)) | |"
  echo
  echo "graph opened in ${open_s} s, peak ${open_peak} MiB; resident bytes added: ${graph_bytes}" \
       "= $(awk -v b="$graph_bytes" -v t="$ties" 'BEGIN { printf "%.0f", b / t }') B per tie," \
       "$(awk -v b="$graph_bytes" -v a="$actors" 'BEGIN { printf "%.0f", b / a }') B per actor (all of it, over actors)"
done
