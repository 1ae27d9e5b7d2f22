//! Board files: the SPEC minimal form, round trips, and every validation error.

use std::fmt::Write as _;

use archdrill::catalog::Catalog;
use archdrill::model::{
    Block, BlockId, Board, DEFAULT_BLOCK_SIZE, Edge, EdgeId, Frame, FrameId, FrameworkNotes, Pos,
    Rect, Routing, Vec2,
};
use archdrill::scan::ShapeError;
use archdrill::store::{self, LoadErrorKind, Problem, Warning};

use crate::{project_dir, write};

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

const MINIMAL: &str = r#"(
    version: 1,
    case: Some("visual-search"),
    blocks: [
        (id: 1, kind: "embedding_model", label: "Image encoder", pos: (100.0, 80.0)),
        (id: 2, kind: "ann_index", label: "FAISS", pos: (320.0, 80.0)),
    ],
    edges: [
        (from: 1, to: 2),
    ],
)"#;

fn parse_err(text: &str) -> LoadErrorKind {
    store::parse_board(text, &catalog()).unwrap_err()
}

fn problems(text: &str) -> Vec<Problem> {
    match parse_err(text) {
        LoadErrorKind::Invalid(problems) => problems,
        other => panic!("expected semantic problems, got {other:?}"),
    }
}

#[test]
fn the_spec_minimal_board_loads_with_defaults() {
    let loaded = store::parse_board(MINIMAL, &catalog()).unwrap();
    let board = loaded.board;
    assert!(loaded.warnings.is_empty());
    assert_eq!(board.case.as_deref(), Some("visual-search"));
    assert_eq!(board.blocks.len(), 2);
    let faiss = &board.blocks[&BlockId(2)];
    assert_eq!(
        (faiss.kind.as_str(), faiss.label.as_str()),
        ("ann_index", "FAISS")
    );
    assert_eq!(faiss.size, archdrill::model::DEFAULT_BLOCK_SIZE);
    let edge = board.edges.values().next().unwrap();
    assert_eq!(
        (edge.from, edge.to, edge.routing),
        (BlockId(1), BlockId(2), Routing::Straight)
    );
    assert!(edge.label.is_empty());
    assert!(board.frames.is_empty() && board.title.is_empty());
}

#[test]
fn every_example_board_round_trips_to_an_identical_model() {
    let dir = tempfile::tempdir().unwrap();
    let boards = store::list_boards(&project_dir().join("boards"));
    assert!(
        boards.len() >= 3,
        "expected example boards, found {boards:?}"
    );
    for path in boards {
        let first = store::load_board(&path, &catalog()).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            first.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            first.warnings
        );
        let copy = dir.path().join(path.file_name().unwrap());
        store::save_board(&copy, &first.board).unwrap();
        let second = store::load_board(&copy, &catalog()).unwrap();
        assert_eq!(
            first.board,
            second.board,
            "{} changed in a round trip",
            path.display()
        );
        // A second save writes the very same bytes: saves diff cleanly.
        let text = std::fs::read_to_string(&copy).unwrap();
        store::save_board(&copy, &second.board).unwrap();
        assert_eq!(text, std::fs::read_to_string(&copy).unwrap());
    }
}

#[test]
fn unknown_kinds_load_as_custom_and_keep_their_text() {
    let text = MINIMAL.replace(
        r#"kind: "ann_index", label: "FAISS""#,
        r#"kind: "quantum_thing", label: """#,
    );
    let loaded = store::parse_board(&text, &catalog()).unwrap();
    let block = &loaded.board.blocks[&BlockId(2)];
    assert_eq!(block.kind, "custom");
    assert_eq!(block.label, "quantum_thing");
    assert_eq!(
        loaded.warnings,
        vec![Warning::UnknownKind {
            block: BlockId(2),
            kind: "quantum_thing".into()
        }]
    );
}

#[test]
fn versions_are_checked_before_anything_else() {
    let newer = MINIMAL.replace("version: 1", "version: 7, future_field: [1, 2]");
    assert_eq!(
        parse_err(&newer),
        LoadErrorKind::TooNew {
            found: 7,
            supported: 1
        }
    );
    let message = parse_err(&newer).to_string();
    assert!(
        message.contains("version 7") && message.contains("newer"),
        "{message}"
    );
    assert_eq!(
        parse_err(&MINIMAL.replace("version: 1,", "")),
        LoadErrorKind::MissingVersion
    );
    assert_eq!(
        parse_err(&MINIMAL.replace("version: 1", "version: 0")),
        LoadErrorKind::BadVersion { found: 0 }
    );
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let broken = MINIMAL.replace(r#"label: "FAISS", pos"#, r#"label: "FAISS" pos"#);
    match parse_err(&broken) {
        LoadErrorKind::Syntax { line, column, .. } => {
            assert_eq!(line, 6);
            assert!(column > 40, "column {column}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn dangling_edges_are_named() {
    let text = MINIMAL.replace("(from: 1, to: 2)", "(from: 1, to: 9)");
    assert_eq!(
        problems(&text),
        vec![Problem::DanglingEdge {
            index: 1,
            from: BlockId(1),
            to: BlockId(9),
            missing: BlockId(9)
        }]
    );
}

#[test]
fn duplicate_block_ids_are_refused() {
    let text = MINIMAL.replace("(id: 2,", "(id: 1,");
    assert!(problems(&text).contains(&Problem::DuplicateBlockId(BlockId(1))));
}

#[test]
fn nan_and_infinite_positions_are_refused() {
    for bad in ["(NaN, 80.0)", "(inf, 80.0)", "(100.0, -inf)"] {
        let text = MINIMAL.replace("(320.0, 80.0)", bad);
        let found = problems(&text);
        assert!(
            matches!(&found[..], [Problem::NotFinite { what, field: "position" }] if what == "block 2"),
            "{bad}: {found:?}"
        );
    }
}

#[test]
fn self_loops_duplicate_edges_and_bad_sizes_are_refused() {
    let looped = MINIMAL.replace("(from: 1, to: 2)", "(from: 2, to: 2)");
    assert_eq!(
        problems(&looped),
        vec![Problem::SelfLoop {
            index: 1,
            block: BlockId(2)
        }]
    );
    let twice = MINIMAL.replace("(from: 1, to: 2),", "(from: 1, to: 2), (from: 1, to: 2),");
    assert_eq!(
        problems(&twice),
        vec![Problem::DuplicateEdge {
            index: 2,
            from: BlockId(1),
            to: BlockId(2)
        }]
    );
    let flat = MINIMAL.replace(
        "pos: (320.0, 80.0)",
        "pos: (320.0, 80.0), size: (0.0, 40.0)",
    );
    assert_eq!(
        problems(&flat),
        vec![Problem::NotPositive {
            what: "block 2".into()
        }]
    );
}

#[test]
fn too_many_blocks_or_edges_are_refused() {
    let mut blocks = String::new();
    for i in 1..=20_001 {
        write!(blocks, "(id: {i}, kind: \"cache\", pos: (0.0, 0.0)),").unwrap();
    }
    let text = format!("(version: 1, blocks: [{blocks}])");
    assert_eq!(
        problems(&text),
        vec![Problem::TooMany {
            what: "blocks",
            count: 20_001,
            max: 20_000
        }]
    );
    let edges: String = (0..20_001).map(|_| "(from: 1, to: 2),").collect();
    let text = MINIMAL.replace("(from: 1, to: 2),", &edges);
    assert!(problems(&text).contains(&Problem::TooMany {
        what: "edges",
        count: 20_001,
        max: 20_000
    }));
}

#[test]
fn labels_over_a_thousand_characters_are_refused() {
    let long = "x".repeat(1_001);
    let text = MINIMAL.replace("\"FAISS\"", &format!("\"{long}\""));
    assert_eq!(
        problems(&text),
        vec![Problem::TooLong {
            what: "block 2".into(),
            field: "label",
            len: 1_001,
            max: 1_000
        }]
    );
    let ok = MINIMAL.replace("\"FAISS\"", &format!("\"{}\"", "y".repeat(1_000)));
    assert!(store::parse_board(&ok, &catalog()).is_ok());
}

#[test]
fn a_bad_file_is_reported_with_its_name_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = MINIMAL.replace("(from: 1, to: 2)", "(from: 1, to: 5)");
    let path = write(dir.path(), "broken.ron", &text);
    let err = store::load_board(&path, &catalog()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("broken.ron") && message.contains("block 5"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let missing = store::load_board(&dir.path().join("nope.ron"), &catalog()).unwrap_err();
    assert!(missing.to_string().contains("does not exist"), "{missing}");
    let binary = dir.path().join("garbage.ron");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x12]).unwrap();
    assert_eq!(
        store::load_board(&binary, &catalog()).unwrap_err().kind,
        LoadErrorKind::NotText { offset: 0 }
    );
}

#[test]
fn deeply_nested_brackets_give_an_error_not_a_crash() {
    let text = format!(
        "(version: 1, title: {}1{})",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    // Refused by the pre-parse scan at the 65th level (the board's own `(` is the first, so
    // the 64th `[`, at column 20 + 64), before the parser recurses.
    let err = parse_err(&text);
    assert!(
        matches!(
            err,
            LoadErrorKind::Shape(ShapeError::TooDeep {
                line: 1,
                column: 84,
                max: 64,
                ..
            })
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("nested more than 64 levels"),
        "{err}"
    );
}

#[test]
fn saving_writes_blocks_in_id_order_in_the_documented_shape() {
    let loaded = store::parse_board(MINIMAL, &catalog()).unwrap();
    let text = store::board_to_text(&loaded.board).unwrap();
    assert!(text.starts_with("(\n    version: 1,"), "{text}");
    assert!(text.contains("case: Some(\"visual-search\")"), "{text}");
    let first = text.find("id: 1,").unwrap();
    let second = text.find("id: 2,").unwrap();
    assert!(first < second);
    assert!(text.contains("pos: (320.0, 80.0)"), "{text}");
}

#[test]
fn framework_notes_and_timestamps_survive_a_round_trip() {
    let text = MINIMAL.replace(
        "    edges: [",
        "    notes: (requirements: \"1B images, 200 ms\", evaluation: \"MRR, nDCG\"),\n    created: Some(\"2026-11-20T10:00:00Z\"),\n    edges: [",
    );
    let loaded = store::parse_board(&text, &catalog()).unwrap().board;
    assert_eq!(loaded.notes.requirements, "1B images, 200 ms");
    assert_eq!(loaded.notes.evaluation, "MRR, nDCG");
    assert!(loaded.notes.framing.is_empty());
    assert_eq!(loaded.created.as_deref(), Some("2026-11-20T10:00:00Z"));
    let saved = store::board_to_text(&loaded).unwrap();
    assert!(saved.contains("evaluation: \"MRR, nDCG\""), "{saved}");
    assert_eq!(
        store::parse_board(&saved, &catalog()).unwrap().board,
        loaded
    );
    // Nothing is written for a board without notes or timestamps.
    let plain =
        store::board_to_text(&store::parse_board(MINIMAL, &catalog()).unwrap().board).unwrap();
    assert!(
        !plain.contains("notes") && !plain.contains("created"),
        "{plain}"
    );
}

/// A block as the model holds it.
fn block(id: u32, kind: &str, label: &str, pos: (f32, f32), size: (f32, f32), note: &str) -> Block {
    Block {
        id: BlockId(id),
        kind: kind.into(),
        label: label.into(),
        pos: Pos::new(pos.0, pos.1),
        size: Vec2::new(size.0, size.1),
        note: note.into(),
    }
}

fn edge(id: u32, (from, to): (u32, u32), label: &str, routing: Routing) -> Edge {
    Edge {
        id: EdgeId(id),
        from: BlockId(from),
        to: BlockId(to),
        label: label.into(),
        routing,
        undirected: false,
    }
}

fn board_of(blocks: Vec<Block>, edges: Vec<Edge>) -> Board {
    Board {
        blocks: blocks.into_iter().map(|b| (b.id, b)).collect(),
        edges: edges.into_iter().map(|e| (e.id, e)).collect(),
        ..Board::default()
    }
}

/// The version-1 fixtures and the boards they must load as. Kept forever: a later format
/// version must still read them exactly so.
fn v1_fixtures() -> Vec<(&'static str, Board)> {
    let size = (DEFAULT_BLOCK_SIZE.x, DEFAULT_BLOCK_SIZE.y);
    let minimal = Board {
        case: Some("visual-search".into()),
        ..board_of(
            vec![
                block(
                    1,
                    "embedding_model",
                    "Image encoder",
                    (100.0, 80.0),
                    size,
                    "",
                ),
                block(2, "ann_index", "FAISS", (320.0, 80.0), size, ""),
            ],
            vec![edge(1, (1, 2), "", Routing::Straight)],
        )
    };
    let mut full = board_of(
        vec![
            block(1, "client", "Homepage request", (40.0, 140.0), size, ""),
            block(
                2,
                "candidate_generation",
                "Two-tower retrieval",
                (340.0, 80.0),
                size,
                "",
            ),
            block(
                4,
                "ranker",
                "Heavy ranker",
                (640.0, 140.0),
                (200.0, 72.0),
                "Multi-task: watch, like, share.",
            ),
            block(
                6,
                "ann_index",
                "ANN index of video embeddings",
                (340.0, 400.0),
                size,
                "",
            ),
            block(
                9,
                "training_pipeline",
                "Continual training",
                (40.0, 560.0),
                size,
                "",
            ),
        ],
        vec![
            edge(1, (1, 2), "user, context", Routing::Straight),
            edge(2, (2, 4), "candidates", Routing::Straight),
            edge(3, (6, 2), "neighbours", Routing::Straight),
            edge(4, (9, 6), "embeddings", Routing::Elbow),
        ],
    );
    full.title = "Video recommendation: multi-stage funnel".into();
    full.case = Some("video-recommendation".into());
    for (id, label, pos, size) in [
        (1, "Online", (20.0, 40.0), (1140.0, 260.0)),
        (2, "Offline", (20.0, 340.0), (840.0, 320.0)),
    ] {
        let rect = Rect::new(Pos::new(pos.0, pos.1), Vec2::new(size.0, size.1));
        let id = FrameId(id);
        full.frames.insert(
            id,
            Frame {
                id,
                label: label.into(),
                rect,
            },
        );
    }
    full.notes = FrameworkNotes {
        requirements: "2B users, homepage in 200 ms".into(),
        framing: "Rank videos by expected watch time".into(),
        data: "Watch history, likes, searches".into(),
        features: "User and video embeddings".into(),
        model: "Two-tower retrieval, multi-task ranker".into(),
        evaluation: "Offline: mAP, nDCG. Online: watch time, CTR".into(),
        serving: "Retrieval, ranking, re-ranking; monitor drift".into(),
    };
    full.created = Some("2026-11-20T10:00:00Z".into());
    full.modified = Some("2026-11-21T08:30:00Z".into());
    let hand_written = Board {
        case: Some("visual-search".into()),
        ..board_of(
            vec![
                block(
                    7,
                    "client",
                    "User \"query\" \u{1F50D}",
                    (0.0, 0.0),
                    size,
                    "",
                ),
                block(
                    3,
                    "ann_index",
                    "Index (\"ANN\")",
                    (-250.5, 1000.0),
                    size,
                    "",
                ),
            ],
            vec![edge(1, (7, 3), "", Routing::Straight)],
        )
    };
    vec![
        ("minimal.ron", minimal),
        ("full.ron", full),
        ("hand-written.ron", hand_written),
    ]
}

#[test]
fn version_1_fixtures_load_to_the_expected_board_and_are_never_rewritten() {
    let folder = project_dir().join("tests/fixtures/v1");
    let fixtures = v1_fixtures();
    let names: Vec<_> = store::list_boards(&folder)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut expected_names: Vec<_> = fixtures.iter().map(|(n, _)| (*n).to_owned()).collect();
    expected_names.sort();
    assert_eq!(
        names, expected_names,
        "every v1 fixture needs an expected board"
    );
    for (name, expected) in fixtures {
        let path = folder.join(name);
        let before = std::fs::read(&path).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        let loaded = store::load_board(&path, &catalog()).unwrap_or_else(|e| panic!("{e}"));
        assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
        assert_eq!(loaded.board, expected, "{name}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{name} was rewritten"
        );
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified
        );
        // Saved again, it reads back as the same board, in the current version.
        let text = store::board_to_text(&loaded.board).unwrap();
        assert!(text.starts_with("(\n    version: 1,"), "{text}");
        assert_eq!(
            store::parse_board(&text, &catalog()).unwrap().board,
            expected
        );
    }
}

#[test]
fn a_byte_order_mark_is_not_content() {
    let loaded = store::parse_board(&format!("\u{feff}{MINIMAL}"), &catalog()).unwrap();
    assert_eq!(
        loaded.board,
        store::parse_board(MINIMAL, &catalog()).unwrap().board
    );
}
