#!/usr/bin/env python3
"""The feed conformance corpus (tests/fixtures/conform): each case is one
small document NAME.xml beside NAME.json, the parts of `sitrep parse --json
NAME.xml` it is about.  Objects in the expectation match when every key they
name matches (keys starting with '_' are notes, and "_base_url" is passed as
--base-url); lists match element by element and must have the same length;
anything else must be equal.

    conform.py SITREP DIR     prints one line per case, exits 1 on a failure
"""
import json
import os
import subprocess
import sys


def match(got, want, path, errs):
    if isinstance(want, dict):
        if not isinstance(got, dict):
            errs.append("%s: got %s, want an object" % (path, json.dumps(got)))
            return
        for k, v in want.items():
            if k.startswith("_"):
                continue
            if k not in got:
                errs.append("%s.%s: missing" % (path, k))
            else:
                match(got[k], v, "%s.%s" % (path, k), errs)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            errs.append("%s: got %s, want %s" % (path, json.dumps(got,
                ensure_ascii=False), json.dumps(want, ensure_ascii=False)))
            return
        for i, (g, w) in enumerate(zip(got, want)):
            match(g, w, "%s[%d]" % (path, i), errs)
    elif got != want:
        errs.append("%s: got %s, want %s" % (path, json.dumps(got,
            ensure_ascii=False), json.dumps(want, ensure_ascii=False)))


def run_case(sitrep, doc, want):
    args = [sitrep, "parse", doc, "--json"]
    if "_base_url" in want:
        args += ["--base-url", want["_base_url"]]
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=30)
    if p.returncode != 0:
        return ["sitrep parse exited %d: %s" % (p.returncode,
                p.stderr.decode("utf-8", "replace").strip())]
    errs = []
    match(json.loads(p.stdout.decode("utf-8")), want, "$", errs)
    return errs


def main():
    sitrep, folder = sys.argv[1], sys.argv[2]
    cases = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    failed = 0
    for case in cases:
        stem = case[:-len(".json")]
        docs = [f for f in os.listdir(folder)
                if f.startswith(stem + ".") and f != case]
        if len(docs) != 1:
            print("FAIL %s: want exactly one document beside it" % stem)
            failed += 1
            continue
        with open(os.path.join(folder, case), encoding="utf-8") as f:
            want = json.load(f)
        errs = run_case(sitrep, os.path.join(folder, docs[0]), want)
        if errs:
            failed += 1
            print("FAIL %s" % stem)
            for e in errs:
                print("    " + e)
        else:
            print("ok   %s" % stem)
    print("%d cases, %d failed" % (len(cases), failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
