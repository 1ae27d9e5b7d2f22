//! The command line, run as a real process: exit codes and what it prints.

use std::process::Command;

use crate::{project_dir, write};

/// Runs the binary; returns exit code, stdout and stderr.
pub(crate) fn archdrill(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(args)
        .env("ARCHDRILL_HOME", std::env::temp_dir())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn validate_accepts_every_example_board() {
    for path in archdrill::store::list_boards(&project_dir().join("boards")) {
        let (code, stdout, _) = archdrill(&["validate", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{stdout}");
        assert!(stdout.contains("valid board"), "{stdout}");
    }
}

#[test]
fn validate_names_line_and_column_of_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "b.ron",
        "(\n    version: 1,\n    blocks: [\n        (id: 1 kind: \"cache\", pos: (0.0, 0.0)),\n    ],\n)\n",
    );
    let (code, stdout, _) = archdrill(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stdout.contains("b.ron:4:"), "{stdout}");
    assert!(stdout.contains("syntax error"), "{stdout}");
}

#[test]
fn validate_lists_every_semantic_problem() {
    let dir = tempfile::tempdir().unwrap();
    let text = "(version: 1, blocks: [(id: 1, kind: \"cache\", pos: (0.0, NaN)), (id: 1, kind: \"cdn\", pos: (0.0, 0.0))], edges: [(from: 1, to: 4)])";
    let path = write(dir.path(), "bad.ron", text);
    let (code, stdout, _) = archdrill(&["validate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("block 1 has a position that is not a finite number"),
        "{stdout}"
    );
    assert!(
        stdout.contains("block id 1 is used by more than one block"),
        "{stdout}"
    );
    assert!(
        stdout.contains("points to block 4, which does not exist"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "validate never changes the file"
    );
}

#[test]
fn usage_errors_are_one_line_on_stderr_with_exit_2() {
    let (code, _, stderr) = archdrill(&["validate"]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let (code, _, stderr) = archdrill(&["--frobnicate"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown option"), "{stderr}");
    let (code, stdout, _) = archdrill(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("validate"), "{stdout}");
}

#[test]
fn cases_lists_the_ten_ids_then_user_cases_and_names_broken_files() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("cases");
    std::fs::create_dir_all(&folder).unwrap();
    let builtin =
        std::fs::read_to_string(project_dir().join("assets/cases/visual-search.ron")).unwrap();
    write(
        &folder,
        "mine.ron",
        &builtin.replacen("id: \"visual-search\"", "id: \"my-visual-search\"", 1),
    );
    write(&folder, "broken.ron", "(id: ");
    let out = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .arg("cases")
        .env("ARCHDRILL_HOME", home.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let ids: Vec<&str> = stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(ids.len(), 11, "{stdout}");
    assert_eq!(ids[0], "visual-search");
    assert_eq!(ids[9], "people-you-may-know");
    assert_eq!(ids[10], "my-visual-search");
    assert!(
        stdout
            .lines()
            .next()
            .unwrap()
            .contains("Visual Search System"),
        "{stdout}"
    );
    assert!(
        stderr.contains("broken.ron") && stderr.contains("syntax error"),
        "{stderr}"
    );
}

#[test]
fn grade_prints_a_report_and_json_with_the_spec_fields() {
    let board = project_dir().join("boards/visual-search.ron");
    let (code, stdout, _) = archdrill(&["grade", board.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("Visual Search System (visual-search): "),
        "{stdout}"
    );
    assert!(stdout.contains("- Missing: "), "{stdout}");

    let (code, stdout, _) = archdrill(&[
        "grade",
        "--case",
        "visual-search",
        board.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 1, "one JSON object");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["case"], "visual-search");
    let score = json["score"].as_u64().unwrap();
    assert!((1..=100).contains(&score));
    for part in ["nodes", "edges"] {
        for field in ["recall", "precision"] {
            let value = json[part][field].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&value), "{part}.{field} = {value}");
        }
    }
    for list in ["missing", "extra", "wrong_direction", "feedback"] {
        assert!(json[list].is_array(), "`{list}` is missing from {stdout}");
    }
    assert!(
        json["feedback"]
            .as_array()
            .unwrap()
            .iter()
            .any(|line| line.as_str().unwrap().starts_with("Missing: ")),
        "{stdout}"
    );
    for list in ["arrows", "matched", "infrastructure"] {
        assert!(json[list].is_array(), "`{list}` is missing from {stdout}");
    }
}

#[test]
fn grade_errors_are_one_line_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let board = project_dir().join("boards/visual-search.ron");
    let no_case = write(
        dir.path(),
        "free.ron",
        "(version: 1, blocks: [(id: 1, kind: \"cache\", pos: (0.0, 0.0))])",
    );
    let bad = write(
        dir.path(),
        "bad.ron",
        "(version: 1, blocks: [(id: 1, kind: \"cache\" pos: (0.0, 0.0))])",
    );
    for (args, expected) in [
        (
            vec!["grade", "--case", "no-such-case", board.to_str().unwrap()],
            "unknown case `no-such-case`",
        ),
        (
            vec!["grade", dir.path().join("missing.ron").to_str().unwrap()],
            "does not exist",
        ),
        (vec!["grade", no_case.to_str().unwrap()], "names no case"),
        (
            vec!["grade", "--case", "visual-search", bad.to_str().unwrap()],
            "syntax error",
        ),
        (vec!["grade"], "needs a board file"),
    ] {
        let (code, stdout, stderr) = archdrill(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty(), "{stdout}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn recorded_attempts_show_up_in_progress() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_archdrill"))
            .args(args)
            .env("ARCHDRILL_HOME", home.path())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, before) = run(&["progress"]);
    assert_eq!(code, Some(0));
    assert!(
        before.lines().nth(1).unwrap().trim_end().ends_with("new"),
        "{before}"
    );
    let board = project_dir().join("boards/visual-search.ron");
    let (code, graded) = run(&["grade", "--record", board.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(
        graded.contains("Recorded as attempt 1 in the practice history."),
        "{graded}"
    );
    // The report is stored with the attempt, the same JSON as `grade --json`.
    let (kept, _) = archdrill::store::history::load_stored(home.path()).unwrap();
    assert_eq!(kept.len(), 1);
    let report: serde_json::Value = serde_json::from_str(&kept[0].report).unwrap();
    let score = report["score"].as_u64().unwrap();
    assert!(graded.contains(&format!(": {score}/100")), "{graded}");
    assert!(report["feedback"].is_array());
    let (_, after) = run(&["progress"]);
    let row = after
        .lines()
        .find(|l| l.starts_with("visual-search"))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    let score = score.to_string();
    assert_eq!(cells[1..4], ["1", score.as_str(), score.as_str()], "{row}");
    assert!(row.ends_with("due tomorrow"), "{row}");
    assert!(
        after.contains("Practise next: Google Street View Blurring System"),
        "{after}"
    );
    assert!(after.contains("Most often missed: "), "{after}");
}

#[test]
fn grade_record_keeps_the_attempt_when_the_output_is_full() {
    let full = std::path::Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let board = project_dir().join("tests/fixtures/visual-search.ron");
    let status = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(["grade", board.to_str().unwrap(), "--record"])
        .env("ARCHDRILL_HOME", home.path())
        .stdout(std::fs::File::create(full).unwrap())
        .status()
        .unwrap();
    // The output failed, the attempt did not.
    assert_ne!(status.code(), Some(0));
    let attempts = exported(home.path());
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0]["case"], "visual-search");
}

/// Runs `archdrill grade --record` on the visual-search fixture with `home` as data folder.
fn record(home: &std::path::Path) -> std::process::Child {
    let board = project_dir().join("tests/fixtures/visual-search.ron");
    Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(["grade", board.to_str().unwrap(), "--record"])
        .env("ARCHDRILL_HOME", home)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Runs the binary with `home` as data folder; it must succeed. Returns what it printed.
fn run_in(home: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(args)
        .env("ARCHDRILL_HOME", home)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The attempts of the history in `home`, as `history export --format json` gives them.
fn exported(home: &std::path::Path) -> Vec<serde_json::Value> {
    let text = run_in(home, &["history", "export", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["attempts"].as_array().unwrap().clone()
}

#[test]
fn concurrent_recordings_lose_nothing_and_keep_a_board_each() {
    let home = tempfile::tempdir().unwrap();
    for _ in 0..30 {
        let children: Vec<_> = (0..3).map(|_| record(home.path())).collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
    }
    let attempts = exported(home.path());
    assert_eq!(attempts.len(), 90);
    let ids: std::collections::BTreeSet<i64> =
        attempts.iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 90);
    for a in &attempts {
        assert!(a["board"].as_str().unwrap().contains("visual-search"));
        assert_eq!(a["grader"], archdrill::grader::VERSION);
    }
}

#[test]
fn history_export_gives_ron_by_default_and_refuses_unknown_formats() {
    let home = tempfile::tempdir().unwrap();
    assert!(record(home.path()).wait().unwrap().success());
    let text = run_in(home.path(), &["history", "export"]);
    assert!(
        text.starts_with('(') && text.contains("case: \"visual-search\""),
        "{text}"
    );
    let (code, _, stderr) = archdrill(&["history", "export", "--format", "xml"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("unknown format `xml`"), "{stderr}");
}

#[test]
fn history_regrade_grades_old_attempts_again_and_keeps_their_scores() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("attempts")).unwrap();
    let board =
        std::fs::read_to_string(project_dir().join("tests/fixtures/visual-search.ron")).unwrap();
    crate::write(home.path(), "attempts/visual-search-100.ron", &board);
    crate::write(
        home.path(),
        "history.ron",
        "(version: 1, attempts: [(case: \"visual-search\", graded_at: 100, score: 10, board_file: \"attempts/visual-search-100.ron\")])",
    );
    let run = |args: &[&str]| run_in(home.path(), args);
    assert!(run(&["progress"]).contains("1 of 1 attempts scored by an earlier one"));
    let text = run(&["history", "regrade"]);
    assert!(
        text.contains("attempt 1 (visual-search): 10 by an earlier grader, now 100"),
        "{text}"
    );
    assert!(!run(&["progress"]).contains("earlier one"));
    let again = run(&["history", "regrade"]);
    assert!(again.contains("Graded 0 attempt(s) again"), "{again}");
    let attempts = exported(home.path());
    assert_eq!(attempts[0]["score"], 100);
    assert_eq!(attempts[0]["original_score"], 10);
}

#[test]
fn two_first_starts_at_once_import_the_earlier_history_once() {
    for _ in 0..5 {
        let home = tempfile::tempdir().unwrap();
        let attempts: Vec<String> = (0..50)
            .map(|n| format!("(case: \"visual-search\", graded_at: {n}, score: 50)"))
            .collect();
        crate::write(
            home.path(),
            "history.ron",
            &format!("(version: 1, attempts: [{}])", attempts.join(", ")),
        );
        let runs: Vec<_> = (0..3)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_archdrill"))
                    .arg("progress")
                    .env("ARCHDRILL_HOME", home.path())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut run in runs {
            assert!(run.wait().unwrap().success());
        }
        assert_eq!(exported(home.path()).len(), 50);
    }
}

#[test]
fn text_from_files_reaches_the_terminal_escaped_and_cut() {
    let dir = tempfile::tempdir().unwrap();
    let board = crate::write(
        dir.path(),
        "esc.ron",
        "(version: 1, title: \"x\\u{1b}]0;retitled\\u{7}\", case: Some(\"visual-search\"), blocks: [(id: 1, kind: \"cache\", label: \"a\\u{1b}[2Jb\", pos: (0.0, 0.0))])",
    );
    let (_, stdout, _) = archdrill(&["grade", board.to_str().unwrap()]);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("a\\u{1b}[2Jb"), "{stdout}");
    let long = format!("\u{1b}[2J{}", "x".repeat(100_000));
    let (code, _, stderr) = archdrill(&["grade", "--case", &long, board.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.len() < 1_000 && stderr.contains('…'),
        "{}",
        stderr.len()
    );
}

/// A small Excalidraw scene: two labelled boxes, an arrow between them, a loose note.
const SCENE: &str = r#"{"type": "excalidraw", "version": 2, "elements": [
  {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 160, "height": 60,
   "boundElements": [{"id": "ta", "type": "text"}]},
  {"id": "ta", "type": "text", "x": 40, "y": 20, "width": 60, "height": 20, "text": "Kafka", "containerId": "a"},
  {"id": "b", "type": "ellipse", "x": 400, "y": 0, "width": 160, "height": 60},
  {"id": "tb", "type": "text", "x": 440, "y": 20, "width": 60, "height": 20, "text": "FAISS"},
  {"id": "x", "type": "arrow", "x": 165, "y": 30, "width": 220, "height": 0,
   "points": [[0, 0], [220, 0]], "startArrowhead": null, "endArrowhead": null},
  {"id": "gone", "type": "rectangle", "x": 0, "y": 300, "width": 10, "height": 10, "isDeleted": true},
  {"id": "n", "type": "text", "x": 0, "y": 500, "width": 100, "height": 20, "text": "Metrics: recall@k"}
]}"#;

#[test]
fn import_writes_a_board_or_prints_its_text_and_says_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let drawing = write(dir.path(), "d.excalidraw", SCENE);
    let out = dir.path().join("out/b.ron");
    let (code, stdout, stderr) = archdrill(&[
        "import",
        drawing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "d.excalidraw: Excalidraw drawing: 2 blocks, 1 arrows (1 without direction), 0 frames"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("skipped 1 deleted element"), "{stdout}");
    assert!(stdout.contains("1 loose text"), "{stdout}");
    assert!(stdout.contains("Wrote"), "{stdout}");
    let catalog = archdrill::catalog::Catalog::builtin().unwrap();
    let board = archdrill::store::load_board(&out, &catalog).unwrap().board;
    let kinds: Vec<&str> = board.blocks.values().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, ["event_stream", "ann_index"]);
    assert!(board.edges.values().all(|e| e.undirected));
    assert_eq!(board.note, "Metrics: recall@k");

    // Without -o the board's text goes to stdout and the report to stderr.
    let (code, stdout, stderr) = archdrill(&["import", drawing.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let printed = archdrill::store::parse_board(&stdout, &catalog)
        .unwrap()
        .board;
    assert_eq!(printed, board);
    assert!(stderr.contains("2 blocks, 1 arrows"), "{stderr}");
}

#[test]
fn grade_validate_and_export_take_drawings_and_export_writes_excalidraw_and_mermaid() {
    let dir = tempfile::tempdir().unwrap();
    let board = project_dir().join("tests/fixtures/visual-search.ron");
    let scene = dir.path().join("vs.excalidraw");
    let chart = dir.path().join("vs.mmd");
    let (code, stdout, stderr) = archdrill(&[
        "export",
        board.to_str().unwrap(),
        "--excalidraw",
        scene.to_str().unwrap(),
        "--mermaid",
        chart.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("vs.excalidraw") && stdout.contains("vs.mmd"),
        "{stdout}"
    );
    assert!(
        std::fs::read_to_string(&chart)
            .unwrap()
            .starts_with("---\ntitle:")
    );
    for drawing in [&scene, &chart] {
        let (code, stdout, stderr) = archdrill(&[
            "grade",
            "--case",
            "visual-search",
            drawing.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stdout.starts_with("Visual Search System (visual-search): "),
            "{stdout}"
        );
        let (code, stdout, _) = archdrill(&["validate", drawing.to_str().unwrap()]);
        assert_eq!(code, 0);
        assert!(
            stdout.contains("that imports as a valid board (10 blocks"),
            "{stdout}"
        );
    }
    // A drawing exported to a picture, through the same loader.
    let svg = dir.path().join("vs.svg");
    let (code, _, stderr) = archdrill(&[
        "export",
        scene.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(&svg).unwrap().contains("FAISS"));
}

#[test]
fn import_errors_are_one_line_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let junk = write(dir.path(), "junk.excalidraw", "{\"elements\": [");
    let page = write(
        dir.path(),
        "one.drawio",
        "<mxfile><diagram name=\"A\"><mxGraphModel><root/></mxGraphModel></diagram></mxfile>",
    );
    let text = write(dir.path(), "notes.txt", "just some words");
    let missing = dir.path().join("missing.excalidraw");
    for (args, expected) in [
        (
            vec!["import", junk.to_str().unwrap()],
            "it is not valid JSON",
        ),
        (
            vec!["import", page.to_str().unwrap(), "--page", "9"],
            "the diagram has 1 page(s); there is no page 9",
        ),
        (vec!["import", missing.to_str().unwrap()], "does not exist"),
        (
            vec!["import", text.to_str().unwrap()],
            "not a drawing archdrill can import",
        ),
        (vec!["import"], "import needs a drawing"),
        (
            vec!["import", page.to_str().unwrap(), "--page", "x"],
            "--page needs a page number",
        ),
        (
            vec![
                "import",
                page.to_str().unwrap(),
                "-o",
                page.to_str().unwrap(),
            ],
            "is the drawing being imported",
        ),
        (
            vec!["grade", "--case", "visual-search", junk.to_str().unwrap()],
            "not valid JSON",
        ),
    ] {
        let (code, stdout, stderr) = archdrill(&args);
        assert_eq!(code, 2, "{args:?}: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    // validate says what is wrong on stdout, as for boards.
    let (code, stdout, _) = archdrill(&["validate", junk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("junk.excalidraw: it is not valid JSON"),
        "{stdout}"
    );
}

#[test]
fn tidy_lays_a_board_out_in_place_or_into_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let source = project_dir().join("boards/visual-search.ron");
    let text = std::fs::read_to_string(&source).unwrap();
    let board = write(dir.path(), "b.ron", &text);
    let out = dir.path().join("tidy.ron");
    let (code, stdout, stderr) =
        archdrill(&["tidy", board.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("Tidied 7 blocks into {}\n", out.display()));
    assert_eq!(
        std::fs::read_to_string(&board).unwrap(),
        text,
        "-o leaves the board"
    );
    let catalog = archdrill::catalog::Catalog::builtin().unwrap();
    let tidied = archdrill::store::load_board(&out, &catalog).unwrap().board;
    let before = archdrill::store::load_board(&board, &catalog)
        .unwrap()
        .board;
    assert_eq!(tidied.blocks.len(), before.blocks.len());
    assert_ne!(tidied, before);
    // Without -o the board itself is written, and a tidy board stays as it is.
    let (code, stdout, _) = archdrill(&["tidy", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Tidied 7 blocks into"), "{stdout}");
    let again = archdrill::store::load_board(&out, &catalog).unwrap().board;
    assert_eq!(again, tidied);
    // A drawing of another tool is tidied into a board, never over itself.
    let scene = write(dir.path(), "d.excalidraw", SCENE);
    let (code, _, stderr) = archdrill(&["tidy", scene.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("with -o OUT.ron"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&scene).unwrap(), SCENE);
    let tidied_scene = dir.path().join("d.ron");
    let (code, _, stderr) = archdrill(&[
        "tidy",
        scene.to_str().unwrap(),
        "-o",
        tidied_scene.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(archdrill::store::load_board(&tidied_scene, &catalog).is_ok());
}

#[test]
fn tidy_refuses_a_bad_board_in_one_line_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = "(version: 1, blocks: [(id: 1, kind: \"cache\", pos: (0.0, NaN))])";
    let bad = write(dir.path(), "bad.ron", text);
    let (code, stdout, stderr) = archdrill(&["tidy", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("bad.ron"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), text);
    let missing = dir.path().join("missing.ron");
    let (code, _, stderr) = archdrill(&["tidy", missing.to_str().unwrap()]);
    assert_eq!((code, stderr.lines().count()), (2, 1), "{stderr}");
    let (code, _, stderr) = archdrill(&["tidy"]);
    assert_eq!((code, stderr.lines().count()), (2, 1), "{stderr}");
    let (_, help, _) = archdrill(&["--help"]);
    assert!(
        help.contains("archdrill tidy BOARD.ron [-o OUT.ron]"),
        "{help}"
    );
}
