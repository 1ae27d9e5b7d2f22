//! Hostile input: every kind of bad board and case file is refused with its own error, naming
//! the file, without a panic, and the file is left exactly as it was.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use archdrill::cases::CaseError;
use archdrill::catalog::Catalog;
use archdrill::model::BlockId;
use archdrill::scan::ShapeError;
use archdrill::store::board_file::MAX_OPENINGS;
use archdrill::store::{self, LoadErrorKind, MAX_FILE_BYTES, Problem};

use crate::project_dir;

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

fn bad_dir() -> PathBuf {
    project_dir().join("tests/fixtures/bad")
}

fn invalid(kind: &LoadErrorKind) -> &[Problem] {
    match kind {
        LoadErrorKind::Invalid(problems) => problems,
        _ => &[],
    }
}

fn syntax_says(kind: &LoadErrorKind, at_line: usize, words: &str) -> bool {
    matches!(kind, LoadErrorKind::Syntax { line, message, .. } if *line == at_line && message.contains(words))
}

/// What loading each file in `tests/fixtures/bad/` must give.
fn expected_board_error(name: &str, kind: &LoadErrorKind) -> bool {
    use LoadErrorKind as K;
    let (one, two) = (BlockId(1), BlockId(2));
    match name {
        "empty.ron" | "blank.ron" => *kind == K::Shape(ShapeError::Empty),
        "binary-garbage.ron" => {
            *kind
                == K::Shape(ShapeError::Binary {
                    line: 1,
                    column: 1,
                    code: 0x7f,
                })
        }
        "non-utf8.ron" => {
            let bytes = std::fs::read(bad_dir().join(name)).unwrap();
            let offset = bytes.iter().position(|b| *b == 0xe9).unwrap();
            *kind == K::NotText { offset }
        }
        "truncated.ron" => syntax_says(kind, 6, "ends too early"),
        "deep-nesting.ron" => matches!(
            kind,
            K::Shape(ShapeError::TooDeep {
                line: 1,
                max: 64,
                ..
            })
        ),
        "nan-position.ron" => {
            invalid(kind)
                == [Problem::NotFinite {
                    what: "block 2".into(),
                    field: "position",
                }]
        }
        "huge-coordinate.ron" => {
            invalid(kind)
                == [Problem::OutOfRange {
                    what: "block 2".into(),
                    field: "position",
                    value: 1e30,
                }]
        }
        "infinite-size.ron" => {
            invalid(kind)
                == [Problem::NotFinite {
                    what: "block 2".into(),
                    field: "size",
                }]
        }
        "zero-size.ron" => {
            invalid(kind)
                == [Problem::NotPositive {
                    what: "block 2".into(),
                }]
        }
        "negative-id.ron" => {
            invalid(kind)
                == [
                    Problem::BadId {
                        what: "block",
                        id: -2,
                    },
                    Problem::BadEdgeEnd {
                        index: 1,
                        end: "to",
                        id: -2,
                    },
                ]
        }
        "duplicate-ids.ron" => {
            invalid(kind)
                == [
                    Problem::DuplicateBlockId(one),
                    Problem::DanglingEdge {
                        index: 1,
                        from: one,
                        to: two,
                        missing: two,
                    },
                ]
        }
        "duplicate-frame-ids.ron" => invalid(kind) == [Problem::DuplicateFrameId(1)],
        "edge-to-missing-block.ron" => {
            invalid(kind)
                == [Problem::DanglingEdge {
                    index: 1,
                    from: one,
                    to: BlockId(5),
                    missing: BlockId(5),
                }]
        }
        "self-loop.ron" => {
            invalid(kind)
                == [Problem::SelfLoop {
                    index: 1,
                    block: two,
                }]
        }
        "duplicate-edge.ron" => {
            invalid(kind)
                == [Problem::DuplicateEdge {
                    index: 2,
                    from: one,
                    to: two,
                }]
        }
        "unknown-field.ron" => matches!(
            kind,
            K::UnknownField { line: 6, field, within, expected, .. }
                if field == "lable" && within == "a block" && expected.contains("label")
        ),
        "missing-field.ron" => syntax_says(kind, 6, "a block has no `pos` field"),
        "wrong-type.ron" => syntax_says(kind, 6, "Expected"),
        "newer-version.ron" => {
            *kind
                == K::TooNew {
                    found: 2,
                    supported: 1,
                }
        }
        "version-zero.ron" => *kind == K::BadVersion { found: 0 },
        "negative-version.ron" => *kind == K::BadVersion { found: -1 },
        "missing-version.ron" => *kind == K::MissingVersion,
        "not-a-board.ron" => syntax_says(kind, 1, "expected `(` to open the board"),
        _ => panic!("{name}: a fixture with no expected error; add it to this list"),
    }
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Runs `archdrill validate` on `path`: it must exit 2 and print one line per problem, each
/// naming the file, without panicking.
fn validate_refuses(path: &Path, problems: usize) {
    let out = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .arg("validate")
        .arg(path)
        .env("ARCHDRILL_HOME", path.parent().unwrap())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}: {stdout}{stderr}",
        path.display()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), problems, "{}: {stdout}", path.display());
    let name = path.display().to_string();
    assert!(lines.iter().all(|l| l.starts_with(&name)), "{stdout}");
}

/// Loads `path`, which must fail: returns the error kind after checking that the message
/// names the file and that the file is unchanged.
fn refused(path: &Path, unchanged: impl Fn() -> bool) -> LoadErrorKind {
    let err = store::load_board(path, &catalog()).expect_err("a bad file loaded");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: ", path.display())),
        "{message}"
    );
    assert!(unchanged(), "{} changed while loading", path.display());
    let problems = invalid(&err.kind).len().max(1);
    validate_refuses(path, problems);
    assert!(unchanged(), "{} changed while validating", path.display());
    err.kind
}

#[test]
fn every_bad_board_is_refused_with_its_own_error_and_left_untouched() {
    let files = store::list_boards(&bad_dir());
    assert!(files.len() >= 20, "{files:?}");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let time = modified(&path);
        let kind = refused(&path, || {
            std::fs::read(&path).unwrap() == bytes && modified(&path) == time
        });
        assert!(expected_board_error(&name, &kind), "{name}: {kind:?}");
        assert!(!kind.to_string().is_empty());
    }
}

/// Refuses a generated file, checking its size and time stay (it may be too big to compare).
fn refused_generated(path: &Path) -> LoadErrorKind {
    let (len, time) = (std::fs::metadata(path).unwrap().len(), modified(path));
    refused(path, || {
        std::fs::metadata(path).unwrap().len() == len && modified(path) == time
    })
}

#[test]
fn a_200_megabyte_file_is_refused_by_its_size_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: the file claims 200 MB without taking the disk space.
    File::create(&path).unwrap().set_len(200_000_000).unwrap();
    assert_eq!(
        refused_generated(&path),
        LoadErrorKind::TooLarge {
            bytes: 200_000_000,
            max: MAX_FILE_BYTES
        }
    );
}

#[test]
fn a_million_blocks_are_refused_by_the_scan_before_they_are_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.ron");
    let mut out = BufWriter::new(File::create(&path).unwrap());
    write!(out, "(version: 1, blocks: [").unwrap();
    for id in 1..=1_000_000 {
        write!(out, "(id:{id},kind:\"cache\",pos:(0,0)),").unwrap();
    }
    write!(out, "])").unwrap();
    out.into_inner().unwrap().sync_all().unwrap();
    // Well under the size limit, so only the scan stands between it and a million-block Vec.
    assert!(std::fs::metadata(&path).unwrap().len() < MAX_FILE_BYTES);
    let kind = refused_generated(&path);
    assert!(
        matches!(kind, LoadErrorKind::Shape(ShapeError::TooManyItems { max, .. }) if max == MAX_OPENINGS),
        "{kind:?}"
    );
    assert!(
        kind.to_string()
            .contains("refused before its contents were read"),
        "{kind}"
    );
}

#[test]
fn a_board_one_block_over_the_limit_is_refused_after_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let mut blocks = String::new();
    for id in 1..=20_001 {
        write!(blocks, "(id:{id},kind:\"cache\",pos:(0,0)),").unwrap();
    }
    let path = crate::write(
        dir.path(),
        "crowded.ron",
        &format!("(version: 1, blocks: [{blocks}])"),
    );
    assert_eq!(
        invalid(&refused_generated(&path)),
        [Problem::TooMany {
            what: "blocks",
            count: 20_001,
            max: 20_000
        }]
    );
}

#[test]
fn a_100000_character_label_is_refused_as_too_long() {
    let dir = tempfile::tempdir().unwrap();
    let label = "é".repeat(100_000);
    let text = format!(
        "(version: 1, blocks: [(id: 1, kind: \"cache\", pos: (0.0, 0.0)), (id: 2, kind: \"cdn\", label: \"{label}\", pos: (0.0, 0.0))])"
    );
    let path = crate::write(dir.path(), "long.ron", &text);
    let kind = refused_generated(&path);
    assert_eq!(
        invalid(&kind),
        [Problem::TooLong {
            what: "block 2".into(),
            field: "label",
            len: 100_000,
            max: 1_000
        }]
    );
    assert_eq!(
        kind.to_string(),
        "the label of block 2 is 100000 characters long; at most 1000 are allowed"
    );
}

/// What loading each case file in `tests/fixtures/bad/cases/` must give.
fn expected_case_error(name: &str, error: &CaseError) -> bool {
    let syntax = |at: usize, words: &str| matches!(error, CaseError::Syntax { line, message, .. } if *line == at && message.contains(words));
    let invalid = |expected: &str| *error == CaseError::Invalid(vec![expected.to_owned()]);
    match name {
        "empty.ron" => *error == CaseError::Shape(ShapeError::Empty),
        "binary.ron" => {
            *error
                == CaseError::Shape(ShapeError::Binary {
                    line: 1,
                    column: 1,
                    code: 0,
                })
        }
        "deep-nesting.ron" => matches!(
            error,
            CaseError::Shape(ShapeError::TooDeep {
                line: 5,
                max: 64,
                ..
            })
        ),
        "syntax-error.ron" => syntax(8, "Expected comma"),
        "missing-hints.ron" => syntax(30, "the case has no `hints` field, which is required"),
        "unknown-field.ron" => syntax(
            12,
            "unknown field `optinal` in a node; the fields there are id, kind",
        ),
        "unknown-kind.ron" => {
            invalid("node `rank` has kind `quantum_ranker`, which is not in the catalog")
        }
        "edge-to-missing-node.ron" => {
            invalid("edge 4 (docs -> crawler) names node `crawler`, which does not exist")
        }
        _ => panic!("{name}: a case fixture with no expected error; add it to this list"),
    }
}

#[test]
fn every_bad_case_file_is_reported_by_name_and_the_others_still_load() {
    // The fixtures folder stands in for the data folder: its `cases/` is the user's.
    let data_dir = bad_dir();
    let files = store::list_boards(&data_dir.join("cases"));
    assert!(files.len() >= 8, "{files:?}");
    let before: Vec<Vec<u8>> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let library = store::load_cases(&catalog(), &data_dir);
    assert_eq!(library.cases.len(), 10, "the built-in cases still load");
    assert_eq!(
        library.problems.len(),
        files.len(),
        "{:#?}",
        library.problems
    );
    for (path, bytes) in files.iter().zip(&before) {
        let name = path.file_name().unwrap().to_string_lossy();
        let problem = library
            .problems
            .iter()
            .find(|p| p.source == path.display().to_string())
            .unwrap_or_else(|| panic!("{name} was not reported: {:#?}", library.problems));
        assert!(
            expected_case_error(&name, &problem.error),
            "{name}: {:?}",
            problem.error
        );
        assert!(problem.to_string().starts_with(&problem.source));
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{name} changed");
    }

    // The command line lists the good cases and names each bad file once, without a panic.
    let out = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .arg("cases")
        .env("ARCHDRILL_HOME", &data_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 10);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.lines().count(), files.len(), "{stderr}");
    for path in &files {
        let name = path.display().to_string();
        assert_eq!(stderr.matches(&name).count(), 1, "{name}: {stderr}");
    }
    for (path, bytes) in files.iter().zip(&before) {
        assert_eq!(&std::fs::read(path).unwrap(), bytes);
    }
}

/// Loads a hostile drawing through every verb's loader: it imports into a board that saves
/// and loads again, or is refused with one line naming the file; quickly either way, and the
/// file is left as it was. Returns the error's message, if any.
fn drawing_outcome(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).unwrap();
    let started = std::time::Instant::now();
    let outcome = store::load_drawing(path, &catalog(), None);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{}: {:?}",
        path.display(),
        started.elapsed()
    );
    assert_eq!(
        std::fs::read(path).unwrap(),
        bytes,
        "reading changed the file"
    );
    match outcome {
        Ok(loaded) => {
            let text = store::board_to_text(&loaded.board).unwrap();
            store::parse_board(&text, &catalog()).unwrap();
            None
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains('\n'), "{message}");
            assert!(
                message.starts_with(&path.display().to_string()),
                "{message}"
            );
            Some(message)
        }
    }
}

fn compressed_page(xml: &[u8]) -> String {
    use base64::Engine as _;
    let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    deflate.write_all(xml).unwrap();
    base64::engine::general_purpose::STANDARD.encode(deflate.finish().unwrap())
}

#[test]
fn hostile_drawings_are_imported_within_limits_or_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| crate::write(dir.path(), name, text);
    let scene = r#"{"type": "excalidraw", "elements": [{"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 50}]}"#;
    let diagram = r#"<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="a" value="A" vertex="1" parent="1"><mxGeometry width="10" height="10" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>"#;
    let refused = [
        (
            file("cut.excalidraw", &scene[..scene.len() / 2]),
            "it is not valid JSON",
        ),
        (
            file("cut.drawio", &diagram[..diagram.len() / 2]),
            "it is not valid XML",
        ),
        (
            file(
                "deep.excalidraw",
                &format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            ),
            "recursion limit",
        ),
        (
            file(
                "deep.drawio",
                &format!(
                    "<mxfile>{}{}</mxfile>",
                    "<a>".repeat(100_000),
                    "</a>".repeat(100_000)
                ),
            ),
            "it is XML but not a draw.io diagram",
        ),
        (
            file(
                "entities.drawio",
                "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><mxfile>&b;</mxfile>",
            ),
            "it is not valid XML",
        ),
        (
            file("junk.mmd", "\u{1}\u{2}garbage"),
            "not a Mermaid flowchart",
        ),
        (
            file("junk.md", "# Only prose\n\nNo diagram here.\n"),
            "no ```mermaid block",
        ),
        (
            file(
                "bad.excalidraw.md",
                "---\nexcalidraw-plugin: parsed\n---\n# Drawing\n```compressed-json\n!!!!\n```\n",
            ),
            "cannot be decompressed",
        ),
    ];
    for (path, expected) in refused {
        let message = drawing_outcome(&path).unwrap_or_else(|| panic!("{} loaded", path.display()));
        assert!(message.contains(expected), "{message}");
    }
    // Binary junk under each name: not UTF-8.
    for name in ["junk.excalidraw", "junk.drawio", "junk2.mmd"] {
        let path = dir.path().join(name);
        std::fs::write(&path, [0xff_u8, 0xfe, 0x00, 0x9c, 0x80]).unwrap();
        assert!(drawing_outcome(&path).unwrap().contains("not UTF-8"));
    }
}

/// LZ-String base64 text whose every code is the entry being defined, so each is one
/// character longer than the last: `codes` codes decode to about codes² / 2 characters.
fn lz_bomb(codes: usize) -> String {
    const KEY: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits: Vec<bool> = Vec::new();
    let put = |bits: &mut Vec<bool>, value: usize, width: u32| {
        for i in 0..width {
            bits.push(value >> i & 1 == 1);
        }
    };
    // An 8-bit character first: 'x'.
    put(&mut bits, 0, 2);
    put(&mut bits, usize::from(b'x'), 8);
    let (mut size, mut width, mut enlarge_in) = (4_usize, 3_u32, 4_usize);
    for _ in 0..codes {
        put(&mut bits, size, width);
        size += 1;
        enlarge_in -= 1;
        if enlarge_in == 0 {
            enlarge_in = 1 << width;
            width += 1;
        }
    }
    put(&mut bits, 2, width);
    bits.chunks(6)
        .map(|six| {
            let value = six
                .iter()
                .enumerate()
                .fold(0, |v, (i, b)| v | usize::from(*b) << (5 - i));
            KEY[value] as char
        })
        .collect()
}

#[test]
fn decompression_bombs_stop_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    // 60 MB of XML deflates to some 60 KB: refused at 50 MiB, never held whole.
    let mut xml = b"<mxGraphModel><root>".to_vec();
    xml.resize(60 * 1024 * 1024, b' ');
    let page = compressed_page(&xml);
    assert!(page.len() < 200_000, "{}", page.len());
    let path = crate::write(
        dir.path(),
        "bomb.drawio",
        &format!("<mxfile><diagram name=\"bomb\">{page}</diagram></mxfile>"),
    );
    let message = drawing_outcome(&path).unwrap();
    assert!(
        message.contains("decodes to more than 52428800 bytes"),
        "{message}"
    );
    // An Obsidian drawing whose compressed text repeats itself past the cap.
    let packed = lz_bomb(11_000);
    assert!(packed.len() < 40_000, "{}", packed.len());
    let path = crate::write(
        dir.path(),
        "bomb.excalidraw.md",
        &format!(
            "---\nexcalidraw-plugin: parsed\n---\n# Drawing\n```compressed-json\n{packed}\n```\n"
        ),
    );
    let message = drawing_outcome(&path).unwrap();
    assert!(message.contains("decodes to more than"), "{message}");
}

#[test]
fn loops_of_parents_huge_labels_and_deep_subgraphs_import_within_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    // draw.io cells that are each other's parents, and a chain of 10,000 nested groups.
    let mut cells = String::from(r#"<mxCell id="0"/><mxCell id="1" parent="0"/>"#);
    cells.push_str(r#"<mxCell id="a" value="A" vertex="1" parent="b"><mxGeometry x="5" width="10" height="10" as="geometry"/></mxCell>"#);
    cells.push_str(r#"<mxCell id="b" value="B" vertex="1" parent="a"><mxGeometry x="5" width="10" height="10" as="geometry"/></mxCell>"#);
    for i in 0..10_000 {
        let parent = if i == 0 {
            "1".to_owned()
        } else {
            format!("g{}", i - 1)
        };
        write!(cells, r#"<mxCell id="g{i}" style="group" vertex="1" parent="{parent}"><mxGeometry x="1e30" y="1" width="10" height="10" as="geometry"/></mxCell>"#).unwrap();
    }
    cells.push_str(r#"<mxCell id="deep" value="Deep" vertex="1" parent="g9999"><mxGeometry width="10" height="10" as="geometry"/></mxCell>"#);
    let path = crate::write(
        dir.path(),
        "loops.drawio",
        &format!("<mxGraphModel><root>{cells}</root></mxGraphModel>"),
    );
    assert_eq!(drawing_outcome(&path), None);
    let board = store::load_drawing(&path, &catalog(), None).unwrap().board;
    assert_eq!(board.blocks.len(), 3);

    // A 100,000-character label is cut to the board's limit, and said so.
    let label = "x".repeat(100_000);
    let scene = format!(
        r#"{{"type": "excalidraw", "elements": [{{"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 50}}, {{"id": "t", "type": "text", "x": 10, "y": 10, "width": 10, "height": 10, "text": "{label}", "containerId": "a"}}]}}"#
    );
    let path = crate::write(dir.path(), "label.excalidraw", &scene);
    assert_eq!(drawing_outcome(&path), None);
    let loaded = store::load_drawing(&path, &catalog(), None).unwrap();
    assert_eq!(loaded.board.blocks[&BlockId(1)].label.chars().count(), 1000);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.to_string().contains("was cut to 1000 characters"))
    );

    // 5,000 nested subgraphs and a chain of 5,000 links on one line.
    let mut chart = String::from("flowchart LR\n");
    for i in 0..5_000 {
        writeln!(chart, "subgraph s{i}").unwrap();
    }
    chart.push_str("  A --> B\n");
    chart.push_str(&"end\n".repeat(5_000));
    let chain: Vec<String> = (0..5_000).map(|i| format!("n{i}")).collect();
    chart.push_str(&chain.join(" --> "));
    let path = crate::write(dir.path(), "deep.mmd", &chart);
    assert_eq!(drawing_outcome(&path), None);
}
