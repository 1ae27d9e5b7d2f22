//! Case reference files: every file in `assets/cases/` loads, validates and lays out tidily.

use std::path::PathBuf;

use archdrill::cases::{self, CaseError, CaseStudy, Origin};
use archdrill::catalog::Catalog;
use archdrill::model::{Rect, route};
use archdrill::store;

use crate::{project_dir, write};

fn case_files() -> Vec<PathBuf> {
    store::list_boards(&project_dir().join("assets/cases"))
}

fn load(path: &PathBuf) -> CaseStudy {
    let text = std::fs::read_to_string(path).unwrap();
    cases::parse_case(&text, &Catalog::builtin().unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_case_file_loads_and_validates() {
    let files = case_files();
    assert!(!files.is_empty(), "no case files in assets/cases");
    for path in files {
        let case = load(&path);
        let stem = path.file_stem().unwrap().to_string_lossy();
        assert_eq!(
            case.id,
            stem,
            "{}: the id must match the file name",
            path.display()
        );
        assert!(cases::NODE_RANGE.contains(&case.nodes.len()));
        assert!(
            case.nodes.iter().all(|n| n.aliases.len() >= 2),
            "{}",
            case.id
        );
        assert!(cases::HINT_RANGE.contains(&case.hints.len()), "{}", case.id);
        assert!(
            case.concepts.steps().iter().all(|(_, c)| !c.is_empty()),
            "{}",
            case.id
        );
        assert!(
            case.requirements.len() >= 2,
            "{}: state scale, latency and objective",
            case.id
        );
        let online = case
            .nodes
            .iter()
            .filter(|n| n.stage == cases::Stage::Online)
            .count();
        assert!(
            online > 0 && online < case.nodes.len(),
            "{}: needs both stages",
            case.id
        );
    }
}

/// Grows a rectangle by `by` (negative shrinks it).
fn grow(rect: &Rect, by: f32) -> Rect {
    rect.expand(by)
}

fn segment_hits_rect(a: archdrill::model::Pos, b: archdrill::model::Pos, rect: &Rect) -> bool {
    // Sample the segment densely; blocks are large compared with the step.
    let steps = 200;
    (0..=steps).any(|i| {
        let t = i as f32 / steps as f32;
        rect.contains(a + (b - a) * t)
    })
}

#[test]
fn every_reference_renders_without_overlaps_or_arrows_through_blocks() {
    for path in case_files() {
        let case = load(&path);
        let board = case.reference_board();
        let blocks: Vec<_> = board.blocks.values().collect();
        for (i, a) in blocks.iter().enumerate() {
            for b in &blocks[i + 1..] {
                assert!(
                    !grow(&a.rect(), 8.0).intersects(&b.rect()),
                    "{}: `{}` and `{}` overlap",
                    case.id,
                    a.label,
                    b.label
                );
            }
        }
        for edge in board.edges.values() {
            let (from, to) = (&board.blocks[&edge.from], &board.blocks[&edge.to]);
            let points = route::route(&from.rect(), &to.rect(), edge.routing, 0.0);
            for other in board
                .blocks
                .values()
                .filter(|b| b.id != edge.from && b.id != edge.to)
            {
                let hit = points
                    .windows(2)
                    .any(|w| segment_hits_rect(w[0], w[1], &grow(&other.rect(), -2.0)));
                assert!(
                    !hit,
                    "{}: the arrow `{}` -> `{}` crosses `{}`",
                    case.id, from.label, to.label, other.label
                );
            }
        }
        let frames: Vec<_> = board.frames.values().collect();
        if let [a, b] = frames.as_slice() {
            assert!(
                !a.rect.intersects(&b.rect),
                "{}: the stage frames overlap",
                case.id
            );
        }
        for block in board.blocks.values() {
            let inside = board
                .frames
                .values()
                .filter(|f| f.rect.contains_rect(&block.rect()))
                .count();
            assert_eq!(
                inside, 1,
                "{}: `{}` must sit in exactly one stage frame",
                case.id, block.label
            );
        }
    }
}

#[test]
fn a_malformed_user_case_is_reported_and_the_others_still_load() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("cases");
    std::fs::create_dir_all(&folder).unwrap();
    write(&folder, "broken.ron", "(id: \"broken\", title: ");
    let catalog = Catalog::builtin().unwrap();
    let library = store::load_cases(&catalog, home.path());
    assert_eq!(library.problems.len(), 1, "{:?}", library.problems);
    let problem = library.problems[0].to_string();
    assert!(
        problem.contains("broken.ron") && problem.contains("syntax error"),
        "{problem}"
    );
    assert_eq!(library.cases.len(), cases::BUILTIN.len());
}

#[test]
fn a_dropped_in_case_file_is_loaded_and_a_bad_one_is_explained() {
    let Some(first) = case_files().into_iter().next() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("cases");
    std::fs::create_dir_all(&folder).unwrap();
    let text = std::fs::read_to_string(&first).unwrap();
    let original = load(&first).id;
    let mine = text.replacen(&format!("id: \"{original}\""), "id: \"my-own-case\"", 1);
    write(&folder, "mine.ron", &mine);
    let bad_kind = text
        .replacen(&format!("id: \"{original}\""), "id: \"bad-kind\"", 1)
        .replacen("kind: \"", "kind: \"warp_drive_", 1);
    write(&folder, "bad.ron", &bad_kind);
    let catalog = Catalog::builtin().unwrap();
    let library = store::load_cases(&catalog, home.path());
    let (case, origin) = library
        .cases
        .iter()
        .find(|(c, _)| c.id == "my-own-case")
        .expect("the user case is listed");
    assert!(matches!(origin, Origin::User(p) if p.ends_with("mine.ron")));
    assert_eq!(case.nodes.len(), load(&first).nodes.len());
    let problem = library
        .problems
        .iter()
        .find(|p| p.source.ends_with("bad.ron"))
        .expect("the bad case is reported");
    assert!(
        matches!(&problem.error, CaseError::Invalid(lines) if lines.iter().any(|l| l.contains("warp_drive_"))),
        "{problem}"
    );
}
