#!/usr/bin/env python3
"""Score `mlm dupes --near --json` against truth.tsv of near-corpus-honest.sh.

Usage: score.py REPORT.json TRUTH.tsv CORPUSDIR

True pair: two files of one group whose relations are both in {same, negative} (a group's original
and its variants, or two variants). Pairs with a 'contained' or 'mirror' file of the same group are
reported separately and excluded from precision/recall; such a file grouped with another group's
file is a wrong pair like any other.
"""
import csv, itertools, json, os, sys
from collections import defaultdict

report_path, truth_path, corpus = sys.argv[1], sys.argv[2], os.path.realpath(sys.argv[3])
report = json.load(open(report_path))
print("report top-level keys:", ", ".join(sorted(report.keys())))

truth = {}
with open(truth_path) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        truth[row["path"]] = row
PAIRED = {"same", "negative"}


def rel(p):
    rp = os.path.realpath(p)
    return os.path.relpath(rp, corpus) if rp.startswith(corpus + os.sep) else p


predicted, unknown = set(), set()
for g in report.get("groups", []):
    paths = sorted({rel(f["path"]) for f in g["files"]})
    unknown |= {p for p in paths if p not in truth}
    for a, b in itertools.combinations(paths, 2):
        predicted.add((a, b))
if unknown:
    print(f"WARNING: {len(unknown)} reported paths not in truth, e.g. {sorted(unknown)[:3]}")

files = sorted(truth)
true_pairs, side = set(), defaultdict(set)  # side: 'mirror'/'contained' -> pairs
for a, b in itertools.combinations(files, 2):
    ta, tb = truth[a], truth[b]
    if ta["group"] != tb["group"]:
        continue
    ra, rb = ta["relation"], tb["relation"]
    if ra in PAIRED and rb in PAIRED:
        true_pairs.add((a, b))
    else:
        side["/".join(sorted({ra, rb} - PAIRED) or [ra])].add((a, b))
excluded = set().union(*side.values()) if side else set()
scored = predicted - excluded
tp = scored & true_pairs
wrong = sorted(scored - true_pairs)
missed = sorted(true_pairs - predicted)


def pr(n_ok, n_pred, n_true):
    p = n_ok / n_pred if n_pred else float("nan")
    r = n_ok / n_true if n_true else float("nan")
    return p, r


p, r = pr(len(tp), len(scored), len(true_pairs))
print(f"files in truth: {len(files)}, groups: {len({t['group'] for t in truth.values()})}, "
      f"reported groups: {len(report.get('groups', []))}")
print(f"OVERALL  true pairs {len(true_pairs)}, predicted (scored) {len(scored)}, correct {len(tp)}  "
      f"precision {p:.3f}  recall {r:.3f}")

kinds = sorted({t["kind"] for t in truth.values()})
print("\nper kind  (orig<->kind: recall of the pair original/that variant; any: all true pairs touching the kind;"
      "\n           wrong: predicted pairs touching the kind that are not true)")
print(f"{'kind':14} {'files':>5} {'orig<->kind':>12} {'any recall':>14} {'precision':>14} {'wrong':>5}")
for k in kinds:
    kf = {f for f in files if truth[f]["kind"] == k}
    touch = lambda pairs: {pq for pq in pairs if pq[0] in kf or pq[1] in kf}
    t_any, p_any = touch(true_pairs), touch(scored)
    ok_any = t_any & p_any
    is_orig = lambda f: truth[f]["kind"] == "orig" or truth[f]["relation"] == "negative"
    orig = {pq for pq in t_any if (pq[0] in kf and is_orig(pq[1])) or (pq[1] in kf and is_orig(pq[0]))
            or (is_orig(pq[0]) and pq[0] in kf) or (is_orig(pq[1]) and pq[1] in kf)}
    o_ok = orig & predicted
    pk, rk = pr(len(ok_any), len(p_any), len(t_any))
    w = len(p_any - true_pairs)
    o_txt = f"{len(o_ok)}/{len(orig)}" if orig else "-"
    a_txt = f"{len(ok_any)}/{len(t_any)} {rk:.2f}" if t_any else "-"
    p_txt = f"{len(ok_any)}/{len(p_any)} {pk:.2f}" if p_any else "-"
    print(f"{k:14} {len(kf):5} {o_txt:>12} {a_txt:>14} {p_txt:>14} {w:5}")

for name, pairs in sorted(side.items()):
    got = pairs & predicted
    print(f"\n{name} pairs (excluded from P/R): {len(got)} of {len(pairs)} grouped with their source group")
    byfile = defaultdict(lambda: [0, 0])
    for a, b in pairs:
        f = a if truth[a]["relation"] == name else b
        byfile[f][1] += 1
        byfile[f][0] += (a, b) in predicted
    for f, (g, n) in sorted(byfile.items()):
        print(f"  {f}: grouped with {g}/{n} files of its source")

print(f"\nwrongly merged pairs: {len(wrong)}")
for a, b in wrong:
    print(f"  WRONG  {a} [{truth.get(a, {}).get('kind', '?')}]  <->  {b} [{truth.get(b, {}).get('kind', '?')}]")
print(f"\nmissed pairs: {len(missed)}")
for a, b in missed:
    print(f"  MISSED {a}  <->  {b}")

partials = report.get("partial_copies", [])
print(f"\npartial_copies reported: {len(partials)}")
for pc in partials:
    a, b = rel(pc.get("partial", "")), rel(pc.get("complete", ""))
    same = truth.get(a, {}).get("group") == truth.get(b, {}).get("group")
    print(f"  {'ok   ' if same else 'WRONG'} {a} <- {b}")
