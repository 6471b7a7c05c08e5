// Browser test of `chipgraph serve`: starts the server on a free loopback port, drives Debian's
// headless chromium with puppeteer-core and checks what an analyst sees. Screenshots of each
// view go to the folder given (the build folder). Usage:
//   node serve_test.mjs BUILD/chipgraph OUTPUT_DIR
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [binary, outDir] = process.argv.slice(2);
if (!binary || !outDir) {
  console.error("usage: node serve_test.mjs CHIPGRAPH OUTPUT_DIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAIL"}: ${what}`);
  if (!ok) failures.push(what);
};
const killer = setTimeout(() => { console.error("FAIL: the test took over 90 s"); process.exit(1); }, 90_000);
let server = null;
// Whatever happens (a failed wait throws), the server does not outlive the test.
process.on("exit", () => { if (server && server.exitCode === null) server.kill("SIGKILL"); });

// The server prints "chipgraph serve: http://127.0.0.1:PORT/ (read-only); Ctrl-C stops it".
server = spawn(binary, ["serve", "--port", "0", "--workers", "2", "--allow-writes"], { stdio: ["ignore", "pipe", "inherit"] });
let serverOut = "";
const address = await new Promise((resolve, reject) => {
  server.stdout.on("data", (d) => {
    serverOut += d;
    const m = serverOut.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) resolve(m[0]);
  });
  server.on("exit", (code) => reject(new Error(`the server exited (${code}) before listening`)));
});
console.log("server at", address);

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--font-render-hinting=none"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 900 });
  const consoleErrors = [];
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  // The error step's 400 is logged by the browser as a failed resource: expected.
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 400/.test(m.text())) consoleErrors.push(m.text());
  });
  await page.goto(address, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']");

  // 1. A phrase question, typed with the keyboard: the table shows the design firms and sources.
  await page.focus("#query");
  await page.keyboard.type("who designs Trainium3?");
  await page.keyboard.press("Escape"); // close the completion list, if open
  await page.keyboard.press("Enter");
  await page.waitForSelector("#results table tbody tr");
  const rows = await page.$$eval("#results tbody tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
  const firms = rows.map((r) => r[0]);
  check(firms.includes("Alphawave"), "the answer lists Alphawave");
  check(firms.includes("Alchip"), "the answer lists Alchip");
  const links = await page.$$eval("#results tbody td a", (as) =>
    as.map((a) => ({ href: a.href, target: a.target, source: a.title })));
  check(links.some((l) => l.source === "seed2025") || rows.some((r) => r.join(" ").includes("Alphawave")),
    "sources are shown");
  check(links.length > 0 && links.every((l) => l.target === "_blank" && /^https?:/.test(l.href)),
    "every source link opens its address in a new tab");
  const badges = await page.$$eval("#results .status", (s) => s.map((b) => b.className));
  check(badges.length === rows.length && badges.every((c) => c.startsWith("status ")), "status shown as a badge");
  await page.screenshot({ path: path.join(outDir, "serve-query.png") });

  // Sorting by a column header, with the keyboard.
  await page.focus("#results th button");
  await page.keyboard.press("Enter");
  const sorted = await page.$eval("#results th", (th) => th.getAttribute("aria-sort"));
  check(sorted === "ascending", "a column header sorts the table");

  // 2. The Amazon diagram: the engine's SVG with the entity's chips and partners.
  await page.click("#diagram-entity");
  await page.keyboard.type("Amazon");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#diagram svg g.node");
  const nodes = await page.$$eval("#diagram g.node title", (ts) => ts.map((t) => t.textContent));
  for (const n of ["Trainium3", "Trainium2", "Alchip", "Annapurna", "Alphawave", "Marvell"])
    check(nodes.includes(n), `the Amazon diagram has the node ${n}`);
  const owners = await page.$$eval("#diagram g.owner", (gs) => gs.map((g) => g.dataset.entity));
  check(owners.includes("Amazon"), "Amazon's chips are drawn in its box");
  // Clicking a node opens its facts.
  const node = await page.$$("#diagram g.node");
  for (const g of node) {
    const t = await g.$eval("title", (e) => e.textContent);
    if (t === "Trainium3") { await g.click(); break; }
  }
  await page.waitForSelector("#details table");
  const details = await page.$eval("#details", (d) => d.textContent);
  check(details.includes("Trainium3") && details.includes("designs"), "clicking a node shows its facts");
  // An edge, with the keyboard: its claims with their sources.
  for (const g of await page.$$("#diagram g.edge")) {
    const t = await g.$eval("title", (e) => e.textContent);
    if (t === "Alchip->Trainium3") { await g.evaluate((e) => e.focus()); await page.keyboard.press("Enter"); break; }
  }
  await page.waitForFunction(() => document.querySelector("#details h2")?.textContent.includes("Alchip → Trainium3"));
  await page.waitForSelector("#details table");
  const claims = await page.$eval("#details", (d) => d.textContent);
  check(claims.includes("designs") && claims.includes("bi_2025_12"), "an edge (Enter on it) lists its claims with sources");
  // Back to the node's facts for the screenshot.
  for (const g of node) {
    const t = await g.$eval("title", (e) => e.textContent);
    if (t === "Trainium3") { await g.click(); break; }
  }
  await page.waitForFunction(() => document.querySelector("#details h2")?.textContent.startsWith("Trainium3"));
  await page.screenshot({ path: path.join(outDir, "serve-diagram.png") });

  // 3. known at 2025-07-01: Alchip was not yet reported, Alphawave was.
  await page.focus("#knownat-date");
  await page.keyboard.type("2025-07-01");
  await page.keyboard.press("Enter");
  await page.evaluate(() => document.getElementById("knownat-date").dispatchEvent(new Event("change")));
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll("#results tbody tr:not(.removed) td:first-child")];
    return cells.length > 0 && !cells.some((c) => c.textContent === "Alchip");
  }, { timeout: 10_000 }).catch(() => {});
  const firmsThen = await page.$$eval("#results tbody tr:not(.removed) td:first-child", (tds) => tds.map((t) => t.textContent));
  check(firmsThen.includes("Alphawave") && !firmsThen.includes("Alchip"),
    "known at 2025-07-01: Alphawave shown, Alchip gone");
  const removed = await page.$$eval("#results tbody tr.removed td:first-child", (tds) => tds.map((t) => t.textContent));
  check(removed.includes("Alchip"), "what changed is highlighted (Alchip struck out)");
  const label = await page.$eval("#knownat-label", (o) => o.textContent);
  check(label === "2025-07-01", "the known-at label shows the date");
  const sliderAt = await page.$eval("#knownat", (k) => +k.value < +k.max);
  check(sliderAt, "the known-at slider moves to the typed date");
  await page.$eval("#results", (r) => r.scrollIntoView());
  await page.screenshot({ path: path.join(outDir, "serve-known-at.png") });

  // The slider itself: Home moves it to the first report date, End back to now.
  await page.evaluate(() => { document.getElementById("knownat-date").value = ""; });
  await page.focus("#knownat");
  await page.keyboard.press("Home");
  const first = await page.$eval("#knownat-label", (o) => o.textContent);
  await page.keyboard.press("End");
  const last = await page.$eval("#knownat-label", (o) => o.textContent);
  check(/^\d{4}/.test(first) && last === "now", `the known-at slider steps over report dates (${first} .. ${last})`);

  // Step animates what the analyst knew: the slider restarts at the first report date and
  // moves one report date every 1.5 s, re-asking with what changed highlighted; Stop ends it.
  await page.click("#step");
  const startedAt = await page.$eval("#knownat", (k) => +k.value);
  check(startedAt === 0, "Step starts at the first report date");
  check(await page.$eval("#step", (b) => b.textContent.includes("Stop")), "the Step button turns into Stop");
  const moved = await page.waitForFunction(() => +document.getElementById("knownat").value >= 2,
    { timeout: 10_000 }).then(() => true, () => false);
  check(moved, "Step moves the known-at slider over report dates");
  const steppedLabel = await page.$eval("#knownat-label", (o) => o.textContent);
  check(/^\d{4}/.test(steppedLabel) && steppedLabel !== first, `the label follows the step (${steppedLabel})`);
  await page.click("#step");
  const stoppedAt = await page.$eval("#knownat", (k) => +k.value);
  await new Promise((r) => setTimeout(r, 1800));
  check(await page.$eval("#knownat", (k) => +k.value) === stoppedAt &&
    await page.$eval("#step", (b) => b.textContent.includes("Step")), "Stop ends the animation");
  await page.focus("#knownat");
  await page.keyboard.press("End");

  // 4. An error shows the diagnostic with its caret under the text.
  await page.click("#query", { clickCount: 3 });
  await page.keyboard.type("who designs Tranium3?");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#results .error pre");
  const error = await page.$eval("#results .error pre", (p) => p.textContent);
  check(error.includes("unknown entity 'Tranium3'") && error.includes("^^^^^^^^"), "the error shows its caret");
  check(await page.$eval("#results .error", (e) => e.textContent.includes("did you mean 'Trainium3'?")), "the error shows its hint");
  await page.$eval("#results", (r) => r.scrollIntoView());
  await page.screenshot({ path: path.join(outDir, "serve-error.png") });

  // Conflicting claims: the 2026 TPU estimates disagree (shipments is keyed by its owner), so
  // their rows are marked, with a tooltip; a row without a conflict is not.
  await page.click("#query", { clickCount: 3 });
  await page.keyboard.type("? shipments(Google, U) in 2026.");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => [...document.querySelectorAll("#results th")].some((t) => t.textContent.includes("conflict")),
    { timeout: 10_000 }).catch(() => {});
  const marked = await page.$$eval("#results tbody tr.conflict", (trs) => trs.map((t) => t.title));
  check(marked.length >= 2 && marked.every((t) => t === "conflicting claims"), `conflicting rows are marked (${marked.length})`);
  await page.$eval("#results", (r) => r.scrollIntoView());
  await page.screenshot({ path: path.join(outDir, "serve-conflicts.png") });

  // The claims control: latest report per key keeps BofA's ~4.6M alone; back to all claims.
  await page.select("#policy", "latest");
  // (rows that went away stay, struck through, as when stepping through time)
  await page.waitForFunction(() => document.querySelectorAll("#results tbody tr:not(.removed)").length === 1,
    { timeout: 10_000 }).catch(() => {});
  const latest = await page.$$eval("#results tbody tr:not(.removed)", (trs) => trs.map((t) => t.textContent));
  check(latest.length === 1 && latest[0].includes("4600000"), `latest per key keeps one estimate (${latest.length} rows)`);
  await page.$eval("#results", (r) => r.scrollIntoView());
  await page.screenshot({ path: path.join(outDir, "serve-policy.png") });
  await page.select("#policy", "all");
  await page.waitForFunction(() => document.querySelectorAll("#results tbody tr").length > 1,
    { timeout: 10_000 }).catch(() => {});

  // 5. A why tree, expandable.
  await page.click("#query", { clickCount: 3 });
  await page.keyboard.type("why supplier_of(Broadcom, Meta)?");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#results .why details");
  const why = await page.$eval("#results .why", (w) => w.textContent);
  check(why.includes("supplier_of") && why.includes("designs"), "why shows the derivation tree");

  // 6. Completion: an alias in Chinese completes to itself, a prefix to the entity.
  await page.click("#query", { clickCount: 3 });
  await page.keyboard.type("who designs Train");
  await page.waitForSelector("#completions:not([hidden]) li");
  const options = await page.$$eval("#completions li", (lis) => lis.map((l) => l.firstChild.textContent));
  check(options.includes("Trainium3"), "completion offers Trainium3");

  // 7. A narrow window still shows the question and the answer.
  await page.setViewport({ width: 420, height: 900 });
  await page.click("#query", { clickCount: 3 });
  await page.keyboard.type("who designs Trainium3?");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#results table");
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  check(fits, "a narrow window has no page-wide horizontal scroll");
  await page.screenshot({ path: path.join(outDir, "serve-narrow.png") });

  // 8. Names are text, never markup: load hostile names through the page, ask, draw.
  await page.setViewport({ width: 1366, height: 900 });
  const img = "<img src=x onerror=window.__xss=1>", script = "<script>window.__xss=2</script>";
  await page.$eval("#load-text", (t, text) => { t.value = text; },
    `entity "${img}": Vendor. entity "${script}": Chip. develops("${img}", "${script}").`);
  await page.click("#load-form button");
  await page.waitForFunction(() => document.getElementById("write-result").textContent.includes("facts_added"));
  await page.click("#query", { clickCount: 3 });
  await page.$eval("#query", (q, text) => { q.value = text; }, `who develops "${script}"?`);
  await page.keyboard.press("Enter");
  await page.waitForFunction((name) => [...document.querySelectorAll("#results td")].some((td) => td.textContent === name), {}, img);
  await page.$eval("#diagram-entity", (i, name) => { i.value = name; }, img);
  await page.click("#diagram-form button");
  await page.waitForFunction((name) => [...document.querySelectorAll("#diagram g.node title")].some((t) => t.textContent === name), {}, script);
  const injected = await page.evaluate(() => ({
    xss: window.__xss, imgs: document.querySelectorAll("#results img, #diagram img, #details img").length,
    scripts: document.querySelectorAll("body script").length }));
  check(injected.xss === undefined && injected.imgs === 0 && injected.scripts === 0,
    "hostile names render as text in tables and diagrams (no markup, no script ran)");

  check(consoleErrors.length === 0, "no script errors" + (consoleErrors.length ? ": " + consoleErrors.join("; ") : ""));
} finally {
  await browser.close();
}

// Ctrl-C / SIGTERM stops the server cleanly.
server.kill("SIGTERM");
const code = await new Promise((resolve) => server.on("exit", (c) => resolve(c)));
check(code === 0 && serverOut.includes("stopped"), "SIGTERM stops the server cleanly (exit 0)");
clearTimeout(killer);
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("all browser checks passed; screenshots in", outDir);
