//! PNG and SVG export without a window: every example board and every case reference comes
//! out at the expected size, not blank, with each block in its colours and every label in
//! the SVG's text; and `archdrill export` does the same from the command line.

use std::collections::HashMap;

use archdrill::cases::CaseLibrary;
use archdrill::catalog::Catalog;
use archdrill::export::{self, ExportError, ExportOptions};
use archdrill::model::Board;
use archdrill::style::{Colors, Rgba};

use crate::cli::archdrill;
use crate::project_dir;

/// Every board to export: the examples and the ten references.
fn boards(catalog: &Catalog) -> Vec<(String, Board)> {
    let mut boards: Vec<(String, Board)> =
        archdrill::store::list_boards(&project_dir().join("boards"))
            .into_iter()
            .map(|path| {
                let board = archdrill::store::load_board(&path, catalog).unwrap().board;
                (path.display().to_string(), board)
            })
            .collect();
    for (case, _) in &CaseLibrary::load(catalog, Vec::new()).cases {
        boards.push((format!("reference {}", case.id), case.reference_board()));
    }
    assert_eq!(boards.len(), 13);
    boards
}

fn pixel(image: &image::RgbaImage, x: f32, y: f32) -> Rgba {
    let p = image.get_pixel(x as u32, y as u32).0;
    Rgba(p)
}

/// The colour most pixels of a region have.
fn modal_color(image: &image::RgbaImage, x0: f32, y0: f32, x1: f32, y1: f32) -> Rgba {
    let mut counts: HashMap<[u8; 4], usize> = HashMap::new();
    for y in y0 as u32..y1 as u32 {
        for x in x0 as u32..x1 as u32 {
            *counts.entry(image.get_pixel(x, y).0).or_default() += 1;
        }
    }
    let best = counts.into_iter().max_by_key(|(c, n)| (*n, *c)).unwrap();
    Rgba(best.0)
}

#[test]
fn every_board_exports_as_a_png_with_its_blocks_in_their_colours() {
    let catalog = Catalog::builtin().unwrap();
    for (name, board) in boards(&catalog) {
        for dark in [false, true] {
            let colors = Colors::for_dark_mode(dark);
            let options = ExportOptions {
                dark,
                ..ExportOptions::default()
            };
            let scene = export::scene(&board, &catalog, &options).unwrap();
            let bytes = export::to_png(&board, &catalog, &options).unwrap();
            let image = image::load_from_memory(&bytes).unwrap().to_rgba8();
            assert_eq!(image.dimensions(), (scene.width, scene.height), "{name}");
            // The board plus a 40-unit margin on each side.
            let bounds = board.bounds().unwrap();
            assert_eq!(scene.width, (bounds.size.x + 80.0).ceil() as u32, "{name}");
            // Not blank: the corner is the background, and there is far more than one colour.
            assert_eq!(pixel(&image, 1.0, 1.0), colors.canvas, "{name}");
            let distinct: std::collections::HashSet<[u8; 4]> =
                image.pixels().map(|p| p.0).collect();
            assert!(
                distinct.len() > 50,
                "{name}: only {} colours",
                distinct.len()
            );
            assert_eq!(scene.blocks.len(), board.blocks.len());
            for (id, px) in &scene.blocks {
                let block = board.block(*id).unwrap();
                let rgb = catalog.kind(&block.kind).unwrap().color;
                // Most of the block is its fill; its left strip is its kind's colour.
                let fill = modal_color(
                    &image,
                    px.x + 8.0,
                    px.y + 2.0,
                    px.x + px.w - 2.0,
                    px.y + px.h - 2.0,
                );
                assert_eq!(
                    fill,
                    colors.block_fill(rgb),
                    "{name}: block {id} ({})",
                    block.label
                );
                // (An arrow's label may lie across part of it, as on the canvas.)
                let strip = modal_color(
                    &image,
                    px.x + 1.0,
                    px.y + 6.0,
                    px.x + 5.0,
                    px.y + px.h - 6.0,
                );
                assert_eq!(strip, Colors::accent(rgb), "{name}: strip of block {id}");
            }
        }
    }
}

#[test]
fn twice_the_scale_gives_twice_the_pixels() {
    let catalog = Catalog::builtin().unwrap();
    let (_, board) = boards(&catalog).remove(0);
    let one = export::scene(&board, &catalog, &ExportOptions::default()).unwrap();
    let two = ExportOptions {
        scale: 2.0,
        ..ExportOptions::default()
    };
    let png = export::to_png(&board, &catalog, &two).unwrap();
    let image = image::load_from_memory(&png).unwrap();
    assert!(image.width().abs_diff(2 * one.width) <= 1);
    assert!(image.height().abs_diff(2 * one.height) <= 1);
    let bad = ExportOptions {
        scale: 9.0,
        ..ExportOptions::default()
    };
    assert_eq!(
        export::to_png(&board, &catalog, &bad),
        Err(ExportError::BadScale(9.0))
    );
    assert_eq!(
        export::to_png(&Board::default(), &catalog, &ExportOptions::default()),
        Err(ExportError::Nothing)
    );
}

#[test]
fn every_board_exports_as_svg_with_every_label_as_text() {
    let catalog = Catalog::builtin().unwrap();
    for (name, board) in boards(&catalog) {
        let svg = export::to_svg(&board, &catalog, &ExportOptions::default()).unwrap();
        let doc =
            roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: not XML: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        // Each label's words, in order, in one <text> (lines may break between words).
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|t| {
                t.descendants()
                    .filter(roxmltree::Node::is_text)
                    .filter_map(|n| n.text())
                    .collect::<Vec<_>>()
                    .concat()
                    .replace(' ', "")
            })
            .collect();
        for block in board.blocks.values() {
            let label = block.label.replace(' ', "");
            assert!(
                texts.contains(&label),
                "{name}: no text for {:?}",
                block.label
            );
        }
        for edge in board.edges.values().filter(|e| !e.label.is_empty()) {
            let label = edge.label.replace(' ', "");
            assert!(
                texts.contains(&label),
                "{name}: arrow label {:?}",
                edge.label
            );
        }
    }
}

#[test]
fn a_graded_export_draws_the_overlay() {
    let catalog = Catalog::builtin().unwrap();
    let library = CaseLibrary::load(&catalog, Vec::new());
    let case = library.get("visual-search").unwrap();
    // Half the reference: the rest shows up as ghosts of missing blocks.
    let mut board = case.reference_board();
    let keep: Vec<_> = board.blocks.keys().copied().take(4).collect();
    board.blocks.retain(|id, _| keep.contains(id));
    board
        .edges
        .retain(|_, e| keep.contains(&e.from) && keep.contains(&e.to));
    board.frames.clear();
    let marks = archdrill::grader::marks::Marks::graded(&board, case, &catalog);
    assert!(!marks.ghosts.ghosts.is_empty() && !marks.matched.is_empty());
    let plain = export::to_svg(&board, &catalog, &ExportOptions::default()).unwrap();
    let graded = ExportOptions {
        marks: Some(marks),
        ..ExportOptions::default()
    };
    let svg = export::to_svg(&board, &catalog, &graded).unwrap();
    assert!(!plain.contains("MISSING"));
    assert!(svg.contains("MISSING"));
    assert!(svg.contains(&Colors::LIGHT.matched.hex()));
    assert!(svg.contains("stroke-dasharray"));
    let png = export::to_png(&board, &catalog, &graded).unwrap();
    assert!(!png.is_empty());
}

#[test]
fn the_export_verb_writes_png_and_svg_and_explains_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let board = project_dir().join("boards/visual-search.ron");
    let (png, svg) = (dir.path().join("b.png"), dir.path().join("b.svg"));
    let (code, stdout, stderr) = archdrill(&[
        "export",
        board.to_str().unwrap(),
        "--png",
        png.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
        "--scale",
        "2",
        "--dark",
        "--graded",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("b.png") && stdout.contains("b.svg"),
        "{stdout}"
    );
    let image = image::open(&png).unwrap().to_rgba8();
    assert_eq!(Rgba(image.get_pixel(0, 0).0), Colors::DARK.canvas);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Nearest") || text.contains("FAISS"), "{text}");
    for (args, expected) in [
        (
            vec!["export", board.to_str().unwrap()],
            "export needs --png OUT.png, --svg OUT.svg, --excalidraw",
        ),
        (
            vec![
                "export",
                board.to_str().unwrap(),
                "--png",
                "x.png",
                "--scale",
                "100",
            ],
            "scale must be between",
        ),
        (vec!["export", "--png", "x.png"], "needs a board file"),
        (
            vec!["export", "--case", "no-such-case", "--png", "x.png"],
            "unknown case `no-such-case`",
        ),
        (
            vec![
                "export",
                board.to_str().unwrap(),
                "--png",
                "/nonexistent-folder/x.png",
            ],
            "x.png",
        ),
    ] {
        let (code, _, stderr) = archdrill(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_case_reference_exports_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("ref.svg");
    let (code, _, stderr) = archdrill(&[
        "export",
        "--case",
        "video-recommendation",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Candidate generation"), "{text}");
    assert!(text.contains("Online: serving path"));
}

#[test]
fn export_refuses_to_overwrite_its_board_or_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b.ron");
    std::fs::copy(
        crate::project_dir().join("boards/visual-search.ron"),
        &board,
    )
    .unwrap();
    let before = std::fs::read(&board).unwrap();
    let same = dir.path().join(".").join("b.ron");
    let (code, _, stderr) = crate::cli::archdrill(&[
        "export",
        board.to_str().unwrap(),
        "--png",
        same.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(stderr.contains("is the board being exported"), "{stderr}");
    assert_eq!(std::fs::read(&board).unwrap(), before);
    if std::path::Path::new("/dev/null").exists() {
        let (code, _, stderr) =
            crate::cli::archdrill(&["export", board.to_str().unwrap(), "--png", "/dev/null"]);
        assert_ne!(code, 0);
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    }
}

#[test]
fn a_huge_picture_is_drawn_smaller_to_fit_the_pixel_limit() {
    let catalog = archdrill::catalog::Catalog::builtin().unwrap();
    let text = "(version: 1, frames: [(id: 0, pos: (0.0, 0.0), size: (9900.0, 9900.0))])";
    let board = archdrill::store::parse_board(text, &catalog).unwrap().board;
    let options = archdrill::export::ExportOptions::default();
    let (w, h, scale) = archdrill::export::fit(&board, &options).unwrap();
    assert!(u64::from(w) * u64::from(h) <= archdrill::export::MAX_MEGAPIXELS * 1_000_000);
    assert!(scale < 0.6 && scale > 0.5, "{scale}");
    let dir = tempfile::tempdir().unwrap();
    let path = crate::write(dir.path(), "f.ron", text);
    let png = dir.path().join("f.png");
    let (code, stdout, _) = crate::cli::archdrill(&[
        "export",
        path.to_str().unwrap(),
        "--png",
        png.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("scaled down to 57 %"), "{stdout}");
}

#[test]
fn a_board_past_the_limits_is_refused_in_plain_words() {
    // A board built in code can pass the limits the loader and every edit keep; export
    // refuses it at once rather than drawing without bound.
    let catalog = Catalog::builtin().unwrap();
    let (_, mut board) = boards(&catalog).remove(0);
    let first = *board.blocks.keys().next().unwrap();
    board.blocks.get_mut(&first).unwrap().label = "x".repeat(archdrill::model::MAX_LABEL_CHARS + 1);
    let error = export::to_svg(&board, &catalog, &ExportOptions::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "there is too much to draw: a label longer than 1000 characters"
    );
    let (_, mut board) = boards(&catalog).remove(0);
    let template = board.blocks.values().next().unwrap().clone();
    for id in 0..=archdrill::model::MAX_ITEMS as u32 {
        let id = archdrill::model::BlockId(1_000_000 + id);
        board.blocks.insert(
            id,
            archdrill::model::Block {
                id,
                ..template.clone()
            },
        );
    }
    let error = export::to_png(&board, &catalog, &ExportOptions::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("more than the 20000 a board may hold"),
        "{error}"
    );
}
