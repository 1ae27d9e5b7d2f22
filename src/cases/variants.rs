//! Checking a case reference, and cutting a reference with alternatives into its designs.

use std::collections::BTreeSet;

use super::{CaseStudy, DesignOption, HINT_RANGE, NODE_RANGE};
use crate::catalog::Catalog;

impl CaseStudy {
    /// Everything wrong with this reference, in plain words; empty when it is valid.
    pub fn problems(&self, catalog: &Catalog) -> Vec<String> {
        let mut out = Vec::new();
        let valid_id = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_id {
            out.push(format!(
                "id `{}` must be lower-case letters, digits and dashes",
                self.id
            ));
        }
        if self.title.trim().is_empty() || self.prompt.trim().is_empty() {
            out.push("title and prompt must not be empty".to_owned());
        }
        if !HINT_RANGE.contains(&self.hints.len()) {
            out.push(format!(
                "has {} hints; the hint ladder needs 3 to 5",
                self.hints.len()
            ));
        }
        for (step, concepts) in self.concepts.steps() {
            if concepts.is_empty() {
                out.push(format!("lists no key concepts for the step \"{step}\""));
            }
        }
        out.extend(self.alternative_problems());
        let mut ids = BTreeSet::new();
        for node in &self.nodes {
            if !ids.insert(node.id.as_str()) {
                out.push(format!("node id `{}` is used twice", node.id));
            }
            if !catalog.contains(&node.kind) {
                out.push(format!(
                    "node `{}` has kind `{}`, which is not in the catalog",
                    node.id, node.kind
                ));
            }
            if node.aliases.iter().filter(|a| !a.trim().is_empty()).count() < 2 {
                out.push(format!("node `{}` needs at least two aliases", node.id));
            }
        }
        if !out.is_empty() {
            return out;
        }
        for variant in self.variants() {
            for problem in variant.graph_problems() {
                let problem = if variant.chosen.is_empty() {
                    problem
                } else {
                    format!("in the design \"{}\": {problem}", variant.chosen.join(", "))
                };
                if !out.contains(&problem) {
                    out.push(problem);
                }
            }
        }
        out
    }

    /// Problems of the alternatives: too few options, unknown or repeated option ids.
    fn alternative_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut options = BTreeSet::new();
        for alternative in &self.alternatives {
            if alternative.options.len() < 2 {
                out.push(format!(
                    "the alternative \"{}\" needs at least two options",
                    alternative.name
                ));
            }
            for option in &alternative.options {
                if !options.insert(option.id.as_str()) {
                    out.push(format!("option id `{}` is used twice", option.id));
                }
            }
        }
        let tags = self
            .nodes
            .iter()
            .map(|n| (format!("node `{}`", n.id), &n.option))
            .chain(
                self.edges
                    .iter()
                    .map(|e| (format!("edge {} -> {}", e.from, e.to), &e.option)),
            );
        for (what, option) in tags {
            if let Some(option) = option
                && !options.contains(option.as_str())
            {
                out.push(format!(
                    "{what} belongs to option `{option}`, which no alternative offers"
                ));
            }
        }
        out
    }

    /// Problems of one design's graph: node count, dangling edges, self-loops.
    fn graph_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !NODE_RANGE.contains(&self.nodes.len()) {
            out.push(format!(
                "has {} nodes; a reference needs 6 to 16",
                self.nodes.len()
            ));
        }
        let ids: BTreeSet<&str> = self.nodes.iter().map(|n| n.id.as_str()).collect();
        for (index, edge) in self.edges.iter().enumerate() {
            for end in [&edge.from, &edge.to] {
                if !ids.contains(end.as_str()) {
                    out.push(format!(
                        "edge {} ({} -> {}) names node `{end}`, which does not exist",
                        index + 1,
                        edge.from,
                        edge.to
                    ));
                }
            }
            if edge.from == edge.to {
                out.push(format!(
                    "edge {} joins `{}` to itself",
                    index + 1,
                    edge.from
                ));
            }
        }
        out
    }

    /// Every design the reference allows, each cut down to one plain graph (no
    /// alternatives, `chosen` naming its options): one per combination of options, the
    /// default (every first option) first. A study without alternatives has one variant,
    /// itself.
    pub fn variants(&self) -> Vec<CaseStudy> {
        let mut choices: Vec<Vec<&DesignOption>> = vec![Vec::new()];
        for alternative in &self.alternatives {
            choices = choices
                .into_iter()
                .flat_map(|chosen| {
                    alternative.options.iter().map(move |option| {
                        let mut next = chosen.clone();
                        next.push(option);
                        next
                    })
                })
                .collect();
        }
        choices
            .into_iter()
            .map(|chosen| self.cut(&chosen))
            .collect()
    }

    /// The design the reference view shows: the first option of every alternative.
    #[must_use]
    pub fn default_variant(&self) -> CaseStudy {
        let chosen: Vec<&DesignOption> = self
            .alternatives
            .iter()
            .filter_map(|a| a.options.first())
            .collect();
        self.cut(&chosen)
    }

    fn cut(&self, chosen: &[&DesignOption]) -> CaseStudy {
        if self.alternatives.is_empty() {
            return self.clone();
        }
        let keep = |option: &Option<String>| {
            option
                .as_ref()
                .is_none_or(|id| chosen.iter().any(|o| &o.id == id))
        };
        CaseStudy {
            nodes: self
                .nodes
                .iter()
                .filter(|n| keep(&n.option))
                .cloned()
                .collect(),
            edges: self
                .edges
                .iter()
                .filter(|e| keep(&e.option))
                .cloned()
                .collect(),
            alternatives: Vec::new(),
            chosen: chosen.iter().map(|o| o.label.clone()).collect(),
            vocabulary: std::sync::OnceLock::new(),
            drawn: super::Drawn::default(),
            ..self.clone()
        }
    }
}
