//! A guard against the one query shape whose memory the evaluator cannot
//! stop in time: a cross product of three or more groups of patterns that
//! share no variable. Cancellation is checked when the evaluator reads the
//! store; between two reads a three-way product makes |B| × |C| rows (millions
//! on a small store, gigabytes when they are sorted), so such queries are
//! refused before they run. Two-way products stay allowed (the deadline and
//! the memory watchdog stop them) unless they are sorted: a sort cannot be
//! interrupted, and sorting millions of rows keeps a worker for minutes.

use std::collections::HashMap;

use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
use spargebra::Query;

/// Err with a one-line reason when the query has a wide three-way product.
pub fn check(query: &Query) -> Result<(), String> {
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    walk(pattern, false)
}

/// One operand of a flattened join: its variables and whether it can match
/// many rows (two or more open positions, or any pattern that is not a
/// VALUES table).
struct Leaf {
    vars: Vec<String>,
    wide: bool,
}

/// `sorted`: the rows of `pattern` go through ORDER BY.
fn walk(pattern: &GraphPattern, sorted: bool) -> Result<(), String> {
    let limit = if sorted { 2 } else { 3 };
    match pattern {
        GraphPattern::Bgp { .. } | GraphPattern::Join { .. } | GraphPattern::Graph { .. } => {
            let mut leaves = Vec::new();
            let mut nested = Vec::new();
            flatten(pattern, None, &mut leaves, &mut nested);
            let wide_groups = wide_components(&leaves);
            if wide_groups >= limit {
                return Err(format!(
                    "refused: the query {} {wide_groups} groups of patterns that share no variable, a cross product too large to evaluate; connect them through a variable",
                    if sorted { "sorts" } else { "joins" }
                ));
            }
            nested.into_iter().try_for_each(|p| walk(p, sorted))
        }
        GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => {
            walk(left, sorted)?;
            walk(right, sorted)
        }
        GraphPattern::OrderBy { inner, .. } => walk(inner, true),
        GraphPattern::Group { inner, .. } | GraphPattern::Service { inner, .. } => {
            walk(inner, false)
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. } => walk(inner, sorted),
        _ => Ok(()),
    }
}

/// The operands of nested joins, basic graph patterns and GRAPH blocks (a
/// GRAPH variable joins what it encloses); other patterns are one operand
/// each and are checked on their own (`nested`).
fn flatten<'a>(
    pattern: &'a GraphPattern,
    graph: Option<&str>,
    leaves: &mut Vec<Leaf>,
    nested: &mut Vec<&'a GraphPattern>,
) {
    match pattern {
        GraphPattern::Bgp { patterns } => {
            for t in patterns {
                leaves.push(triple_leaf(t, graph));
            }
        }
        GraphPattern::Join { left, right } => {
            flatten(left, graph, leaves, nested);
            flatten(right, graph, leaves, nested);
        }
        GraphPattern::Graph { name, inner } => {
            let name = match name {
                NamedNodePattern::Variable(v) => Some(v.as_str()),
                NamedNodePattern::NamedNode(_) => graph,
            };
            flatten(inner, name, leaves, nested);
        }
        other => {
            let mut vars: Vec<String> = Vec::new();
            other.on_in_scope_variable(|v| vars.push(v.as_str().to_string()));
            vars.extend(graph.map(str::to_string));
            let wide = !matches!(other, GraphPattern::Values { .. });
            leaves.push(Leaf { vars, wide });
            nested.push(other);
        }
    }
}

fn triple_leaf(t: &TriplePattern, graph: Option<&str>) -> Leaf {
    let mut vars = Vec::new();
    let mut open = 0;
    let mut term = |p: &TermPattern| match p {
        TermPattern::Variable(v) => {
            vars.push(v.as_str().to_string());
            open += 1;
        }
        TermPattern::BlankNode(b) => {
            vars.push(format!("_:{}", b.as_str()));
            open += 1;
        }
        _ => {}
    };
    term(&t.subject);
    term(&t.object);
    if let NamedNodePattern::Variable(v) = &t.predicate {
        vars.push(v.as_str().to_string());
        open += 1;
    }
    vars.extend(graph.map(str::to_string));
    Leaf {
        vars,
        wide: open >= 2,
    }
}

/// How many groups of leaves connected by shared variables hold a wide leaf.
fn wide_components(leaves: &[Leaf]) -> usize {
    let mut parent: Vec<usize> = (0..leaves.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    for (i, leaf) in leaves.iter().enumerate() {
        for v in &leaf.vars {
            if let Some(&j) = first_with.get(v.as_str()) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            } else {
                first_with.insert(v, i);
            }
        }
    }
    let mut wide_roots: Vec<usize> = (0..leaves.len())
        .filter(|i| leaves[*i].wide)
        .map(|i| find(&mut parent, i))
        .collect();
    wide_roots.sort_unstable();
    wide_roots.dedup();
    wide_roots.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(q: &str) -> bool {
        check(&spargebra::SparqlParser::new().parse_query(q).unwrap()).is_ok()
    }

    #[test]
    fn three_way_products_are_refused() {
        assert!(!verdict(
            "SELECT * { GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?a ?b ?c } GRAPH ?i { ?d ?e ?f } } ORDER BY ?o"
        ));
        assert!(!verdict(
            "SELECT * { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f FILTER(?o = ?c) }"
        ));
        assert!(!verdict(
            "SELECT * { { SELECT * { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f } } }"
        ));
        assert!(verdict("SELECT * { ?s ?p ?o . ?a ?b ?c }"));
        assert!(!verdict(
            "SELECT * { ?s ?p ?o . ?a ?b ?c } ORDER BY ?o LIMIT 5"
        ));
        assert!(verdict("SELECT * { ?s ?p ?o . ?s ?b ?c } ORDER BY ?o"));
        assert!(verdict(
            "SELECT * { GRAPH ?g { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f } }"
        ));
        assert!(verdict(
            "SELECT * { <a:x> <a:l> ?l . <a:y> <a:l> ?m . <a:z> <a:l> ?n . ?s ?p ?o }"
        ));
        assert!(verdict(
            "SELECT * { GRAPH ?g { ?v a ?t ; <a:actor> ?a } GRAPH ?h { ?a <a:label> ?l } }"
        ));
    }
}
