#!/usr/bin/env bash
# Held-out corpus for `mlm dupes --near`, built independently of bench/near-corpus.sh (other lavfi
# sources and parameters, other variant kinds) and of the fingerprinting code.
#   24 sources (480x270, 25 fps, 20-30 s, several are 3-4 scene concatenations), 13 variants each;
#   "contained" 8 s middle cuts of 4 30-s sources; hflip "mirror" copies of 3 sources;
#   hard negatives (other seed/zoom/hue of a source's generator, gradients of other colours, dark
#   scenes, title cards, a 4-episode series sharing a 5 s intro), each with one re-encode of its own.
# Writes WORKDIR/corpus/* and WORKDIR/truth.tsv (path, group, kind, relation).
#   relation: same      = the group's original or a variant of it (true pairs with each other)
#             negative  = the original of a hard-negative group (pairs only with its own 'same' files)
#             contained = a part of the group's original (reported separately, excluded from P/R)
#             mirror    = hflip of the group's original (reported separately, excluded from P/R)
# Usage: near-corpus-honest.sh [WORKDIR]   (default /tmp/mlm-near-honest); score: bench/near-score.py REPORT.json WORKDIR/truth.tsv WORKDIR/corpus
set -euo pipefail
work=${1:-/tmp/mlm-near-honest}
C="$work/corpus"
T="$work/tmp"
mkdir -p "$C" "$T"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
JOBS=${JOBS:-2}
FF=(ffmpeg -nostdin -hide_banner -loglevel error -y)
X264=(-c:v libx264 -preset veryfast -pix_fmt yuv420p)
AAC=(-c:a aac -b:a 96k -ar 44100 -ac 2)

# make OUT ffmpeg-args... : run once (skip if OUT exists), write to a temp name first.
make() { local out=$1; shift; [ -s "$out" ] && return 0
  local tmp="${out%.*}.part.${out##*.}"; "${FF[@]}" "$@" "$tmp" && mv "$tmp" "$out"; }
# seg GRAPH DUR : one normalised scene for concatenation.
seg() { echo "$1,trim=duration=$2,setpts=PTS-STARTPTS,scale=480:270,setsar=1,fps=25,format=yuv420p"; }
# cat2/cat3/cat4 : concat normalised scenes "graph|dur" ...
cat_scenes() { local g="" l="" i=0; for s in "$@"; do g+="$(seg "${s%|*}" "${s##*|}")[s$i];"; l+="[s$i]"; i=$((i+1)); done
  echo "${g}${l}concat=n=$i:v=1:a=0"; }
tx() { echo "drawtext=fontfile=$FONT:fontcolor=$2:fontsize=$3:x='$4':y='$5':text='$1'"; }  # ':' in text must be written '\:'

# ---------------------------------------------------------------- sources: id|duration|video graph
S=()
S+=("s01|24|testsrc2=s=480x270:r=25,hue=H=2*PI*t/12")
S+=("s02|30|mandelbrot=s=480x270:r=25:maxiter=256:start_x=-0.7453:start_y=0.1127:start_scale=0.01:end_scale=0.0005:end_pts=30")
S+=("s03|20|cellauto=s=480x270:r=25:rule=45:seed=5:random_fill_ratio=0.4")
S+=("s04|25|life=s=480x270:r=25:seed=42:ratio=0.35:mold=5:life_color=#00ff88:death_color=#301000:mold_color=#602080")
S+=("s05|22|color=c=black:s=480x270:r=25,geq=lum='128+127*sin((pow(X-200,2)+pow(Y-120,2))*0.0015*(1+T/6))':cb='128+60*sin(X/30+T)':cr=128")
S+=("s06|30|gradients=s=480x270:r=25:c0=orange:c1=purple:seed=21:speed=0.015")
S+=("s07|26|color=c=0x183060:s=480x270:r=25[bg];color=c=white:s=90x50:r=25[b];[bg][b]overlay=x='195+150*sin(t*0.9)':y='110+80*cos(t*0.6)',$(tx 'Chapter %{eif\:floor(t/5)+1\:d}' yellow 28 20 20),$(tx 'frame %{n}' white 18 'w-tw-15' 'h-th-15')")
S+=("s08|24|color=c=gray:s=480x270:r=25,noise=alls=50:allf=t+u[bg];color=c=red:s=60x60:r=25[b1];color=c=yellow:s=40x90:r=25[b2];[bg][b1]overlay=x='210+180*sin(t*0.7)':y='105+90*cos(t*1.1)'[t1];[t1][b2]overlay=x='mod(t*70,480)':y='90+60*sin(t*2)'")
S+=("s09|30|$(cat_scenes "testsrc2=s=480x270:r=25,hue=s=0.4|8" "cellauto=s=480x270:r=25:rule=73:seed=8|8" "gradients=s=480x270:r=25:c0=green:c1=yellow:seed=9:speed=0.05|8" "life=s=240x135:r=25:seed=9:life_color=#ff4040|6")")
S+=("s10|30|$(cat_scenes "mandelbrot=s=480x270:r=25:maxiter=200:start_x=0.2549:start_y=0.0005:start_scale=0.01:end_scale=0.001:end_pts=10|10" "color=c=black:s=480x270:r=25,geq=lum='128+120*sin(X/12+T*3)*cos(Y/9-T*2)':cb=100:cr=170|10" "color=c=0x802020:s=480x270:r=25,$(tx 'BREAKING %{eif\:t*7\:d}' white 48 'w-mod(t*120,w+tw)' 110)|10")")
S+=("s11|20|color=c=black:s=480x270:r=25,geq=lum='128+64*sin(X/20+T)+63*sin(Y/15-T*1.3)':cb='128+60*sin(X/40+T/2)':cr='128+60*cos(Y/35-T/3)'")
S+=("s12|24|cellauto=s=480x270:r=25:rule=105:seed=11:random_fill_ratio=0.5,hue=h=120:s=2")
S+=("s13|28|life=s=160x90:r=25:seed=77:ratio=0.15:stitch=0:life_color=#4080ff:death_color=#000020,scale=480:270:flags=neighbor")
S+=("s14|30|$(cat_scenes "color=c=0x204060:s=480x270:r=25,drawbox=x=0:y=220:w=480:h=50:color=white@0.9:t=fill,$(tx 'NEWS AT NINE' white 40 30 60),$(tx 'markets up - weather fine - traffic light' black 22 'w-mod(t*90,w+tw)' 235)|8" "testsrc2=s=480x270:r=25,rotate=PI*t/8:c=black|7" "color=c=black:s=480x270:r=25,geq=lum='255*lt(mod(X+T*60,40),20)':cb=60:cr=200|8" "cellauto=s=480x270:r=25:rule=22:seed=14|7")")
S+=("s15|25|testsrc2=s=960x540:r=25,crop=480:270:x='240+220*sin(t/3)':y='135+120*cos(t/4)',eq=contrast=1.4:saturation=1.8")
S+=("s16|20|mandelbrot=s=480x270:r=25:maxiter=200:start_x=-1.25066:start_y=0.02012:start_scale=0.01:end_scale=0.0001:end_pts=20,hue=h=90")
S+=("s17|24|gradients=s=480x270:r=25:type=radial:c0=cyan:c1=magenta:c2=yellow:nb_colors=3:seed=33:speed=0.03")
S+=("s18|28|$(cat_scenes "life=s=480x270:r=25:seed=18:ratio=0.3:life_color=#ffffff:death_color=#603000|7" "color=c=black:s=480x270:r=25,geq=lum='255*mod(floor(X/30+T)+floor(Y/30),2)':cb=128:cr=128|7" "mandelbrot=s=480x270:r=25:maxiter=200:start_x=-0.7453:start_y=0.1127:start_scale=0.2:end_scale=0.05:end_pts=7|7" "testsrc2=s=480x270:r=25,vflip|7")")
S+=("s19|26|gradients=s=480x270:r=25:c0=0x202020:c1=0x406080:seed=19:speed=0.01,format=yuv420p[bg];color=c=white:s=50x50:r=25,format=yuv420p,geq=lum='255*lt(hypot(X-25,Y-25),24)':cb=128:cr=128[ball];[bg][ball]overlay=x='215+200*sin(t*1.7)':y='220-abs(200*sin(t*2.3))'")
S+=("s20|24|cellauto=s=480x270:r=25:rule=126:seed=20:random_fill_ratio=0.6,lutrgb=r=val:g=val*0.5:b=255-val")
S+=("s21|30|$(cat_scenes "color=c=black:s=480x270:r=25,$(tx 'Directed by A. Person' white 26 '(w-tw)/2' 'h-t*40')|10" "gradients=s=480x270:r=25:type=circular:c0=red:c1=white:seed=21:speed=0.04|10" "testsrc2=s=480x270:r=25,hflip,hue=H=PI/2|10")")
S+=("s22|22|color=c=black:s=480x270:r=25,format=rgb24,geq=r='255*mod(floor((X+Y+T*60)/40),2)':g='255*mod(floor((X-Y+T*30)/50),2)':b='128+127*sin(T)'")
S+=("s23|26|life=s=120x68:r=25:seed=23:ratio=0.4:life_color=#ffaa00:death_color=#002244,scale=480:270:flags=neighbor")
S+=("s24|30|$(cat_scenes "color=c=black:s=480x270:r=25,geq=lum='128+127*cos(pow(X-240,2)/300+pow(Y-135,2)/200-T*4)':cb=128:cr=128|8" "cellauto=s=480x270:r=25:rule=18:seed=24|7" "color=c=0x303030:s=480x270:r=25,noise=alls=30:allf=t,$(tx '%{pts\:hms}' white 60 '(w-tw)/2' '(h-th)/2')|8" "color=c=0x006030:s=480x270:r=25,$(tx 'GOAL' yellow 90 '(w-tw)/2+60*sin(t*3)' 80)|7")")
CONTAINED=" s02 s09 s14 s24 "
MIRROR=" s07 s15 s19 "

# ---------------------------------------------------------------- hard negatives: id|duration|kind|graph
N=()
N+=("n01|25|neg-seed|life=s=480x270:r=25:seed=43:ratio=0.35:mold=5:life_color=#00ff88:death_color=#301000:mold_color=#602080")  # s04, other seed
N+=("n02|20|neg-seed|cellauto=s=480x270:r=25:rule=45:seed=6:random_fill_ratio=0.4")                                           # s03, other seed
N+=("n03|30|neg-zoom|mandelbrot=s=480x270:r=25:maxiter=256:start_x=-0.7463:start_y=0.1102:start_scale=0.01:end_scale=0.0005:end_pts=30")  # s02, nearby point
N+=("n04|24|neg-hue|testsrc2=s=480x270:r=25,hue=H=PI+2*PI*t/12")                                                             # s01, hue +180 deg
N+=("n05|20|neg-seed|color=c=black:s=480x270:r=25,geq=lum='128+64*sin(X/14+T*1.5)+63*sin(Y/22-T)':cb='128+60*sin(X/40+T/2)':cr='128+60*cos(Y/35-T/3)'")  # s11, other frequencies
N+=("n06|30|neg-gradient|gradients=s=480x270:r=25:c0=navy:c1=lime:seed=21:speed=0.015")                                     # s06 geometry, other colours
N+=("n07|30|neg-gradient|gradients=s=480x270:r=25:c0=red:c1=yellow:seed=22:speed=0.015")
N+=("n08|24|neg-gradient|gradients=s=480x270:r=25:type=radial:c0=white:c1=gray:c2=black:nb_colors=3:seed=34:speed=0.03")    # s17-like
N+=("n09|22|neg-dark|life=s=480x270:r=25:seed=900:ratio=0.3:life_color=#202020:death_color=#000000:mold_color=#100010")
N+=("n10|22|neg-dark|color=c=black:s=480x270:r=25,geq=lum='16+10*sin(X/40+T)*sin(Y/30-T/2)':cb=128:cr=128")
N+=("n11|22|neg-dark|color=c=0x050505:s=480x270:r=25,noise=alls=8:allf=t[bg];color=c=0x282828:s=120x80:r=25[b];[bg][b]overlay=x='180+150*sin(t/2)':y=95")
N+=("n12|22|neg-dark|gradients=s=480x270:r=25:c0=0x000000:c1=0x202a30:seed=12:speed=0.02")
N+=("n13|20|neg-title|color=c=black:s=480x270:r=25,$(tx 'THE END' white 48 '(w-tw)/2' '(h-th)/2')")
N+=("n14|20|neg-title|color=c=black:s=480x270:r=25,$(tx 'CHAPTER ONE' white 48 '(w-tw)/2' '(h-th)/2')")
N+=("n15|20|neg-title|color=c=black:s=480x270:r=25,$(tx 'COMING SOON' white 48 '(w-tw)/2' '(h-th)/2')")
N+=("n16|20|neg-title|color=c=black:s=480x270:r=25,$(tx 'Part II - The Return' white 36 '(w-tw)/2' '(h-th)/2')")
INTRO="gradients=s=480x270:r=25:c0=0x100040:c1=0xc02060:seed=77:speed=0.08,$(tx 'STARFALL' white 64 '(w-tw)/2' '(h-th)/2-20+10*sin(t*2)'),$(tx 'a series' white 22 '(w-tw)/2' 190)|5"
N+=("e01|25|neg-series|$(cat_scenes "$INTRO" "cellauto=s=480x270:r=25:rule=60:seed=31|20")")
N+=("e02|25|neg-series|$(cat_scenes "$INTRO" "life=s=480x270:r=25:seed=32:life_color=#80ff80|20")")
N+=("e03|25|neg-series|$(cat_scenes "$INTRO" "color=c=black:s=480x270:r=25,geq=lum='128+127*sin(X/25-T*2)':cb='128+50*cos(Y/20)':cr=150|20")")
N+=("e04|25|neg-series|$(cat_scenes "$INTRO" "testsrc2=s=960x540:r=25,crop=480:270:x='t*20':y=100,hue=H=1|20")")

# ---------------------------------------------------------------- shared pieces
make "$T/logo.mkv" -f lavfi -i "color=c=0x101828:s=480x270:r=25:d=4,$(tx 'NORTHWIND PICTURES' white 36 '(w-tw)/2' 110),drawbox=x=90:y=160:w=300:h=4:color=orange:t=fill,fade=in:0:20,fade=out:80:20,format=yuv420p,setsar=1" \
  -f lavfi -i "aevalsrc=0.3*sin(2*PI*523*t)*exp(-t):s=44100:d=4" -t 4 "${X264[@]}" "${AAC[@]}"

audio_of() { echo "aevalsrc=0.25*sin(2*PI*$1*t)*(0.6+0.4*sin(2*PI*0.7*t))|0.25*sin(2*PI*$1*1.5*t):s=44100"; }

gen_source() {  # id dur graph index
  local id=$1 d=$2 g=$3 k=$4 src="$C/$1.mkv"
  make "$src" -f lavfi -i "$g" -f lavfi -i "$(audio_of $((180 + k * 41)))" -t "$d" "${X264[@]}" "${AAC[@]}"
  make "$C/$id.remux.mp4" -i "$src" -c copy
  make "$C/$id.low.mp4" -i "$src" -vf scale=320:180 -c:v libx264 -preset veryfast -b:v 200k -pix_fmt yuv420p -c:a aac -b:a 48k
  if (( k % 2 )); then
    make "$C/$id.hevc.mp4" -i "$src" -c:v libx265 -preset ultrafast -crf 30 -x265-params log-level=error -tag:v hvc1 -c:a copy
  else
    make "$C/$id.vp9.webm" -i "$src" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 400k -row-mt 1 -c:a libopus -b:a 64k
  fi
  make "$C/$id.cuthead3.mkv" -ss 3 -i "$src" "${X264[@]}" "${AAC[@]}"  # audio re-encoded too: a copied audio stream kept 0-3 s and left the video starting at 3 s
  make "$C/$id.cuttail4.mkv" -i "$src" -t $((d - 4)) "${X264[@]}" -c:a copy
  make "$C/$id.blackintro3.mkv" -i "$src" -filter_complex \
    "color=c=black:s=480x270:r=25:d=3,format=yuv420p,setsar=1[bv];anullsrc=r=44100:cl=stereo,atrim=duration=3[ba];[0:v]setsar=1[v0];[bv][ba][v0][0:a]concat=n=2:v=1:a=1[v][a]" \
    -map "[v]" -map "[a]" "${X264[@]}" "${AAC[@]}"
  make "$C/$id.logointro.mkv" -i "$T/logo.mkv" -i "$src" -filter_complex \
    "[1:v]setsar=1[v1];[0:v][0:a][v1][1:a]concat=n=2:v=1:a=1[v][a]" -map "[v]" -map "[a]" "${X264[@]}" "${AAC[@]}"
  make "$C/$id.audio.mkv" -i "$src" -f lavfi -i "anoisesrc=c=brown:a=0.3:seed=$((k+100)):r=48000,lowpass=f=$((400 + k * 60))" \
    -map 0:v -map 1:a -t "$d" -c:v copy -c:a libopus -b:a 64k
  if (( k % 2 )); then
    make "$C/$id.fps24.mp4" -i "$src" -vf fps=24 "${X264[@]}" -c:a copy
  else
    make "$C/$id.fps30.mp4" -i "$src" -vf fps=30 "${X264[@]}" -c:a copy
  fi
  make "$C/$id.letterbox.mkv" -i "$src" -vf "pad=480:360:0:45:black,setsar=1" "${X264[@]}" -c:a copy
  make "$C/$id.pillarbox.mkv" -i "$src" -vf "pad=640:270:80:0:black,setsar=1" "${X264[@]}" -c:a copy
  make "$C/$id.crop5.mkv" -i "$src" -vf "crop=456:256,scale=480:270,setsar=1" "${X264[@]}" -c:a copy
  make "$C/$id.watermark.mkv" -i "$src" -vf "drawbox=x=iw-150:y=ih-42:w=140:h=32:color=black@0.5:t=fill,$(tx 'SAMPLE TV' white@0.8 20 'w-140' 'h-36')" "${X264[@]}" -c:a copy
  if [[ $CONTAINED == *" $id "* ]]; then make "$C/$id.contained.mkv" -ss 11 -i "$src" -t 8 "${X264[@]}" "${AAC[@]}"; fi
  if [[ $MIRROR == *" $id "* ]]; then make "$C/$id.mirror.mkv" -i "$src" -vf hflip "${X264[@]}" -c:a copy; fi
}
gen_negative() {  # id dur graph index
  local id=$1 d=$2 g=$3 k=$4
  make "$C/$id.mkv" -f lavfi -i "$g" -f lavfi -i "$(audio_of $((1500 + k * 53)))" -t "$d" "${X264[@]}" "${AAC[@]}"
  make "$C/$id.reenc.mp4" -i "$C/$id.mkv" -vf scale=384:216 -c:v libx264 -preset veryfast -crf 28 -pix_fmt yuv420p -c:a aac -b:a 64k
}

start=$(date +%s)
throttle() { while (( $(jobs -rp | wc -l) >= JOBS )); do wait -n || true; done; }
k=0
for e in "${S[@]}"; do IFS='|' read -r id d g <<<"$e"; throttle; gen_source "$id" "$d" "$g" $k & k=$((k+1)); done
k=0
for e in "${N[@]}"; do IFS='|' read -r id d kind g <<<"$e"; throttle; gen_negative "$id" "$d" "$g" $k & k=$((k+1)); done
fail=0; for p in $(jobs -p); do wait "$p" || fail=1; done
echo "generation: $(( $(date +%s) - start )) s" >&2

# ---------------------------------------------------------------- truth (written from the lists, then checked against the files)
truth="$work/truth.tsv"
{
  printf 'path\tgroup\tkind\trelation\n'
  for e in "${S[@]}"; do IFS='|' read -r id d g <<<"$e"
    for f in "$C/$id".*; do b=$(basename "$f"); [[ $b == *.part.* ]] && continue
      kind=$(echo "$b" | awk -F. '{ print NF == 2 ? "orig" : $2 }')
      case $kind in contained) rel=contained ;; mirror) rel=mirror ;; fps24|fps30) kind=fps; rel=same ;; hevc|vp9) rel=same ;; *) rel=same ;; esac
      printf '%s\t%s\t%s\t%s\n' "$b" "$id" "$kind" "$rel"
    done
  done
  for e in "${N[@]}"; do IFS='|' read -r id d kind g <<<"$e"
    printf '%s\t%s\t%s\t%s\n' "$id.mkv" "$id" "$kind" negative
    printf '%s\t%s\t%s\t%s\n' "$id.reenc.mp4" "$id" reenc same
  done
} > "$truth"
missing=0; while IFS=$'\t' read -r p g kd r; do [ "$p" = path ] && continue; [ -s "$C/$p" ] || { echo "missing: $p" >&2; missing=1; }; done < "$truth"
echo "files: $(find "$C" -type f ! -name '*.part.*' | wc -l), truth rows: $(( $(wc -l < "$truth") - 1 ))" >&2
exit $(( fail || missing ))
