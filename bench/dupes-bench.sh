#!/usr/bin/env bash
# Duplicate finding, side by side on one warm tree: mlm (fresh catalog, then unchanged rescan),
# jdupes and rmlint (both from Debian). Checks that all find the same groups as the generator's
# manifest, and prints a Markdown table for docs/BENCHMARKS.md.
# Usage: bench/dupes-bench.sh [WORKDIR] [NFILES]     (default /tmp/mlm-bench, 20000)
# Needs: jdupes rmlint hyperfine time (apt-get install -y jdupes rmlint hyperfine time).
# rmlint writes its outputs by replacing the named file: never point it at /dev/null (it replaced
# the device with a regular file here once).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${1:-/tmp/mlm-bench}
n=${2:-20000}
tree="$work/dupetree"
mkdir -p "$work"
for tool in jdupes rmlint hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y jdupes rmlint hyperfine time)"; exit 2; }
done

if [ ! -f "$work/dupetree.manifest.tsv" ] || [ "$(find "$tree" -type f | wc -l)" -ne "$n" ]; then
  bash "$repo/../shared/bench/make_dupetree.sh" "$tree" "$n" 42
fi

echo "publishing mlm (Release, ReadyToRun single file)"
dotnet publish "$repo/Cli/Cli.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishSingleFile=true -p:PublishReadyToRun=true -o "$work/mlm" --verbosity quiet >/dev/null
mlm="$work/mlm/mlm"
catalog="$work/catalog.db"

echo "warming the page cache"
find "$tree" -type f -print0 | xargs -0 cat > /dev/null

first="rm -f $catalog $catalog-log.db; $mlm --catalog $catalog scan -q $tree && $mlm --catalog $catalog dupes --json > $work/mlm.json"
rescan="$mlm --catalog $catalog scan -q $tree && $mlm --catalog $catalog dupes --json > $work/mlm-rescan.json"
hyperfine --warmup 1 --runs 5 --export-json "$work/hyperfine.json" \
  -n "mlm scan + dupes (fresh catalog)" "$first" \
  -n "mlm scan + dupes (unchanged rescan)" "$rescan" \
  -n "jdupes -r" "jdupes -r -q $tree > $work/jdupes.txt" \
  -n "rmlint" "cd $work && rmlint -T df -o json:$work/rmlint.json -o summary:$work/rmlint-summary.txt $tree"

# What the unchanged rescan read (must be 0), and peak memory of each step.
eval "$first"
rescan_json=$("$mlm" --catalog "$catalog" scan --json "$tree")
bytes_hashed=$(echo "$rescan_json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytes_hashed"])')
rm -f "$catalog" "$catalog-log.db"
rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
rss_scan=$(rss "$mlm" --catalog "$catalog" scan -q "$tree")
rss_dupes=$(rss "$mlm" --catalog "$catalog" dupes --json)
rss_jdupes=$(rss jdupes -r -q "$tree")
rss_rmlint=$(cd "$work" && rss rmlint -T df -o json:"$work/rmlint-rss.json" -o summary:"$work/rmlint-summary.txt" "$tree")

python3 - "$work" "$bytes_hashed" "$rss_scan" "$rss_dupes" "$rss_jdupes" "$rss_rmlint" <<'PY'
import json, sys, collections
work, bytes_hashed, rss_scan, rss_dupes, rss_jdupes, rss_rmlint = sys.argv[1:]
def groups_manifest():
    g = collections.defaultdict(set)
    for line in open(f"{work}/dupetree.manifest.tsv"):
        gid, path = line.rstrip("\n").split("\t", 1)
        g[gid].add(path)
    return {frozenset(v) for v in g.values()}
def groups_mlm(name):
    return {frozenset(f["path"] for f in g["files"]) for g in json.load(open(f"{work}/{name}"))["groups"]}
def groups_jdupes():
    out, cur = set(), set()
    for line in open(f"{work}/jdupes.txt"):
        line = line.rstrip("\n")
        if not line:
            if cur: out.add(frozenset(cur)); cur = set()
        else:
            cur.add(line)
    if cur: out.add(frozenset(cur))
    return out
def groups_rmlint():
    g = collections.defaultdict(set)
    for e in json.load(open(f"{work}/rmlint.json")):
        if e.get("type") == "duplicate_file":
            g[e["checksum"]].add(e["path"])
    return {frozenset(v) for v in g.values()}
truth = groups_manifest()
results = {"mlm (fresh)": groups_mlm("mlm.json"), "mlm (rescan)": groups_mlm("mlm-rescan.json"),
           "jdupes": groups_jdupes(), "rmlint": groups_rmlint()}
for name, found in results.items():
    status = "same groups as the manifest" if found == truth else f"DIFFERENT: {len(found)} groups vs {len(truth)}"
    print(f"{name}: {len(found)} groups, {sum(len(x) for x in found)} files - {status}")
h = json.load(open(f"{work}/hyperfine.json"))["results"]
jd = next(r for r in h if r["command"] == "jdupes -r")["mean"]
print()
print("| run | mean wall (s) | ± σ | × jdupes |")
print("|---|---|---|---|")
for r in h:
    print(f"| {r['command']} | {r['mean']:.3f} | {r['stddev']:.3f} | {r['mean']/jd:.2f} |")
print()
print(f"unchanged rescan: bytes hashed = {bytes_hashed}")
print(f"peak RSS (MiB): mlm scan {int(rss_scan)/1024:.0f}, mlm dupes {int(rss_dupes)/1024:.0f}, "
      f"jdupes {int(rss_jdupes)/1024:.0f}, rmlint {int(rss_rmlint)/1024:.0f}")
PY
