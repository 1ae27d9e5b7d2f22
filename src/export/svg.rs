//! A scene as SVG: plain shapes and real `<text>` (searchable and selectable in a browser),
//! with line breaks placed where the PNG puts them and generic font families as fallback.

use std::fmt::Write as _;

use super::scene::{Line, Px, Scene, Shape};
use super::text::Font;
use crate::style::Rgba;

/// Fonts to try, the canvas's own first; a browser without Ubuntu uses a close sans-serif.
const FONT_FAMILY: &str = "Ubuntu, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";

/// Writes `scene` as a standalone SVG document.
pub fn write(scene: &Scene, font: &Font) -> String {
    let mut out = String::new();
    let (w, h) = (scene.width, scene.height);
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}" font-weight="300">"#
    );
    let title = if scene.title.is_empty() {
        "archdrill board"
    } else {
        scene.title.as_str()
    };
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(
        out,
        r#"<rect width="{w}" height="{h}"{}/>"#,
        fill(scene.background)
    );
    for shape in &scene.shapes {
        shape_svg(&mut out, shape, font);
    }
    out.push_str("</svg>\n");
    out
}

fn shape_svg(out: &mut String, shape: &Shape, font: &Font) {
    match shape {
        Shape::Rect {
            rect,
            radii,
            fill: f,
            stroke,
        } => {
            let paint = format!(
                "{}{}",
                f.map_or_else(|| r#" fill="none""#.to_owned(), fill),
                stroke.map(|s| line(&s)).unwrap_or_default()
            );
            if radii.iter().all(|r| (*r - radii[0]).abs() < 0.01) {
                let r = radii[0].min(rect.w * 0.5).min(rect.h * 0.5).max(0.0);
                let _ = writeln!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"{paint}/>"#,
                    n(rect.x),
                    n(rect.y),
                    n(rect.w),
                    n(rect.h),
                    n(r)
                );
            } else {
                let _ = writeln!(out, r#"<path d="{}"{paint}/>"#, rounded_path(rect, radii));
            }
        }
        Shape::Polyline { points, line: l } => {
            let _ = writeln!(
                out,
                r#"<polyline points="{}" fill="none" stroke-linejoin="round" stroke-linecap="round"{}/>"#,
                points_attr(points),
                line(l)
            );
        }
        Shape::Polygon { points, fill: f } => {
            let _ = writeln!(
                out,
                r#"<polygon points="{}"{}/>"#,
                points_attr(points),
                fill(*f)
            );
        }
        Shape::Text {
            text,
            color,
            centered,
        } => {
            let em = font.em_size(text.size);
            let ascent = font.ascent(text.size);
            let anchor = if *centered {
                r#" text-anchor="middle""#
            } else {
                ""
            };
            let _ = write!(
                out,
                r#"<text font-size="{}"{}{anchor}>"#,
                n(em),
                fill(*color)
            );
            for (i, content) in text.lines.iter().enumerate() {
                let x = if *centered {
                    text.x + text.width * 0.5
                } else {
                    text.x
                };
                let y = text.y + ascent + text.line_height * i as f32;
                let _ = write!(
                    out,
                    r#"<tspan x="{}" y="{}">{}</tspan>"#,
                    n(x),
                    n(y),
                    escape(content)
                );
            }
            out.push_str("</text>\n");
        }
    }
}

/// A number with at most two decimals and no trailing zeros.
fn n(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn points_attr(points: &[(f32, f32)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn fill(c: Rgba) -> String {
    if c.a() == 255 {
        format!(r#" fill="{}""#, c.hex())
    } else {
        format!(
            r#" fill="{}" fill-opacity="{}""#,
            c.hex(),
            n(f32::from(c.a()) / 255.0)
        )
    }
}

fn line(l: &Line) -> String {
    let mut s = format!(
        r#" stroke="{}" stroke-width="{}""#,
        l.color.hex(),
        n(l.width)
    );
    if l.color.a() != 255 {
        let _ = write!(
            s,
            r#" stroke-opacity="{}""#,
            n(f32::from(l.color.a()) / 255.0)
        );
    }
    if l.dashed {
        let _ = write!(
            s,
            r#" stroke-dasharray="{} {}""#,
            n(l.width * 4.0),
            n(l.width * 3.0)
        );
    }
    s
}

/// A rectangle with its own radius at each corner (top-left, top-right, bottom-right,
/// bottom-left).
fn rounded_path(r: &Px, radii: &[f32; 4]) -> String {
    let max = (r.w * 0.5).min(r.h * 0.5).max(0.0);
    let [tl, tr, br, bl] = radii.map(|v| v.clamp(0.0, max));
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    format!(
        "M{} {}H{}A{} {} 0 0 1 {} {}V{}A{} {} 0 0 1 {} {}H{}A{} {} 0 0 1 {} {}V{}A{} {} 0 0 1 {} {}Z",
        n(x0 + tl),
        n(y0),
        n(x1 - tr),
        n(tr),
        n(tr),
        n(x1),
        n(y0 + tr),
        n(y1 - br),
        n(br),
        n(br),
        n(x1 - br),
        n(y1),
        n(x0 + bl),
        n(bl),
        n(bl),
        n(x0),
        n(y1 - bl),
        n(y0 + tl),
        n(tl),
        n(tl),
        n(x0 + tl),
        n(y0),
    )
}

/// Text safe inside XML elements and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 allows no other control characters; they cannot come from a valid
            // board, but an export must stay well-formed whatever the text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_numbers_are_written_safely() {
        assert_eq!(
            escape("A<B & \"C\"\u{1}"),
            "A&lt;B &amp; &quot;C&quot;\u{fffd}"
        );
        assert_eq!(n(1.0), "1");
        assert_eq!(n(2.5), "2.5");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(1.234_56), "1.23");
    }
}
