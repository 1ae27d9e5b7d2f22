//! Every colour, stroke and size the canvas uses, for the light and the dark theme.

use egui::{Color32, Stroke};

/// Grid spacing in board units; block positions snap to it.
pub const GRID_STEP: f32 = 20.0;
/// Corner radius of blocks at 100 % zoom.
pub const BLOCK_ROUNDING: f32 = 8.0;
/// Font size of block labels at 100 % zoom.
pub const LABEL_SIZE: f32 = 15.0;
/// Font size of the kind line above a block's label, and of arrow labels.
pub const SMALL_SIZE: f32 = 11.5;
/// Height of a frame's title strip at 100 % zoom.
pub const FRAME_TITLE_HEIGHT: f32 = 26.0;

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
    pub extra: Color32,
    pub wrong_way: Color32,
    pub focus: Color32,
    dark: bool,
}

impl Palette {
    pub fn for_dark_mode(dark: bool) -> Self {
        if dark {
            Palette {
                canvas: Color32::from_rgb(28, 30, 34),
                grid: Color32::from_rgb(44, 47, 53),
                text: Color32::from_rgb(236, 238, 242),
                weak_text: Color32::from_rgb(170, 176, 186),
                arrow: Color32::from_rgb(190, 196, 206),
                selection: Color32::from_rgb(96, 165, 250),
                hover: Color32::from_rgb(130, 140, 160),
                frame_fill: Color32::from_rgba_unmultiplied(120, 130, 150, 18),
                frame_stroke: Color32::from_rgb(92, 100, 116),
                label_background: Color32::from_rgb(38, 41, 47),
                rubber_band: Color32::from_rgba_unmultiplied(96, 165, 250, 40),
                block_shadow: Color32::from_rgba_unmultiplied(0, 0, 0, 90),
                matched: Color32::from_rgb(74, 222, 128),
                missing: Color32::from_rgb(251, 191, 36),
                extra: Color32::from_rgb(148, 155, 168),
                wrong_way: Color32::from_rgb(251, 146, 60),
                focus: Color32::from_rgb(250, 250, 120),
                dark,
            }
        } else {
            Palette {
                canvas: Color32::from_rgb(250, 250, 248),
                grid: Color32::from_rgb(228, 229, 232),
                text: Color32::from_rgb(24, 28, 36),
                weak_text: Color32::from_rgb(92, 100, 112),
                arrow: Color32::from_rgb(70, 76, 88),
                selection: Color32::from_rgb(37, 99, 235),
                hover: Color32::from_rgb(140, 150, 170),
                frame_fill: Color32::from_rgba_unmultiplied(90, 110, 140, 14),
                frame_stroke: Color32::from_rgb(160, 168, 182),
                label_background: Color32::from_rgb(250, 250, 248),
                rubber_band: Color32::from_rgba_unmultiplied(37, 99, 235, 30),
                block_shadow: Color32::from_rgba_unmultiplied(20, 30, 50, 28),
                matched: Color32::from_rgb(22, 163, 74),
                missing: Color32::from_rgb(202, 138, 4),
                extra: Color32::from_rgb(140, 146, 158),
                wrong_way: Color32::from_rgb(234, 88, 12),
                focus: Color32::from_rgb(147, 51, 234),
                dark,
            }
        }
    }

    /// The accent colour of a kind, as stored in the catalog.
    pub fn accent(rgb: (u8, u8, u8)) -> Color32 {
        Color32::from_rgb(rgb.0, rgb.1, rgb.2)
    }

    /// A block's fill: its kind colour blended into the canvas so labels stay readable.
    pub fn block_fill(&self, rgb: (u8, u8, u8)) -> Color32 {
        let accent = Self::accent(rgb);
        let (base, amount) = if self.dark {
            (Color32::from_rgb(40, 43, 50), 0.30)
        } else {
            (Color32::WHITE, 0.16)
        };
        lerp_color(base, accent, amount)
    }

    /// A block's outline, a stronger shade of its kind colour.
    pub fn block_stroke(&self, rgb: (u8, u8, u8)) -> Stroke {
        let accent = Self::accent(rgb);
        let color = if self.dark {
            lerp_color(accent, Color32::WHITE, 0.15)
        } else {
            lerp_color(accent, Color32::BLACK, 0.05)
        };
        Stroke::new(1.3, color)
    }
}

fn lerp_color(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// The strip above the canvas (practice, reference, comparison): the panel colour, opaque
/// (the canvas area has no background of its own), with a line under it.
pub fn banner_frame(visuals: &egui::Visuals) -> egui::Frame {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(10, 6))
        .fill(visuals.panel_fill)
        .stroke(visuals.widgets.noninteractive.bg_stroke)
}
