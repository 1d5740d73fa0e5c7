#!/usr/bin/env python3
# Copyright (c) Cornerstone authors.
"""Builds the text seed corpora for tools/fuzz/run.

    make_corpus.py OUT_DIR SOURCE_ROOT

OUT_DIR/queries/  one statement per file: every TCK query and setup
                  statement (../shared/tck/tck.jsonl), every statement of
                  tests/queries/**/*.test and of graphs/**/*.cypher
OUT_DIR/csv/      inputs of csv_fuzz.cc (an option character, a node file,
                  optionally "\\n===\\n" and a relationship file) made from
                  the CSV text in tests/import/*.cc and a few hand-written
                  files
Files are named by the SHA-1 of their content, like libFuzzer's own.
"""
import ast
import hashlib
import json
import os
import re
import sys


def write(folder, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def test_file_statements(text):
    """Statements of a tests/queries .test file (see tests/README.md)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        head = lines[i].strip()
        i += 1
        if head.startswith("statement") or head.startswith("query") or head.startswith("param "):
            if head.startswith("param "):
                yield "RETURN " + head.split(" ", 2)[2] if len(head.split(" ", 2)) == 3 else ""
                continue
            body = []
            while i < len(lines) and lines[i].strip() and lines[i].strip() != "----":
                body.append(lines[i])
                i += 1
            yield "\n".join(body)


def split_script(text):
    """Good enough for seeds: statements end with ';' at the end of a line."""
    for statement in re.split(r";\s*\n", text):
        body = "\n".join(l for l in statement.split("\n") if not l.strip().startswith("//"))
        if body.strip():
            yield body.strip()


def c_literals(source):
    """Adjacent C++ string literals, concatenated and unescaped."""
    out = []
    for m in re.finditer(r'((?:"(?:[^"\\\n]|\\.)*"\s*)+)', source):
        parts = re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1))
        try:
            out.append("".join(ast.literal_eval('"' + p + '"') for p in parts))
        except (ValueError, SyntaxError):
            pass
    return out


def main():
    out, root = sys.argv[1], sys.argv[2]
    queries = set()
    tck = os.path.join(root, "..", "shared", "tck", "tck.jsonl")
    if os.path.exists(tck):
        with open(tck, encoding="utf-8") as f:
            for line in f:
                scenario = json.loads(line)
                queries.add(scenario["query"])
                for s in scenario.get("setup") or []:
                    queries.add(s if isinstance(s, str) else json.dumps(s))
    for base in ("tests/queries", "graphs"):
        for folder, _, files in os.walk(os.path.join(root, base)):
            for name in files:
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if name.endswith(".test"):
                    queries.update(test_file_statements(text))
                elif name.endswith(".cypher"):
                    queries.update(split_script(text))
    queries.discard("")
    for q in queries:
        write(os.path.join(out, "queries"), q)

    node_files, rel_files = [], []
    import_dir = os.path.join(root, "tests", "import")
    for name in sorted(os.listdir(import_dir)):
        if not name.endswith(".cc"):
            continue
        with open(os.path.join(import_dir, name), encoding="utf-8") as f:
            for lit in c_literals(f.read()):
                if "\n" not in lit or ("," not in lit and "|" not in lit):
                    continue
                header = lit.split("\n", 1)[0]
                is_rel = ":START_ID" in header or header.startswith("from,")
                (rel_files if is_rel else node_files).append(lit)
    node_files += [
        "id:ID,name,:LABEL\n1,Ann,Person\n2,Bob,Person;Admin\n",
        "id,name,age\n1,Ann,30\n2,Bob,\n3,\"C, D\",40\n",
        "id:ID(G),v:float[],b:boolean[]\n1,1.5;2,true;false\n",
        "\ufeffid:ID,name\r\n1,\"multi\nline\"\r\n",
    ]
    rel_files += [
        ":START_ID,:END_ID,:TYPE,w:float\n1,2,KNOWS,0.5\n2,1,LIKES,\n",
        "from,to,since\n1,2,2001\n2,3,\n",
    ]
    csv_out = os.path.join(out, "csv")
    for i, nodes in enumerate(node_files):
        kuzu = "1" if not nodes.split("\n", 1)[0].count(":") else "0"
        write(csv_out, kuzu + nodes)
        write(csv_out, chr(ord(kuzu) | 2) + nodes + "===\n" + rel_files[i % len(rel_files)])
        write(csv_out, chr(ord(kuzu) | 8) + nodes + "===\n" + rel_files[(i + 1) % len(rel_files)])
        write(csv_out, chr(ord(kuzu) | 4) + nodes.replace(",", "|"))
    print(f"make_corpus: {len(queries)} queries, {len(node_files)} node files, "
          f"{len(rel_files)} relationship files -> {out}")


if __name__ == "__main__":
    main()
