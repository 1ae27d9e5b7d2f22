//! Drawings from other tools made into boards: Excalidraw (also inside Obsidian notes),
//! draw.io and Mermaid flowcharts. Pure: the text comes in, a board and the list of what was
//! left out come back; `store::load_drawing` reads the file.

mod drawio;
mod drawio_page;
mod excalidraw;
mod html;
mod lzstring;
mod mermaid;
mod mermaid_syntax;
mod notes;
mod obsidian;
mod placement;
mod sketch;
mod spatial;

use thiserror::Error;

pub use notes::{ImportNote, Thing};

use crate::catalog::Catalog;
use crate::model::Board;

/// The most bytes a decoded or decompressed part of a drawing may take (a draw.io page, an
/// Obsidian drawing): the board file limit, so a small compressed file cannot make the
/// parser read more than a large plain one.
pub const MAX_DECODED_BYTES: usize = 50 * 1024 * 1024;

/// How far from a shape (in drawing units) an arrow's free end may stop and still reach it:
/// hand-drawn arrows stop short.
pub const REACH: f32 = 24.0;

/// The drawing formats archdrill reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An Excalidraw scene (`.excalidraw`, JSON).
    Excalidraw,
    /// An Excalidraw drawing kept in an Obsidian note (`.excalidraw.md`).
    Obsidian,
    /// A draw.io / diagrams.net file (`.drawio`, `.xml`).
    DrawIo,
    /// A Mermaid flowchart (`.mmd`, or the first mermaid block of a Markdown file).
    Mermaid,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Excalidraw => "Excalidraw drawing",
            Format::Obsidian => "Obsidian Excalidraw drawing",
            Format::DrawIo => "draw.io diagram",
            Format::Mermaid => "Mermaid flowchart",
        })
    }
}

/// What to import from a drawing with more than one page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The page to import, counted from 1 (draw.io); the first when `None`.
    pub page: Option<usize>,
}

/// A drawing made into a board, with everything left out or changed on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub board: Board,
    pub format: Format,
    /// What was skipped, cut or moved, one entry per sort of thing.
    pub notes: Vec<ImportNote>,
}

/// Why a drawing could not be imported at all: one line, naming what is wrong.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("it is not a drawing archdrill can import ({0})")]
    UnknownFormat(String),
    #[error("it is not valid JSON: {0}")]
    Json(String),
    #[error("it is JSON but not an Excalidraw drawing: {0}")]
    NotExcalidraw(String),
    #[error("it is not valid XML: {0}")]
    Xml(String),
    #[error("it is XML but not a draw.io diagram: {0}")]
    NotDrawIo(String),
    #[error("page {page} of the diagram cannot be read: {why}")]
    BadPage { page: usize, why: String },
    #[error("the diagram has {count} page(s); there is no page {asked}")]
    NoSuchPage { asked: usize, count: usize },
    #[error("{what} decodes to more than {max} bytes, more than any board needs; it was refused")]
    TooLarge { what: &'static str, max: usize },
    #[error(
        "the Obsidian note holds no Excalidraw drawing (no ```json or ```compressed-json block)"
    )]
    NoObsidianDrawing,
    #[error("the Obsidian drawing cannot be decompressed: {0}")]
    BadCompressed(String),
    #[error("it is not a Mermaid flowchart: {0}")]
    NotFlowchart(String),
    #[error("Mermaid syntax error at line {line}: {message}")]
    Mermaid { line: usize, message: String },
    #[error("the drawing has {count} elements; at most {max} are read")]
    TooManyElements { count: usize, max: usize },
}

/// Most elements (shapes, texts, lines) read from one drawing: a board holds at most
/// `MAX_ITEMS` blocks and as many arrows, and a drawing needs a few elements for each.
pub const MAX_ELEMENTS: usize = 4 * crate::model::MAX_ITEMS;

/// What a board holds, as an import reports it: "5 blocks, 4 arrows (1 without direction),
/// 2 frames".
pub fn counts(board: &Board) -> String {
    let lines = board.edges.values().filter(|e| e.undirected).count();
    let undirected = if lines > 0 {
        format!(" ({lines} without direction)")
    } else {
        String::new()
    };
    format!(
        "{} blocks, {} arrows{undirected}, {} frames",
        board.blocks.len(),
        board.edges.len(),
        board.frames.len()
    )
}

/// The file extensions drawings are read from (without the dot; an Obsidian drawing is a
/// `.md` file, a draw.io one may be `.xml`).
pub const EXTENSIONS: &[&str] = &["excalidraw", "md", "drawio", "dio", "xml", "mmd", "mermaid"];

/// A drawing's file name without its drawing suffixes ("pins.excalidraw.md" gives "pins"),
/// in any case; the name as it is when it has none.
pub fn stem(name: &str) -> &str {
    let mut stem = name;
    // Outer suffixes first: ".md" and ".json" wrap ".excalidraw".
    for suffix in ["md", "json"].iter().chain(EXTENSIONS) {
        let cut = stem.len().saturating_sub(suffix.len() + 1);
        if cut > 0
            && let (Some(head), Some(tail)) = (stem.get(..cut), stem.get(cut..))
            && tail.starts_with('.')
            && tail[1..].eq_ignore_ascii_case(suffix)
        {
            stem = head;
        }
    }
    stem
}

/// Decides a drawing's format from its file name and its first bytes; `None` for a board or
/// text of no known format.
pub fn detect(name: &str, text: &str) -> Option<Format> {
    let name = name.to_lowercase();
    let is = |suffix: &str| name.strip_suffix(suffix).is_some();
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if is(".excalidraw.md") || is(".md") && obsidian::is_drawing(text) {
        return Some(Format::Obsidian);
    }
    if is(".excalidraw") || is(".excalidraw.json") {
        return Some(Format::Excalidraw);
    }
    if is(".drawio") || is(".dio") {
        return Some(Format::DrawIo);
    }
    if is(".mmd") || is(".mermaid") || is(".md") {
        return Some(Format::Mermaid);
    }
    if is(".ron") {
        return None;
    }
    if start.starts_with('{') {
        return Some(Format::Excalidraw);
    }
    if start.starts_with('<') {
        return Some(Format::DrawIo);
    }
    if mermaid_syntax::looks_like_flowchart(start) {
        return Some(Format::Mermaid);
    }
    None
}

/// Imports a drawing's text in the given format into a board, kinds inferred from the
/// labels with `catalog`.
pub fn import(
    text: &str,
    format: Format,
    catalog: &Catalog,
    options: Options,
) -> Result<Imported, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let (sketch, extra) = match format {
        Format::Excalidraw => (excalidraw::read(text)?, Vec::new()),
        Format::Obsidian => {
            let json = obsidian::drawing_json(text)?;
            (excalidraw::read(&json)?, Vec::new())
        }
        Format::DrawIo => {
            let (sketch, page_note) = drawio::read(text, options.page)?;
            (sketch, page_note.into_iter().collect())
        }
        Format::Mermaid => (mermaid::read(text)?, Vec::new()),
    };
    let (mut board, mut notes) = sketch.into_board(catalog);
    if format == Format::Mermaid {
        board = tidied(board, catalog);
    }
    notes.splice(0..0, extra);
    Ok(Imported {
        board,
        format,
        notes,
    })
}

/// A chart without positions laid out by Tidy ([`crate::layout::tidy`]), when that keeps each
/// subgraph's frame around exactly its own blocks and apart from the frames it did not hold;
/// else as placed, each subgraph in a band of its own.
fn tidied(board: Board, catalog: &Catalog) -> Board {
    let mut laid = board.clone();
    let placement = crate::layout::tidy(&board, catalog, None);
    let edits = placement.edits(&board);
    if edits.is_empty() || crate::model::Edit::Batch(edits).apply(&mut laid).is_err() {
        return board;
    }
    let held = |b: &Board| -> Vec<(Vec<crate::model::BlockId>, Vec<crate::model::FrameId>)> {
        b.frames
            .values()
            .map(|f| {
                let frames = b
                    .frames
                    .values()
                    .filter(|g| g.id != f.id && g.rect.intersects(&f.rect))
                    .map(|g| g.id)
                    .collect();
                (b.blocks_inside(&f.rect), frames)
            })
            .collect()
    };
    if held(&laid) == held(&board) {
        laid
    } else {
        board
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_drawings_stem_loses_every_drawing_suffix() {
        assert_eq!(super::stem("pins.excalidraw.md"), "pins");
        assert_eq!(super::stem("Flow.EXCALIDRAW.json"), "Flow");
        assert_eq!(super::stem("arch.drawio"), "arch");
        assert_eq!(super::stem("chart.mmd"), "chart");
        assert_eq!(super::stem("notes.txt"), "notes.txt");
        assert_eq!(super::stem(".mmd"), ".mmd");
        assert_eq!(super::stem("ünïcode.İ.mmd"), "ünïcode.İ");
    }
}
