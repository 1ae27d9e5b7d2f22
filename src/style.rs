//! How a board looks, independent of any UI: the colours of the light and dark themes, the
//! sizes of text and corners. The canvas and the PNG and SVG exports all draw from here, so
//! an exported board looks like the canvas.

/// Grid spacing in board units; block positions snap to it.
pub const GRID_STEP: f32 = 20.0;
/// Corner radius of blocks at 100 % zoom.
pub const BLOCK_ROUNDING: f32 = 8.0;
/// Corner radius of frames at 100 % zoom.
pub const FRAME_ROUNDING: f32 = 10.0;
/// Font size of block labels at 100 % zoom.
pub const LABEL_SIZE: f32 = 15.0;
/// Font size of arrow labels and other small text on the board.
pub const SMALL_SIZE: f32 = 11.5;
/// The kind's name in capitals at the top of a block (canvas and export alike).
pub const KIND_CAPTION_SIZE: f32 = 11.0;
/// Font size of a frame's title.
pub const FRAME_TITLE_SIZE: f32 = 14.0;
/// Height of a frame's title strip at 100 % zoom.
pub const FRAME_TITLE_HEIGHT: f32 = 26.0;
/// Width of the coloured strip at a block's left edge.
pub const KIND_STRIP: f32 = 6.0;
/// Width of an arrow's line and length of its head at 100 % zoom.
pub const ARROW_WIDTH: f32 = 1.6;
pub const ARROW_HEAD: f32 = 11.0;
/// Widest an arrow label wraps at, in board units.
pub const ARROW_LABEL_WRAP: f32 = 160.0;

/// A colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const WHITE: Rgba = Rgba::rgb(255, 255, 255);
    pub const BLACK: Rgba = Rgba::rgb(0, 0, 0);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba([r, g, b, 255])
    }

    pub const fn with_alpha(r: u8, g: u8, b: u8, a: u8) -> Rgba {
        Rgba([r, g, b, a])
    }

    pub fn r(self) -> u8 {
        self.0[0]
    }

    pub fn g(self) -> u8 {
        self.0[1]
    }

    pub fn b(self) -> u8 {
        self.0[2]
    }

    pub fn a(self) -> u8 {
        self.0[3]
    }

    /// The same colour with its alpha multiplied by `factor` (0..=1).
    #[must_use]
    pub fn faded(self, factor: f32) -> Rgba {
        let [r, g, b, a] = self.0;
        Rgba([r, g, b, (a as f32 * factor.clamp(0.0, 1.0)).round() as u8])
    }

    /// Mixes `self` towards `other` by `t` (0: self, 1: other); alpha is kept.
    #[must_use]
    pub fn mix(self, other: Rgba, t: f32) -> Rgba {
        let mix = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
        Rgba([
            mix(self.r(), other.r()),
            mix(self.g(), other.g()),
            mix(self.b(), other.b()),
            self.a(),
        ])
    }

    /// "#1c1e22" (alpha left out).
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r(), self.g(), self.b())
    }
}

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    pub dark: bool,
    pub canvas: Rgba,
    pub grid: Rgba,
    pub text: Rgba,
    pub weak_text: Rgba,
    pub arrow: Rgba,
    pub selection: Rgba,
    pub hover: Rgba,
    pub frame_fill: Rgba,
    pub frame_stroke: Rgba,
    pub label_background: Rgba,
    pub rubber_band: Rgba,
    pub block_shadow: Rgba,
    /// Grade overlay: matched blocks, missing ghosts, extra blocks, wrong-way arrows, focus.
    pub matched: Rgba,
    pub missing: Rgba,
    /// The fill of a missing block's ghost (the missing colour, faint but visible on the canvas).
    pub ghost_fill: Rgba,
    pub extra: Rgba,
    pub wrong_way: Rgba,
    pub focus: Rgba,
}

impl Colors {
    pub const DARK: Colors = Colors {
        dark: true,
        canvas: Rgba::rgb(28, 30, 34),
        grid: Rgba::rgb(44, 47, 53),
        text: Rgba::rgb(236, 238, 242),
        weak_text: Rgba::rgb(170, 176, 186),
        arrow: Rgba::rgb(190, 196, 206),
        selection: Rgba::rgb(96, 165, 250),
        hover: Rgba::rgb(130, 140, 160),
        frame_fill: Rgba::with_alpha(120, 130, 150, 18),
        frame_stroke: Rgba::rgb(92, 100, 116),
        label_background: Rgba::rgb(38, 41, 47),
        rubber_band: Rgba::with_alpha(96, 165, 250, 40),
        block_shadow: Rgba::with_alpha(0, 0, 0, 90),
        matched: Rgba::rgb(74, 222, 128),
        missing: Rgba::rgb(251, 191, 36),
        ghost_fill: Rgba::with_alpha(251, 191, 36, 31),
        extra: Rgba::rgb(148, 155, 168),
        wrong_way: Rgba::rgb(251, 146, 60),
        focus: Rgba::rgb(250, 250, 120),
    };

    pub const LIGHT: Colors = Colors {
        dark: false,
        canvas: Rgba::rgb(250, 250, 248),
        grid: Rgba::rgb(228, 229, 232),
        text: Rgba::rgb(24, 28, 36),
        weak_text: Rgba::rgb(92, 100, 112),
        arrow: Rgba::rgb(70, 76, 88),
        selection: Rgba::rgb(37, 99, 235),
        hover: Rgba::rgb(140, 150, 170),
        frame_fill: Rgba::with_alpha(90, 110, 140, 14),
        frame_stroke: Rgba::rgb(160, 168, 182),
        label_background: Rgba::rgb(250, 250, 248),
        rubber_band: Rgba::with_alpha(37, 99, 235, 30),
        block_shadow: Rgba::with_alpha(20, 30, 50, 28),
        matched: Rgba::rgb(22, 163, 74),
        // A deep amber: the lighter one vanished, cream on cream, on the light canvas.
        missing: Rgba::rgb(180, 83, 9),
        ghost_fill: Rgba::with_alpha(245, 158, 11, 64),
        extra: Rgba::rgb(140, 146, 158),
        wrong_way: Rgba::rgb(234, 88, 12),
        focus: Rgba::rgb(147, 51, 234),
    };

    pub fn for_dark_mode(dark: bool) -> Colors {
        if dark { Colors::DARK } else { Colors::LIGHT }
    }

    /// The accent colour of a kind, as stored in the catalog.
    pub fn accent(rgb: (u8, u8, u8)) -> Rgba {
        Rgba::rgb(rgb.0, rgb.1, rgb.2)
    }

    /// A block's fill: its kind colour blended into the canvas so labels stay readable.
    pub fn block_fill(&self, rgb: (u8, u8, u8)) -> Rgba {
        let (base, amount) = if self.dark {
            (Rgba::rgb(40, 43, 50), 0.30)
        } else {
            (Rgba::WHITE, 0.16)
        };
        base.mix(Self::accent(rgb), amount)
    }

    /// A block's outline, a stronger shade of its kind colour.
    pub fn block_stroke(&self, rgb: (u8, u8, u8)) -> Rgba {
        let accent = Self::accent(rgb);
        if self.dark {
            accent.mix(Rgba::WHITE, 0.15)
        } else {
            accent.mix(Rgba::BLACK, 0.05)
        }
    }
}

/// Width of a block's outline.
pub const BLOCK_STROKE_WIDTH: f32 = 1.3;

/// The grade as the canvas and exports draw it. A mark sits this far outside its block ...
pub const MARK_GAP: f32 = 3.0;
/// ... a matched block's outline is this wide ...
pub const MATCHED_MARK_WIDTH: f32 = 2.2;
/// ... an extra block's this wide, over a fill of the extra colour at this opacity ...
pub const EXTRA_MARK_WIDTH: f32 = 1.6;
pub const EXTRA_FILL_ALPHA: f32 = 0.35;
/// ... and a missing block is a dashed ghost (filled with `Colors::ghost_fill`): this
/// outline, these corners.
pub const GHOST_STROKE_WIDTH: f32 = 1.8;
pub const GHOST_ROUNDING: f32 = 6.0;
/// The "MISSING" tag and the label inside a ghost, relative to the small and label sizes.
pub const GHOST_TAG_SCALE: f32 = 0.85;
pub const GHOST_LABEL_SCALE: f32 = 0.9;

/// The colour a kind gets when the catalog does not know it.
pub const UNKNOWN_KIND_RGB: (u8, u8, u8) = (127, 140, 141);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_colours_blend_the_kind_into_the_theme() {
        let kind = (200, 40, 40);
        let dark = Colors::DARK.block_fill(kind);
        let light = Colors::LIGHT.block_fill(kind);
        // Both lean towards the kind's red, each from its own background.
        assert!(dark.r() > dark.g() && light.r() > light.g());
        assert!(light.r() > dark.r());
        assert_eq!(Rgba::rgb(28, 30, 34).hex(), "#1c1e22");
        assert_eq!(Rgba::rgb(1, 2, 3).faded(0.5).a(), 128);
    }
}
