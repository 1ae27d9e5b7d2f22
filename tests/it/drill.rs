//! The trade-off drill in the terminal, driven through its standard input, recording to the
//! same schedule the app uses.

use std::io::Write as _;
use std::process::{Command, Stdio};

use archdrill::cases::CaseLibrary;
use archdrill::catalog::Catalog;
use archdrill::drill::{self, QuestionBank, Recall};

/// Runs `archdrill ARGS` with `input` on its standard input and `home` as its data folder.
fn with_input(home: &std::path::Path, args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(args)
        .env("ARCHDRILL_HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn today() -> i64 {
    (archdrill::clock::now_secs() / archdrill::practice::DAY_SECS) as i64
}

#[test]
fn a_terminal_drill_asks_reveals_and_records_each_self_grade() {
    let home = tempfile::tempdir().unwrap();
    let script = "Exact search is linear and too slow; approximate search answers fast.\n\n3\n\
                  I do not know.\n\nagain\n";
    let (code, stdout, stderr) = with_input(
        home.path(),
        &["drill", "--case", "visual-search", "--count", "2"],
        script,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Question 1 of 2 (Visual Search System)"),
        "{stdout}"
    );
    assert!(stdout.contains("Model answer (Ch."), "{stdout}");
    assert!(stdout.contains("Key points"), "{stdout}");
    assert!(
        stdout.contains("Recorded: Good. Asked again tomorrow."),
        "{stdout}"
    );
    assert!(
        stdout.contains("Recorded: Again. Asked again tomorrow."),
        "{stdout}"
    );
    assert!(stdout.contains("2 of 2 cards graded."), "{stdout}");
    // The same schedule the app reads: two cards reviewed today, due tomorrow.
    let (reviews, _) = archdrill::store::history::load_card_reviews(home.path()).unwrap();
    let recalls: Vec<Recall> = reviews.iter().map(|r| r.recall).collect();
    assert_eq!(recalls, [Recall::Good, Recall::Again]);
    let catalog = Catalog::builtin().unwrap();
    let cases = CaseLibrary::load(&catalog, Vec::new());
    let bank = QuestionBank::builtin(&catalog, &cases);
    let cards = drill::cards(&bank, &reviews);
    let reviewed: Vec<_> = cards.iter().filter(|c| c.reviews > 0).collect();
    assert_eq!(reviewed.len(), 2);
    assert!(
        reviewed
            .iter()
            .all(|c| c.review.unwrap().due_day == today() + 1)
    );
    // `cards` lists them, and the next session with --due finds nothing due today.
    let (code, stdout, _) = with_input(home.path(), &["cards", "--case", "visual-search"], "");
    assert_eq!(code, 0);
    assert!(stdout.contains("2 learning"), "{stdout}");
    let (code, stdout, _) = with_input(home.path(), &["drill", "--due"], "");
    assert_eq!(code, 0);
    assert!(stdout.contains("No card is due today"), "{stdout}");
}

#[test]
fn a_drill_whose_input_ends_records_nothing_more_and_exits_cleanly() {
    let home = tempfile::tempdir().unwrap();
    // The answer is typed, but the input ends before the self-grade.
    let (code, stdout, stderr) = with_input(home.path(), &["drill"], "an answer\n\n");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("0 of 10 cards graded."), "{stdout}");
    let (reviews, _) = archdrill::store::history::load_card_reviews(home.path()).unwrap();
    assert!(reviews.is_empty());
    // A grade it does not understand is asked again.
    let (code, stdout, _) = with_input(
        home.path(),
        &["drill", "--count", "1"],
        "an answer\n\nmaybe\n4\n",
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("Please answer 1, 2, 3 or 4"), "{stdout}");
    assert!(stdout.contains("Recorded: Easy."), "{stdout}");
    let (code, _, stderr) = with_input(home.path(), &["drill", "--case", "nope"], "");
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown case `nope`"), "{stderr}");
}
