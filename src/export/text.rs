//! Text for exports: the canvas's font (Ubuntu Light, as egui ships it), measured to wrap
//! labels into lines exactly where the PNG and the SVG both put them.

use ab_glyph::{Font as _, FontRef, PxScale, ScaleFont as _};

/// The font the canvas draws with; its bytes come with egui's default fonts.
pub struct Font {
    face: FontRef<'static>,
}

impl Font {
    pub fn canvas() -> Font {
        let face = FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT)
            .unwrap_or_else(|_| unreachable!("the font built into egui parses"));
        Font { face }
    }

    pub fn face(&self) -> &FontRef<'static> {
        &self.face
    }

    /// The glyph scale for a text `size` (the canvas's font size: ascent to descent).
    pub fn scale(size: f32) -> PxScale {
        PxScale::from(size)
    }

    /// The em size (SVG `font-size`) that draws glyphs as big as `size` does here.
    pub fn em_size(&self, size: f32) -> f32 {
        let upem = self.face.units_per_em().unwrap_or(1000.0);
        size * upem / self.face.height_unscaled()
    }

    /// Distance from a line's top to its baseline.
    pub fn ascent(&self, size: f32) -> f32 {
        self.face.as_scaled(Self::scale(size)).ascent()
    }

    /// Height of one line.
    pub fn line_height(&self, size: f32) -> f32 {
        let scaled = self.face.as_scaled(Self::scale(size));
        scaled.height() + scaled.line_gap()
    }

    /// Width of `text` on one line, kerning included.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let scaled = self.face.as_scaled(Self::scale(size));
        let mut width = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                width += scaled.kern(p, id);
            }
            width += scaled.h_advance(id);
            previous = Some(id);
        }
        width
    }

    /// Breaks `text` into lines no wider than `wrap` (at spaces; a word too long for a line
    /// is broken between letters). Linear in the text: a line's width is kept as it grows,
    /// and measured whole only where a line may end (kerning across a join is not summed).
    pub fn wrap(&self, text: &str, size: f32, wrap: f32) -> Vec<String> {
        /// Room kept for the kerning the running widths leave out.
        const SLACK: f32 = 1.0;
        let space = self.width(" ", size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let (mut line, mut line_width) = (String::new(), 0.0_f32);
            for word in paragraph.split_whitespace() {
                let word_width = self.width(word, size);
                if line.is_empty() && word_width <= wrap {
                    line.push_str(word);
                    line_width = word_width;
                    continue;
                }
                if !line.is_empty() {
                    let joined = line_width + space + word_width;
                    let fits = joined <= wrap - SLACK
                        || joined <= wrap + SLACK
                            && self.width(&format!("{line} {word}"), size) <= wrap;
                    if fits {
                        line.push(' ');
                        line.push_str(word);
                        line_width = joined;
                        continue;
                    }
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                if word_width <= wrap {
                    line.push_str(word);
                    line_width = word_width;
                    continue;
                }
                // The word alone is too wide: break it between letters.
                for c in word.chars() {
                    let c_width = self.width(c.encode_utf8(&mut [0; 4]), size);
                    if !line.is_empty() && line_width + c_width > wrap - SLACK {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += c_width;
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// Laid-out lines of text, top-left anchored at `(x, y)` in pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    pub lines: Vec<String>,
    pub size: f32,
    pub line_height: f32,
    /// Left edge, and top of the first line.
    pub x: f32,
    pub y: f32,
    /// How wide the widest line is.
    pub width: f32,
}

impl TextBlock {
    pub fn height(&self) -> f32 {
        self.line_height * self.lines.len() as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_line_within_the_width_and_loses_no_word() {
        let font = Font::canvas();
        let text = "Approximate nearest neighbor service with a supercalifragilistic index";
        let lines = font.wrap(text, 15.0, 120.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(font.width(line, 15.0) <= 120.0, "{line}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(font.wrap("Ranker", 15.0, 500.0), ["Ranker"]);
        assert!(font.width("WWW", 15.0) > font.width("iii", 15.0));
        // An em is a little smaller than the ascent-to-descent size.
        let em = font.em_size(15.0);
        assert!(em > 11.0 && em < 15.0, "{em}");
    }

    #[test]
    fn long_labels_wrap_within_the_width_word_by_word() {
        let font = Font::canvas();
        let words = [
            "AV",
            "To",
            "feature",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
            "ij",
            "Kafka",
        ];
        let text: Vec<&str> = (0..400).map(|i| words[i % words.len()]).collect();
        let text = text.join(" ");
        for wrap in [40.0, 97.5, 180.0] {
            let lines = font.wrap(&text, 15.0, wrap);
            for line in &lines {
                assert!(font.width(line, 15.0) <= wrap, "{wrap}: {line}");
            }
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }
}
