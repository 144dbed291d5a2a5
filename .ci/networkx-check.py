#!/usr/bin/env python3
"""Read an actorgraph export with networkx and print what it found, as JSON:
{"nodes": N, "edges": M, "directed": bool, "ids": [each node's `id` attribute,
or its key], "node": {attrs of NODE}, "edge": {attrs of one edge between SOURCE
and TARGET}}.

usage: networkx-check.py FORMAT FILE NODE SOURCE TARGET
FORMAT is json, graphml or gexf. Exits 3 when networkx is not installed.
"""
import json
import sys

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed", file=sys.stderr)
    sys.exit(3)

fmt, path, node, source, target = sys.argv[1:6]
if fmt == "json":
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    # networkx's default call: the export writes `edges`, the key networkx
    # 3.4 and later read by default.
    g = nx.node_link_graph(data)
elif fmt == "graphml":
    g = nx.read_graphml(path)
elif fmt == "gexf":
    # networkx's default call: the export writes GEXF 1.2 (1.2draft).
    g = nx.read_gexf(path)
else:
    sys.exit(f"unknown format {fmt}")

edge = {}
if g.has_edge(source, target):
    data = g.get_edge_data(source, target)
    if g.is_multigraph():
        data = data[sorted(data)[0]]
    edge = {k: (v if isinstance(v, (str, int, float, bool)) else str(v)) for k, v in data.items()}
attrs = {k: (v if isinstance(v, (str, int, float, bool)) else str(v)) for k, v in g.nodes[node].items()} if node in g else {}
ids = sorted(str(g.nodes[n].get("id", n)) for n in g)
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "directed": g.is_directed(), "ids": ids, "node": attrs, "edge": edge}))
