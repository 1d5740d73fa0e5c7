#!/usr/bin/env bash
# Tests of `cornerstone import` (and its alias binary cornerstone-import) and
# of the shell's `:import`, on the CSV files in tests/shell/import/:
#   entities.csv       4 nodes (a Person, 3 Companies), Neo4j header
#   relationships.csv  3 relationships between them (FOUNDED, INVESTED_IN, OWNS_STAKE)
#   bad_founded.csv    a good row, then a bad integer on line 3
#   dangling.csv       a relationship on line 3 to a node no file has
# Usage: import_test.sh PATH/TO/cornerstone PATH/TO/cornerstone-import FIXTURE_DIR
set -u

CS=${1:?usage: import_test.sh CORNERSTONE CORNERSTONE_IMPORT FIXTURE_DIR}
CSI=${2:?usage: import_test.sh CORNERSTONE CORNERSTONE_IMPORT FIXTURE_DIR}
FIX=${3:?usage: import_test.sh CORNERSTONE CORNERSTONE_IMPORT FIXTURE_DIR}
export LC_ALL=C.UTF-8
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
NODES="$FIX/entities.csv"
RELS="$FIX/relationships.csv"
BAD_NUMBER="$FIX/bad_founded.csv:3:21: bad integer 'twenty16' for column 'founded:int'"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
  failed=$((failed + 1)); echo "FAIL $1"
  [ -s "$TMP/out" ] && { echo "  stdout:"; sed 's/^/    /' "$TMP/out" | head -20; }
  [ -s "$TMP/err" ] && { echo "  stderr:"; sed 's/^/    /' "$TMP/err" | head -20; }
}
# check NAME CONDITION...: passes when the command CONDITION succeeds.
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name (rc=$rc)"; fi; }
# run ARGS...: the shell with stdin from /dev/null (a hung import fails after 30 s).
run() { timeout 30 "$CS" "$@" < /dev/null > "$TMP/out" 2> "$TMP/err"; rc=$?; }
# run_stdin INPUT ARGS...: the shell with INPUT piped to stdin.
run_stdin() {
  local input=$1; shift
  printf '%s' "$input" | timeout 30 "$CS" "$@" > "$TMP/out" 2> "$TMP/err"; rc=$?
}
out_is() { [ "$(cat "$TMP/out")" = "$1" ]; }
out_has() { grep -qF -- "$1" "$TMP/out"; }
err_has() { grep -qF -- "$1" "$TMP/err"; }
# counts DB: "NODES RELATIONSHIPS" of the database file DB, opened read-only.
counts() {
  "$CS" "$1" --read-only --csv -c 'MATCH (n) RETURN count(n) AS n' \
    -c 'MATCH ()-[r]->() RETURN count(r) AS r' < /dev/null 2>&1 | grep -v '^[nr]$' | tr '\n' ' '
}

# 1. cornerstone import into a snapshot file; the shell then opens it.
run import --nodes "$NODES" --relationships "$RELS" --db "$TMP/out.snap" --no-progress
check_import_db() {
  [ $rc -eq 0 ] && grep -qE '^imported: 4 nodes, 3 relationships in [0-9.]+ s \(' "$TMP/out" &&
    [ ! -s "$TMP/err" ] && [ "$(counts "$TMP/out.snap")" = "4 3 " ]
}
check "cornerstone import --db writes a snapshot the shell opens" check_import_db
run "$TMP/out.snap" --read-only --csv \
  -c "MATCH (:Company {name: 'SoftBank Group'})-[r:INVESTED_IN]->(c) RETURN c.name AS c, r.amount_usd AS usd, c.founded AS f" \
  -c "MATCH (p:Person) RETURN p.founded IS NULL AS no_founded"
check "imported properties keep their types; an empty field is null" \
  out_is $'c,usd,f\nOpenAI,500000000,2015\nno_founded\ntrue'

# 2. The alias binary takes the same flags and prints the same (but the time).
strip_times() { sed -E 's/ in [0-9.]+ s \(.*\)$//' "$1"; }
run import --nodes "$NODES" --relationships "$RELS" --no-progress
strip_times "$TMP/out" > "$TMP/sub.txt"
"$CSI" --nodes "$NODES" --relationships "$RELS" --no-progress > "$TMP/alias.txt" 2> "$TMP/err"
alias_rc=$?
check "cornerstone-import prints what cornerstone import prints" \
  test $alias_rc -eq 0 -a "$(strip_times "$TMP/alias.txt")" = "$(cat "$TMP/sub.txt")" \
  -a "$(cat "$TMP/sub.txt")" = "imported: 4 nodes, 3 relationships"

# 3. Bad files: FILE:LINE:COLUMN, exit status 1, nothing imported.
run import --nodes "$FIX/bad_founded.csv" --db "$TMP/bad.snap"
check_bad_number() {
  [ $rc -eq 1 ] && [ ! -s "$TMP/out" ] &&
    [ "$(cat "$TMP/err")" = "cornerstone import: $BAD_NUMBER" ] &&
    [ ! -e "$TMP/bad.snap" ] && [ ! -e "$TMP/bad.snap.wal" ] && [ ! -e "$TMP/bad.snap.lock" ]
}
check "a bad number is FILE:LINE:COLUMN, exit 1, no database file left" check_bad_number
run import --nodes "$NODES" --relationships "$FIX/dangling.csv" --db "$TMP/dangling.snap"
check_dangling() {
  [ $rc -eq 1 ] &&
    err_has "cornerstone import: $FIX/dangling.csv:3:10: dangling relationship: no node with id 'nvidia'" &&
    [ ! -e "$TMP/dangling.snap" ]
}
check "a dangling endpoint is FILE:LINE:COLUMN, exit 1, its nodes taken back" check_dangling
"$CSI" --nodes "$FIX/bad_founded.csv" > "$TMP/out" 2> "$TMP/err"; rc=$?
# A database that existed is kept as it was.
run import --nodes "$NODES" --db "$TMP/kept.snap" --no-progress
run import --nodes "$FIX/bad_founded.csv" --db "$TMP/kept.snap"
check "a failed import into an existing database leaves it as it was" \
  eval '[ $rc -eq 1 ] && [ "$(counts "$TMP/kept.snap")" = "4 0 " ]'
check "cornerstone-import fails the same way" \
  test $rc -eq 1 -a "$(cat "$TMP/err")" = "cornerstone import: $BAD_NUMBER"
run import --nodes "$TMP/missing.csv"
check "a missing file is an error" test $rc -eq 1 -a -s "$TMP/err"

# 4. Usage: --help on stdout (exit 0), a bad option or nothing at all exits 2.
run import --help
check "cornerstone import --help" \
  eval '[ $rc -eq 0 ] && grep -q "^usage: cornerstone import \[--db FILE\]" "$TMP/out" && [ ! -s "$TMP/err" ]'
run import --frobnicate x
check "an unknown option exits 2 with the usage" \
  eval '[ $rc -eq 2 ] && err_has "cornerstone import: unknown option --frobnicate" && err_has "usage: cornerstone import"'
run import --nodes
check "an option without its value exits 2" \
  eval '[ $rc -eq 2 ] && err_has "cornerstone import: missing value for --nodes"'
run import
check "no arguments exits 2 with the usage" eval '[ $rc -eq 2 ] && err_has "usage: cornerstone import"'
run import --kuzu-relationships KNOWS=k.csv
check "--kuzu-relationships wants TYPE:From:To" \
  eval '[ $rc -eq 2 ] && err_has "--kuzu-relationships wants TYPE:From:To=FILE, got KNOWS=k.csv"'
run --help
check "cornerstone --help lists the import subcommand" \
  eval '[ $rc -eq 0 ] && out_has "cornerstone import [OPTIONS]" && out_has "cornerstone import --help"'

# 5. :import in piped input loads into the open (in-memory) graph.
run_stdin ":import --nodes $NODES --relationships $RELS
MATCH (n) RETURN count(n) AS n;
MATCH (:Person)-[:FOUNDED]->(c) RETURN c.name AS c;
" --csv
check ":import loads the files; the next statements see them" \
  eval '[ $rc -eq 0 ] && grep -qE "^Imported 4 nodes, 3 relationships in [0-9.]+ s$" "$TMP/out" &&
        [ "$(tail -n +2 "$TMP/out")" = "$(printf "n\n4\nc\nSoftBank Group")" ]'

# 6. A failing :import leaves the graph as it was, and the session goes on.
run_stdin "CREATE (:Seed {name: 'before'});
:import --nodes $NODES --relationships $FIX/dangling.csv
:import --nodes $FIX/bad_founded.csv
MATCH (n) RETURN count(n) AS n;
MATCH ()-[r]->() RETURN count(r) AS r;
" --csv
check_failed_import() {
  [ $rc -eq 1 ] && out_is $'n\n1\nr\n0' &&
    err_has "stdin:2: $FIX/dangling.csv:3:10: dangling relationship: no node with id 'nvidia'" &&
    err_has "stdin:3: $BAD_NUMBER"
}
check "a failing :import prints FILE:LINE:COLUMN and changes nothing" check_failed_import
run -c ":import --nodes $FIX/bad_founded.csv"
check ":import failing under -c exits 1" test $rc -eq 1 -a "$(cat "$TMP/err")" = "$BAD_NUMBER"

# 7. Into a database file: kept after the shell exits; a failure leaves the
# file's graph as it was.
run "$TMP/shell.snap" -c ":import --nodes $NODES --relationships $RELS"
first_rc=$rc
run "$TMP/shell.snap" -c ":import --nodes $FIX/bad_founded.csv" -c ":import --relationships $FIX/dangling.csv"
check ":import into a database file is kept; failed ones change nothing" \
  test $first_rc -eq 0 -a $rc -eq 1 -a "$(counts "$TMP/shell.snap")" = "4 3 "

# 8. --skip-bad-rows: counted and listed.
run -c ":import --nodes $FIX/bad_founded.csv --skip-bad-rows"
check ":import --skip-bad-rows counts and lists the skipped rows" \
  eval '[ $rc -eq 0 ] && grep -qE "^Imported 1 node, 0 relationships \(1 bad row skipped\) in [0-9.]+ s$" "$TMP/out" &&
        out_has "  $FIX/bad_founded.csv:3:21: bad integer"'

# 9. Words split as in a shell: quoted paths with blanks, TAB delimiters.
mkdir -p "$TMP/my files"
tr ',' '\t' < "$NODES" > "$TMP/my files/entities.tsv"
run -c ":import --nodes '$TMP/my files/entities.tsv' --delimiter TAB" \
  -c ":import --nodes=x" -c ":import --nodes \"$TMP/my files/none.csv" --csv \
  -c "MATCH (c:Company) RETURN c.name AS c ORDER BY c"
check ":import takes quoted paths; errors for what it cannot parse" \
  eval '[ $rc -eq 1 ] && out_has "Imported 4 nodes, 0 relationships" &&
        [ "$(tail -n 4 "$TMP/out")" = "$(printf "c\nArm\nOpenAI\nSoftBank Group")" ] &&
        err_has "unknown option --nodes=x" && err_has "unterminated \" quote"'

# 10. What :import refuses: --db, exports, nothing to do, a transaction, read-only.
run -c ":import --db $TMP/x.snap --nodes $NODES" -c ":import --export-csv $TMP/exp" -c ":import" \
  -c ":import --no-progress"
check ":import refuses --db, --export-* and having nothing to load" \
  eval '[ $rc -eq 1 ] && err_has "use :open FILE first" && err_has ":import does not export" &&
        [ "$(grep -c "^usage: :import" "$TMP/err")" -eq 2 ] && [ ! -e "$TMP/x.snap" ] && [ ! -e "$TMP/exp" ]'
run_stdin "BEGIN;
:import --nodes $NODES
ROLLBACK;
MATCH (n) RETURN count(n) AS n;
" --csv
check ":import inside a transaction is refused (and does not hang)" \
  eval '[ $rc -eq 1 ] && err_has "stdin:2: :import cannot run inside a transaction" && [ "$(tail -n 1 "$TMP/out")" = 0 ]'
run "$TMP/out.snap" --read-only -c ":import --nodes $NODES"
check ":import into a read-only database is refused" \
  eval '[ $rc -eq 1 ] && err_has "read-only" && [ "$(counts "$TMP/out.snap")" = "4 3 " ]'

# 11. Help: :help lists :import; :help import and :import --help explain it.
run -c ':help' -c ':help import' -c ':import --help'
check ":help lists and explains :import" \
  eval '[ $rc -eq 0 ] && out_has ":import OPTION..." && [ "$(grep -c "^  The options of cornerstone import" "$TMP/out")" -eq 2 ]'

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
