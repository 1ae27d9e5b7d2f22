//! Import of drawings of other tools for the SPEC §8 budget (a 1,000-element Excalidraw,
//! draw.io or Mermaid file: under 50 ms), each file made here as a person would draw it:
//! kinds left to the labels, some arrows and labels not bound, containers, edge labels and
//! subgraphs.

#[path = "support/board.rs"]
mod board;

use std::fmt::Write as _;

use archdrill::catalog::Catalog;
use archdrill::export;
use archdrill::import::{self, Format, Options};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;

/// An Excalidraw scene of about 1,000 elements: a synthetic board exported, then loosened
/// (no stored kinds, every third arrow unbound, every fourth label loose inside its shape).
fn excalidraw(catalog: &Catalog) -> (String, usize) {
    let board = board::board(catalog, 270);
    let text = export::to_excalidraw(&board, catalog).expect("exported");
    let mut scene: Value = serde_json::from_str(&text).expect("JSON");
    let elements = scene["elements"].as_array_mut().expect("elements");
    for (n, element) in elements.iter_mut().enumerate() {
        if let Some(object) = element.as_object_mut() {
            object.remove("customData");
            match object.get("type").and_then(Value::as_str) {
                Some("arrow") if n % 3 == 0 => {
                    object.insert("startBinding".into(), Value::Null);
                    object.insert("endBinding".into(), Value::Null);
                }
                Some("text") if n % 4 == 0 => {
                    object.insert("containerId".into(), Value::Null);
                }
                _ => {}
            }
        }
    }
    let count = elements.len();
    (scene.to_string(), count)
}

/// A draw.io diagram of 1,000 cells: 396 boxes (a quarter in four swimlanes), 400 edges
/// (some with only end points), 198 edge labels as child cells.
fn drawio() -> (String, usize) {
    let mut cells = String::from(r#"<mxCell id="0"/><mxCell id="1" parent="0"/>"#);
    let mut count = 2;
    for lane in 0..4 {
        let _ = write!(
            cells,
            r#"<mxCell id="lane{lane}" value="Lane {lane}" style="swimlane;" vertex="1" parent="1"><mxGeometry x="{}" y="3000" width="2000" height="600" as="geometry"/></mxCell>"#,
            lane * 2100
        );
    }
    count += 4;
    for i in 0..396 {
        let (parent, x, y) = if i < 100 {
            (format!("lane{}", i / 25), (i % 25) * 80, 60)
        } else {
            ("1".to_owned(), (i % 20) * 200, (i / 20) * 140)
        };
        let _ = write!(
            cells,
            r#"<mxCell id="v{i}" value="&lt;b&gt;Service&lt;/b&gt; {i}" style="rounded=1;html=1;" vertex="1" parent="{parent}"><mxGeometry x="{x}" y="{y}" width="120" height="60" as="geometry"/></mxCell>"#
        );
    }
    count += 396;
    let mut labels = 0;
    for i in 0..400 {
        let (a, b) = (i % 396, (i * 7 + 1) % 396);
        if i % 8 == 0 {
            let _ = write!(
                cells,
                r#"<mxCell id="e{i}" style="endArrow=classic;" edge="1" parent="1"><mxGeometry relative="1" as="geometry"><mxPoint x="{}" y="{}" as="sourcePoint"/><mxPoint x="{}" y="{}" as="targetPoint"/></mxGeometry></mxCell>"#,
                (a % 20) * 200 + 130,
                (a / 20) * 140 + 30,
                (b % 20) * 200 - 10,
                (b / 20) * 140 + 30
            );
        } else {
            let _ = write!(
                cells,
                r#"<mxCell id="e{i}" style="edgeStyle=orthogonalEdgeStyle;endArrow=classic;" edge="1" parent="1" source="v{a}" target="v{b}"><mxGeometry relative="1" as="geometry"/></mxCell>"#
            );
        }
        if i % 2 == 0 && labels < 198 {
            let _ = write!(
                cells,
                r#"<mxCell id="l{i}" value="flow {i}" style="edgeLabel;html=1;" vertex="1" parent="e{i}"><mxGeometry relative="1" as="geometry"/></mxCell>"#
            );
            labels += 1;
        }
    }
    count += 400 + labels;
    let xml = format!(
        r#"<mxfile host="bench"><diagram name="Page-1" id="p"><mxGraphModel><root>{cells}</root></mxGraphModel></diagram></mxfile>"#
    );
    (xml, count)
}

/// A Mermaid flowchart of 1,000 elements: 400 nodes of every shape in four subgraphs and
/// 600 links of every stroke, half of them labelled.
fn mermaid() -> (String, usize) {
    let shapes = [
        ("[", "]"),
        ("(", ")"),
        ("[(", ")]"),
        ("{", "}"),
        ("([", "])"),
    ];
    let strokes = ["-->", "---", "-.->", "==>", "<-->"];
    let mut text = String::from("%%{init: {'theme': 'neutral'}}%%\nflowchart LR\n");
    for group in 0..4 {
        let _ = writeln!(text, "  subgraph g{group} [\"Stage {group}\"]");
        for i in group * 100..(group + 1) * 100 {
            let (open, close) = shapes[i % shapes.len()];
            let _ = writeln!(text, "    n{i}{open}\"Model server {i}\"{close}");
        }
        text.push_str("  end\n");
    }
    for i in 0..600 {
        // Distinct pairs: 600 arrows.
        let (a, b) = (i % 400, (i * 13 + 1 + i / 400) % 400);
        let stroke = strokes[i % strokes.len()];
        if i % 2 == 0 {
            let _ = writeln!(text, "  n{a} {stroke}|\"flow {i}\"| n{b}");
        } else {
            let _ = writeln!(text, "  n{a} {stroke} n{b}");
        }
    }
    text.push_str("  classDef hot fill:#f96\n  class n1,n2 hot\n");
    (text, 1_000)
}

fn import_bench(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("catalog");
    let mut group = c.benchmark_group("import");
    for (name, format, (text, elements)) in [
        ("excalidraw", Format::Excalidraw, excalidraw(&catalog)),
        ("drawio", Format::DrawIo, drawio()),
        ("mermaid", Format::Mermaid, mermaid()),
    ] {
        let imported =
            import::import(&text, format, &catalog, Options::default()).expect("imported");
        eprintln!(
            "{name}: {elements} elements, {} bytes -> {} blocks, {} arrows, {} frames",
            text.len(),
            imported.board.blocks.len(),
            imported.board.edges.len(),
            imported.board.frames.len()
        );
        group.bench_function(format!("{name} 1000 elements"), |b| {
            b.iter(|| {
                import::import(
                    std::hint::black_box(&text),
                    format,
                    &catalog,
                    Options::default(),
                )
                .expect("imported")
            });
        });
    }
    group.finish();
}

criterion_group!(benches, import_bench);
criterion_main!(benches);
