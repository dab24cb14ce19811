#!/usr/bin/env bash
# Score `vndocs parse --json` on the dev gold (shared/eval/score.py). Usage: benchmarks/score_dev.sh [score.py args]
set -u
cd "$(dirname "$0")/.."
shared=${VNDOCS_SHARED:-../shared}
files=$(python3 -c 'import json,sys; print(" ".join(sys.argv[1] + "/corpus/docs/" + json.loads(l)["file"] for l in open(sys.argv[1] + "/corpus/gold-dev.jsonl")))' "$shared")
out=$(mktemp)
.venv/bin/vndocs parse --json $files > "$out"
python3 "$shared/eval/score.py" "$shared/corpus/gold-dev.jsonl" "$out" "$@"
rm -f "$out"
