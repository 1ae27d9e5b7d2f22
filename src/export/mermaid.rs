//! A board as a Mermaid flowchart, the compact text people paste into notes and READMEs:
//! one node per block (a safe id, its label quoted, its kind as a class), frames as
//! subgraphs, arrows with their labels (a line of unknown direction as `---`).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::ExportError;
use crate::catalog::Catalog;
use crate::model::{BlockId, Board, FrameId};
use crate::style::Colors;

/// Label text safe inside Mermaid's double quotes: its own escapes for the characters that
/// would end or change the label, line breaks as `<br>`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn node_id(id: BlockId) -> String {
    format!("b{}", id.0)
}

/// The board as Mermaid flowchart text.
pub fn to_mermaid(board: &Board, catalog: &Catalog) -> Result<String, ExportError> {
    super::check_items(board)?;
    let mut out = String::new();
    if !board.title.trim().is_empty() {
        let title = board.title.replace(['\n', '\r'], " ").replace('"', "'");
        let _ = writeln!(out, "---\ntitle: \"{title}\"\n---");
    }
    out.push_str("flowchart LR\n");
    // Which frame holds each frame and block.
    let frame_parent: Vec<(FrameId, Option<FrameId>)> = board
        .frames
        .values()
        .map(|f| (f.id, board.smallest_frame_holding(&f.rect, Some(f.id))))
        .collect();
    let block_frame: Vec<(BlockId, Option<FrameId>)> = board
        .blocks
        .values()
        .map(|b| (b.id, board.smallest_frame_holding(&b.rect(), None)))
        .collect();
    // Subgraphs depth first, without recursion: (frame or the top, its depth, entering).
    let mut stack: Vec<(Option<FrameId>, usize, bool)> = vec![(None, 0, true)];
    let mut done = BTreeSet::new();
    while let Some((frame, depth, entering)) = stack.pop() {
        let header = "    ".repeat(depth + 1);
        if !entering {
            let _ = writeln!(out, "{header}end");
            continue;
        }
        let (inside, children) = if let Some(id) = frame {
            if !done.insert(id) {
                continue;
            }
            let label = board.frame(id).map_or("", |f| f.label.as_str());
            let _ = writeln!(out, "{header}subgraph f{} [{}]", id.0, quoted(label));
            stack.push((frame, depth, false));
            ("    ".repeat(depth + 2), depth + 1)
        } else {
            (header, 0)
        };
        for (block, _) in block_frame.iter().filter(|(_, f)| *f == frame) {
            if let Some(b) = board.block(*block) {
                let _ = writeln!(out, "{inside}{}[{}]", node_id(b.id), quoted(&b.label));
            }
        }
        for (child, _) in frame_parent.iter().rev().filter(|(_, p)| *p == frame) {
            stack.push((Some(*child), children, true));
        }
    }
    for edge in board.edges.values() {
        let link = if edge.undirected { "---" } else { "-->" };
        let label = if edge.label.is_empty() {
            String::new()
        } else {
            format!("|{}|", quoted(&edge.label))
        };
        let _ = writeln!(
            out,
            "    {} {link}{label} {}",
            node_id(edge.from),
            node_id(edge.to)
        );
    }
    // The kinds as classes, coloured as the canvas colours them.
    let colors = Colors::LIGHT;
    let kinds: BTreeSet<&str> = board.blocks.values().map(|b| b.kind.as_str()).collect();
    for kind in &kinds {
        let rgb = catalog.kind(kind).map_or((120, 120, 120), |k| k.color);
        let _ = writeln!(
            out,
            "    classDef {kind} fill:{},stroke:{}",
            colors.block_fill(rgb).hex(),
            colors.block_stroke(rgb).hex()
        );
    }
    for kind in &kinds {
        let ids: Vec<String> = board
            .blocks
            .values()
            .filter(|b| b.kind == *kind)
            .map(|b| node_id(b.id))
            .collect();
        let _ = writeln!(out, "    class {} {kind}", ids.join(","));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_quoted_with_mermaids_own_escapes() {
        assert_eq!(
            quoted("A \"B\" #1 <x> & y"),
            "\"A #quot;B#quot; #35;1 #lt;x#gt; #amp; y\""
        );
        assert_eq!(quoted("two\nlines"), "\"two<br>lines\"");
    }
}
