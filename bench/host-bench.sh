#!/usr/bin/env bash
# Ingest throughput of mlm-host on this machine: a published host with its catalog on disk, and the
# IngestLoad tool sending batches of 500 realistic records over JSON (4 keep-alive connections)
# and over gRPC client streaming (1 and 4 streams). Each run inserts new records.
# Usage: bench/host-bench.sh [WORKDIR] [BATCHES]     (default /tmp/mlm-host-bench, 200)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${1:-/tmp/mlm-host-bench}
batches=${2:-200}
rm -rf "$work" && mkdir -p "$work"
dotnet publish "$repo/Host/Host.csproj" -c Release -o "$work/host" --verbosity quiet >/dev/null
dotnet publish "$repo/bench/IngestLoad/IngestLoad.csproj" -c Release -o "$work/load" --verbosity quiet >/dev/null
MLM_Host__Catalog="$work/host.db" MLM_Host__HttpPort=18765 MLM_Host__GrpcPort=18766 "$work/host/mlm-host" > "$work/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:18765/health >/dev/null && break; sleep 0.1; done
load="$work/load/IngestLoad"
"$load" json http://127.0.0.1:18765 --batches 50 --run warmup > /dev/null
"$load" json http://127.0.0.1:18765 --batches "$batches" --connections 4
"$load" grpc http://127.0.0.1:18766 --batches "$batches" --connections 1
"$load" grpc http://127.0.0.1:18766 --batches "$batches" --connections 4
echo "catalog: $(du -h "$work/host.db" | cut -f1), host peak RSS: $(grep VmHWM /proc/$host/status | awk '{print $2 " " $3}')"
