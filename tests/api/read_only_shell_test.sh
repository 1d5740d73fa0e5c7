#!/bin/sh
# Copyright (c) Cornerstone authors.
# `cornerstone --read-only` refuses every write clause before running it,
# leaves the database file untouched, and still answers reads.
# Usage: read_only_shell_test.sh CORNERSTONE_BINARY
set -u
shell="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$shell" --no-history "$dir/g.db" -c "CREATE (:P {name: 'a'})-[:R]->(:P {name: 'b'})" \
  > /dev/null 2>&1 || fail "could not create the database"
before=$(cksum < "$dir/g.db")

for q in "CREATE (:P)" "MERGE (:P {name: 'c'})" "MATCH (p:P) SET p.x = 1" \
         "MATCH (p:P) REMOVE p:P" "MATCH (p) DETACH DELETE p" \
         "CREATE INDEX FOR (p:P) ON (p.name)" "FOREACH (x IN [1] | CREATE (:P))"; do
  out=$("$shell" --no-history --read-only "$dir/g.db" -c "$q" 2>&1) && fail "'$q' succeeded"
  echo "$out" | grep -q "read-only" || fail "'$q': unexpected error: $out"
done

out=$("$shell" --no-history --read-only --csv "$dir/g.db" -c "MATCH (n) RETURN count(n) AS n" 2>&1) \
  || fail "read failed: $out"
[ "$(echo "$out" | tail -n 1)" = "2" ] || fail "unexpected count: $out"
[ "$(cksum < "$dir/g.db")" = "$before" ] || fail "the database file changed"

# In memory too.
out=$("$shell" --no-history --read-only -c "CREATE (:P)" 2>&1) && fail "in-memory write succeeded"
echo "$out" | grep -q "read-only" || fail "in memory: unexpected error: $out"
echo "ok"
