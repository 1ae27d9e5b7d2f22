//! Seeded mutations of every example board, fixture and case file (truncation, byte flips,
//! swapped tokens, huge numbers, deep nesting, control characters) through everything that
//! reads them: parse, validate, grade and export for boards, the case library for cases. No
//! panic, and every refusal is one line of plain words.

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
