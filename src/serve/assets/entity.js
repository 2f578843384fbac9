// The entity page: description, positions, relations, event timeline,
// articles, and the neighbourhood graph (Cytoscape.js).
"use strict";

const ROLES = `VALUES (?p ?role) { (ng:actor "actor") (ng:recipient "recipient") (schema:location "place") }`;
/** Events drawn at most in the graph (the timeline lists them all). */
const GRAPH_EVENTS = 150;
const RELATIONS = { [NS.schema + "memberOf"]: "member of", [NS.schema + "containedInPlace"]: "in", [NS.ng + "alliedWith"]: "allied with" };

/** Person, Organization or Place (else ""), for each IRI. */
async function coarseTypes(iris) {
  const out = new Map();
  const wanted = [...new Set(iris.filter(safeIri))];
  if (wanted.length === 0) return out;
  const rows = await select(`SELECT ?x ?t WHERE { VALUES ?x { ${wanted.map(ref).join(" ")} }
    GRAPH <${ENTITIES_GRAPH}> { ?x a ?t . VALUES ?t { schema:Person schema:Organization schema:Place } } }`);
  for (const r of rows) out.set(r.x, r.t.slice(NS.schema.length));
  return out;
}

async function description(e) {
  const rows = await select(`SELECT ?p ?o WHERE { GRAPH <${ENTITIES_GRAPH}> { ${ref(e)} ?p ?o } }`);
  const by = (p) => rows.filter((r) => r.p === p);
  const labelRows = by(NS.rdfs + "label");
  const names = labelRows.map((r) => r.$terms.o);
  const best = names.find((t) => t["xml:lang"] === "fr") || names.find((t) => t["xml:lang"] === "en") || names[0];
  const title = best ? best.value : tail(e);
  fill(document.getElementById("title"), title);
  document.title = "newsgraph — " + title;
  const facts = document.getElementById("facts");
  const item = (term, values) => (values.length ? [el("dt", {}, term), el("dd", {}, values)] : []);
  const joined = (nodes) => nodes.map((n, i) => [i ? ", " : "", n]);
  fill(facts,
    item("IRI", [el("code", {}, e)]),
    item("Type", joined(by(NS.rdf + "type").map((r) => shortIri(r.o)))),
    item("Labels", joined(names.map(termNode))),
    item("Aliases", joined(by(NS.skos + "altLabel").map((r) => termNode(r.$terms.o)))),
    item("Wikidata", joined(by(NS.owl + "sameAs").map((r) => iriLink(r.o, shortIri(r.o))))),
    item("Source", joined(by(NS.ng + "source").map((r) => r.o))),
    item("Merged by", joined(by(NS.ng + "mergeReason").map((r) => r.o))));
  if (rows.length === 0) fill(facts, item("IRI", [el("code", {}, e)]), item("Note", ["not described in the entities graph"]));
  return title;
}

async function positions(e) {
  return select(`SELECT DISTINCT ?person ?role ?org ?evidence ?article WHERE {
    GRAPH ?article {
      { ${ref(e)} ng:holdsPosition ?x . BIND(${ref(e)} AS ?person) }
      UNION { ?person ng:holdsPosition ?x . ?x ng:organization ${ref(e)} }
      ?x ng:role ?role ; ng:organization ?org .
      OPTIONAL { ?x ng:evidence ?evidence } } }`);
}

async function relations(e) {
  return select(`SELECT DISTINCT ?s ?p ?o ?article WHERE {
    VALUES ?p { schema:memberOf schema:containedInPlace ng:alliedWith }
    GRAPH ?article { { ${ref(e)} ?p ?o . BIND(${ref(e)} AS ?s) } UNION { ?s ?p ${ref(e)} . BIND(${ref(e)} AS ?o) } } }`);
}

/** The article events the entity takes part in, with all their participants. */
async function events(e) {
  const rows = await select(`SELECT ?event ?class ?date ?mode ?happening ?article ?source ?role ?x WHERE {
    GRAPH ?article {
      ?event ng:actor|ng:recipient|schema:location ${ref(e)} ; a ?class .
      FILTER (STRSTARTS(STR(?class), STR(ng:)))
      ?event ?p ?x . ${ROLES}
      OPTIONAL { ?event schema:startDate ?date }
      OPTIONAL { ?event ng:mode ?mode }
      OPTIONAL { ?event ng:happening ?happening }
      OPTIONAL { ?article ng:sourceFile ?source } } }`);
  const byEvent = new Map();
  for (const r of rows) {
    let ev = byEvent.get(r.event);
    if (!ev) {
      ev = { iri: r.event, type: ploverOf(r.class), date: r.date || "", mode: r.mode || "", happening: r.happening,
        article: r.article, source: r.source || shortIri(r.article), actor: [], recipient: [], place: [] };
      byEvent.set(r.event, ev);
    }
    if (!ev[r.role].includes(r.x)) ev[r.role].push(r.x);
  }
  return [...byEvent.values()].sort((a, b) => a.date.localeCompare(b.date) || a.iri.localeCompare(b.iri));
}

async function articles(e) {
  return select(`SELECT ?article ?source ?date ?headline (COUNT(DISTINCT ?m) AS ?mentions) WHERE {
    GRAPH ?article { ?article schema:mentions ${ref(e)} .
      OPTIONAL { ?article ng:sourceFile ?source }
      OPTIONAL { ?article schema:datePublished ?date }
      OPTIONAL { ?article schema:headline ?headline }
      OPTIONAL { ?m ng:refersTo ${ref(e)} ; ng:inArticle ?article } } }
    GROUP BY ?article ?source ?date ?headline ORDER BY ?date ?source`);
}

function names(list, label) {
  return list.map((x, i) => [i ? ", " : "", iriLink(x, label.get(x))]);
}

function renderTables(e, pos, rel, evs, arts, label) {
  const none = (what) => el("p", { class: "hint" }, what);
  fill(document.getElementById("positions"), pos.length
    ? table(["person", "role", "organisation", "evidence", "article"], pos.map((r) => [
      iriLink(r.person, label.get(r.person)), shortIri(r.role).replace(/^ng:/, ""), iriLink(r.org, label.get(r.org)),
      el("q", {}, r.evidence || ""), iriLink(r.article)]))
    : none("No position held or given."));
  fill(document.getElementById("relations"), rel.length
    ? table(["subject", "relation", "object", "article"], rel.map((r) => [
      iriLink(r.s, label.get(r.s)), RELATIONS[r.p] || shortIri(r.p), iriLink(r.o, label.get(r.o)), iriLink(r.article)]))
    : none("No relation stated."));
  const role = (ev) => ["actor", "recipient", "place"].filter((k) => ev[k].includes(e)).join(", ");
  fill(document.getElementById("timeline"), evs.length
    ? table(["date", "event", "mode", "role", "actors", "recipients", "place", "article"], evs.map((ev) => [
      ev.date, iriLink(ev.iri, ev.type), ev.mode, role(ev), names(ev.actor, label), names(ev.recipient, label),
      names(ev.place, label), iriLink(ev.article, ev.source)]))
    : none("No event."));
  fill(document.getElementById("articles"), arts.length
    ? table(["date", "headline", "file", "mentions"], arts.map((r) => [
      r.date || "", iriLink(r.article, r.headline || shortIri(r.article)), r.source || "", r.mentions]))
    : none("No article mentions it."));
}

/** Cytoscape elements: entities, one node per happening, role and relation edges. */
function graphElements(e, pos, rel, evs, label, types) {
  const nodes = new Map();
  const edges = [];
  const entity = (x) => {
    if (!nodes.has(x)) {
      nodes.set(x, { data: { id: x, label: label.get(x) || tail(x), href: pageOf(x) || "" },
        classes: (types.get(x) || "other").toLowerCase() + (x === e ? " focus" : "") });
    }
    return x;
  };
  entity(e);
  // A big neighbourhood would not lay out in time: the latest events only.
  for (const ev of evs.slice(-GRAPH_EVENTS)) {
    const id = ev.happening || ev.iri;
    if (!nodes.has(id)) {
      nodes.set(id, { data: { id, label: [ev.type, ev.date].filter(Boolean).join(" "), href: pageOf(ev.iri) || "" }, classes: "event" });
    }
    const edge = (from, to, role) => {
      const key = `${from}|${to}|${role}`;
      if (!edges.some((x) => x.data.id === key)) edges.push({ data: { id: key, source: from, target: to, label: role }, classes: role });
    };
    ev.actor.forEach((x) => edge(entity(x), id, "actor"));
    ev.recipient.forEach((x) => edge(id, entity(x), "recipient"));
    ev.place.forEach((x) => edge(id, entity(x), "place"));
  }
  for (const r of rel) {
    const id = `${r.s}|${r.o}|${r.p}`;
    if (!edges.some((x) => x.data.id === id)) {
      edges.push({ data: { id, source: entity(r.s), target: entity(r.o), label: RELATIONS[r.p] || shortIri(r.p) }, classes: "relation" });
    }
  }
  for (const r of pos) {
    const id = `${r.person}|${r.org}|${r.role}`;
    if (!edges.some((x) => x.data.id === id)) {
      edges.push({ data: { id, source: entity(r.person), target: entity(r.org), label: shortIri(r.role).replace(/^ng:/, "") }, classes: "position" });
    }
  }
  return [...nodes.values(), ...edges];
}

function drawGraph(elements) {
  const container = document.getElementById("graph");
  if (typeof cytoscape !== "function") throw new Error("Cytoscape.js did not load");
  const cy = cytoscape({
    container,
    elements,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
        "text-wrap": "ellipsis", "text-max-width": 140, width: 22, height: 22, "background-color": "#888", color: "#222" } },
      { selector: "node.person", style: { "background-color": "#3b6ea5", shape: "ellipse" } },
      { selector: "node.organization", style: { "background-color": "#d9822b", shape: "round-rectangle" } },
      { selector: "node.place", style: { "background-color": "#3d8c40", shape: "hexagon" } },
      { selector: "node.event", style: { "background-color": "#777", shape: "diamond", width: 14, height: 14, "font-size": 9, color: "#555" } },
      { selector: "node.focus", style: { width: 34, height: 34, "border-width": 3, "border-color": "#111", "font-weight": "bold", "font-size": 13 } },
      { selector: "edge", style: { width: 1.5, "line-color": "#bbb", "curve-style": "bezier", "target-arrow-shape": "triangle",
        "target-arrow-color": "#bbb", label: "data(label)", "font-size": 8, color: "#777", "text-rotation": "autorotate", "min-zoomed-font-size": 7 } },
      { selector: "edge.actor, edge.recipient", style: { label: "" } },
      { selector: "edge.place", style: { "line-style": "dashed" } },
      { selector: "edge.relation, edge.position", style: { "line-color": "#9a7fc1", "target-arrow-color": "#9a7fc1", "line-style": "dotted", width: 2 } },
    ],
  });
  cy.on("tap", "node", (evt) => {
    const href = evt.target.data("href");
    if (href) location.assign(href);
  });
  const layout = cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: () => 40000, idealEdgeLength: () => 80, nodeOverlap: 20, padding: 24, numIter: 2500 });
  layout.one("layoutstop", () => {
    container.dataset.nodes = cy.nodes().length;
    container.dataset.edges = cy.edges().length;
    container.setAttribute("aria-label", `Graph of the entity's neighbourhood: ${cy.nodes().length} nodes, ${cy.edges().length} edges`);
  });
  layout.run();
}

(async () => {
  try {
    const e = pageIri();
    const [title, pos, rel, evs, arts] = await Promise.all([description(e), positions(e), relations(e), events(e), articles(e)]);
    const iris = [e];
    pos.forEach((r) => iris.push(r.person, r.org));
    rel.forEach((r) => iris.push(r.s, r.o));
    evs.forEach((ev) => iris.push(...ev.actor, ...ev.recipient, ...ev.place));
    const [label, types] = await Promise.all([labels(iris), coarseTypes(iris)]);
    label.set(e, title);
    renderTables(e, pos, rel, evs, arts, label);
    fill(document.getElementById("status"),
      `${evs.length} events, ${arts.length} articles, ${pos.length} positions, ${rel.length} relations.`,
      evs.length > GRAPH_EVENTS ? ` The graph shows the latest ${GRAPH_EVENTS} events.` : "");
    drawGraph(graphElements(e, pos, rel, evs, label, types));
    document.body.dataset.state = "done";
  } catch (err) {
    showError(err);
  }
})();
