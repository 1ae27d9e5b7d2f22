//! A scene as pixels, without a GPU: shapes filled and stroked with anti-aliasing by
//! `tiny-skia`, glyphs from the canvas's font drawn by `ab_glyph`, and the result encoded as
//! PNG by `image`.

use ab_glyph::{Font as _, ScaleFont as _};
use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, PremultipliedColorU8, Stroke,
    StrokeDash, Transform,
};

use super::ExportError;
use super::scene::{Line, Px, Scene, Shape};
use super::text::{Font, TextBlock};
use crate::style::Rgba;

/// Draws `scene` into a new pixmap.
pub fn render(scene: &Scene, font: &Font) -> Result<Pixmap, ExportError> {
    let mut pixmap =
        Pixmap::new(scene.width.max(1), scene.height.max(1)).ok_or(ExportError::TooLarge {
            width: u64::from(scene.width),
            height: u64::from(scene.height),
        })?;
    pixmap.fill(color(scene.background));
    for shape in &scene.shapes {
        draw(&mut pixmap, shape, font);
    }
    Ok(pixmap)
}

/// The pixmap as PNG bytes (straight alpha, as PNG stores it).
pub fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, ExportError> {
    use image::ImageEncoder as _;
    let mut rgba = Vec::with_capacity(pixmap.data().len());
    for p in pixmap.pixels() {
        let c = p.demultiply();
        rgba.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            &rgba,
            pixmap.width(),
            pixmap.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    Ok(out)
}

fn color(c: Rgba) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba8(c.r(), c.g(), c.b(), c.a())
}

fn paint(c: Rgba) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color(c));
    paint.anti_alias = true;
    paint
}

fn stroke(line: &Line) -> Stroke {
    let mut stroke = Stroke {
        width: line.width,
        line_join: LineJoin::Round,
        line_cap: LineCap::Round,
        ..Stroke::default()
    };
    if line.dashed {
        stroke.line_cap = LineCap::Butt;
        stroke.dash = StrokeDash::new(vec![line.width * 4.0, line.width * 3.0], 0.0);
    }
    stroke
}

fn fill_path(pixmap: &mut Pixmap, path: &tiny_skia::Path, fill: Rgba) {
    pixmap.fill_path(
        path,
        &paint(fill),
        FillRule::Winding,
        Transform::identity(),
        None,
    );
}

fn stroke_path(pixmap: &mut Pixmap, path: &tiny_skia::Path, line: &Line) {
    pixmap.stroke_path(
        path,
        &paint(line.color),
        &stroke(line),
        Transform::identity(),
        None,
    );
}

fn draw(pixmap: &mut Pixmap, shape: &Shape, font: &Font) {
    match shape {
        Shape::Rect {
            rect,
            radii,
            fill,
            stroke: line,
        } => {
            let Some(path) = rounded_rect(rect, radii) else {
                return;
            };
            if let Some(fill) = fill {
                fill_path(pixmap, &path, *fill);
            }
            if let Some(line) = line {
                stroke_path(pixmap, &path, line);
            }
        }
        Shape::Polyline { points, line } => {
            if let Some(path) = path_through(points, false) {
                stroke_path(pixmap, &path, line);
            }
        }
        Shape::Polygon { points, fill } => {
            if let Some(path) = path_through(points, true) {
                fill_path(pixmap, &path, *fill);
            }
        }
        Shape::Text {
            text,
            color,
            centered,
        } => draw_text(pixmap, text, *color, *centered, font),
    }
}

/// Straight lines through `points`, closed into a polygon when `close`.
fn path_through(points: &[(f32, f32)], close: bool) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 {
            pb.move_to(*x, *y);
        } else {
            pb.line_to(*x, *y);
        }
    }
    if close {
        pb.close();
    }
    pb.finish()
}

/// A rectangle with a radius per corner (top-left, top-right, bottom-right, bottom-left),
/// each corner a cubic quarter circle.
fn rounded_rect(r: &Px, radii: &[f32; 4]) -> Option<tiny_skia::Path> {
    // Control-point distance of a cubic Bézier that approximates a quarter circle.
    const K: f32 = 0.552_284_8;
    if !(r.w > 0.0 && r.h > 0.0) {
        return None;
    }
    let max = (r.w * 0.5).min(r.h * 0.5);
    let [tl, tr, br, bl] = radii.map(|v| v.clamp(0.0, max));
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    let mut pb = PathBuilder::new();
    pb.move_to(x0 + tl, y0);
    pb.line_to(x1 - tr, y0);
    pb.cubic_to(x1 - tr + tr * K, y0, x1, y0 + tr - tr * K, x1, y0 + tr);
    pb.line_to(x1, y1 - br);
    pb.cubic_to(x1, y1 - br + br * K, x1 - br + br * K, y1, x1 - br, y1);
    pb.line_to(x0 + bl, y1);
    pb.cubic_to(x0 + bl - bl * K, y1, x0, y1 - bl + bl * K, x0, y1 - bl);
    pb.line_to(x0, y0 + tl);
    pb.cubic_to(x0, y0 + tl - tl * K, x0 + tl - tl * K, y0, x0 + tl, y0);
    pb.close();
    pb.finish()
}

fn draw_text(pixmap: &mut Pixmap, text: &TextBlock, color: Rgba, centered: bool, font: &Font) {
    let scale = Font::scale(text.size);
    let face = font.face();
    let scaled = face.as_scaled(scale);
    let ascent = font.ascent(text.size);
    for (i, line) in text.lines.iter().enumerate() {
        let mut x = if centered {
            text.x + (text.width - font.width(line, text.size)) * 0.5
        } else {
            text.x
        };
        let baseline = text.y + ascent + text.line_height * i as f32;
        let mut previous = None;
        for c in line.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                x += scaled.kern(p, id);
            }
            let glyph = id.with_scale_and_position(scale, ab_glyph::point(x, baseline));
            if let Some(outline) = face.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                outline.draw(|gx, gy, coverage| {
                    let px = bounds.min.x as i64 + i64::from(gx);
                    let py = bounds.min.y as i64 + i64::from(gy);
                    blend(pixmap, px, py, color, coverage);
                });
            }
            x += scaled.h_advance(id);
            previous = Some(id);
        }
    }
}

/// Paints `color` over one pixel with `coverage` (0..=1), source-over.
fn blend(pixmap: &mut Pixmap, px: i64, py: i64, color: Rgba, coverage: f32) {
    let (width, height) = (i64::from(pixmap.width()), i64::from(pixmap.height()));
    if px < 0 || py < 0 || px >= width || py >= height {
        return;
    }
    let alpha = coverage.clamp(0.0, 1.0) * f32::from(color.a()) / 255.0;
    if alpha <= 0.0 {
        return;
    }
    let index = (py * width + px) as usize;
    let pixels = pixmap.pixels_mut();
    let under = pixels[index];
    // Premultiplied source-over: out = source × alpha + under × (1 − alpha).
    let mix = |src: u8, dst: u8| (f32::from(src) * alpha + f32::from(dst) * (1.0 - alpha)).round();
    let out_alpha = mix(255, under.alpha());
    let red = mix(color.r(), under.red()).min(out_alpha);
    let green = mix(color.g(), under.green()).min(out_alpha);
    let blue = mix(color.b(), under.blue()).min(out_alpha);
    if let Some(out) =
        PremultipliedColorU8::from_rgba(red as u8, green as u8, blue as u8, out_alpha as u8)
    {
        pixels[index] = out;
    }
}
