//! Board file format version 1: its serde types, the checked conversion into a `Board`, and
//! the text a board is saved as.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::FORMAT_VERSION;
use super::{Loaded, MAX_ITEMS, MAX_LABEL_CHARS, MAX_NOTE_CHARS};
use crate::catalog::{CUSTOM_KIND, Catalog};
use crate::model::{
    Block, BlockId, Board, DEFAULT_BLOCK_SIZE, Edge, EdgeId, Frame, FrameId, FrameworkNotes,
    MAX_BOARD_NOTE_CHARS, MAX_COORD, Pos, Rect, Routing, Vec2,
};
use crate::store::error::{LoadErrorKind, Problem, Warning};

/// A board as it is written in a file. (The serde names are what error messages call them.)
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "board", deny_unknown_fields)]
pub(super) struct BoardFileV1 {
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
    /// Free text about the whole board (an imported drawing's loose notes).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
}

/// The framework notes: one free text per interview step, each optional.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename = "notes", deny_unknown_fields)]
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

/// Ids are read as `i64` so that a negative or huge id gets its own message.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "block", deny_unknown_fields)]
struct BlockV1 {
    id: i64,
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
#[serde(rename = "edge", deny_unknown_fields)]
struct EdgeV1 {
    from: i64,
    to: i64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    label: String,
    #[serde(default, skip_serializing_if = "is_straight")]
    routing: Routing,
    /// A line without arrowheads: written only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    undirected: bool,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "frame", deny_unknown_fields)]
struct FrameV1 {
    id: i64,
    #[serde(default)]
    label: String,
    pos: (f32, f32),
    size: (f32, f32),
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

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(value: &bool) -> bool {
    !*value
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
    // Infinite positions were reported above as not finite.
    if let Some(&value) = [pos.0, pos.1]
        .iter()
        .find(|v| v.is_finite() && v.abs() > MAX_COORD)
    {
        problems.push(Problem::OutOfRange {
            what: what(),
            field: "position",
            value,
        });
    }
    if !(size.0.is_finite() && size.1.is_finite()) {
        problems.push(Problem::NotFinite {
            what: what(),
            field: "size",
        });
    } else if size.0 <= 0.0 || size.1 <= 0.0 {
        problems.push(Problem::NotPositive { what: what() });
    } else if let Some(&value) = [size.0, size.1].iter().find(|v| **v > MAX_COORD) {
        problems.push(Problem::OutOfRange {
            what: what(),
            field: "size",
            value,
        });
    }
}

/// An id from the file as a `u32`, or `None` after noting the problem.
fn checked_id(problems: &mut Vec<Problem>, what: &'static str, id: i64) -> Option<u32> {
    let checked = u32::try_from(id).ok();
    if checked.is_none() {
        problems.push(Problem::BadId { what, id });
    }
    checked
}

pub(super) fn into_board(file: BoardFileV1, catalog: &Catalog) -> Result<Loaded, LoadErrorKind> {
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
        let Some(id) = checked_id(&mut problems, "block", b.id).map(BlockId) else {
            continue;
        };
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
        let number = index + 1;
        let ends = [("from", e.from), ("to", e.to)].map(|(end, id)| {
            u32::try_from(id)
                .map(BlockId)
                .map_err(|_| Problem::BadEdgeEnd {
                    index: number,
                    end,
                    id,
                })
        });
        let [from, to] = match ends {
            [Ok(from), Ok(to)] => [from, to],
            [from, to] => {
                problems.extend([from.err(), to.err()].into_iter().flatten());
                continue;
            }
        };
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
                undirected: e.undirected,
            },
        );
    }

    let mut frames = BTreeMap::new();
    for f in file.frames {
        let Some(number) = checked_id(&mut problems, "frame", f.id) else {
            continue;
        };
        let id = FrameId(number);
        let what = || format!("frame {number}");
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
            problems.push(Problem::DuplicateFrameId(number));
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
    check_text(
        &mut problems,
        || "the board".into(),
        "note",
        &file.note,
        MAX_BOARD_NOTE_CHARS,
    );
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
        note: file.note,
        created: file.created,
        modified: file.modified,
    };
    Ok(Loaded {
        board,
        warnings,
        imported: None,
    })
}

/// Writes a board as version-1 RON text: blocks and frames sorted by id so saves diff cleanly.
pub(super) fn to_text(board: &Board) -> Result<String, ron::Error> {
    let file = BoardFileV1 {
        version: FORMAT_VERSION,
        title: board.title.clone(),
        case: board.case.clone(),
        notes: NotesV1::from_model(&board.notes),
        note: board.note.clone(),
        created: board.created.clone(),
        modified: board.modified.clone(),
        blocks: board
            .blocks
            .values()
            .map(|b| BlockV1 {
                id: i64::from(b.id.0),
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
                from: i64::from(e.from.0),
                to: i64::from(e.to.0),
                label: e.label.clone(),
                routing: e.routing,
                undirected: e.undirected,
            })
            .collect(),
        frames: board
            .frames
            .values()
            .map(|f| FrameV1 {
                id: i64::from(f.id.0),
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
