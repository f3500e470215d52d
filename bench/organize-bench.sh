#!/usr/bin/env bash
# Apply throughput of `mlm organize --apply`: renames within a file system (files/s), and moves to
# another file system (copy, fsync, verify by full hash, remove: MB/s) beside plain `cp` and `mv`.
# Usage: bench/organize-bench.sh [WORKDIR] [CROSS_FS_DIR]   (default /tmp/mlm-organize, /dev/shm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${1:-/tmp/mlm-organize}
other=${2:-/dev/shm}/mlm-organize-bench
rm -rf "$work" "$other" && mkdir -p "$work/in" "$other"
dotnet publish "$repo/Cli/Cli.csproj" -c Release -r linux-x64 --self-contained false -p:PublishSingleFile=true \
  -p:PublishReadyToRun=true -o "$work/mlm" --verbosity quiet >/dev/null
mlm="$work/mlm/mlm --catalog $work/catalog.db"
template='{show}/Season {season:02d}/{show} - S{season:02d}E{episodes:02d}{ext}'
now() { date +%s.%N; }

python3 - "$work/in" <<'PY'
import os, sys, random
root = sys.argv[1]; rng = random.Random(5)
for i in range(2000):
    d = os.path.join(root, f"batch{i // 200}")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, f"Show.{i // 100:02d}.S{i // 100 + 1:02d}E{i % 100 + 1:02d}.720p.WEB.x264-GRP.mkv"), "wb").write(rng.randbytes(10_000))
PY
$mlm scan -q "$work/in"
cp -al "$work/in" "$work/in-again"   # the same tree once more, for the two-step run below
s=$(now); $mlm organize --template "$template" --dest "$work/lib" "$work/in" --apply > /dev/null; e=$(now)
echo "rename within a file system (plan + apply in one run): 2000 files in $(echo "$e - $s" | bc) s = $(echo "2000 / ($e - $s)" | bc) files/s"
$mlm scan -q "$work/in-again"
s=$(now); plan=$($mlm organize --template "$template" --dest "$work/lib2" "$work/in-again" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["plan_id"])'); m=$(now)
$mlm organize --apply "$plan" > /dev/null; e=$(now)
echo "two steps, same files: preview + save $(echo "$m - $s" | bc) s, --apply $plan $(echo "$e - $m" | bc) s = $(echo "2000 / ($e - $m)" | bc) files/s"
rm -rf "$work/in2" && mkdir -p "$work/in2" && cp -r "$work/lib" "$work/in2/" && s=$(now) && find "$work/in2" -type f -name '*.mkv' | head -2000 | while read -r f; do mv "$f" "$f.x"; done && e=$(now)
echo "mv one by one (a shell loop), same files: $(echo "$e - $s" | bc) s"

mkdir -p "$work/big"
for i in $(seq 1 16); do head -c $((64 * 1024 * 1024)) /dev/urandom > "$work/big/Film.Number.$i.$((1990 + i)).1080p.BluRay.x264-GRP.mkv"; done
sync
$mlm scan -q "$work/big"
cat "$work/big"/* > /dev/null   # both runs below read from a warm page cache
sync
for run in 1 2 3; do   # cp's time on tmpfs varies run to run (page allocation): each run is shown
  s=$(now); cp -r "$work/big" "$other/cp-copy"; e=$(now)
  echo "cp -r of the same 1024 MiB, disk → tmpfs (no fsync, no verification), run $run: $(echo "$e - $s" | bc) s = $(echo "1024 / ($e - $s)" | bc) MB/s"
  rm -rf "$other/cp-copy"
done
s=$(now); $mlm organize --template '{title} ({year}){ext}' --dest "$other/lib" "$work/big" --apply > /dev/null; e=$(now)
echo "organize move across file systems (copy, fsync, verify, remove): 1024 MiB in $(echo "$e - $s" | bc) s = $(echo "1024 / ($e - $s)" | bc) MB/s"
s=$(now); mv "$other/lib" "$work/mv-back"; sync; e=$(now)
echo "mv of the same 1024 MiB back, tmpfs → disk, plus sync: $(echo "$e - $s" | bc) s = $(echo "1024 / ($e - $s)" | bc) MB/s"
rm -rf "$other"
