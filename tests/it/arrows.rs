//! Arrows on tidied boards, as the canvas and the exports draw them: after Tidy, on each of
//! the ten references and the example boards, no arrow runs through a block and no two
//! arrows share a segment.

use archdrill::cases::CaseLibrary;
use archdrill::catalog::Catalog;
use archdrill::document::Document;
use archdrill::model::Board;
use archdrill::model::routes::{Routes, crosses, shared_segments};

use crate::project_dir;

/// Every way the routes of `board` break the rules, in words.
fn problems(name: &str, board: &Board) -> Vec<String> {
    let routes = Routes::of(board);
    let mut found = Vec::new();
    for (id, route) in routes.iter() {
        let Some(edge) = board.edge(id) else {
            continue;
        };
        for w in route.points.windows(2) {
            for block in board.blocks.values() {
                if crosses(w[0], w[1], &block.rect()) {
                    found.push(format!(
                        "{name}: the arrow {} -> {} runs through \"{}\"",
                        board.blocks[&edge.from].label, board.blocks[&edge.to].label, block.label
                    ));
                }
            }
        }
    }
    for (a, b) in shared_segments(&routes) {
        let label = |id| {
            board.edge(id).map_or_else(String::new, |e| {
                format!(
                    "{} -> {}",
                    board.blocks[&e.from].label, board.blocks[&e.to].label
                )
            })
        };
        found.push(format!(
            "{name}: {} and {} share a segment",
            label(a),
            label(b)
        ));
    }
    found
}

/// The board after Tidy, as the app and `archdrill tidy` make it.
fn tidied(board: Board, catalog: &Catalog) -> Board {
    let mut doc = Document::new(board, None);
    doc.tidy(catalog, None).unwrap();
    doc.board().clone()
}

#[test]
fn tidied_boards_have_no_arrow_through_a_block_and_none_on_another() {
    let catalog = Catalog::builtin().unwrap();
    let library = CaseLibrary::load(&catalog, Vec::new());
    let mut found = Vec::new();
    for (case, _) in &library.cases {
        // The references are drawn with the Tidy layout already; tidying again changes nothing.
        let reference = case.reference_board();
        assert_eq!(
            tidied(reference.clone(), &catalog),
            reference,
            "{}",
            case.id
        );
        found.extend(problems(&case.id, &reference));
    }
    for path in archdrill::store::list_boards(&project_dir().join("boards")) {
        let board = archdrill::store::load_board(&path, &catalog).unwrap().board;
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        found.extend(problems(&name, &tidied(board, &catalog)));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
