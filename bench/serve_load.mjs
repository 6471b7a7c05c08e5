// Load test of `chipgraph serve` on loopback: starts the server (--allow-writes, port 0), runs
// CLIENTS concurrent clients asking QUESTIONS mixed questions in all (phrases, joins, why,
// known at, the catalog, diagrams) while a writer loads WRITES small .kg units alongside, then
// checks that no request failed and no write was lost, and prints p50/p99 latencies.
//   node bench/serve_load.mjs build/chipgraph [--clients 32] [--questions 10000] [--writes 100]
//        [--workers 4] [--max-seconds 600]
// Exit code 0 when every request succeeded and every write is visible; 1 otherwise.
import { spawn } from "node:child_process";

const args = process.argv.slice(2);
const binary = args[0];
const opt = (name, dflt) => {
  const i = args.indexOf("--" + name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const clients = opt("clients", 32), questions = opt("questions", 10000), writes = opt("writes", 100);
const workers = opt("workers", 4), maxSeconds = opt("max-seconds", 600);
if (!binary) { console.error("usage: node serve_load.mjs CHIPGRAPH [--clients N] ..."); process.exit(2); }
const killer = setTimeout(() => { console.error(`FAIL: over ${maxSeconds} s`); server.kill("SIGKILL"); process.exit(1); }, maxSeconds * 1000);

const server = spawn(binary, ["serve", "--port", "0", "--allow-writes", "--workers", String(workers)],
  { stdio: ["ignore", "pipe", "inherit"] });
let out = "";
const base = await new Promise((resolve, reject) => {
  server.stdout.on("data", (d) => { out += d; const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//); if (m) resolve(m[0]); });
  server.on("exit", (c) => reject(new Error("server exited " + c)));
});

const mix = [
  { q: "who designs Trainium3?" },
  { q: "what does 联发科 design?" },
  { q: "which chips does Amazon develop?" },
  { q: "? designs(F, C), develops(Amazon, C)." },
  { q: "who designs Trainium3?", known_at: "2025-07-01" },
  { q: "? shipments(V, U) in 2026 order by U desc limit 3." },
  { q: "who supplies Google?" },
  { q: "why supplier_of(Broadcom, Meta)?" },
  { get: "api/catalog" },
  { get: "api/diagram?entity=Amazon" },
];

const latencies = [];
let failed = 0, next = 0;
const failures = [];
async function request(item) {
  const t0 = performance.now();
  let res;
  if (item.get) res = await fetch(base + item.get);
  else {
    const body = { text: item.q };
    if (item.known_at) body.known_at = item.known_at;
    res = await fetch(base + "api/query", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }
  const text = await res.text();
  latencies.push(performance.now() - t0);
  if (res.status !== 200) { failed++; if (failures.length < 5) failures.push(`${res.status} ${item.q || item.get}: ${text.slice(0, 200)}`); }
}
async function client() {
  for (;;) {
    const i = next++;
    if (i >= questions) return;
    try { await request(mix[i % mix.length]); } catch (e) { failed++; failures.push(`${e} ${e.cause || ""}`); }
  }
}
let written = 0, writeFailures = 0;
async function writer() {
  for (let i = 0; i < writes; i++) {
    const name = `Load Vendor ${i}`;
    const text = `entity "${name}": Vendor. develops("${name}", Trainium3).`;
    try {
      const res = await fetch(base + "api/load", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }) });
      const body = await res.text();
      if (res.status === 200) written++; else { writeFailures++; failures.push("load: " + body.slice(0, 200)); }
    } catch (e) { writeFailures++; failures.push("load: " + e + " " + (e.cause || "")); }
  }
}

const t0 = performance.now();
await Promise.all([...Array.from({ length: clients }, client), writer()]);
const seconds = (performance.now() - t0) / 1000;

// No lost write: every loaded lab is there.
const res = await fetch(base + "api/query", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "who develops Trainium3?" }) });
const answer = JSON.parse(await res.text());
const rows = (Array.isArray(answer) ? answer[0] : answer).rows;
const labs = new Set(rows.map((r) => r[0]).filter((n) => String(n).startsWith("Load Vendor ")));

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
console.log(`${latencies.length} requests by ${clients} clients in ${seconds.toFixed(1)} s (${(latencies.length / seconds).toFixed(0)}/s), ${workers} workers`);
console.log(`latency ms: p50 ${pct(50)}, p90 ${pct(90)}, p99 ${pct(99)}, max ${latencies[latencies.length - 1].toFixed(1)}`);
console.log(`failed requests: ${failed}; writes: ${written}/${writes} loaded, ${labs.size} visible afterwards`);
for (const f of failures) console.log("  " + f);
server.kill("SIGTERM");
await new Promise((r) => server.on("exit", r));
clearTimeout(killer);
const ok = failed === 0 && writeFailures === 0 && labs.size === writes;
console.log(ok ? "PASS" : "FAIL");
process.exit(ok ? 0 : 1);
