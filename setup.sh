#!/usr/bin/env bash
# One-command setup for a fresh Debian machine with the .NET 10 SDK:
#   ./setup.sh [PATH...]     install what is missing, build, put mlm on the PATH, then (if PATHs
#                            are given) scan them into the embedded catalog and print duplicates and junk
#   ./setup.sh --deps-only   install system packages and restore NuGet packages only (used by CI)
# Environment: MLM_PREFIX (default /usr/local when writable, else ~/.local).
set -euo pipefail
cd "$(dirname "$0")"

need_packages=()
for pkg in ffmpeg; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_packages+=("$pkg")
done
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "setup: installing ${need_packages[*]} from Debian"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not found)"; exit 1; }
dotnet restore MediaLibrary.sln --verbosity quiet

if [ "${1:-}" = "--deps-only" ]; then
  exit 0
fi

prefix=${MLM_PREFIX:-}
if [ -z "$prefix" ]; then
  if [ -w /usr/local/bin ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
fi
echo "setup: building mlm, mlm-host and mlm-agent into $prefix/lib"
mkdir -p "$prefix/bin"
# Framework-dependent single file, ReadyToRun: starts in ~0.1 s, which cron jobs and scripts feel.
dotnet publish Cli/Cli.csproj -c Release -r linux-x64 --self-contained false \
  -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:DebugType=none \
  -o "$prefix/lib/mlm" --verbosity quiet
for app in Host Agent; do
  name=mlm-$(echo "$app" | tr '[:upper:]' '[:lower:]')
  dotnet publish "$app/$app.csproj" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -p:DebugType=none \
    -o "$prefix/lib/$name" --verbosity quiet
  ln -sf "$prefix/lib/$name/$name" "$prefix/bin/$name"
done
ln -sf "$prefix/lib/mlm/mlm" "$prefix/bin/mlm"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "setup: add $prefix/bin to your PATH (e.g. in ~/.profile)";;
esac
echo "setup: installed $prefix/bin/mlm, mlm-host and mlm-agent"

if [ $# -gt 0 ]; then
  # Exit 1 means "done, some paths unreadable" (listed above): still show what was found.
  "$prefix/bin/mlm" scan "$@" || [ $? -eq 1 ]
  "$prefix/bin/mlm" dupes
  "$prefix/bin/mlm" junk
fi
