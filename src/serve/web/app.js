// chipgraph serve: the page. Plain JavaScript, no library. Every name, source and message from
// the graph is put into the page as text (textContent), never as HTML; the one exception, the
// engine's SVG, is parsed as XML and stripped of scripts, event handlers and javascript: links.
"use strict";

const state = {
  catalog: null, sources: new Map(), entities: new Map(), types: new Map(),
  asOfStops: [], knownStops: [], lastQuery: "", lastRows: null, history: [],
  diagram: null, stepping: null, writes: false, asked: 0, appliedTime: "|",
};
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const type = res.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await res.text() : await res.text();
  return { ok: res.ok, status: res.status, type, text: data };
}

// --- the catalog: completion, sources, time stops -------------------------------------------

async function loadCatalog() {
  const r = await api("/api/catalog");
  const c = JSON.parse(r.text);
  state.catalog = c;
  state.sources = new Map(c.sources.map((s) => [s.name, s]));
  state.types = new Map(c.types.map((t) => [t.name, t]));
  state.entities = new Map();
  for (const e of c.entities) {
    state.entities.set(e.name.toLowerCase(), e);
    for (const a of e.aliases) state.entities.set(a.toLowerCase(), e);
  }
  state.knownStops = c.report_dates;
  const years = c.report_dates.map((d) => parseInt(d.slice(0, 4), 10)).filter((y) => y > 0);
  const first = Math.min(...years, 2024), last = Math.max(...years, 2026) + 2;
  state.asOfStops = [];
  for (let y = first; y <= last; y++) for (let q = 1; q <= 4; q++) state.asOfStops.push(`${y}-Q${q}`);
  const asof = $("asof"), known = $("knownat");
  asof.max = state.asOfStops.length; asof.value = 0;          // 0: any time
  known.max = state.knownStops.length; known.value = known.max; // max: now
  updateTimeLabels();
}

function isSubtype(type, ancestor) {
  for (let t = type; t; t = state.types.get(t)?.parent) if (t === ancestor) return true;
  return false;
}

function completionItems() {
  const c = state.catalog;
  if (!c) return [];
  const items = [];
  for (const e of c.entities) {
    items.push({ text: e.name, insert: e.name, kind: e.type });
    for (const a of e.aliases) items.push({ text: a, insert: a, kind: "alias of " + e.name });
  }
  for (const r of c.relations) items.push({ text: r.name, insert: r.name, kind: "relation" });
  for (const k of c.keywords) items.push({ text: k, insert: k, kind: "keyword" });
  return items;
}

// --- time controls ----------------------------------------------------------------------------

function asOfValue() {
  const v = +$("asof").value;
  return v === 0 ? "" : state.asOfStops[v - 1];
}
function knownAtValue() {
  const typed = $("knownat-date").value.trim();
  if (typed) return typed;
  const v = +$("knownat").value;
  return v >= state.knownStops.length ? "" : state.knownStops[v];
}
// A partial date's last day as "YYYY-MM-DD" (months end on the 31st: only the order matters).
function lastDayKey(d) {
  let m;
  if ((m = d.match(/^(\d{4})$/))) return `${m[1]}-12-31`;
  if ((m = d.match(/^(\d{4})-?H([12])$/))) return `${m[1]}-${m[2] === "1" ? "06" : "12"}-31`;
  if ((m = d.match(/^(\d{4})-?Q([1-4])$/))) return `${m[1]}-${String(+m[2] * 3).padStart(2, "0")}-31`;
  if ((m = d.match(/^(\d{4})-(\d{2})$/))) return `${m[1]}-${m[2]}-31`;
  return d;
}
// The known-at slider follows a typed date: to the last report date on or before it.
function syncKnownSlider() {
  const typed = $("knownat-date").value.trim();
  if (!typed) return;
  const key = lastDayKey(typed);
  let i = 0;
  while (i < state.knownStops.length && lastDayKey(state.knownStops[i]) <= key) i++;
  $("knownat").value = Math.max(0, i - 1);
}
// The time controls as request parameters: as of, known at and the claims policy.
function timeParams() {
  const params = {};
  const asOf = asOfValue(), knownAt = knownAtValue(), policy = $("policy").value;
  if (asOf) params.as_of = asOf;
  if (knownAt) params.known_at = knownAt;
  if (policy !== "all") params.policy = policy;
  return params;
}
function updateTimeLabels() {
  $("asof-label").textContent = asOfValue() || "any time";
  $("knownat-label").textContent = knownAtValue() || "now";
}

// --- asking -----------------------------------------------------------------------------------

function cellText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return v.text ?? JSON.stringify(v);
  return String(v);
}

// The answers of one reply: the CLI's JSON (one document, or one object per answer).
function parseAnswers(text) {
  let docs;
  try { docs = [JSON.parse(text)]; } catch (e) {
    docs = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  }
  const out = [];
  for (const d of docs) Array.isArray(d) ? out.push(...d) : out.push(d);
  return out;
}

async function ask(text, opts = {}) {
  text = text.trim();
  if (!text) return;
  if (!opts.quiet) addHistory(text);
  state.lastQuery = text;
  const body = { text, format: "json", ...timeParams() };
  const seq = ++state.asked;
  const r = await api("/api/query", body);
  if (seq !== state.asked) return; // a later question has been asked meanwhile
  const results = $("results");
  results.replaceChildren();
  if (!r.ok) {
    results.append(renderError(r));
    state.lastRows = null;
    return;
  }
  const previous = opts.compare ? state.lastRows : null;
  const answers = parseAnswers(r.text);
  const keys = new Set();
  answers.forEach((a, i) => {
    const node = renderAnswer(a, answers.length > 1 ? (a.query || `answer ${i + 1}`) : (a.query || text), previous);
    results.append(node);
    for (const row of a.rows || []) keys.add(row.map(cellText).join("\u0001"));
  });
  state.lastRows = keys;
}

function renderError(r) {
  let data;
  try { data = JSON.parse(r.text); } catch (e) { data = { error: r.text } }
  const box = el("div", { class: "error", role: "alert" },
    el("strong", {}, `error ${r.status}: `), data.error || "request failed");
  if (data.hint) box.append(el("div", {}, "hint: " + data.hint));
  if (data.rendered) box.append(el("pre", { class: "caret" }, data.rendered));
  return box;
}

function statusBadge(s) {
  return el("span", { class: "status " + s.replace(/[^a-z]/g, "") }, s);
}

function sourceLinks(cell, compact) {
  const wrap = el("span", {});
  for (const name of cellText(cell).split(",").map((s) => s.trim()).filter(Boolean)) {
    const s = state.sources.get(name);
    if (!s) { wrap.append(el("span", { class: "source" }, name)); continue; }
    const label = compact ? s.name : s.title || s.name;
    let meta = [s.publisher, s.published].filter(Boolean).join(", ");
    const tip = compact ? [s.title, meta].filter(Boolean).join(" — ") : s.name;
    if (compact) meta = "";
    const link = s.url
      ? el("a", { href: safeUrl(s.url), target: "_blank", rel: "noopener noreferrer", title: tip }, label)
      : el("span", { title: tip }, label);
    wrap.append(el("span", { class: "source", "data-source": s.name }, link, meta ? " " : null,
      meta ? el("small", {}, meta) : null));
  }
  return wrap;
}

function safeUrl(u) {
  return /^https?:\/\//i.test(u) ? u : "about:blank";
}

function renderAnswer(a, title, previous, compact) {
  const box = el("div", { class: "answer" });
  box.append(el("h2", {}, title));
  if (a.facts) { box.append(renderWhy(a.facts)); return box; }
  if (a.text !== undefined && !a.columns) { box.append(el("pre", {}, a.text)); return box; }
  if (a.plan) box.append(el("pre", { class: "muted" }, a.plan));
  const cols = a.columns || [];
  let rows = (a.rows || []).map((r) => ({ cells: r, cls: "" }));
  if (previous) {
    const now = new Set();
    for (const r of rows) {
      const k = r.cells.map(cellText).join("\u0001");
      now.add(k);
      if (!previous.has(k)) r.cls = "added";
    }
    for (const k of previous) if (!now.has(k)) rows.push({ cells: k.split("\u0001"), cls: "removed" });
  }
  const conflictCol = cols.indexOf("conflict");
  const table = el("table", {});
  const head = el("tr", {});
  const tbody = el("tbody", {});
  const draw = () => {
    tbody.replaceChildren();
    for (const r of rows) {
      const conflict = conflictCol >= 0 && r.cells[conflictCol] && r.cells[conflictCol] !== "no";
      const tr = el("tr", { class: r.cls + (conflict ? " conflict" : "") });
      if (conflict) tr.title = "conflicting claims";
      r.cells.forEach((v, i) => {
        const c = cols[i];
        let content;
        if (c === "status") content = statusBadge(cellText(v));
        else if (c === "source" || c.startsWith("source.")) content = sourceLinks(v, compact);
        else content = cellText(v);
        tr.append(el("td", {}, content));
      });
      tbody.append(tr);
    }
  };
  cols.forEach((c, i) => {
    const th = el("th", { scope: "col", "aria-sort": "none" });
    th.append(el("button", { type: "button", onclick: () => {
      const asc = th.getAttribute("aria-sort") !== "ascending";
      for (const h of head.children) h.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      rows.sort((x, y) => compareCells(x.cells[i], y.cells[i]) * (asc ? 1 : -1));
      draw();
    } }, c));
    head.append(th);
  });
  draw();
  table.append(el("thead", {}, head), tbody);
  box.append(table);
  box.append(el("div", { class: "notes" }, `${(a.rows || []).length} row${(a.rows || []).length === 1 ? "" : "s"}`));
  for (const n of a.notes || []) box.append(el("div", { class: "notes" }, "note: " + n));
  return box;
}

function compareCells(a, b) {
  const num = (v) => (typeof v === "number" ? v : typeof v === "object" && v ? (v.low ?? v.high) : NaN);
  const na = num(a), nb = num(b);
  if (!isNaN(na) && !isNaN(nb)) return na - nb;
  return cellText(a).localeCompare(cellText(b));
}

function renderWhy(facts) {
  const root = el("div", { class: "why" });
  const node = (f, open) => {
    const d = el("details", {});
    if (open) d.open = true;
    const summary = el("summary", {}, f.negated ? "not " : "", f.fact, " ",
      el("span", { class: "muted" }, f.valid || ""), " ", f.status ? statusBadge(f.status) : null,
      f.derived ? el("span", { class: "muted" }, " derived") : null,
      f.explained_above ? el("span", { class: "muted" }, " (explained above)") : null);
    d.append(summary);
    if (f.sources && f.sources.length)
      d.append(el("div", { class: "rule" }, "per ", sourceLinks(f.sources.map((s) => s.name).join(", "))));
    for (const step of f.derivations || []) {
      d.append(el("div", { class: "rule" }, "by ", step.rule));
      for (const p of step.premises || []) d.append(node(p, false));
    }
    if (f.more_derivations) d.append(el("div", { class: "rule" }, `… ${f.more_derivations} more derivations`));
    return d;
  };
  for (const f of facts) root.append(node(f, true));
  return root;
}

// --- history ----------------------------------------------------------------------------------

function addHistory(text) {
  state.history = [text, ...state.history.filter((h) => h !== text)].slice(0, 50);
  try { localStorage.setItem("chipgraph.history", JSON.stringify(state.history)); } catch (e) {}
  drawHistory();
}
function drawHistory() {
  $("history").replaceChildren(...state.history.map((h) =>
    el("li", {}, el("button", { type: "button", onclick: () => { $("query").value = h; ask(h); } }, h))));
}

// --- completion -------------------------------------------------------------------------------

const combo = { items: [], active: -1, historyAt: -1 };

function currentWord(input) {
  const upto = input.value.slice(0, input.selectionStart);
  const m = upto.match(/"[^"]*$|[\p{L}\p{N}_.\-]+$/u);
  return m ? { word: m[0], start: upto.length - m[0].length } : { word: "", start: upto.length };
}

function updateCompletions() {
  const input = $("query"), list = $("completions");
  const { word } = currentWord(input);
  const w = word.replace(/^"/, "").toLowerCase();
  if (w.length < 1) return closeCompletions();
  const seen = new Set();
  combo.items = completionItems().filter((i) => {
    const t = i.text.toLowerCase();
    const hit = t.startsWith(w) || (w.length > 1 && t.includes(w));
    if (!hit || seen.has(i.text)) return false;
    seen.add(i.text);
    return true;
  }).sort((a, b) => (b.text.toLowerCase().startsWith(w) - a.text.toLowerCase().startsWith(w)) || a.text.length - b.text.length).slice(0, 12);
  if (!combo.items.length) return closeCompletions();
  combo.active = 0;
  list.replaceChildren(...combo.items.map((i, n) =>
    el("li", { role: "option", id: "cpl-" + n, "aria-selected": n === 0 ? "true" : "false",
      onmousedown: (e) => { e.preventDefault(); accept(n); } },
      el("span", {}, i.text), el("span", { class: "kind" }, i.kind))));
  list.hidden = false;
  input.setAttribute("aria-expanded", "true");
  input.setAttribute("aria-activedescendant", "cpl-0");
}
function closeCompletions() {
  $("completions").hidden = true;
  combo.items = []; combo.active = -1;
  $("query").setAttribute("aria-expanded", "false");
  $("query").removeAttribute("aria-activedescendant");
}
function moveCompletion(d) {
  combo.active = (combo.active + d + combo.items.length) % combo.items.length;
  [...$("completions").children].forEach((li, n) => li.setAttribute("aria-selected", n === combo.active ? "true" : "false"));
  $("query").setAttribute("aria-activedescendant", "cpl-" + combo.active);
  $("cpl-" + combo.active)?.scrollIntoView({ block: "nearest" });
}
function accept(n) {
  const input = $("query");
  const item = combo.items[n];
  const { start } = currentWord(input);
  const name = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(item.insert) || item.kind === "keyword" ? item.insert : `"${item.insert}"`;
  const rest = input.value.slice(input.selectionStart);
  input.value = input.value.slice(0, start) + name + rest;
  const caret = start + name.length;
  input.setSelectionRange(caret, caret);
  closeCompletions();
}

function onQueryKey(e) {
  const open = !$("completions").hidden;
  if (open && (e.key === "ArrowDown" || e.key === "ArrowUp")) { e.preventDefault(); moveCompletion(e.key === "ArrowDown" ? 1 : -1); return; }
  if (open && (e.key === "Tab" || (e.key === "Enter" && combo.active >= 0 && currentWord($("query")).word))) {
    if (e.key === "Enter" && combo.items[combo.active].text === currentWord($("query")).word) { closeCompletions(); return; }
    e.preventDefault(); accept(combo.active); return;
  }
  if (open && e.key === "Escape") { e.preventDefault(); closeCompletions(); return; }
  if (!open && (e.key === "ArrowUp" || e.key === "ArrowDown") && state.history.length) {
    e.preventDefault();
    combo.historyAt = Math.max(-1, Math.min(state.history.length - 1, combo.historyAt + (e.key === "ArrowUp" ? 1 : -1)));
    $("query").value = combo.historyAt < 0 ? "" : state.history[combo.historyAt];
  }
}

// --- diagrams ---------------------------------------------------------------------------------

function cleanSvg(text) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") return null;
  for (const s of svg.querySelectorAll("script, foreignObject")) s.remove();
  for (const n of svg.querySelectorAll("*"))
    for (const a of [...n.attributes]) {
      if (/^on/i.test(a.name)) n.removeAttribute(a.name);
      if (/href$/i.test(a.name) && !/^https?:/i.test(a.value)) n.removeAttribute(a.name);
    }
  return document.importNode(svg, true);
}

async function drawDiagram(params) {
  state.diagram = params;
  const q = new URLSearchParams({ ...params, ...timeParams() });
  const r = await api("/api/diagram?" + q.toString());
  const box = $("diagram");
  $("details").replaceChildren();
  if (!r.ok) { box.replaceChildren(); $("diagram-tools").hidden = true; $("details").append(renderError(r)); return; }
  const svg = cleanSvg(r.text);
  if (!svg) { box.replaceChildren(); return; }
  svg.removeAttribute("width"); svg.removeAttribute("height");
  box.replaceChildren(svg);
  $("diagram-tools").hidden = false;
  setupPanZoom(svg);
  // An owner's box (a cluster labelled with the entity's name) opens that entity too.
  for (const g of svg.querySelectorAll("g.cluster")) {
    const name = g.querySelector("text")?.textContent || "";
    if (!state.entities.has(name.toLowerCase())) continue;
    g.classList.add("owner");
    g.dataset.entity = name;
  }
  for (const g of svg.querySelectorAll("g.node, g.edge, g.owner")) {
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    const title = g.dataset.entity || g.querySelector("title")?.textContent || "";
    g.setAttribute("aria-label", (g.classList.contains("edge") ? "edge " : "entity ") + title.replace("->", " to "));
    const open = (e) => { e.preventDefault(); e.stopPropagation(); select(g); };
    g.addEventListener("click", open);
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") open(e); });
  }
}

function select(g) {
  for (const s of $("diagram").querySelectorAll(".selected")) s.classList.remove("selected");
  g.classList.add("selected");
  const title = g.dataset.entity || g.querySelector("title")?.textContent || "";
  if (!g.classList.contains("edge")) showEntity(title);
  else {
    const [from, to] = title.split("->");
    const tip = [...g.querySelectorAll("a")].map((a) => a.getAttribute("xlink:title") || a.getAttribute("title") || "").find((t) => t) || "";
    showEdge(from, to, tip);
  }
}

function quoteName(n) { return `"${n.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`; }

// Every base relation with an entity column the entity may fill: `? rel(X, "Name").`
function factQueries(bindings) {
  const out = [];
  for (const r of state.catalog.relations) {
    if (r.derived) continue;
    const cols = r.columns;
    const fits = bindings.every(([i, e]) => cols[i] && cols[i].kind === "entity" && isSubtype(e.type, cols[i].type));
    if (!fits || bindings.length > cols.length) continue;
    const args = cols.map((c, i) => {
      const b = bindings.find(([j]) => j === i);
      return b ? quoteName(b[1].name) : "XYZWVU"[i] || "_";
    });
    out.push({ relation: r.name, text: `? ${r.name}(${args.join(", ")}).` });
  }
  return out;
}

async function showQueries(title, queries, extra) {
  const box = $("details");
  box.replaceChildren(el("h2", {}, title));
  if (extra) box.append(extra);
  const body = { format: "json", ...timeParams() };
  const replies = await Promise.all(queries.map((q) => api("/api/query", { ...body, text: q.text })));
  let any = false;
  replies.forEach((r, i) => {
    if (!r.ok) return;
    for (const a of parseAnswers(r.text)) if ((a.rows || []).length) { any = true; box.append(renderAnswer(a, queries[i].text, null, true)); }
  });
  if (!any) box.append(el("p", { class: "muted" }, "no facts at this time"));
}

function showEntity(name) {
  const e = state.entities.get(name.toLowerCase());
  if (!e) return;
  const queries = [];
  for (const r of state.catalog.relations)
    r.columns.forEach((c, i) => { if (c.kind === "entity") queries.push(...factQueries([[i, e]]).filter((q) => q.relation === r.name)); });
  const unique = [...new Map(queries.map((q) => [q.text, q])).values()];
  const aliases = e.aliases.length ? "aka " + e.aliases.join(", ") : "";
  showQueries(`${e.name} (${e.type})`, unique, aliases ? el("p", { class: "muted" }, aliases) : null);
}

function showEdge(from, to, tooltip) {
  const a = state.entities.get((from || "").toLowerCase()), b = state.entities.get((to || "").toLowerCase());
  const extra = el("div", {});
  if (tooltip) extra.append(el("div", { class: "tooltip-text" }, tooltip));
  if (!a || !b) { $("details").replaceChildren(el("h2", {}, `${from} → ${to}`), extra); return; }
  showQueries(`${a.name} → ${b.name}: claims`, factQueries([[0, a], [1, b]]), extra);
}

function setupPanZoom(svg) {
  const vb = svg.viewBox.baseVal;
  const home = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
  const set = (x, y, w, h) => svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
  const zoom = (f, cx = 0.5, cy = 0.5) => {
    const v = svg.viewBox.baseVal, w = v.width * f, h = v.height * f;
    set(v.x + (v.width - w) * cx, v.y + (v.height - h) * cy, w, h);
  };
  $("zoom-in").onclick = () => zoom(0.8);
  $("zoom-out").onclick = () => zoom(1.25);
  $("zoom-reset").onclick = () => set(home.x, home.y, home.w, home.h);
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 0.9 : 1.1, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.target.closest("g.node, g.edge, g.owner")) return;
    drag = { x: e.clientX, y: e.clientY, v: { ...svg.viewBox.baseVal } };
    drag.v = { x: svg.viewBox.baseVal.x, y: svg.viewBox.baseVal.y, w: svg.viewBox.baseVal.width, h: svg.viewBox.baseVal.height };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const s = Math.max(drag.v.w / r.width, drag.v.h / r.height);
    set(drag.v.x - (e.clientX - drag.x) * s, drag.v.y - (e.clientY - drag.y) * s, drag.v.w, drag.v.h);
  });
  svg.addEventListener("pointerup", () => { drag = null; });
}

// --- writes -----------------------------------------------------------------------------------

async function loadText(e) {
  e.preventDefault();
  const r = await api("/api/load", { text: $("load-text").value });
  showWrite(r);
}
async function importFile(e) {
  e.preventDefault();
  const file = $("import-file").files[0];
  if (!file) return;
  const body = { relation: $("import-relation").value.trim(), csv: await file.text() };
  if ($("import-create").value.trim()) body.create = $("import-create").value.trim();
  showWrite(await api("/api/import", body));
}
async function showWrite(r) {
  const out = $("write-result");
  if (!r.ok) { out.replaceChildren(renderError(r)); return; }
  out.textContent = JSON.stringify(JSON.parse(r.text), null, 1);
  await loadCatalog();
}

// --- wiring -----------------------------------------------------------------------------------

function retime(compare) {
  updateTimeLabels();
  const time = JSON.stringify(timeParams());
  if (time === state.appliedTime) return;
  state.appliedTime = time;
  if (state.lastQuery) ask(state.lastQuery, { quiet: true, compare });
  if (state.diagram) drawDiagram(state.diagram);
}

async function step() {
  if (state.stepping) { clearInterval(state.stepping); state.stepping = null; $("step").textContent = "▶ Step"; return; }
  const k = $("knownat");
  $("knownat-date").value = "";
  if (+k.value >= state.knownStops.length) k.value = 0;
  $("step").textContent = "■ Stop";
  await ask(state.lastQuery || $("query").value, { quiet: true });
  state.stepping = setInterval(() => {
    if (+k.value >= state.knownStops.length) return step();
    k.value = +k.value + 1;
    retime(true);
  }, 1500);
}

async function start() {
  const status = JSON.parse((await api("/api/status")).text);
  state.writes = status.writes;
  $("mode").textContent = status.writes ? "writes allowed" : "read-only";
  $("writes").hidden = !status.writes;
  try { state.history = JSON.parse(localStorage.getItem("chipgraph.history") || "[]"); } catch (e) {}
  drawHistory();
  await loadCatalog();
  const q = $("query");
  q.addEventListener("input", () => { combo.historyAt = -1; updateCompletions(); });
  q.addEventListener("keydown", onQueryKey);
  q.addEventListener("blur", () => setTimeout(closeCompletions, 100));
  $("query-form").addEventListener("submit", (e) => { e.preventDefault(); closeCompletions(); ask(q.value); });
  $("draw-answer").addEventListener("click", () => { if (q.value.trim()) drawDiagram({ query: q.value.trim() }); });
  $("diagram-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = $("diagram-entity").value.trim();
    if (name) drawDiagram({ entity: name, legend: "1" });
  });
  $("asof").addEventListener("input", () => retime(false));
  $("knownat").addEventListener("input", () => { $("knownat-date").value = ""; retime(true); });
  $("knownat-date").addEventListener("change", () => { syncKnownSlider(); retime(true); });
  $("policy").addEventListener("change", () => retime(true));
  $("step").addEventListener("click", step);
  $("load-form").addEventListener("submit", loadText);
  $("import-form").addEventListener("submit", importFile);
  document.body.dataset.ready = "1";
  q.focus();
}

start();
