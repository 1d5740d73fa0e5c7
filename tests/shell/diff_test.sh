#!/usr/bin/env bash
# Tests of `cornerstone diff OLD.snap NEW.snap`: builds snapshots with the
# shell itself (:save), then checks the listing, the summary and the exit
# status (0 identical, 1 different, 2 error).
# Usage: diff_test.sh PATH/TO/cornerstone
set -u

CS=${1:?usage: diff_test.sh CORNERSTONE_BINARY}
export LC_ALL=C.UTF-8
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
  failed=$((failed + 1)); echo "FAIL $1"
  [ -s "$TMP/out" ] && { echo "  stdout:"; sed 's/^/    /' "$TMP/out" | head -30; }
  [ -s "$TMP/err" ] && { echo "  stderr:"; sed 's/^/    /' "$TMP/err" | head -30; }
}
run() { "$CS" "$@" < /dev/null > "$TMP/out" 2> "$TMP/err"; rc=$?; }
out_has() { grep -qxF -- "$1" "$TMP/out"; }
err_has() { grep -qF -- "$1" "$TMP/err"; }

# Build: a.snap, then b.snap = a.snap plus changes of every kind, and c.snap
# an identical copy of a.snap.
run "$TMP/a.snap" \
  -c "CREATE (s:Company {name: 'SoftBank', founded: 1981})-[:OWNS_STAKE {percent: 4.9}]->(n:Company:Chipmaker {name: 'Nvidia'}), (s)-[:OWNS_STAKE {percent: 90}]->(:Company {name: 'Arm'}), (:Person {name: 'Gone'})-[:FOUNDED]->(s)" \
  -c ":save"
[ $rc -eq 0 ] || fail "building a.snap (rc=$rc)"
cp "$TMP/a.snap" "$TMP/c.snap"
cp "$TMP/a.snap" "$TMP/b.snap"
run "$TMP/b.snap" \
  -c "MATCH (p:Person {name: 'Gone'}) DETACH DELETE p" \
  -c "MATCH (n {name: 'Nvidia'}) REMOVE n:Chipmaker SET n:Public, n.ticker = 'NVDA'" \
  -c "MATCH (s {name: 'SoftBank'}) SET s.founded = 1986, s.name = 'SoftBank Group'" \
  -c "MATCH (:Company {name: 'SoftBank Group'})-[r:OWNS_STAKE]->({name: 'Arm'}) SET r.percent = 100, r.since = 2016" \
  -c "MATCH (s {name: 'SoftBank Group'}) CREATE (s)-[:INVESTED_IN {amount_usd: 500000000}]->(:Company {name: 'OpenAI'})" \
  -c ":save"
[ $rc -eq 0 ] || fail "building b.snap (rc=$rc)"

# 1. Different snapshots: every change listed, summary, exit status 1.
run diff "$TMP/a.snap" "$TMP/b.snap"
ok=1
for line in \
  "- node #3 (:Person {name: 'Gone'})" \
  "~ node #0 'SoftBank Group' :Company" \
  "    ~ founded: 1981 -> 1986" \
  "    ~ name: 'SoftBank' -> 'SoftBank Group'" \
  "~ node #1 'Nvidia' :Company:Public" \
  "    + label :Public" \
  "    - label :Chipmaker" \
  "    + ticker: 'NVDA'" \
  "+ node #4 (:Company {name: 'OpenAI'})" \
  "- relationship #2 (#3 'Gone')-[:FOUNDED]->(#0 'SoftBank')" \
  "~ relationship #1 (#0 'SoftBank Group')-[:OWNS_STAKE]->(#2 'Arm')" \
  "    ~ percent: 90 -> 100" \
  "    + since: 2016" \
  "+ relationship #3 (#0 'SoftBank Group')-[:INVESTED_IN {amount_usd: 500000000}]->(#4 'OpenAI')" \
  "Summary: 1 added, 1 removed, 2 changed nodes; 1 added, 1 removed, 1 changed relationships"; do
  out_has "$line" || { ok=0; echo "  missing: $line"; }
done
# The unchanged relationship and node are not listed.
grep -q "#2 (:Company {name: 'Arm'})" "$TMP/out" && { ok=0; echo "  lists the unchanged Arm node"; }
grep -q "^. relationship #0" "$TMP/out" && { ok=0; echo "  lists the unchanged relationship #0"; }
if [ $rc -eq 1 ] && [ $ok -eq 1 ] && [ ! -s "$TMP/err" ]; then pass "diff lists added, removed and changed"
else fail "diff lists added, removed and changed (rc=$rc)"; fi

# 2. Reversed: additions become removals.
run diff "$TMP/b.snap" "$TMP/a.snap"
if [ $rc -eq 1 ] && out_has "+ node #3 (:Person {name: 'Gone'})" &&
   out_has "    ~ percent: 100 -> 90" && out_has "    - since: 2016" &&
   out_has "Summary: 1 added, 1 removed, 2 changed nodes; 1 added, 1 removed, 1 changed relationships"
then pass "diff in the other direction"
else fail "diff in the other direction (rc=$rc)"; fi

# 3. Identical snapshots: exit 0, a summary only.
run diff "$TMP/a.snap" "$TMP/c.snap"
if [ $rc -eq 0 ] && [ "$(cat "$TMP/out")" = "Summary: identical (4 nodes, 3 relationships)" ]
then pass "identical snapshots exit 0"
else fail "identical snapshots exit 0 (rc=$rc)"; fi

# 4. --quiet prints only the summary.
run diff --quiet "$TMP/a.snap" "$TMP/b.snap"
if [ $rc -eq 1 ] && [ "$(wc -l < "$TMP/out")" -eq 1 ] && grep -q '^Summary: ' "$TMP/out"
then pass "--quiet"
else fail "--quiet (rc=$rc)"; fi

# 5. Errors: exit 2 with a clear message; a missing file is not created.
run diff "$TMP/a.snap" "$TMP/missing.snap"
if [ $rc -eq 2 ] && err_has "missing.snap: No such file" && [ ! -e "$TMP/missing.snap" ]
then pass "missing file"
else fail "missing file (rc=$rc)"; fi

printf 'this is not a snapshot\n' > "$TMP/junk.snap"
run diff "$TMP/junk.snap" "$TMP/a.snap"
if [ $rc -eq 2 ] && err_has "junk.snap: " && [ ! -s "$TMP/out" ]; then pass "corrupt file"
else fail "corrupt file (rc=$rc)"; fi

head -c 100 "$TMP/a.snap" > "$TMP/cut.snap"
run diff "$TMP/a.snap" "$TMP/cut.snap"
if [ $rc -eq 2 ] && err_has "cut.snap: "; then pass "truncated file"
else fail "truncated file (rc=$rc)"; fi

run diff "$TMP/a.snap"
if [ $rc -eq 2 ] && err_has "expected two snapshot files"; then pass "one file"
else fail "one file (rc=$rc)"; fi

run diff --frobnicate "$TMP/a.snap" "$TMP/b.snap"
if [ $rc -eq 2 ] && err_has "unknown option '--frobnicate'"; then pass "unknown option"
else fail "unknown option (rc=$rc)"; fi

# 6. --help, and the snapshots are untouched by the diff.
run diff --help
if [ $rc -eq 0 ] && grep -q '^Usage: cornerstone diff' "$TMP/out" && out_has "  -q, --quiet   print only the summary line"
then pass "diff --help"
else fail "diff --help (rc=$rc)"; fi
if cmp -s "$TMP/a.snap" "$TMP/c.snap"; then pass "diff leaves the files unchanged"
else fail "diff leaves the files unchanged"; fi

run --help
if [ $rc -eq 0 ] && grep -qF "cornerstone diff OLD.snap NEW.snap" "$TMP/out"; then pass "--help mentions diff"
else fail "--help mentions diff (rc=$rc)"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
