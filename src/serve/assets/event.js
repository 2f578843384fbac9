// The event page (an article's event, or a canonical happening) and the
// article page: facts, and the article's text with the evidence highlighted.
"use strict";

const ROLE_VALUES = `VALUES (?p ?role) { (ng:actor "actor") (ng:recipient "recipient") (schema:location "place") }`;

function dlItems(pairs) {
  return pairs.filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]);
}

function linkList(iris, label) {
  return iris.map((x, i) => [i ? ", " : "", iriLink(x, label.get(x))]);
}

/** Code-point length of a string (offsets in the graph count code points). */
function cpLength(s) {
  return Array.from(s).length;
}

/**
 * One block of text starting at code point `start`, decorated: `marks`
 * (highlighted ranges), `strong` (trigger words) and `links` (entity
 * mentions), all as absolute code-point ranges.
 */
function decorate(text, start, marks, strong, links, label) {
  const chars = Array.from(text);
  const end = start + chars.length;
  const cuts = new Set([start, end]);
  // Offsets come from the store: a range that is not numbers is left out.
  const inside = (r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.end > start && r.start < end;
  for (const r of [...marks, ...strong, ...links].filter(inside)) {
    cuts.add(Math.max(start, r.start));
    cuts.add(Math.min(end, r.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    let node = chars.slice(a - start, b - start).join("");
    const covers = (r) => r.start <= a && r.end >= b;
    const link = links.find(covers);
    if (link) node = el("a", { href: pageOf(link.entity) || "#", title: label.get(link.entity) || link.entity, class: "mention" }, node);
    if (strong.some(covers)) node = el("strong", { class: "trigger" }, node);
    if (marks.some(covers)) node = el("mark", {}, node);
    out.push(node);
  }
  return out;
}

/** The article's header, text (or the sentences the graph holds) and events. */
async function showArticle(a, highlights) {
  const [head, sentences, mentions, evs] = await Promise.all([
    select(`SELECT ?p ?o WHERE { GRAPH ${ref(a)} { ${ref(a)} ?p ?o } }`),
    select(`SELECT DISTINCT ?start ?end ?text WHERE { GRAPH ${ref(a)} {
      ?m a ng:EventMention ; ng:evidence ?text ; ng:evidenceStart ?start ; ng:evidenceEnd ?end } } ORDER BY ?start`),
    select(`SELECT ?start ?end ?entity WHERE { GRAPH ${ref(a)} {
      ?m a ng:Mention ; ng:start ?start ; ng:end ?end ; ng:refersTo ?entity } }`),
    select(`SELECT ?event ?class ?date ?mode (MIN(?s) AS ?start) WHERE { GRAPH ${ref(a)} {
      ?event prov:wasDerivedFrom ${ref(a)} ; a ?class . FILTER (STRSTARTS(STR(?class), STR(ng:)))
      OPTIONAL { ?event schema:startDate ?date } OPTIONAL { ?event ng:mode ?mode }
      OPTIONAL { ?event ng:mention/ng:evidenceStart ?s } } }
      GROUP BY ?event ?class ?date ?mode ORDER BY ?start ?event`),
  ]);
  if (head.length === 0 && sentences.length === 0) throw new Error(a + ": no such article in the store");
  const value = (p) => head.find((r) => r.p === p);
  const label = await labels(mentions.map((m) => m.entity));
  const headline = value(NS.schema + "headline");
  const source = value(NS.ng + "sourceFile");
  const url = value(NS.schema + "url");
  document.getElementById("article-section").hidden = false;
  fill(document.getElementById("article-facts"), dlItems([
    ["Article", iriLink(a, headline ? headline.o : shortIri(a))],
    ["File", source ? source.o : ""],
    ["Published", value(NS.schema + "datePublished")?.o],
    ["Language", value(NS.schema + "inLanguage")?.o],
    ["URL", url ? iriLink(url.o, url.o) : ""],
  ]));
  const links = mentions.map((m) => ({ start: +m.start, end: +m.end, entity: m.entity }));
  const marks = highlights.map((h) => ({ start: h.start, end: h.end }));
  const strong = highlights.filter((h) => h.trigger).map((h) => h.trigger);
  const body = value(NS.schema + "articleBody");
  const text = document.getElementById("article-text");
  if (body) {
    fill(document.getElementById("article-note"),
      "The article's text" + (highlights.length ? "; this event's evidence is highlighted" : "") + "; entity mentions are links.");
    // Paragraphs at their code-point offsets (the graph's offsets count code points).
    const full = body.o;
    const paragraphs = [];
    const gap = /\n\s*\n/g;
    let from = 0;
    for (let m = gap.exec(full); m; m = gap.exec(full)) {
      paragraphs.push([from, full.slice(from, m.index)]);
      from = m.index + m[0].length;
    }
    paragraphs.push([from, full.slice(from)]);
    fill(text, paragraphs.map(([at, para]) =>
      el("p", {}, decorate(para, cpLength(full.slice(0, at)), marks, strong, links, label))));
  } else {
    fill(document.getElementById("article-note"),
      "The store keeps the sentences that report events, not the whole text: here they are in order ([…] where text is left out)" +
      (highlights.length ? "; this event's evidence is highlighted" : "") + "; entity mentions are links.");
    const nodes = [];
    let last = 0;
    for (const s of sentences) {
      const start = +s.start;
      if (start < last) continue;
      if (start > last) nodes.push(el("p", { class: "gap", "aria-label": "text left out" }, "[…]"));
      nodes.push(el("p", {}, decorate(s.text, start, marks, strong, links, label)));
      last = +s.end;
    }
    if (nodes.length === 0) nodes.push(el("p", { class: "hint" }, "No sentence of this article is in the graph."));
    fill(text, nodes);
  }
  document.getElementById("events-section").hidden = false;
  fill(document.getElementById("events"), evs.length
    ? table(["event", "date", "mode"], evs.map((r) => [iriLink(r.event, ploverOf(r.class)), r.date || "", r.mode || ""]))
    : el("p", { class: "hint" }, "No event."));
  return headline ? headline.o : shortIri(a);
}

async function showEvent(v) {
  const rows = await select(`SELECT ?p ?o WHERE { GRAPH ?g { ${ref(v)} ?p ?o } }`);
  if (rows.length === 0) throw new Error(v + ": no such event in the store");
  const all = (p) => rows.filter((r) => r.p === p).map((r) => r.o);
  const one = (p) => all(p)[0];
  const type = all(NS.rdf + "type").find((t) => t.startsWith(NS.ng));
  const mentions = await select(`SELECT ?start ?end ?evidence ?trigger WHERE { GRAPH ?g { ${ref(v)} ng:mention ?m .
    ?m ng:evidence ?evidence OPTIONAL { ?m ng:evidenceStart ?start } OPTIONAL { ?m ng:evidenceEnd ?end }
    OPTIONAL { ?m ng:trigger ?trigger } } } ORDER BY ?start`);
  const [actors, recipients, places] = [all(NS.ng + "actor"), all(NS.ng + "recipient"), all(NS.schema + "location")];
  const label = await labels([...actors, ...recipients, ...places]);
  const plover = one(NS.ng + "plover") || (type ? ploverOf(type) : "event");
  const date = one(NS.schema + "startDate");
  const basis = one(NS.ng + "dateBasis");
  fill(document.getElementById("title"), plover + (date ? " · " + date : ""));
  fill(document.getElementById("facts"), dlItems([
    ["Type", [plover, type ? el("span", { class: "hint" }, " (" + shortIri(type) + ")") : null]],
    ["Mode", one(NS.ng + "mode")],
    ["Actors", linkList(actors, label)],
    ["Recipients", linkList(recipients, label)],
    ["Place", linkList(places, label)],
    ["Date", date ? [date, basis ? el("span", { class: "hint" }, ` (from the ${basis === "publication" ? "publication date" : "text"})`) : null] : ""],
    ["Trigger", mentions.map((m) => m.trigger).filter(Boolean).join(", ")],
    ["Evidence", mentions.map((m) => el("blockquote", {}, m.evidence))],
    ["Confidence", one(NS.ng + "confidence")],
    ["Extractor", one(NS.ng + "extractor")],
    ["Happening", one(NS.ng + "happening") ? iriLink(one(NS.ng + "happening")) : ""],
    ["IRI", el("code", {}, v)],
  ]));
  const highlights = mentions.filter((m) => m.start !== undefined).map((m) => {
    const start = +m.start;
    const at = m.trigger ? m.evidence.indexOf(m.trigger) : -1;
    const t0 = at < 0 ? null : start + cpLength(m.evidence.slice(0, at));
    return { start, end: m.end !== undefined ? +m.end : start + cpLength(m.evidence),
      trigger: t0 === null ? null : { start: t0, end: t0 + cpLength(m.trigger) } };
  });
  const article = one(NS.prov + "wasDerivedFrom");
  if (article) await showArticle(article, highlights);
  return plover;
}

async function showHappening(h) {
  const [rows, reports, parts] = await Promise.all([
    select(`SELECT ?p ?o WHERE { GRAPH <${EVENTS_GRAPH}> { ${ref(h)} ?p ?o } }`),
    select(`SELECT ?event ?article ?source ?date ?evidence WHERE { GRAPH ?article { ?event ng:happening ${ref(h)} .
      OPTIONAL { ?event schema:startDate ?date } OPTIONAL { ?article ng:sourceFile ?source }
      OPTIONAL { ?event ng:evidence ?evidence } } } ORDER BY ?source ?event`),
    select(`SELECT DISTINCT ?role ?x WHERE { GRAPH ?a { ?event ng:happening ${ref(h)} ; ?p ?x . ${ROLE_VALUES} } }`),
  ]);
  if (rows.length === 0 && reports.length === 0) throw new Error(h + ": no such happening in the store");
  const one = (p) => rows.find((r) => r.p === p)?.o;
  const label = await labels(parts.map((r) => r.x));
  const role = (k) => linkList(parts.filter((r) => r.role === k).map((r) => r.x), label);
  const plover = one(NS.ng + "plover") || "happening";
  fill(document.getElementById("title"), plover + " (happening)");
  fill(document.getElementById("facts"), dlItems([
    ["Type", plover],
    ["Actors", role("actor")],
    ["Recipients", role("recipient")],
    ["Place", role("place")],
    ["Key", one(NS.ng + "happeningKey")],
    ["Merged by", one(NS.ng + "mergeReason")],
    ["IRI", el("code", {}, h)],
  ]));
  document.getElementById("reports-section").hidden = false;
  const byEvent = new Map();
  for (const r of reports) {
    if (!byEvent.has(r.event)) byEvent.set(r.event, { ...r, evidence: [] });
    if (r.evidence) byEvent.get(r.event).evidence.push(r.evidence);
  }
  fill(document.getElementById("reports"), table(["event", "article", "date", "evidence"],
    [...byEvent.values()].map((r) => [iriLink(r.event, shortIri(r.event)), iriLink(r.article, r.source || shortIri(r.article)),
      r.date || "", r.evidence.map((e) => el("blockquote", {}, e))])));
  return plover;
}

(async () => {
  try {
    const iri = pageIri();
    let title;
    if (/\/article$/.test(location.pathname)) {
      title = await showArticle(iri, []);
      fill(document.getElementById("title"), title);
    } else if (iri.startsWith(NS.happening)) {
      title = await showHappening(iri);
    } else {
      title = await showEvent(iri);
    }
    document.title = "newsgraph — " + title;
    fill(document.getElementById("status"));
    document.body.dataset.state = "done";
  } catch (err) {
    showError(err);
  }
})();
