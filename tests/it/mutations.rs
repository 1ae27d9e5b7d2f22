//! Seeded mutations of every example board, fixture and case file (truncation, byte flips,
//! swapped tokens, huge numbers, deep nesting, control characters) through everything that
//! reads them: parse, validate, grade and export for boards, the case library for cases. No
//! panic, and every refusal is one line of plain words. The same for drawings of other tools
//! (the example boards exported to Excalidraw and Mermaid, and a draw.io diagram) through the
//! importers.

use std::path::{Path, PathBuf};

use archdrill::cases::CaseLibrary;
use archdrill::catalog::Catalog;
use archdrill::export::{self, ExportOptions};
use archdrill::grader::{self, GradeConfig};
use archdrill::store;
use proptest::prelude::*;
use proptest::sample::Index;

use crate::project_dir;

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    Flip(Index, u8),
    /// Two tokens (runs between spaces) change places.
    Swap(Index, Index),
    /// A number far past every limit, or not a number.
    Huge(Index, &'static str),
    /// Brackets opened deeper than any board needs.
    Nest(Index, usize),
    /// A control character inside the text (an escape sequence, a NUL, a bell).
    Control(Index, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip(at, bit)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (
            any::<Index>(),
            prop::sample::select(vec![
                "1e39",
                "-1e39",
                "NaN",
                "inf",
                "99999999999999999999",
                "-0"
            ])
        )
            .prop_map(|(at, n)| Mutation::Huge(at, n)),
        (any::<Index>(), 1usize..200).prop_map(|(at, n)| Mutation::Nest(at, n)),
        (
            any::<Index>(),
            prop::sample::select(vec!['\u{1b}', '\0', '\u{7}', '\r', '\u{202e}', '\u{feff}'])
        )
            .prop_map(|(at, c)| Mutation::Control(at, c)),
    ]
}

fn mutate(text: &mut Vec<u8>, mutation: &Mutation) {
    if text.is_empty() {
        return;
    }
    match mutation {
        Mutation::Truncate(at) => text.truncate(at.index(text.len())),
        Mutation::Flip(at, bit) => {
            let at = at.index(text.len());
            text[at] ^= 1 << bit;
        }
        Mutation::Swap(a, b) => {
            let as_text = String::from_utf8_lossy(text).into_owned();
            let mut tokens: Vec<&str> = as_text.split(' ').collect();
            let (a, b) = (a.index(tokens.len()), b.index(tokens.len()));
            tokens.swap(a, b);
            *text = tokens.join(" ").into_bytes();
        }
        Mutation::Huge(at, number) => {
            let at = at.index(text.len() + 1);
            text.splice(at..at, number.bytes());
        }
        Mutation::Nest(at, depth) => {
            let at = at.index(text.len() + 1);
            text.splice(at..at, std::iter::repeat_n(b'(', *depth));
        }
        Mutation::Control(at, c) => {
            let at = at.index(text.len() + 1);
            text.splice(at..at, c.to_string().into_bytes());
        }
    }
}

fn files(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    store::list_boards(folder)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// A refusal: one line of plain words.
fn one_line(message: &str) {
    assert!(!message.trim().is_empty());
    assert!(!message.trim().contains('\n'), "{message}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_boards_load_grade_and_export_or_are_refused_in_one_line(
        which in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let catalog = Catalog::builtin().unwrap();
        let mut boards = files(&project_dir().join("boards"));
        boards.extend(files(&project_dir().join("tests/fixtures/v1")));
        boards.extend(files(&project_dir().join("tests/fixtures/styles/visual-search")));
        let (_, original) = &boards[which.index(boards.len())];
        let mut bytes = original.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mutated.ron");
        std::fs::write(&path, &bytes).unwrap();
        let (report, _) = archdrill::cli::validate_report(&path, &catalog);
        prop_assert!(!report.trim().is_empty());
        match store::load_board(&path, &catalog) {
            Ok(loaded) => {
                let library = CaseLibrary::load(&catalog, Vec::new());
                let case = loaded
                    .board
                    .case
                    .as_deref()
                    .and_then(|id| library.get(id))
                    .unwrap_or(&library.cases[0].0);
                let report = grader::grade(&loaded.board, case, &catalog, &GradeConfig::default());
                prop_assert!(report.score <= 100);
                match export::to_svg(&loaded.board, &catalog, &ExportOptions::default()) {
                    Ok(svg) => prop_assert!(svg.starts_with("<svg") || svg.starts_with("<?xml")),
                    Err(e) => one_line(&e.to_string()),
                }
            }
            Err(e) => one_line(&e.to_string()),
        }
        prop_assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading changed the file");
    }

    #[test]
    fn mutated_case_files_load_or_are_listed_as_problems(
        which in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let catalog = Catalog::builtin().unwrap();
        let cases = files(&project_dir().join("assets/cases"));
        let (path, original) = &cases[which.index(cases.len())];
        let mut bytes = original.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let library = CaseLibrary::load(&catalog, vec![(path.clone(), text)]);
        for problem in &library.problems {
            one_line(&problem.to_string());
        }
        // The built-in cases are all still there, whatever the user's file holds.
        prop_assert!(library.cases.len() >= 10);
    }
}

/// A small draw.io diagram with a swimlane, an HTML label, a text and an edge label.
const DIAGRAM: &str = r#"<mxfile host="test"><diagram name="One" id="a"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="s" value="Serving" style="swimlane;" vertex="1" parent="1"><mxGeometry x="0" y="0" width="400" height="200" as="geometry"/></mxCell><mxCell id="a" value="&lt;b&gt;Ranker&lt;/b&gt;" style="html=1;" vertex="1" parent="s"><mxGeometry x="20" y="40" width="120" height="60" as="geometry"/></mxCell><mxCell id="b" value="Feature store" vertex="1" parent="1"><mxGeometry x="500" y="40" width="120" height="60" as="geometry"/></mxCell><mxCell id="e" style="endArrow=none;" edge="1" parent="1" source="b" target="a"><mxGeometry relative="1" as="geometry"/></mxCell><mxCell id="l" value="features" style="edgeLabel;" vertex="1" parent="e"><mxGeometry relative="1" as="geometry"/></mxCell><mxCell id="t" value="note" style="text;" vertex="1" parent="1"><mxGeometry x="0" y="300" width="60" height="20" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>"#;

/// Every example board as Excalidraw and Mermaid text, and the draw.io diagram.
fn drawings() -> Vec<(String, Vec<u8>)> {
    let catalog = Catalog::builtin().unwrap();
    let mut out = vec![("d.drawio".to_owned(), DIAGRAM.as_bytes().to_vec())];
    for (path, _) in files(&project_dir().join("boards")) {
        let board = store::load_board(&path, &catalog).unwrap().board;
        out.push((
            "d.excalidraw".to_owned(),
            export::to_excalidraw(&board, &catalog)
                .unwrap()
                .into_bytes(),
        ));
        out.push((
            "d.mmd".to_owned(),
            export::to_mermaid(&board, &catalog).unwrap().into_bytes(),
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mutated_drawings_import_into_valid_boards_or_are_refused_in_one_line(
        which in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let catalog = Catalog::builtin().unwrap();
        let all = drawings();
        let (name, original) = &all[which.index(all.len())];
        let mut bytes = original.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let started = std::time::Instant::now();
        match store::load_drawing(&path, &catalog, None) {
            Ok(loaded) => {
                let text = store::board_to_text(&loaded.board).unwrap();
                prop_assert!(store::parse_board(&text, &catalog).is_ok());
                for warning in &loaded.warnings {
                    one_line(&warning.to_string());
                }
            }
            Err(e) => one_line(&e.to_string()),
        }
        let (report, _) = archdrill::cli::validate_report(&path, &catalog);
        prop_assert!(!report.trim().is_empty());
        prop_assert!(started.elapsed() < std::time::Duration::from_secs(10));
        prop_assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading changed the file");
    }
}
