//! Boards leaving the app: PNG and SVG pictures drawn like the canvas, without a window or a
//! GPU (`scene` lays the board out once; `png` and `svg` render that layout), and the board
//! as other tools' files: an Excalidraw scene (`excalidraw`) and a Mermaid flowchart
//! (`mermaid`).

pub mod excalidraw;
pub mod mermaid;
pub mod png;
pub mod scene;
pub mod svg;
pub mod text;

pub use excalidraw::to_excalidraw;
pub use mermaid::to_mermaid;

use std::collections::BTreeSet;

use thiserror::Error;

use crate::catalog::Catalog;
use crate::grader::marks::Marks;
use crate::model::{BlockId, Board, FrameId, MAX_ITEMS, MAX_LABEL_CHARS};

/// The pixel limit, in millions: a larger picture is drawn at a smaller scale.
pub const MAX_MEGAPIXELS: u64 = scene::MAX_PIXELS / 1_000_000;

/// Smallest and largest export scales.
pub const MIN_SCALE: f32 = 0.25;
pub const MAX_SCALE: f32 = 4.0;

/// What to export and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Pixels per board unit (1 = as the canvas at 100 %).
    pub scale: f32,
    /// Dark background (the dark theme) rather than light.
    pub dark: bool,
    /// Space around the board, in board units.
    pub margin: f32,
    /// Only these blocks and frames (with the arrows between the blocks); all when `None`.
    pub only: Option<Subset>,
    /// The grade overlay to draw on top, if any.
    pub marks: Option<Marks>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            scale: 1.0,
            dark: false,
            margin: 40.0,
            only: None,
            marks: None,
        }
    }
}

/// Part of a board.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subset {
    pub blocks: BTreeSet<BlockId>,
    pub frames: BTreeSet<FrameId>,
}

/// Why a picture could not be made.
#[derive(Debug, Error, PartialEq)]
pub enum ExportError {
    #[error("there is nothing to export: the board (or the selection) is empty")]
    Nothing,
    #[error(
        "the picture would be {width} x {height} pixels, more than archdrill exports ({} a side, {} million pixels in all); export at a smaller scale or only the selection",
        scene::MAX_SIDE,
        scene::MAX_PIXELS / 1_000_000
    )]
    TooLarge { width: u64, height: u64 },
    #[error("the scale must be between {MIN_SCALE} and {MAX_SCALE}, not {0}")]
    BadScale(f32),
    #[error("could not encode the picture: {0}")]
    Encode(String),
    #[error("there is too much to draw: {0}")]
    TooMuch(String),
}

/// Refuses options out of range and boards past the limits every edit and the loader keep
/// (a board built some other way could pass them): the work of an export is bounded by
/// [`MAX_ITEMS`] shapes of each sort and labels of at most [`MAX_LABEL_CHARS`] characters.
fn check(board: &Board, options: &ExportOptions) -> Result<(), ExportError> {
    if !(MIN_SCALE..=MAX_SCALE).contains(&options.scale) {
        return Err(ExportError::BadScale(options.scale));
    }
    let ghosts = options
        .marks
        .as_ref()
        .map_or(&[][..], |m| &m.ghosts.ghosts[..]);
    check_within(board, ghosts)
}

/// Refuses a board past the item and label limits (for the text formats, which have no
/// scale or grade).
fn check_items(board: &Board) -> Result<(), ExportError> {
    check_within(board, &[])
}

fn check_within(
    board: &Board,
    ghosts: &[crate::grader::placement::Ghost],
) -> Result<(), ExportError> {
    let counts = [
        ("blocks", board.blocks.len()),
        ("arrows", board.edges.len()),
        ("frames", board.frames.len()),
        ("missing blocks", ghosts.len()),
    ];
    if let Some((what, count)) = counts.iter().find(|(_, count)| *count > MAX_ITEMS) {
        return Err(ExportError::TooMuch(format!(
            "{count} {what}, more than the {MAX_ITEMS} a board may hold"
        )));
    }
    let labels = board
        .blocks
        .values()
        .map(|b| &b.label)
        .chain(board.edges.values().map(|e| &e.label))
        .chain(board.frames.values().map(|f| &f.label))
        .chain(ghosts.iter().map(|g| &g.label))
        .chain(std::iter::once(&board.title));
    if labels
        .into_iter()
        .any(|l| l.chars().count() > MAX_LABEL_CHARS)
    {
        return Err(ExportError::TooMuch(format!(
            "a label longer than {MAX_LABEL_CHARS} characters"
        )));
    }
    Ok(())
}

/// The board laid out for export.
pub fn scene(
    board: &Board,
    catalog: &Catalog,
    options: &ExportOptions,
) -> Result<scene::Scene, ExportError> {
    check(board, options)?;
    scene::build(board, catalog, &text::Font::canvas(), options)
}

/// The picture's size in pixels and the scale it is drawn at: the one asked for, or less
/// when the picture would pass the pixel limits at that scale.
pub fn fit(board: &Board, options: &ExportOptions) -> Result<(u32, u32, f32), ExportError> {
    check(board, options)?;
    scene::frame_of(board, options).map(|(_, w, h, scale)| (w, h, scale))
}

/// The board as PNG bytes.
pub fn to_png(
    board: &Board,
    catalog: &Catalog,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let font = text::Font::canvas();
    check(board, options)?;
    let scene = scene::build(board, catalog, &font, options)?;
    png::encode(&png::render(&scene, &font)?)
}

/// The board as an SVG document.
pub fn to_svg(
    board: &Board,
    catalog: &Catalog,
    options: &ExportOptions,
) -> Result<String, ExportError> {
    let font = text::Font::canvas();
    check(board, options)?;
    let scene = scene::build(board, catalog, &font, options)?;
    Ok(svg::write(&scene, &font))
}
