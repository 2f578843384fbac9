// newsgraph view: helpers shared by every page. Every value from the store is
// put into the page as text (textContent, setAttribute), never as markup.
// Paths are relative (`sparql`, `entity?iri=`), so the view also works behind
// a proxy that serves it under a sub-path.
"use strict";

const NS = {
  ng: "https://w3id.org/newsgraph/ontology#",
  schema: "https://schema.org/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  prov: "http://www.w3.org/ns/prov#",
  wd: "http://www.wikidata.org/entity/",
  entity: "https://w3id.org/newsgraph/entity/",
  article: "https://w3id.org/newsgraph/article/",
  happening: "https://w3id.org/newsgraph/happening/",
};
const ENTITIES_GRAPH = "https://w3id.org/newsgraph/graph/entities";
const EVENTS_GRAPH = "https://w3id.org/newsgraph/graph/events";

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** Replace the children of `node`. */
function fill(node, ...children) {
  node.replaceChildren();
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** An IRI that can sit between < > in a query (no space, quote, brace …). */
function safeIri(iri) {
  return typeof iri === "string" && /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|^`\\]*$/.test(iri);
}

/** `<iri>` for a query, or an error for anything else. */
function ref(iri) {
  if (!safeIri(iri)) throw new Error("not an IRI: " + String(iri).slice(0, 200));
  return "<" + iri + ">";
}

/** The short form of an IRI with the usual prefixes. */
function shortIri(iri) {
  for (const [p, ns] of Object.entries(NS)) {
    if (iri.startsWith(ns) && iri.length > ns.length) return p + ":" + iri.slice(ns.length);
  }
  return iri;
}

function isEntity(iri) {
  return iri.startsWith(NS.entity);
}

function isEvent(iri) {
  return iri.startsWith(NS.happening) || (iri.startsWith(NS.article) && /\/event\/\d+$/.test(iri));
}

function isArticle(iri) {
  return iri.startsWith(NS.article) && !iri.slice(NS.article.length).includes("/");
}

/** The page of a newsgraph IRI, or null. */
function pageOf(iri) {
  const q = "?iri=" + encodeURIComponent(iri);
  if (isEntity(iri)) return "entity" + q;
  if (isEvent(iri)) return "event" + q;
  if (isArticle(iri)) return "article" + q;
  return null;
}

/** A link to the IRI's page, an outside link for http(s) IRIs, else plain text. */
function iriLink(iri, text) {
  const label = text === undefined || text === null || text === "" ? shortIri(iri) : text;
  const page = pageOf(iri);
  if (page) return el("a", { href: page, title: iri }, label);
  if (iri.startsWith(NS.wd) && /^Q\d+$/.test(iri.slice(NS.wd.length))) {
    return el("a", { href: "https://www.wikidata.org/wiki/" + iri.slice(NS.wd.length), rel: "noopener noreferrer", class: "external" }, label);
  }
  if (/^https?:\/\//i.test(iri) && !iri.startsWith("https://w3id.org/newsgraph/")) {
    return el("a", { href: iri, rel: "noopener noreferrer", class: "external" }, label);
  }
  return el("span", { class: "iri", title: iri }, label);
}

/** One term of SPARQL JSON results as DOM. */
function termNode(term) {
  if (!term) return "";
  if (term.type === "uri") return iriLink(term.value);
  if (term.type === "bnode") return el("span", { class: "bnode" }, "_:" + term.value);
  const lang = term["xml:lang"];
  return el("span", { class: "literal" }, term.value, lang ? el("span", { class: "lang" }, "@" + lang) : null);
}

/**
 * Run a query on this server's endpoint. SELECT/ASK come back as SPARQL JSON
 * results ({head, results} or {boolean}); CONSTRUCT/DESCRIBE as N-Triples,
 * parsed into {triples}. A failure throws an Error with the server's line.
 */
async function sparql(query, signal) {
  const response = await fetch("sparql", {
    method: "POST",
    headers: {
      "Content-Type": "application/sparql-query",
      Accept: "application/sparql-results+json, application/n-triples;q=0.9",
    },
    body: query,
    signal,
  });
  const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
  const body = await response.text();
  if (!response.ok) throw new Error(body.trim() || response.status + " " + response.statusText);
  const truncated = response.headers.get("X-Newsgraph-Truncated");
  if (type === "application/n-triples") return { triples: parseNTriples(body), truncated };
  const json = JSON.parse(body);
  json.truncated = truncated;
  return json;
}

/** SELECT rows as objects of plain values (IRIs and literals as strings). */
async function select(query) {
  const json = await sparql(query);
  return json.results.bindings.map((b) => {
    const row = {};
    for (const [k, t] of Object.entries(b)) row[k] = t.value;
    row.$terms = b;
    return row;
  });
}

const ECHAR = { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f", '"': '"', "'": "'", "\\": "\\" };

function unescapeNT(s) {
  return s.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_, u, U, c) =>
    u || U ? String.fromCodePoint(parseInt(u || U, 16)) : ECHAR[c] ?? c);
}

/** N-Triples (as oxigraph writes it) into [{s, p, o}] of SPARQL JSON terms. */
function parseNTriples(text) {
  const term = /\s*(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([a-zA-Z0-9-]+)|\^\^<([^>]*)>)?)/y;
  const triples = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    term.lastIndex = 0;
    const parts = [];
    for (let i = 0; i < 3; i++) {
      const m = term.exec(line);
      if (!m) break;
      if (m[1] !== undefined) parts.push({ type: "uri", value: unescapeNT(m[1]) });
      else if (m[2] !== undefined) parts.push({ type: "bnode", value: m[2] });
      else {
        const t = { type: "literal", value: unescapeNT(m[3]) };
        if (m[4]) t["xml:lang"] = m[4];
        if (m[5]) t.datatype = m[5];
        parts.push(t);
      }
    }
    if (parts.length === 3) triples.push({ s: parts[0], p: parts[1], o: parts[2] });
  }
  return triples;
}

/** The last segment of an IRI, decoded: a name when there is no label. */
function tail(iri) {
  const end = iri.replace(/^.*[/#]/, "") || iri;
  try {
    return decodeURIComponent(end);
  } catch (_) {
    return end;
  }
}

/** The best label of each IRI: @fr, else @en, else any, else the IRI's end. */
async function labels(iris) {
  const wanted = [...new Set(iris.filter(safeIri))];
  const out = new Map();
  for (const iri of wanted) out.set(iri, tail(iri));
  if (wanted.length === 0) return out;
  const rows = await select(`SELECT ?x ?l WHERE {
    VALUES ?x { ${wanted.map(ref).join(" ")} }
    GRAPH <${ENTITIES_GRAPH}> { ?x rdfs:label ?l } }`);
  const rank = (t) => (t["xml:lang"] === "fr" ? 1 : t["xml:lang"] === "en" ? 2 : 3);
  const best = new Map();
  for (const r of rows) {
    const r0 = rank(r.$terms.l);
    const b = best.get(r.x);
    if (!b || r0 < b.rank || (r0 === b.rank && r.l < b.label)) best.set(r.x, { rank: r0, label: r.l });
  }
  for (const [iri, b] of best) out.set(iri, b.label);
  return out;
}

/** The `iri` parameter of this page's URL, checked. */
function pageIri() {
  const iri = new URLSearchParams(location.search).get("iri");
  if (!iri) throw new Error("no ?iri= in this page's address");
  if (!safeIri(iri)) throw new Error("not an IRI: " + iri.slice(0, 200));
  return iri;
}

/** Show an error in the page's status line (and mark the page as failed). */
function showError(e) {
  const status = document.getElementById("status");
  fill(status, el("span", { class: "error" }, String(e && e.message ? e.message : e)));
  document.body.dataset.state = "error";
}

/** A table from headers and rows of cells (nodes or text). */
function table(headers, rows, caption) {
  return el("table", { "data-rows": rows.length },
    caption ? el("caption", {}, caption) : null,
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c))))));
}

/** The PLOVER type of an event class IRI (`ng:Consult` → CONSULT). */
function ploverOf(classIri) {
  return classIri.startsWith(NS.ng) ? classIri.slice(NS.ng.length).toUpperCase() : shortIri(classIri);
}
