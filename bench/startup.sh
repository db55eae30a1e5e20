#!/usr/bin/env bash
# Time from `make run` in a fresh clone to the first 200 from /healthz, and what it installs.
# Usage: bench/startup.sh [REPO]   (default: this checkout; pip's cache is used as it is)
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
work=$(mktemp -d)
port=${PORT:-5099}
trap 'kill -- -$pid 2>/dev/null || true; rm -rf "$work"' EXIT

git clone -q "$repo" "$work/clone"
cd "$work/clone"
start=$(date +%s.%N)
setsid env QOLJAZBA_PORT="$port" make run >"$work/run.log" 2>&1 &
pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/run.log"; exit 1; }
  sleep 0.2
done
end=$(date +%s.%N)
printf 'make run -> first 200 from /healthz: %.1f s\n' "$(echo "$end - $start" | bc)"
printf 'installed (.venv): %s\n' "$(du -sh .venv | cut -f1)"
printf 'data dir after first start: %s\n' "$(du -sh instance | cut -f1)"
# A second start, with everything installed and the database present.
kill -- -"$pid"; wait "$pid" 2>/dev/null || true
start=$(date +%s.%N)
setsid env QOLJAZBA_PORT="$port" make run >"$work/run2.log" 2>&1 &
pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do sleep 0.1; done
end=$(date +%s.%N)
printf 'second make run -> first 200: %.1f s\n' "$(echo "$end - $start" | bc)"
