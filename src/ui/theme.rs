//! Every colour, stroke and size the canvas uses, for the light and the dark theme.

use egui::{Color32, Stroke};

pub use crate::style::{BLOCK_ROUNDING, FRAME_TITLE_HEIGHT, GRID_STEP, LABEL_SIZE, SMALL_SIZE};
use crate::style::{Colors, Rgba};

/// The colours of one theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub canvas: Color32,
    pub grid: Color32,
    pub text: Color32,
    pub weak_text: Color32,
    pub arrow: Color32,
    pub selection: Color32,
    pub hover: Color32,
    pub frame_fill: Color32,
    pub frame_stroke: Color32,
    pub label_background: Color32,
    pub rubber_band: Color32,
    pub block_shadow: Color32,
    /// Grade overlay: matched blocks, missing ghosts, extra blocks, wrong-way arrows, focus.
    pub matched: Color32,
    pub missing: Color32,
    pub ghost_fill: Color32,
    pub extra: Color32,
    pub wrong_way: Color32,
    pub focus: Color32,
    /// The same theme in core colours.
    pub colors: Colors,
}

/// A core colour as egui paints it.
pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), c.a())
}

impl Palette {
    pub fn for_dark_mode(dark: bool) -> Self {
        Palette::from_colors(&Colors::for_dark_mode(dark))
    }

    pub fn from_colors(c: &Colors) -> Self {
        Palette {
            canvas: color(c.canvas),
            grid: color(c.grid),
            text: color(c.text),
            weak_text: color(c.weak_text),
            arrow: color(c.arrow),
            selection: color(c.selection),
            hover: color(c.hover),
            frame_fill: color(c.frame_fill),
            frame_stroke: color(c.frame_stroke),
            label_background: color(c.label_background),
            rubber_band: color(c.rubber_band),
            block_shadow: color(c.block_shadow),
            matched: color(c.matched),
            missing: color(c.missing),
            ghost_fill: color(c.ghost_fill),
            extra: color(c.extra),
            wrong_way: color(c.wrong_way),
            focus: color(c.focus),
            colors: *c,
        }
    }

    /// The accent colour of a kind, as stored in the catalog.
    pub fn accent(rgb: (u8, u8, u8)) -> Color32 {
        color(Colors::accent(rgb))
    }

    /// A block's fill: its kind colour blended into the canvas so labels stay readable.
    pub fn block_fill(&self, rgb: (u8, u8, u8)) -> Color32 {
        color(self.colors.block_fill(rgb))
    }

    /// A block's outline, a stronger shade of its kind colour.
    pub fn block_stroke(&self, rgb: (u8, u8, u8)) -> Stroke {
        Stroke::new(
            crate::style::BLOCK_STROKE_WIDTH,
            color(self.colors.block_stroke(rgb)),
        )
    }
}

/// The strip above the canvas (practice, reference, comparison): the panel colour, opaque
/// (the canvas area has no background of its own), with a line under it.
pub fn banner_frame(visuals: &egui::Visuals) -> egui::Frame {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(10, 6))
        .fill(visuals.panel_fill)
        .stroke(visuals.widgets.noninteractive.bg_stroke)
}
