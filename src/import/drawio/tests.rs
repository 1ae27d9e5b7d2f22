//! The draw.io reader on small hand-written diagrams, one feature each.

use std::io::Write as _;

use base64::Engine as _;

use crate::catalog::Catalog;
use crate::import::{Format, ImportError, ImportNote, Options, Thing, import};
use crate::model::Board;

const CELLS: &str = r#"
    <mxCell id="0"/>
    <mxCell id="1" parent="0"/>
    <mxCell id="a" value="&lt;div&gt;&lt;b&gt;Kafka&lt;/b&gt;&lt;br&gt;&lt;/div&gt;" style="rounded=1;whiteSpace=wrap;html=1;" vertex="1" parent="1">
      <mxGeometry x="40" y="40" width="120" height="60" as="geometry"/>
    </mxCell>
    <mxCell id="lane" value="Offline" style="swimlane;startSize=23;" vertex="1" parent="1">
      <mxGeometry x="300" y="0" width="300" height="200" as="geometry"/>
    </mxCell>
    <mxCell id="b" value="Feature store" style="rounded=0;" vertex="1" parent="lane">
      <mxGeometry x="40" y="60" width="120" height="60" as="geometry"/>
    </mxCell>
    <mxCell id="e1" value="" style="edgeStyle=orthogonalEdgeStyle;html=1;" edge="1" parent="1" source="a" target="b">
      <mxGeometry relative="1" as="geometry"/>
    </mxCell>
    <mxCell id="e1-label" value="features" style="edgeLabel;html=1;" vertex="1" connectable="0" parent="e1">
      <mxGeometry x="-0.1" relative="1" as="geometry"/>
    </mxCell>
    <object label="Ranker" id="c">
      <mxCell style="ellipse;" vertex="1" parent="1">
        <mxGeometry x="40" y="300" width="120" height="60" as="geometry"/>
      </mxCell>
    </object>
    <mxCell id="e2" style="endArrow=none;" edge="1" parent="1" source="c" target="b">
      <mxGeometry relative="1" as="geometry"/>
    </mxCell>
    <mxCell id="e3" style="startArrow=classic;endArrow=none;" edge="1" parent="1" target="c">
      <mxGeometry relative="1" as="geometry">
        <mxPoint x="160" y="80" as="sourcePoint"/>
        <mxPoint x="100" y="310" as="targetPoint"/>
      </mxGeometry>
    </mxCell>
    <mxCell id="e4" edge="1" parent="1" source="c">
      <mxGeometry relative="1" as="geometry">
        <mxPoint x="900" y="900" as="targetPoint"/>
      </mxGeometry>
    </mxCell>
    <mxCell id="note" value="Keep features fresh" style="text;html=1;" vertex="1" parent="1">
      <mxGeometry x="40" y="600" width="200" height="30" as="geometry"/>
    </mxCell>
"#;

fn model(cells: &str) -> String {
    format!("<mxGraphModel><root>{cells}</root></mxGraphModel>")
}

fn compressed(xml: &str) -> String {
    let encoded =
        percent_encoding::utf8_percent_encode(xml, percent_encoding::NON_ALPHANUMERIC).to_string();
    let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    deflate.write_all(encoded.as_bytes()).unwrap();
    base64::engine::general_purpose::STANDARD.encode(deflate.finish().unwrap())
}

fn read(text: &str, page: Option<usize>) -> Result<(Board, Vec<ImportNote>), ImportError> {
    import(
        text,
        Format::DrawIo,
        &Catalog::builtin().unwrap(),
        Options { page },
    )
    .map(|i| (i.board, i.notes))
}

fn check_main_page(board: &Board, notes: &[ImportNote]) {
    let blocks: Vec<(&str, &str, f32, f32)> = board
        .blocks
        .values()
        .map(|b| (b.label.as_str(), b.kind.as_str(), b.pos.x, b.pos.y))
        .collect();
    assert_eq!(
        blocks,
        [
            ("Kafka", "event_stream", 40.0, 40.0),
            // Placed within its swimlane.
            ("Feature store", "feature_store", 340.0, 60.0),
            ("Ranker", "ranker", 40.0, 300.0),
        ]
    );
    let edges: Vec<(u32, u32, &str, bool)> = board
        .edges
        .values()
        .map(|e| (e.from.0, e.to.0, e.label.as_str(), e.undirected))
        .collect();
    // e3 has its head at the start: it runs from the ranker to Kafka.
    assert_eq!(
        edges,
        [
            (1, 2, "features", false),
            (3, 2, "", true),
            (3, 1, "", false)
        ]
    );
    assert_eq!(
        board.edges.values().next().unwrap().routing,
        crate::model::Routing::Elbow
    );
    let frame = board.frames.values().next().unwrap();
    assert_eq!(frame.label, "Offline");
    assert_eq!(board.note, "Keep features fresh");
    assert!(notes.iter().any(|n| matches!(
        n,
        ImportNote::Skipped {
            thing: Thing::LooseArrow,
            count: 1,
            ..
        }
    )));
}

#[test]
fn vertices_edges_labels_swimlanes_and_text_import() {
    let (board, notes) = read(&model(CELLS), None).unwrap();
    check_main_page(&board, &notes);
}

#[test]
fn compressed_and_multi_page_files_import_the_page_asked_for() {
    let file = format!(
        "<mxfile host=\"test\"><diagram name=\"Notes\" id=\"p1\">{}</diagram><diagram name=\"Main\" id=\"p2\">{}</diagram></mxfile>",
        compressed(&model(
            r#"<mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="x" value="Only" vertex="1" parent="1"><mxGeometry width="10" height="10" as="geometry"/></mxCell>"#
        )),
        compressed(&model(CELLS)),
    );
    let (first, notes) = read(&file, None).unwrap();
    assert_eq!(first.blocks.len(), 1);
    assert_eq!(
        notes[0],
        ImportNote::Page {
            index: 1,
            names: vec!["Notes".into(), "Main".into()]
        }
    );
    let (second, notes) = read(&file, Some(2)).unwrap();
    check_main_page(&second, &notes);
    assert_eq!(second.title, "Main");
    assert_eq!(
        read(&file, Some(3)).unwrap_err(),
        ImportError::NoSuchPage { asked: 3, count: 2 }
    );
}

#[test]
fn a_loop_of_parents_is_cut_without_hanging() {
    let cells = r#"<mxCell id="0"/><mxCell id="1" parent="0"/>
        <mxCell id="a" value="A" vertex="1" parent="b"><mxGeometry x="10" y="10" width="50" height="50" as="geometry"/></mxCell>
        <mxCell id="b" value="B" vertex="1" parent="a"><mxGeometry x="10" y="10" width="50" height="50" as="geometry"/></mxCell>
        <mxCell id="c" value="C" vertex="1" parent="c"><mxGeometry x="10" y="10" width="50" height="50" as="geometry"/></mxCell>"#;
    let (board, _) = read(&model(cells), None).unwrap();
    assert_eq!(board.blocks.len(), 3);
}

#[test]
fn tables_are_one_block_and_their_cells_are_listed() {
    let cells = r#"<mxCell id="0"/><mxCell id="1" parent="0"/>
        <mxCell id="t" value="users" style="shape=table;container=1;childLayout=tableLayout;" vertex="1" parent="1"><mxGeometry x="0" y="0" width="180" height="90" as="geometry"/></mxCell>
        <mxCell id="r" value="" style="shape=tableRow;" vertex="1" parent="t"><mxGeometry y="30" width="180" height="30" as="geometry"/></mxCell>
        <mxCell id="c1" value="id" style="shape=partialRectangle;" vertex="1" parent="r"><mxGeometry width="60" height="30" as="geometry"/></mxCell>"#;
    let (board, notes) = read(&model(cells), None).unwrap();
    assert_eq!(board.blocks.len(), 1);
    assert!(notes.iter().any(|n| matches!(
        n,
        ImportNote::Skipped {
            thing: Thing::TableCell,
            count: 2,
            ..
        }
    )));
}

#[test]
fn what_is_not_a_diagram_is_one_clear_line() {
    let fail = |text: &str| read(text, None).unwrap_err().to_string();
    assert!(fail("<mxfile><diagram>").starts_with("it is not valid XML"));
    assert_eq!(
        fail("<svg></svg>"),
        "it is XML but not a draw.io diagram: its root element is <svg>, not <mxfile> or <mxGraphModel>"
    );
    assert_eq!(
        fail("<mxfile><diagram name=\"x\">%%%%</diagram></mxfile>"),
        "page 1 of the diagram cannot be read: its compressed text is not base64"
    );
}
