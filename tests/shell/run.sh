#!/usr/bin/env bash
# End-to-end tests of the `cornerstone` shell.
# Usage: run.sh PATH/TO/cornerstone REPO_ROOT
# Prints "N passed, N failed" and exits non-zero when any check failed.
set -u

CS=${1:?usage: run.sh CORNERSTONE_BINARY REPO_ROOT}
ROOT=${2:?usage: run.sh CORNERSTONE_BINARY REPO_ROOT}
export LC_ALL=C.UTF-8
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
  failed=$((failed + 1)); echo "FAIL $1"
  [ -s "$TMP/out" ] && { echo "  stdout:"; sed 's/^/    /' "$TMP/out" | head -20; }
  [ -s "$TMP/err" ] && { echo "  stderr:"; sed 's/^/    /' "$TMP/err" | head -20; }
}
# run ARGS...: runs the shell with stdin from /dev/null; sets $rc, $TMP/out,
# $TMP/err.
run() { "$CS" "$@" < /dev/null > "$TMP/out" 2> "$TMP/err"; rc=$?; }
# run_stdin INPUT ARGS...: like run, with INPUT piped to stdin.
run_stdin() {
  local input=$1; shift
  printf '%s' "$input" | "$CS" "$@" > "$TMP/out" 2> "$TMP/err"; rc=$?
}
out_is() { [ "$(cat "$TMP/out")" = "$1" ]; }
out_has() { grep -qF -- "$1" "$TMP/out"; }
err_has() { grep -qF -- "$1" "$TMP/err"; }

cat > "$TMP/tiny.cypher" <<'CYPHER'
// A tiny graph: two people, one company.
CREATE (:Person {name: 'Ann', age: 30}),
       (:Person {name: 'Bob, "Jr."', age: 41});
CREATE (:Company {name: 'Acme'});
CYPHER

# 1. A script, then -c with CSV output; options and files in any order.
run "$TMP/tiny.cypher" --format csv \
  -c 'MATCH (p:Person) RETURN p.name AS name, p.age AS age ORDER BY name'
expected='name,age
Ann,30
"Bob, ""Jr.""",41'
if [ $rc -eq 0 ] && out_is "$expected"; then pass "csv after script"
else fail "csv after script (rc=$rc)"; fi

run -c 'MATCH (p:Person) RETURN count(p) AS n' --format=csv "$TMP/tiny.cypher"
if [ $rc -eq 0 ] && out_is $'n\n2'; then pass "-c before the file still runs after it"
else fail "-c before the file still runs after it (rc=$rc)"; fi

# 2. JSON output parses and holds nodes as objects.
run "$TMP/tiny.cypher" --format json \
  -c 'MATCH (p:Person) RETURN p, p.name AS name, p.age / 4.0 AS q ORDER BY name'
if [ $rc -eq 0 ] && python3 -m json.tool "$TMP/out" > /dev/null &&
   python3 - "$TMP/out" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 2, rows
assert rows[0]["name"] == "Ann" and rows[0]["q"] == 7.5, rows[0]
node = rows[1]["p"]
assert node["_labels"] == ["Person"] and node["name"] == 'Bob, "Jr."', node
assert isinstance(node["_id"], int) and node["age"] == 41, node
PY
then pass "json parses"; else fail "json parses (rc=$rc)"; fi

# 3. Piped stdin: statements over several lines, a colon-command, stats.
run_stdin $'CREATE (:A {x: 1});\nCREATE (:A {x: 2}),\n  (:A {x: 3});\n:mode csv\nMATCH (a:A)\nRETURN a.x ORDER BY a.x;\n:schema\n'
if [ $rc -eq 0 ] && out_has "Created 1 node" && out_has "Created 2 nodes" &&
   out_has $'a.x' && [ "$(grep -A3 '^a.x$' "$TMP/out")" = $'a.x\n1\n2\n3' ] &&
   out_has "Nodes: 3"; then pass "piped stdin with colon-commands"
else fail "piped stdin with colon-commands (rc=$rc)"; fi

# 3b. Piped stdin goes on after an error, then exits 1.
run_stdin $'RETURN 1 AS a;\nRETURN (;\n:nosuchcommand\nRETURN 2 AS b;\n' --format csv
if [ $rc -eq 1 ] && out_is $'a\n1\nb\n2' && err_has "stdin:2:" &&
   err_has "nosuchcommand"; then pass "piped stdin continues after errors"
else fail "piped stdin continues after errors (rc=$rc)"; fi

# 4. A syntax error: exit 1, the message (kind, caret) on stderr only.
run -c 'MATCH (n RETURN n'
if [ $rc -eq 1 ] && [ ! -s "$TMP/out" ] && err_has "SyntaxError" &&
   err_has "^"; then pass "syntax error exits 1"
else fail "syntax error exits 1 (rc=$rc)"; fi

# 4b. A script error names the file and the statement's starting line.
printf 'RETURN 1;\n\nRETURN\n  (;\nRETURN 3;\n' > "$TMP/bad.cypher"
run "$TMP/bad.cypher"
if [ $rc -eq 1 ] && head -1 "$TMP/err" | grep -qF "$TMP/bad.cypher:3: "; then
  pass "script error is FILE:LINE"
else fail "script error is FILE:LINE (rc=$rc)"; fi

# 5. 4 KB of random bytes as a script: an error, exit exactly 1, no crash.
for i in 1 2 3; do
  head -c 4096 /dev/urandom > "$TMP/random$i.cypher"
  run "$TMP/random$i.cypher"
  if [ $rc -eq 1 ] && [ -s "$TMP/err" ]; then pass "random bytes script $i"
  else fail "random bytes script $i (rc=$rc)"; cp "$TMP/random$i.cypher" /tmp/cornerstone-shell-random-failure.cypher 2>/dev/null; fi
done

# 6. Usage errors.
run --no-such-option
if [ $rc -eq 1 ] && err_has "no-such-option"; then pass "unknown option exits 1"
else fail "unknown option exits 1 (rc=$rc)"; fi
run --format xml -c 'RETURN 1'
if [ $rc -eq 1 ] && err_has "xml"; then pass "unknown format exits 1"
else fail "unknown format exits 1 (rc=$rc)"; fi
run notes.txt
if [ $rc -eq 1 ]; then pass "non-.cypher file exits 1"
else fail "non-.cypher file exits 1 (rc=$rc)"; fi
run --help
if [ $rc -eq 0 ] && out_has "Usage: cornerstone"; then pass "--help"
else fail "--help (rc=$rc)"; fi
run --version
if [ $rc -eq 0 ] && out_has "cornerstone "; then pass "--version"
else fail "--version (rc=$rc)"; fi

# 7. Table mode aligns wide (Korean) and combining characters.
run --format table -c $'UNWIND [\'손정의\', \'Masayoshi Son\', \'e\xcc\x81te\xcc\x81\', null] AS name RETURN name, 1 AS n'
if [ $rc -eq 0 ] && out_has "손정의" && out_has "│ null" && out_has "4 rows" &&
   python3 - "$TMP/out" <<'PY'
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n")
         if l and l[0] in "┌│├└"]
assert len(lines) == 8, lines
widths = {width(l) for l in lines}
assert len(widths) == 1, [(width(l), l) for l in lines]
PY
then pass "korean alignment"; else fail "korean alignment (rc=$rc)"; fi

# 8. :help lists every command, from -c and from piped stdin.
run -c ':help'
ok=1
for c in :help :quit :exit :schema :mode :timer; do out_has "$c" || ok=0; done
if [ $rc -eq 0 ] && [ $ok -eq 1 ]; then pass ":help lists the commands"
else fail ":help lists the commands (rc=$rc)"; fi
run_stdin $':help\n:quit\nRETURN 1 AS never;\n'
if [ $rc -eq 0 ] && out_has ":schema" && ! out_has "never"; then
  pass ":help and :quit on stdin"
else fail ":help and :quit on stdin (rc=$rc)"; fi

# 9. Other formats and the timer.
run "$TMP/tiny.cypher" --format tsv -c 'MATCH (c:Company) RETURN c.name AS name, null AS z'
if [ $rc -eq 0 ] && out_is $'name\tz\nAcme\t'; then pass "tsv"
else fail "tsv (rc=$rc)"; fi
run "$TMP/tiny.cypher" --format jsonl -c 'MATCH (p:Person) RETURN p.name AS name ORDER BY name'
if [ $rc -eq 0 ] && [ "$(wc -l < "$TMP/out")" -eq 2 ] &&
   python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$TMP/out"
then pass "jsonl"; else fail "jsonl (rc=$rc)"; fi
run_stdin $':timer on\nRETURN 1 AS one;\n'
if [ $rc -eq 0 ] && out_has "Run Time: parse"; then pass ":timer on"
else fail ":timer on (rc=$rc)"; fi

# 10. The repository's own graphs load, when there are any.
for g in "$ROOT"/graphs/*.cypher; do
  [ -e "$g" ] || continue
  run "$g" -c ':schema'
  if [ $rc -eq 0 ] && out_has "Nodes:"; then pass "loads $(basename "$g")"
  else fail "loads $(basename "$g") (rc=$rc)"; fi
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
