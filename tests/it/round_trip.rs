//! Boards out to Excalidraw and Mermaid and back in: the same blocks, kinds, labels, arrows
//! (direction and undirected lines included) and frames, with Excalidraw keeping positions
//! within a unit; and a drawing graded after the trip (or redrawn by a person in Excalidraw)
//! grades within 5 points of the native board.

use std::path::{Path, PathBuf};

use archdrill::catalog::Catalog;
use archdrill::export;
use archdrill::grader::{self, GradeConfig};
use archdrill::import::{self, Format, Options};
use archdrill::model::{BlockId, Board};
use archdrill::store;

use crate::project_dir;

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

/// Every example board and every case fixture.
fn boards() -> Vec<(PathBuf, Board)> {
    let mut paths = store::list_boards(&project_dir().join("boards"));
    paths.extend(store::list_boards(&project_dir().join("tests/fixtures")));
    assert!(paths.len() >= 13, "{paths:?}");
    paths
        .into_iter()
        .map(|p| {
            let board = store::load_board(&p, &catalog()).unwrap().board;
            (p, board)
        })
        .collect()
}

/// The board with every third arrow a line of unknown direction, so trips carry both.
fn with_lines(mut board: Board) -> Board {
    for (n, edge) in board.edges.values_mut().enumerate() {
        edge.undirected = n % 3 == 2;
    }
    board
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

type Summary = (
    Vec<(String, String)>,
    Vec<(String, String, String, bool)>,
    Vec<(String, Vec<String>)>,
);

/// What a trip must keep, in a form that does not depend on ids or order: blocks as (label,
/// kind), arrows as (from label, to label, label, undirected), frames as (label, the labels
/// of the blocks inside).
fn summary(board: &Board) -> Summary {
    let name = |id: BlockId| words(&board.blocks[&id].label);
    let mut blocks: Vec<(String, String)> = board
        .blocks
        .values()
        .map(|b| (words(&b.label), b.kind.clone()))
        .collect();
    blocks.sort();
    let mut arrows: Vec<(String, String, String, bool)> = board
        .edges
        .values()
        .map(|e| (name(e.from), name(e.to), words(&e.label), e.undirected))
        .collect();
    arrows.sort();
    let mut frames: Vec<(String, Vec<String>)> = board
        .frames
        .values()
        .map(|f| {
            let mut inside: Vec<String> = board
                .blocks
                .values()
                .filter(|b| f.rect.contains_rect(&b.rect()))
                .map(|b| words(&b.label))
                .collect();
            inside.sort();
            (words(&f.label), inside)
        })
        .collect();
    frames.sort();
    (blocks, arrows, frames)
}

fn trip(board: &Board, format: Format) -> Board {
    let text = match format {
        Format::Excalidraw => export::to_excalidraw(board, &catalog()).unwrap(),
        _ => export::to_mermaid(board, &catalog()).unwrap(),
    };
    let imported = import::import(&text, format, &catalog(), Options::default()).unwrap();
    assert!(
        imported.notes.is_empty(),
        "{format}: nothing is left out: {:?}",
        imported.notes
    );
    imported.board
}

#[test]
fn every_board_goes_to_excalidraw_and_back_unchanged_within_a_unit() {
    for (path, board) in boards() {
        let board = with_lines(board);
        let back = trip(&board, Format::Excalidraw);
        assert_eq!(summary(&back), summary(&board), "{}", path.display());
        for block in board.blocks.values() {
            let twin = back
                .blocks
                .values()
                .find(|b| b.label == block.label && b.kind == block.kind)
                .unwrap();
            let (d, s) = (twin.pos - block.pos, twin.size + -block.size);
            assert!(
                d.length() <= 1.0 && s.length() <= 1.0,
                "{}: {}",
                path.display(),
                block.label
            );
        }
        for frame in board.frames.values() {
            assert!(
                back.frames.values().any(|f| f.label == frame.label
                    && (f.rect.min - frame.rect.min).length() <= 1.0
                    && (f.rect.size + -frame.rect.size).length() <= 1.0),
                "{}: frame {}",
                path.display(),
                frame.label
            );
        }
        let elbows = |b: &Board| {
            b.edges
                .values()
                .filter(|e| e.routing == archdrill::model::Routing::Elbow)
                .count()
        };
        assert_eq!(elbows(&back), elbows(&board), "{}", path.display());
    }
}

#[test]
fn every_board_goes_to_mermaid_and_back_unchanged() {
    for (path, board) in boards() {
        let board = with_lines(board);
        let back = trip(&board, Format::Mermaid);
        assert_eq!(summary(&back), summary(&board), "{}", path.display());
    }
}

#[test]
fn the_exports_are_deterministic_and_current_scenes() {
    let (_, board) = boards().remove(0);
    let one = export::to_excalidraw(&board, &catalog()).unwrap();
    assert_eq!(one, export::to_excalidraw(&board, &catalog()).unwrap());
    let scene: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(scene["type"], "excalidraw");
    assert_eq!(scene["version"], 2);
    for element in scene["elements"].as_array().unwrap() {
        for field in [
            "id",
            "type",
            "x",
            "y",
            "width",
            "height",
            "angle",
            "strokeColor",
            "backgroundColor",
            "fillStyle",
            "strokeWidth",
            "strokeStyle",
            "roughness",
            "opacity",
            "groupIds",
            "frameId",
            "roundness",
            "seed",
            "version",
            "versionNonce",
            "isDeleted",
            "boundElements",
            "updated",
            "link",
            "locked",
            "index",
        ] {
            assert!(element.get(field).is_some(), "{field} in {element}");
        }
    }
    let mermaid = export::to_mermaid(&board, &catalog()).unwrap();
    assert!(mermaid.contains("flowchart LR\n"), "{mermaid}");
    assert_eq!(mermaid, export::to_mermaid(&board, &catalog()).unwrap());
}

/// The native grade of a fixture and the grade of the same board imported from `text`.
fn grades(case_id: &str, native: &Board, imported: &Board) -> (u32, u32) {
    let library = archdrill::cases::CaseLibrary::load(&catalog(), Vec::new());
    let case = library.get(case_id).unwrap();
    let config = GradeConfig::default();
    (
        grader::grade(native, case, &catalog(), &config).score,
        grader::grade(imported, case, &catalog(), &config).score,
    )
}

fn fixture(case_id: &str) -> Board {
    let path = project_dir().join(format!("tests/fixtures/{case_id}.ron"));
    store::load_board(&path, &catalog()).unwrap().board
}

#[test]
fn a_fixture_exported_to_excalidraw_and_imported_grades_as_the_native_board() {
    for (path, board) in boards() {
        let Some(case_id) = board.case.clone() else {
            continue;
        };
        let back = trip(&board, Format::Excalidraw);
        let (native, imported) = grades(&case_id, &board, &back);
        assert!(
            native.abs_diff(imported) <= 5,
            "{}: native {native}, imported {imported}",
            path.display()
        );
    }
}

/// Person-drawn Excalidraw redraws of the case boards (`tests/fixtures/excalidraw/<case>.excalidraw`,
/// made with the real editor), when the folder is there: each grades within 5 points of the
/// native board of its case.
#[test]
fn drawings_redrawn_in_excalidraw_grade_within_five_points_of_the_native_boards() {
    let dir = project_dir().join("tests/fixtures/excalidraw");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut seen = 0;
    for path in entries.map(|e| e.unwrap().path()) {
        if path.extension().is_none_or(|e| e != "excalidraw") {
            continue;
        }
        let case_id = case_of(&path);
        let imported = store::load_drawing(&path, &catalog(), None).unwrap().board;
        let (native, drawn) = grades(&case_id, &fixture(&case_id), &imported);
        assert!(
            native.abs_diff(drawn) <= 5,
            "{}: native {native}, drawn {drawn}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 1);
}

fn case_of(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn an_obsidian_note_holding_the_drawing_plain_or_compressed_imports_the_same() {
    let (_, board) = boards().remove(0);
    let scene = export::to_excalidraw(&board, &catalog()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plain = crate::write(
        dir.path(),
        "plain.excalidraw.md",
        &format!(
            "---\nexcalidraw-plugin: parsed\ntags: [excalidraw]\n---\n# Text Elements\n\n%%\n# Drawing\n```json\n{scene}\n```\n%%\n"
        ),
    );
    // The plugin writes the compressed text in lines.
    let packed = lz_str::compress_to_base64(&scene);
    let lines: Vec<String> = packed
        .as_bytes()
        .chunks(256)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let compressed = crate::write(
        dir.path(),
        "compressed.excalidraw.md",
        &format!(
            "---\nexcalidraw-plugin: parsed\n---\n%%\n# Drawing\n```compressed-json\n{}\n```\n%%\n",
            lines.join("\n\n")
        ),
    );
    for path in [plain, compressed] {
        let loaded = store::load_drawing(&path, &catalog(), None).unwrap();
        assert_eq!(loaded.imported, Some(Format::Obsidian));
        assert_eq!(
            summary(&loaded.board),
            summary(&board),
            "{}",
            path.display()
        );
    }
}
