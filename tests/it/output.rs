//! Output that cannot be written and paths that were tampered with: no verb panics on a full
//! disk or a closed pipe, recordings in the same second keep a board each, and a symbolic
//! link planted where a save puts its temporary file changes nothing outside the target.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::project_dir;

/// Every verb, with arguments that make it print something.
fn verbs(board: &str) -> Vec<Vec<String>> {
    let lines: &[&[&str]] = &[
        &["--version"],
        &["--help"],
        &["cases"],
        &["validate", board],
        &["grade", board],
        &["grade", board, "--json"],
        &["progress"],
        &["history", "export"],
        &["history", "export", "--format", "json"],
        &["history", "regrade"],
        &["bogus"],
    ];
    lines
        .iter()
        .map(|l| l.iter().map(|s| (*s).to_owned()).collect())
        .collect()
}

/// Runs the binary in data folder `home` with its output going to `stdout`.
fn run(home: &Path, args: &[String], stdout: Stdio) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(args)
        .env("ARCHDRILL_HOME", home)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A data folder with one recorded attempt, so `progress` and `history` have lines to print.
fn home_with_an_attempt() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let board = project_dir().join("tests/fixtures/visual-search.ron");
    let board = board.to_str().unwrap().to_owned();
    let (code, stderr) = run(
        home.path(),
        &["grade".into(), board.clone(), "--record".into()],
        Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    (home, board)
}

#[test]
fn no_verb_panics_when_the_output_device_is_full() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    let (home, board) = home_with_an_attempt();
    for args in verbs(&board) {
        let file = std::fs::OpenOptions::new().write(true).open(full).unwrap();
        let (code, stderr) = run(home.path(), &args, Stdio::from(file));
        assert_ne!(code, Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if args[0] != "bogus" {
            // Usage errors go to stderr and succeed in saying so; the rest cannot print.
            assert_ne!(code, Some(0), "{args:?}");
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
            assert!(
                stderr.contains("could not write the output"),
                "{args:?}: {stderr}"
            );
        }
    }
}

#[test]
fn a_closed_pipe_ends_every_verb_quietly() {
    let (home, board) = home_with_an_attempt();
    for args in verbs(&board) {
        // The reading end is gone before the program starts, as with `| head -0`.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let (code, stderr) = run(home.path(), &args, Stdio::from(writer));
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if args[0] == "bogus" {
            assert_eq!(code, Some(2), "{args:?}");
        } else {
            assert_eq!(code, Some(0), "{args:?}: {stderr}");
            assert!(stderr.is_empty(), "{args:?}: {stderr}");
        }
    }
}

#[test]
fn five_recordings_in_one_second_keep_five_boards() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        std::fs::read_to_string(project_dir().join("tests/fixtures/visual-search.ron")).unwrap();
    let mut boards = Vec::new();
    for n in 0..5 {
        // Five different boards, so each stored board can be told apart.
        let text = fixture.replacen("title: \"", &format!("title: \"take {n} "), 1);
        assert_ne!(text, fixture);
        let path = crate::write(dir.path(), &format!("b{n}.ron"), &text);
        boards.push(path.to_str().unwrap().to_owned());
    }
    let children: Vec<_> = boards
        .iter()
        .map(|b| {
            Command::new(env!("CARGO_BIN_EXE_archdrill"))
                .args(["grade", b, "--record"])
                .env("ARCHDRILL_HOME", home.path())
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let out = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(["history", "export", "--format", "json"])
        .env("ARCHDRILL_HOME", home.path())
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let attempts = value["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 5);
    for n in 0..5 {
        let take = format!("take {n} ");
        let holding = attempts
            .iter()
            .filter(|a| a["board"].as_str().unwrap().contains(&take))
            .count();
        assert_eq!(holding, 1, "board {n}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_planted_at_a_temporary_name_changes_nothing_outside_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let victim = crate::write(dir.path(), "victim.txt", "keep me");
    let target = dir.path().join("b.ron");
    let plant = |name: String| {
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
    };
    // The names earlier versions used (`.NAME.PID.tmp`), for this process and its
    // neighbours, and a thousand guesses at ours.
    let pid = std::process::id();
    for p in pid.saturating_sub(50)..pid + 50 {
        plant(format!(".b.ron.{p}.tmp"));
    }
    for guess in 0..1000 {
        plant(format!("{}{guess:06}.tmp", ".archdrill-"));
    }
    for round in 0..20 {
        let text = format!("(version: 1, title: \"round {round}\")");
        archdrill::store::write_atomic(&target, text.as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), text);
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!target.is_symlink());
}
