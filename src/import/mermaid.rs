//! Mermaid flowcharts (`.mmd`, or the first flowchart block of a Markdown file): nodes become
//! blocks, links arrows (`---` and `<-->` undirected), subgraphs frames; a `class` naming a
//! catalog kind gives the block that kind. Blocks are placed by `placement::place`.

use std::collections::{BTreeMap, BTreeSet};

use super::mermaid_syntax::{self, Link, NodeRef, Statement};
use super::notes::Thing;
use super::placement::{self, Layout};
use super::sketch::{Connector, End, Heads, Shape, Sketch, SketchFrame};
use super::{ImportError, MAX_ELEMENTS};
use crate::model::{Rect, Routing, Vec2};

/// The flowchart's text: the whole file, or a Markdown file's first `mermaid` block that is
/// a flowchart.
fn flowchart_text(text: &str) -> Result<&str, ImportError> {
    if mermaid_syntax::looks_like_flowchart(text) {
        return Ok(text);
    }
    let mut first_kind = None;
    let mut rest = text;
    while let Some(at) = rest.find("```mermaid") {
        let body = &rest[at + "```mermaid".len()..];
        let body = body.split_once('\n').map_or("", |(_, b)| b);
        let end = body.find("\n```").map_or(body.len(), |e| e + 1);
        let block = &body[..end];
        if mermaid_syntax::looks_like_flowchart(block) {
            return Ok(block);
        }
        first_kind = first_kind.or_else(|| mermaid_syntax::header_words(block));
        rest = &body[end..];
    }
    Err(ImportError::NotFlowchart(
        match (first_kind, text.contains("```")) {
            (Some(kind), _) => format!(
                "its first mermaid block is a `{kind}` diagram; only flowcharts (graph, flowchart) are imported"
            ),
            (None, true) => "the Markdown file has no ```mermaid block".to_owned(),
            (None, false) if text.trim_start().starts_with('#') => {
                "the Markdown file has no ```mermaid block".to_owned()
            }
            (None, false) => match mermaid_syntax::header_words(text) {
                Some(word) => format!(
                    "it starts with `{}`, not `graph` or `flowchart`",
                    word.chars().take(30).collect::<String>()
                ),
                None => "it is empty".to_owned(),
            },
        },
    ))
}

/// A subgraph being read.
struct Open {
    id: String,
    title: String,
    parent: Option<usize>,
}

/// Everything a flowchart declares, in order of first mention.
#[derive(Default)]
struct Chart {
    title: String,
    nodes: Vec<(String, Option<String>)>,
    index: BTreeMap<String, usize>,
    /// The innermost subgraph of each node, by the subgraph's number.
    node_group: Vec<Option<usize>>,
    classes: BTreeMap<String, String>,
    groups: Vec<Open>,
    edges: Vec<(usize, usize, Link, usize)>,
}

impl Chart {
    fn node(&mut self, n: &NodeRef, group: Option<usize>) -> usize {
        let at = *self.index.entry(n.id.clone()).or_insert_with(|| {
            self.nodes.push((n.id.clone(), None));
            self.node_group.push(group);
            self.nodes.len() - 1
        });
        if let Some(label) = &n.label {
            self.nodes[at].1 = Some(label.clone());
        }
        if let Some(class) = &n.class {
            self.classes.insert(n.id.clone(), class.clone());
        }
        at
    }
}

/// Reads a flowchart (or the first one in a Markdown file).
pub(crate) fn read(text: &str) -> Result<Sketch, ImportError> {
    let text = flowchart_text(text)?;
    let mut chart = Chart::default();
    let mut sketch = Sketch::default();
    let mut open: Vec<usize> = Vec::new();
    let mut seen_header = false;
    let mut in_front_matter = false;
    let mut statements = 0_usize;
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        let line = line.trim();
        if n == 0 && line == "---" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            if line == "---" {
                in_front_matter = false;
            } else if let Some(title) = line.strip_prefix("title:") {
                title.trim().trim_matches('"').clone_into(&mut chart.title);
            }
            continue;
        }
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        let mut parts = mermaid_syntax::split_statements(line).into_iter();
        if !seen_header {
            // The header, and any statements after a semicolon on its line.
            seen_header = true;
            let _ = parts.next();
        }
        for part in parts {
            statements += 1;
            if statements > MAX_ELEMENTS {
                return Err(ImportError::TooManyElements {
                    count: statements,
                    max: MAX_ELEMENTS,
                });
            }
            match mermaid_syntax::statement(part) {
                Ok(statement) => apply(&mut chart, &mut open, statement, number),
                Err(_) => sketch
                    .skips
                    .add(Thing::Unreadable, &format!("line {number}")),
            }
        }
    }
    build(chart, &mut sketch);
    Ok(sketch)
}

fn apply(chart: &mut Chart, open: &mut Vec<usize>, statement: Statement, line: usize) {
    let group = open.last().copied();
    match statement {
        Statement::Chain { groups, links } => {
            let ids: Vec<Vec<usize>> = groups
                .iter()
                .map(|g| g.iter().map(|n| chart.node(n, group)).collect())
                .collect();
            for (k, link) in links.into_iter().enumerate() {
                for &a in &ids[k] {
                    for &b in &ids[k + 1] {
                        chart.edges.push((a, b, link.clone(), line));
                    }
                }
            }
        }
        Statement::Subgraph { id, title } => {
            chart.groups.push(Open {
                id,
                title,
                parent: group,
            });
            open.push(chart.groups.len() - 1);
        }
        Statement::End => {
            open.pop();
        }
        Statement::Class { ids, class } => {
            for id in ids {
                chart.classes.insert(id, class.clone());
            }
        }
        Statement::Ignored => {}
    }
}

/// The chart as a sketch: nodes placed, links as connectors, subgraphs as frames.
fn build(chart: Chart, sketch: &mut Sketch) {
    sketch.title = chart.title;
    // A link to a subgraph's id joins no block.
    let subgraph_ids: BTreeSet<&str> = chart.groups.iter().map(|g| g.id.as_str()).collect();
    let is_node: Vec<bool> = chart
        .nodes
        .iter()
        .map(|(id, label)| label.is_some() || !subgraph_ids.contains(id.as_str()))
        .collect();
    let flows: Vec<(usize, usize)> = chart
        .edges
        .iter()
        .filter(|(a, b, link, _)| !link.invisible && is_node[*a] && is_node[*b])
        .map(|&(a, b, ..)| (a, b))
        .collect();
    let Layout { blocks, frames } = placement::place(
        &is_node,
        &flows,
        &chart.node_group,
        &chart.groups.iter().map(|g| g.parent).collect::<Vec<_>>(),
    );
    let mut shape_of = vec![None; chart.nodes.len()];
    for (i, (id, label)) in chart.nodes.iter().enumerate() {
        let Some(rect) = blocks[i].filter(|_| is_node[i]) else {
            continue;
        };
        shape_of[i] = Some(sketch.shapes.len());
        sketch.shapes.push(Shape {
            key: id.clone(),
            rect,
            label: label.clone().unwrap_or_else(|| id.clone()),
            note: String::new(),
            kind: chart.classes.get(id).cloned(),
            keep: true,
        });
    }
    // A link to a subgraph reaches its title: a block across the top of its frame.
    let linked: BTreeSet<usize> = chart
        .edges
        .iter()
        .flat_map(|(a, b, ..)| [*a, *b])
        .filter(|&i| !is_node[i])
        .collect();
    for (g, frame) in chart.groups.iter().zip(frames) {
        if let Some(&node) = linked
            .iter()
            .find(|&&i| chart.nodes[i].0 == g.id && shape_of[i].is_none())
        {
            shape_of[node] = Some(sketch.shapes.len());
            sketch.shapes.push(Shape {
                key: g.id.clone(),
                rect: Rect::new(frame.min, Vec2::new(frame.size.x, placement::TITLE_HEIGHT)),
                label: g.title.clone(),
                note: String::new(),
                kind: None,
                keep: true,
            });
        }
        sketch.frames.push(SketchFrame {
            rect: frame,
            label: g.title.clone(),
        });
    }
    let end = |i: usize| shape_of[i].map_or(End::Loose, End::Shape);
    for (a, b, link, line) in chart.edges {
        if link.invisible {
            sketch
                .skips
                .add(Thing::InvisibleLink, &format!("line {line}"));
            continue;
        }
        sketch.connectors.push(Connector {
            key: format!("line {line}"),
            start: end(a),
            end: end(b),
            label: link.label.unwrap_or_default(),
            heads: Heads::of((link.start_head, link.end_head)),
            routing: Routing::Straight,
            middle: None,
            loose: Thing::LooseArrow,
        });
    }
}

#[cfg(test)]
mod tests;
