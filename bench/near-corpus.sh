#!/usr/bin/env bash
# Accuracy of `mlm dupes --near` on a labelled corpus made with ffmpeg: 30 visually distinct 20 s
# clips (different lavfi sources, seeds, colours, motion) and 4 variants of each (remux to MP4,
# re-encode at 240p and low bitrate, 2 s + 1 s trimmed, different audio). Precision and recall
# over all pairs, and the fingerprinting cost per video.
# Usage: bench/near-corpus.sh [WORKDIR]     (default /tmp/mlm-near)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${1:-/tmp/mlm-near}
corpus="$work/corpus"
mkdir -p "$corpus"
sources=(
  "testsrc=size=640x360:rate=25" "testsrc2=size=640x360:rate=25" "smptebars=size=640x360:rate=25"
  "smptehdbars=size=640x360:rate=25" "rgbtestsrc=size=640x360:rate=25" "yuvtestsrc=size=640x360:rate=25"
  "pal75bars=size=640x360:rate=25" "mandelbrot=size=640x360:rate=25"
  "mandelbrot=size=640x360:rate=25:start_x=-0.743643887:start_y=-0.131825904:start_scale=0.5"
  "mptestsrc=rate=25" "life=s=640x360:r=25:seed=1:ratio=0.2" "life=s=640x360:r=25:seed=2:mold=10:life_color=#ffcc00"
  "life=s=640x360:r=25:seed=3:ratio=0.5:death_color=#202080" "cellauto=s=640x360:r=25:rule=30:seed=1"
  "cellauto=s=640x360:r=25:rule=90:seed=2" "cellauto=s=640x360:r=25:rule=110:seed=3:random_fill_ratio=0.3"
  "gradients=s=640x360:r=25:seed=1:speed=0.02" "gradients=s=640x360:r=25:seed=2:speed=0.05:type=radial"
  "gradients=s=640x360:r=25:seed=3:speed=0.01:type=circular" "gradients=s=640x360:r=25:seed=4:speed=0.03:type=spiral"
  "sierpinski=s=640x360:r=25:seed=1:type=carpet" "sierpinski=s=640x360:r=25:seed=2:type=triangle"
  "haldclutsrc=level=8:rate=25,scale=640:360" "mandelbrot=size=640x360:rate=25,negate"
  "life=s=640x360:r=25:seed=7,hue=h=200:s=3" "cellauto=s=640x360:r=25:rule=150:seed=9,negate"
  "colorchart=rate=25:patch_size=64x64,scale=640:360" "testsrc=size=640x360:rate=25,rotate=PI*t/10"
  "gradients=s=640x360:r=25:seed=11:speed=0.04:c0=red:c1=blue:nb_colors=2" "sierpinski=s=640x360:r=25:seed=5:jump=10"
)
make() { [ -f "$2" ] || ffmpeg -loglevel error -y "${@:3}" "$2"; }
i=0
for src in "${sources[@]}"; do
  id=$(printf "c%02d" $i)
  make x "$corpus/$id.mkv" -f lavfi -i "$src" -f lavfi -i "sine=frequency=$((200 + i * 37)):duration=20" -t 20 \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest
  make x "$corpus/$id.remux.mp4" -i "$corpus/$id.mkv" -c copy
  make x "$corpus/$id.small.mp4" -i "$corpus/$id.mkv" -vf scale=-2:240 -c:v libx264 -preset veryfast -b:v 300k -c:a aac -b:a 64k
  make x "$corpus/$id.trim.mkv" -ss 2 -i "$corpus/$id.mkv" -t 17 -c:v libx264 -preset veryfast -c:a copy
  make x "$corpus/$id.audio.mkv" -i "$corpus/$id.mkv" -f lavfi -i "anoisesrc=d=20:c=pink:seed=$i" -map 0:v -map 1:a -c:v copy -c:a aac -shortest
  i=$((i + 1))
done
dotnet publish "$repo/Cli/Cli.csproj" -c Release -r linux-x64 --self-contained false -p:PublishSingleFile=true \
  -p:PublishReadyToRun=true -o "$work/mlm" --verbosity quiet >/dev/null
rm -f "$work/catalog.db" "$work/catalog-log.db"
start=$(date +%s.%N)
"$work/mlm/mlm" --catalog "$work/catalog.db" scan -q --media "$corpus"
end=$(date +%s.%N)
"$work/mlm/mlm" --catalog "$work/catalog.db" dupes --near --json > "$work/near.json"
python3 - "$work/near.json" "$(find "$corpus" -type f | wc -l)" "$start" "$end" <<'PY'
import json, sys, itertools, os
report, n, start, end = json.load(open(sys.argv[1])), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
clip = lambda p: os.path.basename(p).split(".")[0]
files = sorted({f["path"] for g in report["groups"] for f in g["files"]})
predicted = set()
for g in report["groups"]:
    for a, b in itertools.combinations(sorted(f["path"] for f in g["files"]), 2):
        predicted.add((a, b))
corpus = sorted(os.path.join(os.path.dirname(files[0]) if files else "", f) for f in os.listdir(os.path.dirname(files[0]))) if files else []
truth = {(a, b) for a, b in itertools.combinations(corpus, 2) if clip(a) == clip(b)}
tp = len(predicted & truth)
precision = tp / len(predicted) if predicted else 0.0
recall = tp / len(truth) if truth else 0.0
print(f"videos: {n}, clips: {len({clip(p) for p in corpus})}, true pairs: {len(truth)}, predicted pairs: {len(predicted)}, correct: {tp}")
print(f"precision {precision:.3f}, recall {recall:.3f}")
print(f"scan --media (probe + fingerprint, 2 workers): {end - start:.1f} s, {1000 * (end - start) / n:.0f} ms per video")
for a, b in sorted(truth - predicted)[:10]: print("missed:", os.path.basename(a), os.path.basename(b))
for a, b in sorted(predicted - truth)[:10]: print("wrong:", os.path.basename(a), os.path.basename(b))
PY
