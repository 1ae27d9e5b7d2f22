//! Case studies: the reference architectures, prompts, hint ladders and key concepts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use thiserror::Error;

use crate::catalog::Catalog;
use crate::layout;
use crate::model::{
    Block, BlockId, Board, DEFAULT_BLOCK_SIZE, Edge, EdgeId, Frame, FrameId, Rect, Routing,
};
use crate::scan::{self, ShapeError};

mod variants;

/// The ten case references shipped with the app, compiled in, in SPEC order: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "visual-search.ron",
        include_str!("../assets/cases/visual-search.ron"),
    ),
    (
        "street-view-blurring.ron",
        include_str!("../assets/cases/street-view-blurring.ron"),
    ),
    (
        "video-search.ron",
        include_str!("../assets/cases/video-search.ron"),
    ),
    (
        "harmful-content-detection.ron",
        include_str!("../assets/cases/harmful-content-detection.ron"),
    ),
    (
        "video-recommendation.ron",
        include_str!("../assets/cases/video-recommendation.ron"),
    ),
    (
        "event-recommendation.ron",
        include_str!("../assets/cases/event-recommendation.ron"),
    ),
    (
        "ad-click-prediction.ron",
        include_str!("../assets/cases/ad-click-prediction.ron"),
    ),
    (
        "similar-listings.ron",
        include_str!("../assets/cases/similar-listings.ron"),
    ),
    (
        "news-feed.ron",
        include_str!("../assets/cases/news-feed.ron"),
    ),
    (
        "people-you-may-know.ron",
        include_str!("../assets/cases/people-you-may-know.ron"),
    ),
];

/// Fewest and most nodes a reference may have.
pub const NODE_RANGE: std::ops::RangeInclusive<usize> = 6..=16;
/// Fewest and most hints in a ladder.
pub const HINT_RANGE: std::ops::RangeInclusive<usize> = 3..=5;

pub use crate::catalog::Stage;

/// One box of a reference architecture.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename = "node", deny_unknown_fields)]
pub struct CaseNode {
    /// Key used by the reference's edges, e.g. `ann`.
    pub id: String,
    /// Catalog kind id.
    pub kind: String,
    /// The book's name for the box.
    pub label: String,
    /// Other words a person might write for this box.
    pub aliases: Vec<String>,
    pub stage: Stage,
    /// A hand-placed (column, row) from the days before references were laid out by Tidy;
    /// optional, and not used to draw the reference (see docs/cases.md).
    #[serde(default, deserialize_with = "some_cell")]
    pub cell: Option<(u32, u32)>,
    /// Drawing it earns credit; leaving it out costs nothing.
    #[serde(default)]
    pub optional: bool,
    /// One line of the book's reasoning for the box, shown when it is missing.
    #[serde(default)]
    pub why: String,
    /// The alternative design (an option id of [`CaseStudy::alternatives`]) this node belongs
    /// to; `None` for nodes every design has.
    #[serde(default)]
    pub option: Option<String>,
}

/// A node's `cell: (column, row)` as case files write it, without `Some(…)`.
fn some_cell<'de, D: serde::Deserializer<'de>>(file: D) -> Result<Option<(u32, u32)>, D::Error> {
    <(u32, u32)>::deserialize(file).map(Some)
}

/// One data flow of a reference architecture.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename = "edge", deny_unknown_fields)]
pub struct CaseEdge {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub routing: Routing,
    /// The alternative design this flow belongs to, as for [`CaseNode::option`].
    #[serde(default)]
    pub option: Option<String>,
}

/// A choice the book discusses between designs that change the graph: the grade uses the
/// option that fits the drawing best.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename = "alternative", deny_unknown_fields)]
pub struct Alternative {
    /// What is being chosen, e.g. "How recommendations are served".
    pub name: String,
    /// Two or more designs; the first is the one the reference view shows.
    pub options: Vec<DesignOption>,
}

/// One design of an [`Alternative`].
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename = "option", deny_unknown_fields)]
pub struct DesignOption {
    /// Key used by nodes' and edges' `option`.
    pub id: String,
    pub label: String,
    /// When the book prefers it, in a line.
    #[serde(default)]
    pub why: String,
}

/// A key idea a strong answer mentions, with other ways to write it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename = "concept", deny_unknown_fields)]
pub struct Concept {
    pub name: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// The key concepts of each of the seven framework steps.
pub type Concepts = crate::model::Steps<Vec<Concept>>;

/// The concepts as a case file writes them; named `concepts` in parse errors.
#[derive(Deserialize)]
#[serde(rename = "concepts", deny_unknown_fields)]
struct ConceptsFile {
    requirements: Vec<Concept>,
    framing: Vec<Concept>,
    data: Vec<Concept>,
    features: Vec<Concept>,
    model: Vec<Concept>,
    evaluation: Vec<Concept>,
    serving: Vec<Concept>,
}

fn concepts_from_file<'de, D: serde::Deserializer<'de>>(file: D) -> Result<Concepts, D::Error> {
    let f = ConceptsFile::deserialize(file)?;
    Ok(crate::model::Steps {
        requirements: f.requirements,
        framing: f.framing,
        data: f.data,
        features: f.features,
        model: f.model,
        evaluation: f.evaluation,
        serving: f.serving,
    })
}

/// A case study: the problem as an interviewer states it, and the reference answer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename = "case", deny_unknown_fields)]
pub struct CaseStudy {
    pub id: String,
    pub title: String,
    pub prompt: String,
    pub requirements: Vec<String>,
    pub nodes: Vec<CaseNode>,
    pub edges: Vec<CaseEdge>,
    pub hints: Vec<String>,
    #[serde(deserialize_with = "concepts_from_file")]
    pub concepts: Concepts,
    /// Designs the book weighs against each other; empty for a single design.
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    /// The labels of the options this study was cut down to by [`CaseStudy::variant`];
    /// empty for a study as loaded.
    #[serde(skip)]
    pub chosen: Vec<String>,
    /// The canonical words of the study, built once when grading first needs them.
    #[serde(skip)]
    pub vocabulary: std::sync::OnceLock<std::collections::BTreeSet<String>>,
    /// The study's nodes and edges drawn as a board, laid out once when first needed.
    #[serde(skip)]
    pub drawn: Drawn,
}

/// A study's graph drawn as a board, laid out by Tidy on first use. It is derived from the
/// study, so it takes no part in comparing two studies.
#[derive(Clone, Debug, Default)]
pub struct Drawn(std::sync::OnceLock<Board>);

impl PartialEq for Drawn {
    fn eq(&self, _: &Drawn) -> bool {
        true
    }
}

impl Eq for Drawn {}

/// Why a case file could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CaseError {
    /// Empty, binary, too deeply nested or too crowded: refused before parsing.
    #[error(transparent)]
    Shape(#[from] ShapeError),
    #[error("syntax error at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}", .0.join("; "))]
    Invalid(Vec<String>),
    #[error("{0}")]
    Unreadable(String),
}

/// Deepest bracket nesting a case file may have (a real one needs four levels).
const MAX_DEPTH: usize = 64;

/// The pre-parse check of case text. A reference has at most 16 nodes of three brackets each,
/// and its arrows, hints and key concepts need a few hundred more.
const SCAN_LIMITS: scan::Limits = scan::Limits {
    max_openings: 4_096,
    max_depth: MAX_DEPTH,
    what: "a case reference",
};

/// Parses a case file's text and checks it against the catalog.
pub fn parse_case(text: &str, catalog: &Catalog) -> Result<CaseStudy, CaseError> {
    let (text, options) = scan::prepare(text, &SCAN_LIMITS)?;
    let case: CaseStudy = options.from_str(text).map_err(|e| {
        let (line, column, message) = scan::plain_error(&e, text);
        CaseError::Syntax {
            line,
            column,
            message,
        }
    })?;
    let problems = case.problems(catalog);
    if problems.is_empty() {
        Ok(case)
    } else {
        Err(CaseError::Invalid(problems))
    }
}

impl CaseStudy {
    /// Where a node's block is drawn: on the study's own graph laid out as
    /// [`CaseStudy::reference_board`] lays it out (every node, on a study with alternatives).
    pub fn node_rect(&self, node: &CaseNode) -> Rect {
        let drawn = self.drawn();
        self.nodes
            .iter()
            .position(|n| n.id == node.id)
            .and_then(|index| drawn.block(BlockId(index as u32 + 1)))
            .map_or(Rect::new(layout::ORIGIN, DEFAULT_BLOCK_SIZE), Block::rect)
    }

    pub fn node(&self, id: &str) -> Option<&CaseNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The block that stands for a node on [`CaseStudy::reference_board`].
    /// On a study with alternatives, the default variant's board: see
    /// [`CaseStudy::default_variant`].
    pub fn reference_block(&self, node_id: &str) -> Option<BlockId> {
        if !self.alternatives.is_empty() {
            return self.default_variant().reference_block(node_id);
        }
        let index = self.nodes.iter().position(|n| n.id == node_id)?;
        Some(BlockId(index as u32 + 1))
    }

    /// The reference as a board: one block per node (aliases and stage in its note), the
    /// edges as arrows, laid out by Tidy with each node in its stage's band, and a frame around
    /// each stage. On a study with alternatives, the default variant's board.
    pub fn reference_board(&self) -> Board {
        if !self.alternatives.is_empty() {
            return self.default_variant().reference_board();
        }
        self.drawn().clone()
    }

    /// This study's nodes and edges as a board (block `i + 1` for node `i`), laid out once.
    fn drawn(&self) -> &Board {
        self.drawn.0.get_or_init(|| {
            let mut board = self.unplaced_board();
            let stages: BTreeMap<BlockId, Stage> = self
                .nodes
                .iter()
                .enumerate()
                .map(|(index, node)| (BlockId(index as u32 + 1), node.stage))
                .collect();
            let all = board.blocks.keys().copied().collect();
            for (id, pos) in layout::arrange(&board, &all, &stages) {
                if let Some(block) = board.blocks.get_mut(&id) {
                    block.pos = pos;
                }
            }
            for (number, stage) in [Stage::Online, Stage::Offline].into_iter().enumerate() {
                let bounds = board
                    .blocks
                    .values()
                    .filter(|b| stages.get(&b.id) == Some(&stage))
                    .map(Block::rect)
                    .reduce(|a, b| a.union(&b));
                if let Some(bounds) = bounds {
                    let id = FrameId(number as u32 + 1);
                    let label = match stage {
                        Stage::Online => "Online: serving path",
                        Stage::Offline => "Offline: training, indexing and data pipelines",
                    };
                    board.frames.insert(
                        id,
                        Frame {
                            id,
                            label: label.to_owned(),
                            rect: layout::frame_around(bounds),
                        },
                    );
                }
            }
            board
        })
    }

    /// Every node as a block at the origin and every edge as an arrow.
    fn unplaced_board(&self) -> Board {
        let mut board = Board {
            title: format!("Reference: {}", self.title),
            case: Some(self.id.clone()),
            ..Board::default()
        };
        let block_of = |node_id: &str| {
            let index = self.nodes.iter().position(|n| n.id == node_id)?;
            Some(BlockId(index as u32 + 1))
        };
        for (index, node) in self.nodes.iter().enumerate() {
            let id = BlockId(index as u32 + 1);
            let optional = if node.optional { " (optional)" } else { "" };
            let why = if node.why.is_empty() {
                String::new()
            } else {
                format!(" Why: {}", node.why.trim())
            };
            let note = format!(
                "{} stage{optional}.{why} Also written as: {}.",
                node.stage.name(),
                node.aliases.join(", ")
            );
            board.blocks.insert(
                id,
                Block {
                    id,
                    kind: node.kind.clone(),
                    label: node.label.clone(),
                    pos: layout::ORIGIN,
                    size: DEFAULT_BLOCK_SIZE,
                    note,
                },
            );
        }
        for (index, edge) in self.edges.iter().enumerate() {
            let (Some(from), Some(to)) = (block_of(&edge.from), block_of(&edge.to)) else {
                continue;
            };
            let id = EdgeId(index as u32 + 1);
            let label = if edge.optional && edge.label.is_empty() {
                "(optional)".to_owned()
            } else {
                edge.label.clone()
            };
            board.edges.insert(
                id,
                Edge {
                    id,
                    from,
                    to,
                    label,
                    routing: edge.routing,
                    undirected: false,
                },
            );
        }
        board
    }
}

/// Where a case came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// A file in the user's cases folder.
    User(PathBuf),
}

/// A case file that could not be loaded, with its path or name and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseProblem {
    pub source: String,
    pub error: CaseError,
}

impl std::fmt::Display for CaseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.error)
    }
}

/// All cases the app knows, in SPEC order (built-in first, then the user's by id).
#[derive(Clone, Debug, Default)]
pub struct CaseLibrary {
    pub cases: Vec<(CaseStudy, Origin)>,
    /// Files that could not be loaded; the others still are.
    pub problems: Vec<CaseProblem>,
}

impl CaseLibrary {
    /// Loads the built-in cases and the user's case files (path, text). A user case with a
    /// built-in id replaces the built-in one.
    pub fn load(catalog: &Catalog, user_files: Vec<(PathBuf, String)>) -> CaseLibrary {
        let mut library = CaseLibrary::default();
        for (name, text) in BUILTIN {
            match parse_case(text, catalog) {
                Ok(case) => library.cases.push((case, Origin::BuiltIn)),
                Err(error) => library.problems.push(CaseProblem {
                    source: format!("built-in {name}"),
                    error,
                }),
            }
        }
        let mut user: Vec<(CaseStudy, Origin)> = Vec::new();
        for (path, text) in user_files {
            match parse_case(&text, catalog) {
                Ok(case) => {
                    if let Some(slot) = library.cases.iter_mut().find(|(c, _)| c.id == case.id) {
                        *slot = (case, Origin::User(path));
                    } else if user.iter().any(|(c, _)| c.id == case.id) {
                        let error = CaseError::Invalid(vec![format!(
                            "another file already defines the case `{}`",
                            case.id
                        )]);
                        library.problems.push(CaseProblem {
                            source: path.display().to_string(),
                            error,
                        });
                    } else {
                        user.push((case, Origin::User(path)));
                    }
                }
                Err(error) => library.problems.push(CaseProblem {
                    source: path.display().to_string(),
                    error,
                }),
            }
        }
        user.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        library.cases.extend(user);
        library
    }

    pub fn get(&self, id: &str) -> Option<&CaseStudy> {
        self.cases.iter().map(|(c, _)| c).find(|c| c.id == id)
    }

    /// The label of a case's node, or its id when the case or node is not installed.
    pub fn node_label(&self, case: &str, node: &str) -> String {
        self.get(case)
            .and_then(|c| c.node(node))
            .map_or_else(|| node.to_owned(), |n| n.label.clone())
    }
}
