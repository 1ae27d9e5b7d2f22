//! Board file format version 1 (RON): the serde types, checked conversion to and from the model.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::error::{LoadErrorKind, Problem, Warning};
use crate::catalog::{CUSTOM_KIND, Catalog};
use crate::model::{
    Block, BlockId, Board, DEFAULT_BLOCK_SIZE, Edge, EdgeId, FORMAT_VERSION, Frame, FrameId,
    FrameworkNotes, Pos, Rect, Routing, Vec2,
};

/// Most blocks (and, separately, most arrows or frames) a board may hold.
pub const MAX_ITEMS: usize = 20_000;
/// Longest label, title or note, in characters.
pub const MAX_LABEL_CHARS: usize = 1_000;
/// Longest block note, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// Deepest bracket nesting the parser accepts before giving up.
const RECURSION_LIMIT: usize = 64;

/// A board as it is written in a file.
#[derive(Debug, Serialize, Deserialize)]
struct BoardFileV1 {
    version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    title: String,
    #[serde(default)]
    case: Option<String>,
    #[serde(default)]
    blocks: Vec<BlockV1>,
    #[serde(default)]
    edges: Vec<EdgeV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    frames: Vec<FrameV1>,
    #[serde(default, skip_serializing_if = "NotesV1::is_empty")]
    notes: NotesV1,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
}

/// The framework notes: one free text per interview step, each optional.
#[derive(Debug, Default, Serialize, Deserialize)]
struct NotesV1 {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    requirements: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    framing: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    data: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    features: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    model: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    evaluation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    serving: String,
}

impl NotesV1 {
    fn is_empty(&self) -> bool {
        self.to_model().is_empty()
    }

    fn to_model(&self) -> FrameworkNotes {
        FrameworkNotes {
            requirements: self.requirements.clone(),
            framing: self.framing.clone(),
            data: self.data.clone(),
            features: self.features.clone(),
            model: self.model.clone(),
            evaluation: self.evaluation.clone(),
            serving: self.serving.clone(),
        }
    }

    fn from_model(notes: &FrameworkNotes) -> Self {
        NotesV1 {
            requirements: notes.requirements.clone(),
            framing: notes.framing.clone(),
            data: notes.data.clone(),
            features: notes.features.clone(),
            model: notes.model.clone(),
            evaluation: notes.evaluation.clone(),
            serving: notes.serving.clone(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct BlockV1 {
    id: u32,
    kind: String,
    #[serde(default)]
    label: String,
    pos: (f32, f32),
    #[serde(default = "default_size")]
    size: (f32, f32),
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct EdgeV1 {
    from: u32,
    to: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    label: String,
    #[serde(default, skip_serializing_if = "is_straight")]
    routing: Routing,
}

#[derive(Debug, Serialize, Deserialize)]
struct FrameV1 {
    id: u32,
    #[serde(default)]
    label: String,
    pos: (f32, f32),
    size: (f32, f32),
}

/// Reads only the version, so a newer format is refused before its fields are interpreted.
#[derive(Deserialize)]
struct VersionProbe {
    version: Option<u32>,
}

fn default_size() -> (f32, f32) {
    (DEFAULT_BLOCK_SIZE.x, DEFAULT_BLOCK_SIZE.y)
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_straight(routing: &Routing) -> bool {
    *routing == Routing::Straight
}

/// A board that loaded, with anything unusual that did not stop it.
#[derive(Debug)]
pub struct Loaded {
    pub board: Board,
    pub warnings: Vec<Warning>,
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

fn syntax(err: &ron::error::SpannedError) -> LoadErrorKind {
    LoadErrorKind::Syntax {
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
    }
}

/// Parses and checks a board file's text. Pure: no file is touched.
pub fn parse(text: &str, catalog: &Catalog) -> Result<Loaded, LoadErrorKind> {
    let options = ron_options();
    let probe: VersionProbe = options.from_str(text).map_err(|e| syntax(&e))?;
    match probe.version {
        None => return Err(LoadErrorKind::MissingVersion),
        Some(0) => return Err(LoadErrorKind::BadVersion { found: 0 }),
        Some(found) if found > FORMAT_VERSION => {
            return Err(LoadErrorKind::TooNew {
                found,
                supported: FORMAT_VERSION,
            });
        }
        Some(_) => {}
    }
    let file: BoardFileV1 = options.from_str(text).map_err(|e| syntax(&e))?;
    into_board(file, catalog)
}

fn check_text(
    problems: &mut Vec<Problem>,
    what: impl Fn() -> String,
    field: &'static str,
    text: &str,
    max: usize,
) {
    let len = text.chars().count();
    if len > max {
        problems.push(Problem::TooLong {
            what: what(),
            field,
            len,
            max,
        });
    }
}

fn check_rect(
    problems: &mut Vec<Problem>,
    what: impl Fn() -> String,
    pos: (f32, f32),
    size: (f32, f32),
) {
    if !(pos.0.is_finite() && pos.1.is_finite()) {
        problems.push(Problem::NotFinite {
            what: what(),
            field: "position",
        });
    }
    if !(size.0.is_finite() && size.1.is_finite()) {
        problems.push(Problem::NotFinite {
            what: what(),
            field: "size",
        });
    } else if size.0 <= 0.0 || size.1 <= 0.0 {
        problems.push(Problem::NotPositive { what: what() });
    }
}

fn into_board(file: BoardFileV1, catalog: &Catalog) -> Result<Loaded, LoadErrorKind> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for (what, count) in [
        ("blocks", file.blocks.len()),
        ("edges", file.edges.len()),
        ("frames", file.frames.len()),
    ] {
        if count > MAX_ITEMS {
            problems.push(Problem::TooMany {
                what,
                count,
                max: MAX_ITEMS,
            });
        }
    }
    if !problems.is_empty() {
        return Err(LoadErrorKind::Invalid(problems));
    }
    check_text(
        &mut problems,
        || "the board".into(),
        "title",
        &file.title,
        MAX_LABEL_CHARS,
    );

    let mut blocks = BTreeMap::new();
    for b in file.blocks {
        let id = BlockId(b.id);
        let what = || format!("block {id}");
        check_rect(&mut problems, what, b.pos, b.size);
        check_text(&mut problems, what, "label", &b.label, MAX_LABEL_CHARS);
        check_text(&mut problems, what, "kind", &b.kind, MAX_LABEL_CHARS);
        check_text(&mut problems, what, "note", &b.note, MAX_NOTE_CHARS);
        let (kind, label) = if catalog.contains(&b.kind) {
            (b.kind, b.label)
        } else {
            warnings.push(Warning::UnknownKind {
                block: id,
                kind: b.kind.clone(),
            });
            let label = if b.label.trim().is_empty() {
                b.kind
            } else {
                b.label
            };
            (CUSTOM_KIND.to_owned(), label)
        };
        let block = Block {
            id,
            kind,
            label,
            pos: Pos::new(b.pos.0, b.pos.1),
            size: Vec2::new(b.size.0, b.size.1),
            note: b.note,
        };
        if blocks.insert(id, block).is_some() {
            problems.push(Problem::DuplicateBlockId(id));
        }
    }

    let mut edges = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for (index, e) in file.edges.into_iter().enumerate() {
        let (from, to) = (BlockId(e.from), BlockId(e.to));
        let number = index + 1;
        check_text(
            &mut problems,
            || format!("edge {number}"),
            "label",
            &e.label,
            MAX_LABEL_CHARS,
        );
        if let Some(missing) = [from, to].into_iter().find(|id| !blocks.contains_key(id)) {
            problems.push(Problem::DanglingEdge {
                index: number,
                from,
                to,
                missing,
            });
        } else if from == to {
            problems.push(Problem::SelfLoop {
                index: number,
                block: from,
            });
        } else if !seen.insert((from, to)) {
            problems.push(Problem::DuplicateEdge {
                index: number,
                from,
                to,
            });
        }
        let id = EdgeId(number as u32);
        edges.insert(
            id,
            Edge {
                id,
                from,
                to,
                label: e.label,
                routing: e.routing,
            },
        );
    }

    let mut frames = BTreeMap::new();
    for f in file.frames {
        let id = FrameId(f.id);
        let what = || format!("frame {}", f.id);
        check_rect(&mut problems, what, f.pos, f.size);
        check_text(&mut problems, what, "label", &f.label, MAX_LABEL_CHARS);
        let rect = Rect::new(Pos::new(f.pos.0, f.pos.1), Vec2::new(f.size.0, f.size.1));
        if frames
            .insert(
                id,
                Frame {
                    id,
                    label: f.label,
                    rect,
                },
            )
            .is_some()
        {
            problems.push(Problem::DuplicateFrameId(f.id));
        }
    }

    let notes = file.notes.to_model();
    for (step, text) in notes.steps() {
        check_text(
            &mut problems,
            || format!("the {step} notes"),
            "text",
            text,
            MAX_NOTE_CHARS,
        );
    }
    for (field, stamp) in [("created", &file.created), ("modified", &file.modified)] {
        if let Some(stamp) = stamp {
            check_text(&mut problems, || "the board".into(), field, stamp, 64);
        }
    }
    if !problems.is_empty() {
        return Err(LoadErrorKind::Invalid(problems));
    }
    let board = Board {
        title: file.title,
        case: file.case,
        blocks,
        edges,
        frames,
        notes,
        created: file.created,
        modified: file.modified,
    };
    Ok(Loaded { board, warnings })
}

/// Writes a board as version-1 RON text: blocks and frames sorted by id so saves diff cleanly.
pub fn to_text(board: &Board) -> Result<String, ron::Error> {
    let file = BoardFileV1 {
        version: FORMAT_VERSION,
        title: board.title.clone(),
        case: board.case.clone(),
        notes: NotesV1::from_model(&board.notes),
        created: board.created.clone(),
        modified: board.modified.clone(),
        blocks: board
            .blocks
            .values()
            .map(|b| BlockV1 {
                id: b.id.0,
                kind: b.kind.clone(),
                label: b.label.clone(),
                pos: (b.pos.x, b.pos.y),
                size: (b.size.x, b.size.y),
                note: b.note.clone(),
            })
            .collect(),
        edges: board
            .edges
            .values()
            .map(|e| EdgeV1 {
                from: e.from.0,
                to: e.to.0,
                label: e.label.clone(),
                routing: e.routing,
            })
            .collect(),
        frames: board
            .frames
            .values()
            .map(|f| FrameV1 {
                id: f.id.0,
                label: f.label.clone(),
                pos: (f.rect.min.x, f.rect.min.y),
                size: (f.rect.size.x, f.rect.size.y),
            })
            .collect(),
    };
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ".to_owned());
    let mut text = ron::Options::default().to_string_pretty(&file, config)?;
    text.push('\n');
    Ok(text)
}
