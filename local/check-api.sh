#!/usr/bin/env bash
# API fuzzing: starts the local runtime, runs schemathesis against docs/openapi.yaml with every check and
# all four phases (examples, coverage, fuzzing, stateful) and a fixed seed, then stops the runtime.
#   local/check-api.sh [--minutes N] [--seed S]     (default: 3 minutes, seed 20261127)
# Needs schemathesis on PATH (or SCHEMATHESIS=/path/to/schemathesis). Exit status: schemathesis's.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=3
SEED=20261127
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    *) echo "usage: local/check-api.sh [--minutes N] [--seed S]" >&2; exit 2 ;;
  esac
done
ST="${SCHEMATHESIS:-schemathesis}"
PORT="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
OUT=local/target/check-api
mkdir -p "$OUT"

./autocall up --port "$PORT" > "$OUT/runtime.log" 2>&1 &
RUNTIME=$!
trap 'kill "$RUNTIME" 2>/dev/null || true; wait "$RUNTIME" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^READY ' "$OUT/runtime.log" && break
  kill -0 "$RUNTIME" 2>/dev/null || { cat "$OUT/runtime.log" >&2; echo "the local runtime did not start" >&2; exit 1; }
  sleep 0.5
done
READY="$(grep '^READY ' "$OUT/runtime.log")" || { echo "no READY line after 5 minutes" >&2; exit 1; }
URL="$(sed -E 's/.* url=([^ ]+).*/\1/' <<< "$READY")"
KEY="$(sed -E 's/.* apiKey=([^ ]+).*/\1/' <<< "$READY")"

"$ST" --config-file local/schemathesis.toml run docs/openapi.yaml \
  --url "$URL" -H "Authorization: Bearer $KEY" \
  --checks all --phases examples,coverage,fuzzing,stateful \
  --seed "$SEED" --max-time "$((MINUTES * 60))" --workers 1 \
  --generation-database none --no-color \
  --report junit --report-dir "$OUT"
