#!/usr/bin/env bash
# The benchmark's SF 0.1 correctness check: generates the data set (once,
# into the build folder), imports it and compares every query's answer with
# ../shared/bench/expected. Skipped (77) when the kit is not there.
#   bench_check.sh CORNERSTONE_BENCH BENCH_DIR DATA_DIR [--only Q01,...]
set -euo pipefail
bench=$1 kit=$2 data=$3
shift 3
[[ -f "$kit/gen.py" ]] || { echo "no benchmark kit at $kit"; exit 77; }
if [[ ! -f "$data/stats.json" ]]; then
  python3 "$kit/gen.py" --sf 0.1 --out "$data" > /dev/null
fi
exec "$bench" --data "$data" --bench-dir "$kit" --runs 0 --check "$@"
