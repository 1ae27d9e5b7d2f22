//! Published diagrams (the shared corpus beside the project, read in place and skipped when
//! it is absent): every file imports into a board that validates, with at least 90 % of its
//! labelled shapes as blocks and 90 % of its connectors as arrows, both counted here from
//! the raw file by rules of this test's own.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use archdrill::catalog::Catalog;
use archdrill::model::Board;
use archdrill::store;
use base64::Engine as _;
use serde_json::Value;

/// How far from a shape an arrow's end may stop and still be on it.
const REACH: f64 = 24.0;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in std::fs::read_dir(dir).unwrap() {
        let sub = sub.unwrap().path();
        if sub.is_dir() {
            for f in std::fs::read_dir(&sub).unwrap() {
                out.push(f.unwrap().path());
            }
        }
    }
    out.sort();
    out
}

/// Words as the board keeps them: one line, single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the raw file holds: the labels of its labelled shapes, and how many connectors.
struct Counted {
    labels: Vec<String>,
    connectors: usize,
}

type Rect = (f64, f64, f64, f64);

fn near(r: &Rect, p: (f64, f64)) -> bool {
    p.0 >= r.0 - REACH && p.0 <= r.0 + r.2 + REACH && p.1 >= r.1 - REACH && p.1 <= r.1 + r.3 + REACH
}

fn inside(r: &Rect, p: (f64, f64)) -> bool {
    p.0 >= r.0 && p.0 <= r.0 + r.2 && p.1 >= r.1 && p.1 <= r.1 + r.3
}

fn excalidraw(json: &Value) -> Counted {
    let num = |e: &Value, k: &str| e.get(k).and_then(Value::as_f64).unwrap_or(0.0);
    let text_of = |e: &Value, k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let live: Vec<&Value> = json["elements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e.get("isDeleted").and_then(Value::as_bool) != Some(true))
        .collect();
    let is_shape = |e: &Value| {
        matches!(
            e["type"].as_str(),
            Some("rectangle" | "ellipse" | "diamond")
        )
    };
    let shapes: Vec<&Value> = live.iter().copied().filter(|e| is_shape(e)).collect();
    let rect = |e: &Value| (num(e, "x"), num(e, "y"), num(e, "width"), num(e, "height"));
    let ids: Vec<String> = shapes.iter().map(|e| text_of(e, "id")).collect();
    let mut labels = vec![String::new(); shapes.len()];
    for t in live.iter().filter(|e| e["type"] == "text") {
        let text = words(&text_of(t, "text"));
        let container = text_of(t, "containerId");
        if let Some(i) = ids.iter().position(|id| *id == container) {
            labels[i] = text;
            continue;
        }
        if !container.is_empty() {
            continue;
        }
        // A loose text labels the smallest shape holding its centre.
        let (x, y, w, h) = rect(t);
        let centre = (x + w / 2.0, y + h / 2.0);
        let holder = (0..shapes.len())
            .filter(|&i| inside(&rect(shapes[i]), centre))
            .min_by(|&a, &b| {
                let area = |i: usize| rect(shapes[i]).2 * rect(shapes[i]).3;
                area(a).total_cmp(&area(b))
            });
        if let Some(i) = holder
            && labels[i].is_empty()
        {
            labels[i] = text;
        }
    }
    let on_shape = |arrow: &Value, binding: &str, point: (f64, f64)| -> Option<usize> {
        let bound = arrow[binding]["elementId"].as_str().unwrap_or("");
        ids.iter()
            .position(|id| id == bound)
            .or_else(|| (0..shapes.len()).find(|&i| near(&rect(shapes[i]), point)))
    };
    // A board holds one arrow per pair of blocks and direction (parallel arrows become
    // one, their labels joined): connectors are counted by the pairs of shapes they join.
    let mut pairs = std::collections::BTreeSet::new();
    for a in live
        .iter()
        .filter(|e| matches!(e["type"].as_str(), Some("arrow" | "line")))
    {
        let in_group = a["groupIds"].as_array().is_some_and(|g| !g.is_empty());
        if a["type"] == "line" && in_group {
            continue;
        }
        let points = a["points"].as_array().unwrap();
        let at = |p: &Value| {
            (
                num(a, "x") + p[0].as_f64().unwrap(),
                num(a, "y") + p[1].as_f64().unwrap(),
            )
        };
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            continue;
        };
        let ends = (
            on_shape(a, "startBinding", at(first)),
            on_shape(a, "endBinding", at(last)),
        );
        if let (Some(x), Some(y)) = ends
            && x != y
        {
            pairs.insert((x, y));
        }
    }
    Counted {
        labels: labels.into_iter().filter(|l| !l.is_empty()).collect(),
        connectors: pairs.len(),
    }
}

/// The first page's model of a draw.io file, decompressed here if need be.
fn drawio_model(text: &str) -> String {
    let doc = roxmltree::Document::parse(text).unwrap();
    let diagram = doc
        .descendants()
        .find(|n| n.has_tag_name("diagram"))
        .unwrap();
    if let Some(model) = diagram.children().find(|n| n.has_tag_name("mxGraphModel")) {
        return text[model.range()].to_owned();
    }
    let packed: String = diagram.text().unwrap().split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(packed)
        .unwrap();
    let mut inflated = Vec::new();
    flate2::read::DeflateDecoder::new(&bytes[..])
        .read_to_end(&mut inflated)
        .unwrap();
    percent_encoding::percent_decode(&inflated)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    words(&out.replace("&nbsp;", " ").replace("&amp;", "&"))
}

fn drawio(text: &str) -> Counted {
    let model = drawio_model(text);
    let doc = roxmltree::Document::parse(&model).unwrap();
    let cells: Vec<roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("mxCell"))
        .collect();
    let id_of = |c: &roxmltree::Node<'_, '_>| {
        c.attribute("id")
            .or_else(|| c.parent().and_then(|p| p.attribute("id")))
            .unwrap_or("")
            .to_owned()
    };
    let style = |c: &roxmltree::Node<'_, '_>| c.attribute("style").unwrap_or("").to_owned();
    let by_id: std::collections::BTreeMap<String, usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (id_of(c), i))
        .collect();
    let parent = |i: usize| {
        cells[i]
            .attribute("parent")
            .and_then(|p| by_id.get(p))
            .copied()
    };
    let is_edge = |i: usize| cells[i].attribute("edge") == Some("1");
    let in_table = |i: usize| {
        let mut at = i;
        (0..64).any(|_| match parent(at) {
            Some(p) => {
                at = p;
                style(&cells[p]).contains("shape=table")
            }
            None => false,
        })
    };
    // Shapes: vertices that are no text, edge label, group, container or part of a table.
    let shape = |i: usize| {
        let st = style(&cells[i]);
        let first = st.split(';').next().unwrap_or("");
        cells[i].attribute("vertex") == Some("1")
            && !parent(i).is_some_and(is_edge)
            && !["text", "edgeLabel", "group", "swimlane"].contains(&first)
            && !st.contains("container=1")
            && !st.contains("edgeLabel")
            && !in_table(i)
    };
    let value = |i: usize| {
        let c = &cells[i];
        strip_tags(
            c.parent()
                .filter(|p| !p.has_tag_name("root"))
                .and_then(|p| p.attribute("label"))
                .or_else(|| c.attribute("value"))
                .unwrap_or(""),
        )
    };
    let labels = (0..cells.len())
        .filter(|&i| shape(i))
        .map(value)
        .filter(|v| !v.is_empty())
        .collect();
    let connectors = (0..cells.len())
        .filter(|&i| is_edge(i))
        .filter_map(|i| {
            let end = |k: &str| cells[i].attribute(k).and_then(|id| by_id.get(id)).copied();
            match (end("source"), end("target")) {
                (Some(a), Some(b)) if a != b && shape(a) && shape(b) => Some((a, b)),
                _ => None,
            }
        })
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    Counted { labels, connectors }
}

fn mermaid(text: &str) -> Counted {
    // Node ids written with a shape, and link strokes, counted from the text.
    let mut labels = std::collections::BTreeSet::new();
    let mut connectors = 0;
    for line in text.lines().map(str::trim) {
        let first = line.split_whitespace().next().unwrap_or("");
        if line.starts_with("%%")
            || [
                "classDef",
                "class",
                "style",
                "linkStyle",
                "click",
                "subgraph",
                "graph",
                "flowchart",
            ]
            .contains(&first)
        {
            continue;
        }
        // A link is a run of three or more of `-`, `=`, `.`, `<`, `>` (`-- text -->` opens
        // with a run of two).
        let mut run = 0;
        for c in line.chars().chain(std::iter::once(' ')) {
            if "-=.<>".contains(c) {
                run += 1;
            } else {
                connectors += usize::from(run >= 3);
                run = 0;
            }
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_alphanumeric() || chars[i] == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                if i < chars.len() && "[({>".contains(chars[i]) {
                    labels.insert(chars[start..i].iter().collect::<String>());
                    // Skip the label.
                    let close = match chars[i] {
                        '[' | '>' => ']',
                        '(' => ')',
                        _ => '}',
                    };
                    while i < chars.len() && chars[i] != close {
                        i += 1;
                    }
                }
            }
            i += 1;
        }
    }
    Counted {
        labels: labels.into_iter().collect(),
        connectors,
    }
}

fn check(path: &Path, catalog: &Catalog) -> String {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let loaded = store::load_drawing(path, catalog, None).unwrap_or_else(|e| panic!("{e}"));
    let board: &Board = &loaded.board;
    // The board saves and loads again: it validates.
    let text = store::board_to_text(board).unwrap();
    store::parse_board(&text, catalog).unwrap_or_else(|e| panic!("{name}: {e}"));
    let raw = std::fs::read_to_string(path).unwrap();
    let counted = if name.strip_suffix(".excalidraw").is_some() {
        excalidraw(&serde_json::from_str(&raw).unwrap())
    } else if name.strip_suffix(".drawio").is_some() {
        drawio(&raw)
    } else {
        mermaid(&raw)
    };
    let found = if name.strip_suffix(".mmd").is_some() {
        board.blocks.len().min(counted.labels.len())
    } else {
        counted
            .labels
            .iter()
            .filter(|l| board.blocks.values().any(|b| b.label.contains(l.as_str())))
            .count()
    };
    let line = format!(
        "{name}: shapes {}/{} blocks, connectors {}/{} arrows",
        counted.labels.len(),
        found,
        counted.connectors,
        board.edges.len()
    );
    let mut line = line;
    if found * 10 < counted.labels.len() * 9 {
        line.push_str(": TOO FEW BLOCKS");
    }
    if board.edges.len() * 10 < counted.connectors * 9 {
        line.push_str(": TOO FEW ARROWS");
    }
    line
}

#[test]
fn every_published_diagram_imports_with_its_shapes_and_connectors() {
    let Some(dir) = corpus() else {
        return;
    };
    let catalog = Catalog::builtin().unwrap();
    let lines: Vec<String> = files(&dir)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .map(|p| check(p, &catalog))
        .collect();
    assert!(lines.len() >= 40, "{}", lines.len());
    let short: Vec<&String> = lines.iter().filter(|l| l.contains("TOO FEW")).collect();
    assert!(short.is_empty(), "{short:#?}");
    // Printed for the record (cargo test -- --nocapture).
    eprintln!("{}", lines.join("\n"));
}
