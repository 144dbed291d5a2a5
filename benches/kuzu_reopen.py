#!/usr/bin/env python3
"""kuzu's side of the reopen row (issue 13): `build DATA DB` loads DATA into
a kuzu database at DB as ../shared/bench/peer_kuzu.py does; `q1 DB X` is
run as a fresh process: it opens the database and answers Q1, printing the
answer's size and the seconds from opening the database to the answer
(the process's own start and `import kuzu` are timed by the caller)."""
import os
import sys
import time

BENCH = os.environ.get("BENCH", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench"))
sys.path.insert(0, BENCH)


def q1(conn, x):
    import benchlib as B
    r = conn.execute(f"""
        MATCH (x:Actor {{id: $x}})-[e:Alliance]-(y:Actor)
        WHERE e.end_d IS NULL OR e.end_d >= date('{B.Q1_FROM}')
        RETURN DISTINCT y.id ORDER BY y.id""", {"x": x})
    out = []
    while r.has_next():
        out.append(r.get_next()[0])
    return out


def main():
    import kuzu
    if sys.argv[1] == "build":
        import peer_kuzu

        class A:
            data, work, scale = sys.argv[2], os.path.dirname(sys.argv[3]), None
        A.scale = os.path.basename(sys.argv[3]).removeprefix("kuzu_")
        peer_kuzu.load(A)
        return
    start = time.perf_counter()
    db = kuzu.Database(sys.argv[2])
    conn = kuzu.Connection(db)
    answer = q1(conn, sys.argv[3])
    print(len(answer), round(time.perf_counter() - start, 4))


if __name__ == "__main__":
    main()
