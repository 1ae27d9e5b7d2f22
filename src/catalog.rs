//! The block catalog: kinds of ML components, their categories, colours and aliases.

mod matcher;

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
    /// The stage a block of this kind belongs to when nothing on the board says otherwise
    /// (Tidy puts it in that band); `None` for kinds found on either path.
    #[serde(default, deserialize_with = "some_stage")]
    pub stage: Option<Stage>,
}

/// Which path of the system a component belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Stage {
    /// The prediction path that answers a request.
    Online,
    /// Training, indexing, batch and data pipelines.
    Offline,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Online => "Online",
            Stage::Offline => "Offline",
        }
    }

    /// The stage a text names as a word of its own, in any case ("Online: prediction
    /// pipeline", "OFFLINE"); `None` when it names neither, or both.
    pub fn named_in(text: &str) -> Option<Stage> {
        let mut words = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let (online, offline) = words.try_fold((false, false), |(on, off), word| {
            let on = on || word.eq_ignore_ascii_case("online");
            let off = off || word.eq_ignore_ascii_case("offline");
            // Both named: no need to read on.
            if on && off { None } else { Some((on, off)) }
        })?;
        match (online, offline) {
            (true, false) => Some(Stage::Online),
            (false, true) => Some(Stage::Offline),
            _ => None,
        }
    }
}

/// A kind's `stage: Offline` as written in the catalog, without `Some(…)`; an unknown stage
/// name is refused with the names that exist.
fn some_stage<'de, D: serde::Deserializer<'de>>(file: D) -> Result<Option<Stage>, D::Error> {
    Stage::deserialize(file).map(Some)
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
    /// Every kind's names split into words for the matcher, built on the first search.
    index: std::sync::OnceLock<matcher::Index>,
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
            index: std::sync::OnceLock::new(),
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

    /// Kinds matching a typed query, best first, as the matcher ranks them (the rule is in
    /// `catalog/matcher.rs`): the whole query as a name or alias, then its canonical words,
    /// then the start of a name, then every word met, then some. An empty query returns
    /// nothing.
    pub fn search(&self, query: &str) -> Vec<&Kind> {
        self.ranked(query)
            .into_iter()
            .map(|r| &self.kinds[r.index])
            .collect()
    }

    /// The kind the matcher is sure of for a block's label, never `custom`: the label is one
    /// of the kind's names ("FAISS", "dbs", "re-rank"), or its last main word is the last
    /// main word of one of the kind's names and the kind explains at least half of the label
    /// ("video db" -> Database, "watch logs" -> User interactions). `None` when the best kind
    /// only completes a word, meets a word inside another, or names something the label's
    /// head only qualifies ("query image" is no image encoder).
    pub fn infer_kind(&self, label: &str) -> Option<&Kind> {
        let top = self
            .ranked(label)
            .into_iter()
            .find(|r| self.kinds[r.index].id != CUSTOM_KIND)?;
        top.confident().then(|| &self.kinds[top.index])
    }

    fn ranked(&self, query: &str) -> Vec<matcher::Ranked> {
        self.index
            .get_or_init(|| matcher::Index::new(&self.kinds))
            .rank(query)
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

/// How many kinds the quick-add list offers besides the custom block.
const MAX_SUGGESTED_KINDS: usize = 8;

impl Catalog {
    /// What the quick-add box offers for typed text, ranked by [`Catalog::search`]'s
    /// matcher, with the custom block of that text. Each block keeps the typed words as its
    /// label, unless they are one name or alias of its kind as they stand, or the start of
    /// one that stops inside a word: then that spelling ("faiss" -> an ANN index labelled
    /// "FAISS", "cand" -> "Candidate generation"). The first entry is what Enter takes: the
    /// best kind when [`Catalog::infer_kind`] is sure of it or the text is the start of its
    /// name, and the custom block is last; otherwise the custom block comes first and the
    /// weaker matches follow, to be picked by hand. An empty text offers nothing.
    pub fn suggest(&self, query: &str) -> Vec<Suggestion> {
        let typed = query.trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let ranked: Vec<matcher::Ranked> = self
            .ranked(typed)
            .into_iter()
            .filter(|r| self.kinds[r.index].id != CUSTOM_KIND)
            .take(MAX_SUGGESTED_KINDS)
            .collect();
        // Typing the start of a name is asking for that name.
        let sure = ranked
            .first()
            .is_some_and(|r| r.confident() || r.completes.is_some());
        let kinds = ranked
            .iter()
            .map(|r| suggestion(&self.kinds[r.index], typed, r.completes));
        let custom = custom_suggestion(typed);
        if sure {
            kinds.chain(std::iter::once(custom)).collect()
        } else {
            std::iter::once(custom).chain(kinds).collect()
        }
    }

    /// The first entry of [`Catalog::suggest`] alone (what Enter takes in quick add): the
    /// block a typed name becomes, as a chain typed in one line makes it too. `None` for
    /// empty text.
    pub fn first_suggestion(&self, text: &str) -> Option<Suggestion> {
        self.suggest(text).into_iter().next()
    }
}

/// `kind` for `typed`: labelled with the name or alias the text is, or the one it is the
/// start of (term `completes` of the kind's id, name and aliases), else with the text.
fn suggestion(kind: &Kind, typed: &str, completes: Option<usize>) -> Suggestion {
    let wanted = normalize(typed);
    let terms = || std::iter::once(&kind.name).chain(&kind.aliases);
    let spelled = terms()
        .find(|t| normalize(t) == wanted)
        .or_else(|| (normalize(&kind.id) == wanted).then_some(&kind.name));
    // Term 0 is the id, which is never a label: its completion is the name.
    let whole_name = completes.map(|t| terms().nth(t.saturating_sub(1)).unwrap_or(&kind.name));
    let label = spelled
        .or(whole_name)
        .map_or(typed, String::as_str)
        .to_owned();
    let shown = if label == kind.name {
        label.clone()
    } else {
        format!("{label} — {}", kind.name)
    };
    Suggestion {
        kind: kind.id.clone(),
        label,
        shown,
    }
}

/// The custom block of the typed text.
fn custom_suggestion(typed: &str) -> Suggestion {
    Suggestion {
        kind: CUSTOM_KIND.to_owned(),
        label: typed.to_owned(),
        shown: format!("Custom block \"{typed}\""),
    }
}

#[cfg(test)]
mod tests;
