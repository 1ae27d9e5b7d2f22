//! Named pipes, devices and folders where files are expected: every verb refuses them at
//! once, in one line, instead of waiting forever for a writer or reading without end.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Makes a named pipe; false where `mkfifo` is not available (the test then skips).
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs the binary with `home` as its data folder; panics if it has not ended in time.
fn run_briefly(home: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(args)
        .env("ARCHDRILL_HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A second is the promise; the slack is for a loaded test machine.
    let deadline = Instant::now() + Duration::from_secs(5);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("archdrill {args:?} did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn a_named_pipe_as_the_board_is_refused_by_every_verb_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("b.ron");
    if !mkfifo(&pipe) {
        return;
    }
    let png = dir.path().join("out.png");
    let board = pipe.to_str().unwrap();
    for args in [
        vec!["validate", board],
        vec!["grade", "--case", "visual-search", board],
        vec!["export", board, "--png", png.to_str().unwrap()],
    ] {
        let (code, text) = run_briefly(dir.path(), &args);
        assert_ne!(code, 0, "{args:?}: {text}");
        assert!(
            text.contains("a named pipe, not a file"),
            "{args:?}: {text}"
        );
        assert_eq!(text.trim().lines().count(), 1, "{args:?}: {text}");
    }
    assert!(!png.exists());
}

#[test]
fn a_device_or_a_folder_as_the_board_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (path, what) in [
        (Path::new("/dev/zero"), "a device"),
        (dir.path(), "a folder"),
    ] {
        if !path.exists() {
            continue;
        }
        let (code, text) = run_briefly(dir.path(), &["validate", path.to_str().unwrap()]);
        assert_ne!(code, 0, "{text}");
        assert!(text.contains(&format!("{what}, not a file")), "{text}");
    }
}

#[test]
fn named_pipes_in_the_data_folder_do_not_hang_cases_progress_or_grade() {
    let home = tempfile::tempdir().unwrap();
    let cases = home.path().join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    if !mkfifo(&cases.join("x.ron")) || !mkfifo(&home.path().join("history.ron")) {
        return;
    }
    let board = crate::project_dir().join("tests/fixtures/visual-search.ron");
    for args in [
        vec!["cases"],
        vec!["progress"],
        vec!["grade", board.to_str().unwrap()],
    ] {
        let (_, text) = run_briefly(home.path(), &args);
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
}
