#!/bin/sh
# Runs the TCK (phases checked strictly) and fails if the pass count drops
# below the recorded floor.
#   check_floor.sh TCK-RUNNER FILE.jsonl FLOOR-FILE [SECONDS]
# SECONDS is the per-scenario time limit (default: the runner's 5 s);
# sanitizer builds pass a longer one, since they run several times slower.
# The runner exits 1 whenever some scenario fails, which is expected here: only
# the pass count is checked.
set -u
runner=$1
file=$2
floor_file=$3
timeout=${4:-}

if [ ! -r "$file" ]; then
  echo "check_floor: cannot read $file" >&2
  exit 1
fi
floor=$(tr -cd '0-9' < "$floor_file")
if [ -z "$floor" ]; then
  echo "check_floor: no number in $floor_file" >&2
  exit 1
fi

# --strict-phase: an expected error must also come at the expected phase
# (compile time or run time), as the issue asks.
if [ -n "$timeout" ]; then
  output=$("$runner" --strict-phase --timeout "$timeout" "$file")
else
  output=$("$runner" --strict-phase "$file")
fi
status=$?
if [ "$status" -gt 1 ]; then
  printf '%s\n' "$output"
  echo "check_floor: tck-runner exited with status $status" >&2
  exit 1
fi
printf '%s\n' "$output" | sed -n '/^TCK: /,$p'
passed=$(printf '%s\n' "$output" | sed -n 's/^TCK: \([0-9]*\) passed, .*/\1/p')
if [ -z "$passed" ]; then
  echo "check_floor: no summary line from tck-runner" >&2
  exit 1
fi
if [ "$passed" -lt "$floor" ]; then
  # The failing scenarios, one per line, come before the summary.
  printf '%s\n' "$output" | sed -n '/^TCK: /q;p' >&2
  echo "check_floor: $passed scenarios passed, below the floor of $floor ($floor_file)" >&2
  exit 1
fi
echo "check_floor: $passed passed (floor $floor)"
