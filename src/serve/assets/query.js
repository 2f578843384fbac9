// The query page: editor, canned examples, results as a table.
"use strict";

const editor = document.getElementById("query");
const status = document.getElementById("status");
const results = document.getElementById("results");
let examples = [];
let running = null;
/** Rows drawn at most: a bigger table would stall the browser; download the rest. */
const SHOWN = 2000;

function shownNote(n) {
  return n > SHOWN ? `; the first ${SHOWN} are shown, the download links give all` : "";
}

async function loadExamples() {
  const response = await fetch("assets/queries.json");
  examples = await response.json();
  const list = document.getElementById("examples");
  fill(list, examples.map((ex) =>
    el("li", {}, el("button", {
      type: "button", class: "example", "data-name": ex.name, title: ex.title,
      onclick: () => runExample(ex.name),
    }, ex.name), el("span", { class: "hint" }, ex.title))));
}

function runExample(name) {
  const ex = examples.find((e) => e.name === name);
  if (!ex) {
    showError(new Error("no example named " + name));
    return;
  }
  editor.value = ex.query;
  for (const b of document.querySelectorAll("button.example")) b.setAttribute("aria-pressed", String(b.dataset.name === name));
  history.replaceState(null, "", "?example=" + encodeURIComponent(name));
  run();
}

/** Links that fetch the same answer from /sparql as a file. */
function downloads(query) {
  const span = document.getElementById("downloads");
  const link = (format) => el("a", { href: "sparql?" + new URLSearchParams({ query, format }) }, format);
  const construct = /^\s*(CONSTRUCT|DESCRIBE)\b/im.test(query.replace(/#[^\n]*/g, "").replace(/PREFIX[^\n]*/gi, ""));
  const formats = construct ? ["turtle", "ntriples", "jsonld"] : ["csv", "tsv", "json"];
  fill(span, "Download: ", formats.map((f, i) => [i ? " · " : "", link(f)]));
}

async function run() {
  const query = editor.value;
  if (running) running.abort();
  const controller = new AbortController();
  running = controller;
  document.body.dataset.state = "running";
  fill(status, "Running…");
  fill(results);
  downloads(query);
  const started = performance.now();
  try {
    const answer = await sparql(query, controller.signal);
    const ms = Math.round(performance.now() - started);
    let shown;
    if (answer.boolean !== undefined) {
      shown = el("p", { class: "boolean", "data-rows": 1 }, "ASK: " + answer.boolean);
      fill(status, `true or false in ${ms} ms`);
    } else if (answer.triples) {
      const triples = answer.triples;
      shown = table(["subject", "predicate", "object"],
        triples.slice(0, SHOWN).map((t) => [termNode(t.s), termNode(t.p), termNode(t.o)]));
      fill(status, `${triples.length} triples in ${ms} ms`, shownNote(triples.length));
    } else {
      const vars = answer.head.vars;
      const rows = answer.results.bindings;
      shown = table(vars, rows.slice(0, SHOWN).map((b) => vars.map((v) => termNode(b[v]))));
      fill(status, `${rows.length} rows in ${ms} ms`, shownNote(rows.length));
    }
    if (answer.truncated) status.append(" (cut by the server's --max-rows)");
    shown.id = "result-table";
    fill(results, shown);
    document.body.dataset.state = "done";
  } catch (e) {
    if (e.name !== "AbortError") showError(e);
  } finally {
    if (running === controller) running = null;
  }
}

document.getElementById("query-form").addEventListener("submit", (e) => {
  e.preventDefault();
  history.replaceState(null, "", "?query=" + encodeURIComponent(editor.value));
  run();
});
editor.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    document.getElementById("run").click();
  }
});

(async () => {
  try {
    await loadExamples();
  } catch (e) {
    showError(e);
  }
  const params = new URLSearchParams(location.search);
  if (params.has("example")) runExample(params.get("example"));
  else if (params.has("query")) {
    editor.value = params.get("query");
    run();
  }
})();
