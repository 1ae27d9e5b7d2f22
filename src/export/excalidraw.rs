//! A board as an Excalidraw scene: blocks as rectangles in their kind's colours (the kind in
//! `customData`) with their labels bound to them, arrows bound to both ends (with their
//! labels), frames as `frame` elements with `frameId` on their blocks. Deterministic: ids,
//! seeds and nonces come from the board's ids, and `updated` is fixed.

use serde_json::{Value, json};

use super::ExportError;
use crate::catalog::Catalog;
use crate::model::{Block, BlockId, Board, Edge, FrameId, Pos, Rect};
use crate::style::{self, Colors};

/// Every element's `updated` time: fixed, so the same board gives the same file.
const UPDATED: u64 = 1;
const FONT_SIZE: f64 = 16.0;
const LINE_HEIGHT: f64 = 1.25;
/// Excalidraw's hand-drawn font ("Excalifont").
const FONT_FAMILY: u32 = 5;

/// A number from an id, the same every time (FNV-1a), for seeds and nonces.
fn stable(id: &str, salt: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5 ^ salt;
    for byte in id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash & 0x7fff_ffff
}

/// Excalidraw's fractional order keys, in order: "a0" … "az", "b00" … "bzz", "c000" ….
fn order_key(n: usize) -> String {
    const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let (mut head, mut width, mut rest) = (b'a', 1_u32, n);
    while rest >= 62_usize.pow(width) {
        rest -= 62_usize.pow(width);
        head += 1;
        width += 1;
    }
    let mut digits = vec![b'0'; width as usize];
    for slot in digits.iter_mut().rev() {
        *slot = DIGITS[rest % 62];
        rest /= 62;
    }
    let mut key = String::from(head as char);
    key.push_str(&String::from_utf8_lossy(&digits));
    key
}

/// The fields every element has.
fn base(id: &str, kind: &str, rect: &Rect, colors: (&str, &str), frame: Option<&str>) -> Value {
    json!({
        "id": id,
        "type": kind,
        "x": f64::from(rect.min.x),
        "y": f64::from(rect.min.y),
        "width": f64::from(rect.size.x),
        "height": f64::from(rect.size.y),
        "angle": 0,
        "strokeColor": colors.0,
        "backgroundColor": colors.1,
        "fillStyle": "solid",
        "strokeWidth": 2,
        "strokeStyle": "solid",
        "roughness": 1,
        "opacity": 100,
        "groupIds": [],
        "frameId": frame,
        "roundness": null,
        "seed": stable(id, 1),
        "version": 1,
        "versionNonce": stable(id, 2),
        "isDeleted": false,
        "boundElements": null,
        "updated": UPDATED,
        "link": null,
        "locked": false,
    })
}

/// A text element bound to `container`, centred on `center`.
fn text(
    id: &str,
    words: &str,
    center: Pos,
    width: f32,
    container: &str,
    frame: Option<&str>,
) -> Value {
    let lines = words.lines().count().max(1) as f64;
    let longest = words.lines().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let w = (longest * FONT_SIZE * 0.55).min(f64::from(width).max(10.0));
    let h = lines * FONT_SIZE * LINE_HEIGHT;
    let rect = Rect::new(
        Pos::new(center.x - w as f32 / 2.0, center.y - h as f32 / 2.0),
        crate::model::Vec2::new(w as f32, h as f32),
    );
    let mut element = base(id, "text", &rect, ("#1e1e1e", "transparent"), frame);
    let fields = json!({
        "text": words,
        "fontSize": FONT_SIZE,
        "fontFamily": FONT_FAMILY,
        "textAlign": "center",
        "verticalAlign": "middle",
        "containerId": container,
        "originalText": words,
        "autoResize": true,
        "lineHeight": LINE_HEIGHT,
    });
    merge(&mut element, fields);
    element
}

fn merge(into: &mut Value, more: Value) {
    if let (Some(into), Value::Object(more)) = (into.as_object_mut(), more) {
        into.extend(more);
    }
}

fn block_id(id: BlockId) -> String {
    format!("block-{}", id.0)
}

/// The board as an Excalidraw scene (JSON text).
pub fn to_excalidraw(board: &Board, catalog: &Catalog) -> Result<String, ExportError> {
    super::check_items(board)?;
    let colors = Colors::LIGHT;
    let mut elements: Vec<Value> = Vec::new();
    let frame_name = |id: FrameId| format!("frame-{}", id.0);
    let arrows_at = |block: BlockId| -> Vec<Value> {
        board
            .edges
            .values()
            .filter(|e| e.from == block || e.to == block)
            .map(|e| json!({"id": format!("arrow-{}", e.id.0), "type": "arrow"}))
            .collect()
    };
    let block_elements = |block: &Block, frame: Option<&str>| -> Vec<Value> {
        let id = block_id(block.id);
        let rgb = catalog
            .kind(&block.kind)
            .map_or((120, 120, 120), |k| k.color);
        let stroke = colors.block_stroke(rgb).hex();
        let fill = colors.block_fill(rgb).hex();
        let mut shape = base(&id, "rectangle", &block.rect(), (&stroke, &fill), frame);
        let mut bound = Vec::new();
        if !block.label.is_empty() {
            bound.push(json!({"id": format!("label-{}", block.id.0), "type": "text"}));
        }
        bound.extend(arrows_at(block.id));
        merge(
            &mut shape,
            json!({
                "roundness": {"type": 3},
                "boundElements": bound,
                "customData": {"kind": block.kind},
            }),
        );
        let mut out = vec![shape];
        if !block.label.is_empty() {
            out.push(text(
                &format!("label-{}", block.id.0),
                &block.label,
                block.rect().center(),
                block.size.x - 10.0,
                &id,
                frame,
            ));
        }
        out
    };
    // A frame's blocks come before the frame itself, as Excalidraw orders them.
    let mut placed = std::collections::BTreeSet::new();
    for frame in board.frames.values() {
        let name = frame_name(frame.id);
        for block in board.blocks.values() {
            if board.smallest_frame_holding(&block.rect(), None) == Some(frame.id) {
                elements.extend(block_elements(block, Some(&name)));
                placed.insert(block.id);
            }
        }
        let mut element = base(
            &name,
            "frame",
            &frame.rect,
            (&style::Rgba::BLACK.hex(), "transparent"),
            None,
        );
        merge(&mut element, json!({"name": frame.label}));
        elements.push(element);
    }
    for block in board.blocks.values().filter(|b| !placed.contains(&b.id)) {
        elements.extend(block_elements(block, None));
    }
    for edge in board.edges.values() {
        elements.extend(arrow_elements(board, edge, &colors));
    }
    for (n, element) in elements.iter_mut().enumerate() {
        merge(element, json!({"index": order_key(n)}));
    }
    let scene = json!({
        "type": "excalidraw",
        "version": 2,
        "source": "archdrill",
        "elements": elements,
        "appState": {"viewBackgroundColor": "#ffffff", "gridSize": null},
        "files": {},
    });
    serde_json::to_string_pretty(&scene).map_err(|e| ExportError::Encode(e.to_string()))
}

/// An arrow bound to its blocks' borders, and its label.
fn arrow_elements(board: &Board, edge: &Edge, colors: &Colors) -> Vec<Value> {
    let (Some(from), Some(to)) = (board.block(edge.from), board.block(edge.to)) else {
        return Vec::new();
    };
    let id = format!("arrow-{}", edge.id.0);
    let start = from.rect().boundary_towards(to.rect().center());
    let end = to.rect().boundary_towards(from.rect().center());
    let rect = Rect::from_corners(start, end);
    let mut arrow = base(
        &id,
        "arrow",
        &rect,
        (&colors.arrow.hex(), "transparent"),
        None,
    );
    let binding = |block: BlockId| json!({"elementId": block_id(block), "focus": 0, "gap": 1});
    let label_id = format!("arrow-label-{}", edge.id.0);
    let bound = if edge.label.is_empty() {
        Value::Null
    } else {
        json!([{"id": label_id, "type": "text"}])
    };
    let mut fields = json!({
        "x": f64::from(start.x),
        "y": f64::from(start.y),
        "roundness": {"type": 2},
        "boundElements": bound,
        "points": [[0.0, 0.0], [f64::from(end.x - start.x), f64::from(end.y - start.y)]],
        "lastCommittedPoint": null,
        "startBinding": binding(edge.from),
        "endBinding": binding(edge.to),
        "startArrowhead": null,
        "endArrowhead": if edge.undirected { Value::Null } else { json!("arrow") },
        "elbowed": false,
    });
    if edge.routing == crate::model::Routing::Elbow {
        merge(&mut fields, json!({"customData": {"routing": "elbow"}}));
    }
    merge(&mut arrow, fields);
    let mut out = vec![arrow];
    if !edge.label.is_empty() {
        let middle = Pos::new(f32::midpoint(start.x, end.x), f32::midpoint(start.y, end.y));
        out.push(text(&label_id, &edge.label, middle, 160.0, &id, None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keys_increase_and_change_width_where_the_format_does() {
        assert_eq!(order_key(0), "a0");
        assert_eq!(order_key(61), "az");
        assert_eq!(order_key(62), "b00");
        assert_eq!(order_key(62 + 3844), "c000");
        let keys: Vec<String> = (0..5000).map(order_key).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn seeds_are_stable_and_differ_by_id() {
        assert_eq!(stable("block-1", 1), stable("block-1", 1));
        assert_ne!(stable("block-1", 1), stable("block-2", 1));
        assert_ne!(stable("block-1", 1), stable("block-1", 2));
    }
}
