#!/usr/bin/env python3
"""The house rules of issue 10, checked on the real tree and the real objects.

    python3 tools/check_house.py BUILD

1. No source file over 1,500 lines, except the generated tables.
2. No include loop between files outside src/ui/: a file's quoted #include
   lines, with each header standing for the files that implement it.
3. No call loop between files outside src/ui/: which object defines each
   function and which objects call it, from `nm` on BUILD's objects.

A loop is reported as the group of files that reach each other.  Prints what it
checked and exits 1 when a rule is broken.
"""
import os
import re
import subprocess
import sys

LINE_LIMIT = 1500
GENERATED = {"src/text_tables.h"}


def source_files():
    out = []
    for top in ("src", "include"):
        for d, _, names in os.walk(top):
            out += [os.path.join(d, n) for n in names if n.endswith((".c", ".h"))]
    return sorted(out)


def exempt(path):
    """src/ui/ is one room of panes that call each other by design."""
    return path.startswith("src/ui/") or path == "include/ui.h" or \
        path.startswith("include/ui_")


def long_files(files):
    bad = []
    for f in files:
        if f in GENERATED:
            continue
        with open(f, encoding="utf-8", errors="replace") as fh:
            n = sum(1 for _ in fh)
        if n > LINE_LIMIT:
            bad.append("%s: %d lines (limit %d)" % (f, n, LINE_LIMIT))
    return bad


def loops(graph):
    """Every group of nodes of graph {node: set(nodes)} that reach each
    other (Tarjan's strongly connected components of two or more)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(n):
        index[n] = low[n] = counter[0]
        counter[0] += 1
        stack.append(n)
        on_stack.add(n)
        for m in sorted(graph.get(n, ())):
            if m not in graph:
                continue
            if m not in index:
                visit(m)
                low[n] = min(low[n], low[m])
            elif m in on_stack:
                low[n] = min(low[n], index[m])
        if low[n] == index[n]:
            group = []
            while True:
                m = stack.pop()
                on_stack.discard(m)
                group.append(m)
                if m == n:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for n in sorted(graph):
        if n not in index:
            visit(n)
    return out


def include_graph(files):
    by_name = {}
    for f in files:
        by_name.setdefault(os.path.basename(f), []).append(f)
    graph = {}
    inc = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
    for f in files:
        if exempt(f):
            continue
        deps = set()
        with open(f, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                m = inc.match(line)
                if not m:
                    continue
                target = os.path.normpath(os.path.join(os.path.dirname(f), m.group(1)))
                if not os.path.exists(target):
                    cands = by_name.get(os.path.basename(m.group(1)), [])
                    target = cands[0] if len(cands) == 1 else None
                if target and target != f and not exempt(target):
                    deps.add(target)
        graph[f] = deps
    return graph


def call_graph(build):
    """File -> files whose functions it calls, from the objects' symbols."""
    objs = []
    for d, _, names in os.walk(os.path.join(build, "src")):
        objs += [os.path.join(d, n) for n in names if n.endswith(".o")]
    defined, used = {}, {}
    for o in sorted(objs):
        src = os.path.relpath(o, build)[:-2] + ".c"
        if not os.path.exists(src):
            continue  # a stale object of a file that moved
        out = subprocess.run(["nm", "-P", o], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            name, kind = parts[0], parts[1]
            if kind == "U":
                used.setdefault(src, set()).add(name)
            elif kind in "TtDdBbRr" and kind.isupper():
                defined[name] = src
    graph = {}
    for src, names in used.items():
        if exempt(src):
            continue
        graph[src] = {defined[n] for n in names
                      if n in defined and defined[n] != src and not exempt(defined[n])}
    for src in set(defined.values()):
        if not exempt(src):
            graph.setdefault(src, set())
    return graph, len(objs)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    files = source_files()
    problems = long_files(files)

    inc = include_graph(files)
    for group in loops(inc):
        problems.append("include loop among: " + ", ".join(group))

    calls, nobj = call_graph(build)
    for group in loops(calls):
        problems.append("call loop among: " + ", ".join(group))

    print("house: %d source files, %d objects, %d include and %d call edges"
          % (len(files), nobj, sum(map(len, inc.values())),
             sum(map(len, calls.values()))))
    for p in problems:
        print("house: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
