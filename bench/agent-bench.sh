#!/usr/bin/env bash
# Agent + host on one machine, on the shared benchmark tree (warm cache): first cycle (both passes,
# until the host acknowledged every record) and unchanged cycle, with the agent's peak memory.
# Usage: bench/agent-bench.sh [WORKDIR] [NFILES]     (default /tmp/mlm-bench, 20000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${1:-/tmp/mlm-bench}
n=${2:-20000}
tree="$work/dupetree"
mkdir -p "$work"
if [ ! -f "$work/dupetree.manifest.tsv" ] || [ "$(find "$tree" -type f | wc -l)" -ne "$n" ]; then
  bash "$repo/../shared/bench/make_dupetree.sh" "$tree" "$n" 42
fi
dotnet publish "$repo/Host/Host.csproj" -c Release -p:PublishReadyToRun=true -r linux-x64 --self-contained false -o "$work/host" --verbosity quiet >/dev/null
dotnet publish "$repo/Agent/Agent.csproj" -c Release -p:PublishReadyToRun=true -r linux-x64 --self-contained false -o "$work/agent" --verbosity quiet >/dev/null
rm -rf "$work/agent-run" && mkdir -p "$work/agent-run"
find "$tree" -type f -print0 | xargs -0 cat > /dev/null
MLM_Host__Catalog="$work/agent-run/host.db" MLM_Host__HttpPort=18865 MLM_Host__GrpcPort=18866 \
  MLM_Ingest__RemoteRoots__0="$tree" "$work/host/mlm-host" > "$work/agent-run/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:18865/health >/dev/null && break; sleep 0.1; done
agent() { /usr/bin/time -f "%e s wall, %M KiB peak RSS" "$work/agent/mlm-agent" 127.0.0.1:18865 --grpc 127.0.0.1:18866 \
  --cache "$work/agent-run/agent.db" --port 0 --name bench --once 2>&1 | grep -E "cycle done|wall"; }
echo "first cycle:";     agent
echo "unchanged cycle:"; agent
echo "host holds: $(curl -s http://127.0.0.1:18865/api/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["files"])') records"
