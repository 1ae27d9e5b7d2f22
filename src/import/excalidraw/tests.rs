//! The Excalidraw reader on small hand-written scenes, one feature each.

use serde_json::{Value, json};

use crate::catalog::Catalog;
use crate::import::{Format, ImportNote, Options, Thing, import};
use crate::model::{BlockId, Board};

fn shape(id: &str, kind: &str, x: f64, y: f64, bound: &[&str]) -> Value {
    json!({
        "id": id, "type": kind, "x": x, "y": y, "width": 160, "height": 60,
        "boundElements": bound.iter().map(|b| json!({"id": b, "type": "text"})).collect::<Vec<_>>(),
    })
}

fn text(id: &str, x: f64, y: f64, words: &str, container: Option<&str>) -> Value {
    json!({
        "id": id, "type": "text", "x": x, "y": y, "width": 80, "height": 20,
        "text": words, "originalText": words, "containerId": container,
    })
}

fn arrow(id: &str, from: (f64, f64), to: (f64, f64), bind: (Option<&str>, Option<&str>)) -> Value {
    let binding = |b: Option<&str>| b.map(|id| json!({"elementId": id, "focus": 0, "gap": 1}));
    json!({
        "id": id, "type": "arrow", "x": from.0, "y": from.1,
        "width": to.0 - from.0, "height": to.1 - from.1,
        "points": [[0, 0], [to.0 - from.0, to.1 - from.1]],
        "startBinding": binding(bind.0), "endBinding": binding(bind.1),
        "startArrowhead": null, "endArrowhead": "arrow",
    })
}

fn scene(elements: &[Value]) -> String {
    json!({"type": "excalidraw", "version": 2, "source": "test", "elements": elements}).to_string()
}

fn read(elements: &[Value]) -> (Board, Vec<ImportNote>) {
    let imported = import(
        &scene(elements),
        Format::Excalidraw,
        &Catalog::builtin().unwrap(),
        Options::default(),
    )
    .unwrap();
    (imported.board, imported.notes)
}

fn labels(board: &Board) -> Vec<(&str, &str)> {
    board
        .blocks
        .values()
        .map(|b| (b.label.as_str(), b.kind.as_str()))
        .collect()
}

fn arrows(board: &Board) -> Vec<(u32, u32, &str, bool)> {
    board
        .edges
        .values()
        .map(|e| (e.from.0, e.to.0, e.label.as_str(), e.undirected))
        .collect()
}

fn skipped(notes: &[ImportNote], thing: Thing) -> usize {
    notes
        .iter()
        .map(|n| match n {
            ImportNote::Skipped {
                thing: t, count, ..
            } if *t == thing => *count,
            _ => 0,
        })
        .sum()
}

#[test]
fn bound_labels_and_bound_arrows_make_blocks_and_arrows_with_kinds() {
    let (board, notes) = read(&[
        shape("a", "rectangle", 0.0, 0.0, &["ta"]),
        text("ta", 40.0, 20.0, "Kafka", Some("a")),
        shape("b", "ellipse", 400.0, 0.0, &["tb"]),
        text("tb", 440.0, 20.0, "FAISS", Some("b")),
        arrow("x", (160.0, 30.0), (400.0, 30.0), (Some("a"), Some("b"))),
        text("tx", 250.0, 20.0, "events", Some("x")),
    ]);
    assert_eq!(
        labels(&board),
        [("Kafka", "event_stream"), ("FAISS", "ann_index")]
    );
    assert_eq!(arrows(&board), [(1, 2, "events", false)]);
    assert_eq!(board.blocks[&BlockId(2)].pos.x, 400.0);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn unbound_arrows_stopping_short_reach_the_shapes_near_their_ends() {
    let (board, notes) = read(&[
        shape("a", "rectangle", 0.0, 0.0, &[]),
        text("ta", 40.0, 20.0, "Encoder", None),
        shape("b", "diamond", 400.0, 0.0, &[]),
        text("tb", 440.0, 20.0, "Ranker", None),
        // Stops 20 units short of the second shape and starts inside the first.
        arrow("x", (150.0, 30.0), (380.0, 30.0), (None, None)),
        // Stops 40 units short: reaches nothing.
        arrow("y", (80.0, 70.0), (80.0, 300.0), (None, None)),
    ]);
    assert_eq!(
        labels(&board),
        [("Encoder", "embedding_model"), ("Ranker", "ranker")]
    );
    assert_eq!(arrows(&board), [(1, 2, "", false)]);
    assert_eq!(skipped(&notes, Thing::LooseArrow), 1);
}

#[test]
fn text_beside_an_arrow_labels_it_and_loose_text_becomes_the_note() {
    let (board, notes) = read(&[
        shape("a", "rectangle", 0.0, 0.0, &["ta"]),
        text("ta", 40.0, 20.0, "Users", Some("a")),
        shape("b", "rectangle", 400.0, 0.0, &["tb"]),
        text("tb", 440.0, 20.0, "API", Some("b")),
        arrow("x", (160.0, 30.0), (400.0, 30.0), (Some("a"), Some("b"))),
        // Just above the arrow's middle (280, 30).
        text("label", 250.0, 0.0, "requests", None),
        text("far", 0.0, 500.0, "Metrics: nDCG, MRR", None),
    ]);
    assert_eq!(arrows(&board), [(1, 2, "requests", false)]);
    assert_eq!(board.note, "Metrics: nDCG, MRR");
    assert!(notes.contains(&ImportNote::LooseText { count: 1 }));
}

#[test]
fn an_icon_group_of_strokes_and_one_text_is_one_block() {
    let line = |id: &str, x: f64, y: f64| {
        json!({"id": id, "type": "line", "x": x, "y": y, "width": 0, "height": 20,
               "points": [[0, 0], [0, 20]], "groupIds": ["icon"]})
    };
    let mut head = shape("head", "ellipse", 10.0, 0.0, &[]);
    head["width"] = json!(20);
    head["height"] = json!(20);
    head["groupIds"] = json!(["icon"]);
    let mut name = text("name", 0.0, 45.0, "User", None);
    name["groupIds"] = json!(["icon"]);
    let (board, notes) = read(&[
        head,
        line("l1", 20.0, 20.0),
        line("l2", 10.0, 25.0),
        name,
        shape("b", "rectangle", 300.0, 0.0, &["tb"]),
        text("tb", 340.0, 20.0, "Web server", Some("b")),
        // Drawn from just below the icon's text to the server.
        arrow("x", (40.0, 80.0), (300.0, 30.0), (None, Some("b"))),
    ]);
    assert_eq!(
        labels(&board),
        [("User", "client"), ("Web server", "api_service")]
    );
    assert_eq!(arrows(&board), [(1, 2, "", false)]);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn arrowheads_give_the_direction_and_lines_without_heads_are_undirected() {
    let mut back = arrow("back", (160.0, 30.0), (400.0, 30.0), (Some("a"), Some("b")));
    back["startArrowhead"] = json!("arrow");
    back["endArrowhead"] = Value::Null;
    let mut both = arrow(
        "both",
        (160.0, 40.0),
        (400.0, 300.0),
        (Some("a"), Some("c")),
    );
    both["startArrowhead"] = json!("triangle");
    let mut line = arrow(
        "line",
        (400.0, 60.0),
        (400.0, 300.0),
        (Some("b"), Some("c")),
    );
    line["type"] = json!("line");
    line["endArrowhead"] = Value::Null;
    let (board, _) = read(&[
        shape("a", "rectangle", 0.0, 0.0, &[]),
        text("ta", 40.0, 20.0, "A", None),
        shape("b", "rectangle", 400.0, 0.0, &[]),
        text("tb", 440.0, 20.0, "B", None),
        shape("c", "rectangle", 400.0, 300.0, &[]),
        text("tc", 440.0, 320.0, "C", None),
        back,
        both,
        line,
    ]);
    assert_eq!(
        arrows(&board),
        [(2, 1, "", false), (1, 3, "", true), (2, 3, "", true)]
    );
}

#[test]
fn frames_deleted_elements_images_and_files_are_handled_and_listed() {
    let mut gone = shape("gone", "rectangle", 0.0, 200.0, &[]);
    gone["isDeleted"] = json!(true);
    let mut member = shape("a", "rectangle", 20.0, 40.0, &["ta"]);
    member["frameId"] = json!("f");
    let elements = vec![
        json!({"id": "f", "type": "frame", "x": 0, "y": 0, "width": 400, "height": 200, "name": "Online"}),
        member,
        text("ta", 40.0, 60.0, "Model server", Some("a")),
        gone,
        json!({"id": "img", "type": "image", "x": 0, "y": 0, "width": 10, "height": 10, "fileId": "f1"}),
        json!({"id": "pen", "type": "freedraw", "x": 0, "y": 0, "width": 10, "height": 10, "points": [[0, 0], [5, 5]]}),
    ];
    let json = json!({"type": "excalidraw", "version": 2, "elements": elements,
                      "files": {"f1": {"dataURL": "data:"}, "f2": {"dataURL": "data:"}}})
    .to_string();
    let imported = import(
        &json,
        Format::Excalidraw,
        &Catalog::builtin().unwrap(),
        Options::default(),
    )
    .unwrap();
    let (board, notes) = (imported.board, imported.notes);
    assert_eq!(labels(&board), [("Model server", "model_server")]);
    let frame = &board.frames.values().next().unwrap();
    assert_eq!(frame.label, "Online");
    assert!(frame.rect.contains_rect(&board.blocks[&BlockId(1)].rect()));
    for (thing, count) in [
        (Thing::DeletedElement, 1),
        (Thing::Image, 1),
        (Thing::EmbeddedFile, 1),
        (Thing::Freehand, 1),
    ] {
        assert_eq!(skipped(&notes, thing), count, "{thing:?} in {notes:?}");
    }
    let lines: Vec<String> = notes.iter().map(ToString::to_string).collect();
    assert!(
        lines.contains(&"skipped 1 image (\"img\"): pictures cannot be graded".to_owned()),
        "{lines:?}"
    );
}

#[test]
fn an_old_scene_without_bindings_or_container_ids_still_imports() {
    // 2020: no `type`, `boundElementIds`, no arrowhead fields.
    let json = json!({"elements": [
        {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 50, "boundElementIds": ["x"]},
        {"id": "t", "type": "text", "x": 10, "y": 10, "width": 60, "height": 20, "text": "Cache"},
        {"id": "b", "type": "rectangle", "x": 300, "y": 0, "width": 100, "height": 50},
        {"id": "u", "type": "text", "x": 310, "y": 10, "width": 60, "height": 20, "text": "DB"},
        {"id": "x", "type": "arrow", "x": 100, "y": 25, "width": 200, "height": 0, "points": [[0, 0], [200, 0]]},
    ]})
    .to_string();
    let imported = import(
        &json,
        Format::Excalidraw,
        &Catalog::builtin().unwrap(),
        Options::default(),
    )
    .unwrap();
    assert_eq!(
        labels(&imported.board),
        [("Cache", "cache"), ("DB", "database")]
    );
    assert_eq!(arrows(&imported.board), [(1, 2, "", false)]);
}

#[test]
fn what_is_not_an_excalidraw_scene_is_one_clear_line() {
    let catalog = Catalog::builtin().unwrap();
    let fail = |text: &str| {
        import(text, Format::Excalidraw, &catalog, Options::default())
            .unwrap_err()
            .to_string()
    };
    assert!(fail("{\"type\": \"excalidraw\", \"elements\": [").starts_with("it is not valid JSON"));
    assert_eq!(
        fail("{\"type\": \"tldraw\"}"),
        "it is JSON but not an Excalidraw drawing: its type is \"tldraw\", not \"excalidraw\""
    );
    assert!(fail(&format!("{}{}", "[".repeat(5000), "]".repeat(5000))).contains("recursion limit"));
}
