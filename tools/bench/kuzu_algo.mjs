#!/usr/bin/env node
// Kùzu's side of the graph-algorithm comparison (issue 8): loads the
// benchmark kit's CSVs into an in-memory Kùzu 0.11.3 (the same COPY
// statements as ../shared/bench/kuzu_run.mjs), projects the whole graph and
// times the algo extension's page_rank and weakly_connected_components
// (statically linked into the npm build: no INSTALL, no network).
//
//   cd tools/bench/.kuzu && node ../kuzu_algo.mjs --data DIR --schema SCHEMA.cypher \
//       [--threads 2] [--runs 3] [--out kuzu_algo.json]
//
// page_rank runs 20 iterations with tolerance 0 (so it does not stop early)
// and damping 0.85, as algo.pageRank does; Kùzu divides the (1 - d) term by
// the node count, so its ranks are Cornerstone's divided by N.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.cwd(), "noop.js"));
const kuzu = require("kuzu");

const args = { threads: 2, runs: 3 };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
if (!args.data || !args.schema) {
  console.error("usage: node kuzu_algo.mjs --data DIR --schema schema.kuzu.cypher [--threads N] [--runs N] [--out FILE]");
  process.exit(2);
}
const THREADS = Number(args.threads), RUNS = Number(args.runs);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
async function run(conn, q) {
  const res = await conn.query(q);
  const all = Array.isArray(res) ? res : [res];
  return all[all.length - 1].getAll();
}
const num = (v) => (typeof v === "bigint" ? Number(v) : v);

const db = new kuzu.Database(":memory:");
const conn = new kuzu.Connection(db, THREADS);
conn.setMaxNumThreadForExec(THREADS);
const schema = fs.readFileSync(args.schema, "utf8").split("\n").filter((l) => !l.trim().startsWith("//"))
  .join("\n").split(";").map((s) => s.trim()).filter(Boolean);
for (const st of schema) await run(conn, st);
const nodeLabels = ["Person", "Company", "Fund", "Ambition"];
const relFiles = fs.readdirSync(args.data).filter((f) => /^[A-Z_]+_[A-Z][a-z]+_[A-Z][a-z]+\.csv$/.test(f)).sort();
const t0 = now();
for (const l of nodeLabels) await run(conn, `COPY ${l} FROM '${path.resolve(args.data, l + ".csv")}' (header=true)`);
const relTypes = new Set();
for (const f of relFiles) {
  const [, type, from, to] = f.match(/^([A-Z_]+)_([A-Z][a-z]+)_([A-Z][a-z]+)\.csv$/);
  relTypes.add(type);
  const opt = type === "INVESTED_IN" ? `header=true, from='${from}', to='${to}'` : "header=true";
  await run(conn, `COPY ${type} FROM '${path.resolve(args.data, f)}' (${opt})`);
}
const report = { engine: "kuzu", version: kuzu.VERSION, threads: THREADS, load_ms: now() - t0, algorithms: {} };
console.error(`kuzu: loaded in ${(report.load_ms / 1000).toFixed(1)} s`);

const labels = nodeLabels.map((l) => `'${l}'`).join(", ");
const types = [...relTypes].sort().map((t) => `'${t}'`).join(", ");
let t = now();
await run(conn, `CALL project_graph('G', [${labels}], [${types}])`);
report.project_ms = now() - t;

async function time(name, what, text) {
  const entry = { what, query: text };
  try {
    t = now();
    entry.rows = (await run(conn, text)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v)])));
    entry.first_ms = now() - t;
    const times = [];
    for (let i = 0; i < RUNS; ++i) {
      t = now();
      await run(conn, text);
      times.push(now() - t);
    }
    entry.runs = times.length;
    entry.median_ms = times.length ? median(times) : entry.first_ms;
  } catch (e) {
    entry.error = String(e.message || e);
  }
  report.algorithms[name] = entry;
  const answer = entry.rows && entry.rows.length === 1 ? JSON.stringify(entry.rows[0]) : "";
  console.log(`kuzu ${name.padEnd(12)} ${entry.error ? "ERROR " + entry.error
    : `${entry.median_ms.toFixed(1).padStart(10)} ${entry.first_ms.toFixed(1).padStart(10)} ${String(entry.runs).padStart(5)}  ${what} -> ${answer}`}`);
}

console.log(`\nkuzu ${"algorithm".padEnd(12)} ${"median ms".padStart(10)} ${"first ms".padStart(10)} ${"runs".padStart(5)}  what`);
await time("pageRank", "whole graph, 20 iterations, damping 0.85",
  "CALL page_rank('G', dampingFactor := 0.85, maxIterations := 20, tolerance := 0.0) " +
  "RETURN count(*) AS nodes, sum(rank) AS total");
await time("wcc", "whole graph",
  "CALL weakly_connected_components('G') RETURN count(*) AS nodes, count(DISTINCT group_id) AS components");
const top = (await run(conn, "CALL page_rank('G', dampingFactor := 0.85, maxIterations := 20, tolerance := 0.0) " +
  "RETURN node.name AS name, rank ORDER BY rank DESC LIMIT 10"));
report.pagerank_top10 = top.map((r) => ({ name: r.name, rank: num(r.rank) }));
console.log("kuzu pageRank top 10 (x N):" + top.map((r) => ` ${r.name}=${(num(r.rank) * Number(report.algorithms.pageRank.rows?.[0]?.nodes ?? 0)).toPrecision(9)}`).join(""));
console.log("kuzu betweenness: no betweenness centrality in Kùzu 0.11.3's algo extension " +
  "(page_rank, weakly/strongly_connected_components, k_core_decomposition, louvain)");
if (args.out) fs.writeFileSync(args.out, JSON.stringify(report, null, 2));
