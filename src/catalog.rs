//! The block catalog: kinds of ML components, their categories, colours and aliases.

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

pub use crate::text::normalize;
use crate::text::{Terms, canonical};

/// The catalog shipped with the app (`assets/catalog.ron`), compiled into the binary.
pub const BUILTIN_CATALOG: &str = include_str!("../assets/catalog.ron");

/// The kind of a free block that matches on its label alone.
pub const CUSTOM_KIND: &str = "custom";

/// A group of kinds shown together in the palette.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: String,
}

/// One kind of block, e.g. `ann_index`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Kind {
    /// `snake_case` id used in board files.
    pub id: String,
    /// Display name, e.g. "ANN index".
    pub name: String,
    /// The id of its [`Category`].
    pub category: String,
    /// Accent colour, RGB.
    pub color: (u8, u8, u8),
    /// One sentence for the hover text.
    pub description: String,
    /// Other words for the same thing, including product names ("FAISS").
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct CatalogFile {
    categories: Vec<Category>,
    kinds: Vec<Kind>,
}

/// Why a catalog text could not be used.
#[derive(Debug, Error)]
pub enum CatalogError {
    #[error("catalog syntax error at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("catalog is inconsistent: {0}")]
    Invalid(String),
}

/// All block kinds, in palette order, with a lookup by id and by alias.
#[derive(Clone, Debug)]
pub struct Catalog {
    categories: Vec<Category>,
    kinds: Vec<Kind>,
    by_id: BTreeMap<String, usize>,
    /// Normalised id, name and aliases -> kind index.
    by_term: BTreeMap<String, usize>,
    /// The canonical words of every kind, built the first time grading needs them.
    terms: std::sync::OnceLock<KindTerms>,
}

/// Every kind's name and aliases as canonical terms, and which kinds each word appears in.
#[derive(Clone, Debug, Default)]
pub struct KindTerms {
    pub names: BTreeMap<String, Vec<Terms>>,
    pub kinds_by_word: BTreeMap<String, std::collections::BTreeSet<String>>,
}

impl Catalog {
    /// Parses the catalog compiled into the app.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        Catalog::from_ron(BUILTIN_CATALOG)
    }

    /// Parses and checks a catalog written in RON.
    pub fn from_ron(text: &str) -> Result<Catalog, CatalogError> {
        let file: CatalogFile = ron::from_str(text).map_err(|e| CatalogError::Syntax {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        let mut by_id = BTreeMap::new();
        let mut by_term: BTreeMap<String, usize> = BTreeMap::new();
        for (index, kind) in file.kinds.iter().enumerate() {
            if !file.categories.iter().any(|c| c.id == kind.category) {
                return Err(CatalogError::Invalid(format!(
                    "kind `{}` names unknown category `{}`",
                    kind.id, kind.category
                )));
            }
            if by_id.insert(kind.id.clone(), index).is_some() {
                return Err(CatalogError::Invalid(format!(
                    "kind `{}` is defined twice",
                    kind.id
                )));
            }
            let terms = [&kind.id, &kind.name].into_iter().chain(&kind.aliases);
            for term in terms {
                let key = normalize(term);
                if let Some(&other) = by_term.get(&key)
                    && other != index
                {
                    return Err(CatalogError::Invalid(format!(
                        "`{term}` is used by both `{}` and `{}`",
                        file.kinds[other].id, kind.id
                    )));
                }
                by_term.insert(key, index);
            }
        }
        if !by_id.contains_key(CUSTOM_KIND) {
            return Err(CatalogError::Invalid("the `custom` kind is missing".into()));
        }
        Ok(Catalog {
            categories: file.categories,
            kinds: file.kinds,
            by_id,
            by_term,
            terms: std::sync::OnceLock::new(),
        })
    }

    /// The canonical words of every kind's name and aliases (built once, on first use).
    pub fn kind_terms(&self) -> &KindTerms {
        self.terms.get_or_init(|| {
            let mut terms = KindTerms::default();
            for kind in &self.kinds {
                let names: Vec<Terms> = std::iter::once(&kind.name)
                    .chain(&kind.aliases)
                    .map(|t| canonical(t))
                    .filter(|t| !t.joined.is_empty())
                    .collect();
                for word in names.iter().flat_map(|n| &n.words) {
                    terms
                        .kinds_by_word
                        .entry(word.clone())
                        .or_default()
                        .insert(kind.id.clone());
                }
                terms.names.insert(kind.id.clone(), names);
            }
            terms
        })
    }

    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Every kind, in palette order.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.by_id.get(id).map(|&i| &self.kinds[i])
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The kinds of one category, in palette order.
    pub fn kinds_in<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Kind> + 'a {
        self.kinds.iter().filter(move |k| k.category == category)
    }

    /// The kind whose id, name or alias equals `text` after normalisation ("faiss" -> ANN index).
    pub fn lookup(&self, text: &str) -> Option<&Kind> {
        self.by_term.get(&normalize(text)).map(|&i| &self.kinds[i])
    }

    /// Kinds matching a typed query, best first: exact term, then term prefix, then a word
    /// prefix, then a substring. An empty query returns nothing.
    pub fn search(&self, query: &str) -> Vec<&Kind> {
        let query = normalize(query);
        if query.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, usize)> = Vec::new();
        for (index, kind) in self.kinds.iter().enumerate() {
            let terms = [&kind.id, &kind.name].into_iter().chain(&kind.aliases);
            let rank = terms
                .filter_map(|t| match_rank(&normalize(t), &query))
                .min();
            if let Some(rank) = rank {
                ranked.push((rank, index));
            }
        }
        ranked.sort_unstable();
        ranked.into_iter().map(|(_, i)| &self.kinds[i]).collect()
    }
}

/// One entry of the quick-add list: the kind to add, the label the new block gets, and
/// the text shown for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub kind: String,
    pub label: String,
    pub shown: String,
}

impl Catalog {
    /// What the quick-add box offers for typed text, best first, ending with a custom block
    /// of that text. A product name or alias the user typed becomes the label ("faiss" ->
    /// an ANN index labelled "FAISS").
    pub fn suggest(&self, query: &str) -> Vec<Suggestion> {
        let typed = query.trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let wanted = normalize(typed);
        let mut out: Vec<Suggestion> = self
            .search(typed)
            .into_iter()
            .take(8)
            .map(|kind| {
                let alias = kind.aliases.iter().find(|a| normalize(a) == wanted);
                Suggestion {
                    kind: kind.id.clone(),
                    label: alias.unwrap_or(&kind.name).clone(),
                    shown: alias
                        .map_or_else(|| kind.name.clone(), |a| format!("{a} — {}", kind.name)),
                }
            })
            .collect();
        out.push(Suggestion {
            kind: CUSTOM_KIND.to_owned(),
            label: typed.to_owned(),
            shown: format!("Custom block \"{typed}\""),
        });
        out
    }
}

fn match_rank(term: &str, query: &str) -> Option<u8> {
    if term == query {
        Some(0)
    } else if term.starts_with(query) {
        Some(1)
    } else if term.split(' ').any(|w| w.starts_with(query)) {
        Some(2)
    } else if term.contains(query) {
        Some(3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
