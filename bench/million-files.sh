#!/usr/bin/env bash
# Peak memory and time of mlm on a tree of many small files (default 1,000,000): fresh scan,
# unchanged rescan, dupes, junk. Streams, not lists: memory must not grow with the tree.
# Usage: bench/million-files.sh [WORKDIR] [NFILES]    (default /tmp/mlm-million, 1000000; ~4 GB of inodes)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${1:-/tmp/mlm-million}
n=${2:-1000000}
tree="$work/tree"
mkdir -p "$work"
if [ ! -f "$work/.made-$n" ]; then
  rm -rf "$tree"
  python3 - "$tree" "$n" <<'PY'
import os, sys, random
root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
per_dir = 1000
exts = [".mkv", ".jpg", ".nfo", ".srt", ".txt", ".part"]
for i in range(n):
    d = os.path.join(root, f"d{i // per_dir // 100:03d}", f"e{i // per_dir % 100:02d}")
    if i % per_dir == 0:
        os.makedirs(d, exist_ok=True)
    # one file in ten is a copy of an earlier small blob
    data = rng.randbytes(rng.randint(10, 400)) if rng.random() > 0.1 else b"dup" * (i % 50 + 1)
    with open(os.path.join(d, f"f{i:07d}{exts[i % len(exts)]}"), "wb") as f:
        f.write(data)
PY
  touch "$work/.made-$n"
fi
dotnet publish "$repo/Cli/Cli.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishSingleFile=true -p:PublishReadyToRun=true -o "$work/mlm" --verbosity quiet >/dev/null
mlm="$work/mlm/mlm"
catalog="$work/catalog.db"
rm -f "$catalog" "$catalog-log.db"
measure() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %M KiB peak RSS" "$@" > "$work/out.txt" 2> "$work/err.txt" || true; tail -1 "$work/err.txt"; }
measure "fresh scan" "$mlm" --catalog "$catalog" scan -q "$tree"
measure "unchanged rescan" "$mlm" --catalog "$catalog" scan -q "$tree"
measure "dupes --json" "$mlm" --catalog "$catalog" dupes --json
measure "junk --json" "$mlm" --catalog "$catalog" junk --json
ls -la "$catalog"
