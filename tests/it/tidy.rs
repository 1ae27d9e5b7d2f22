//! House rules that keep the module seams honest, checked over `src/`.

use std::path::{Path, PathBuf};

use crate::project_dir;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let src = project_dir().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Code lines only: `//` comments are prose and may mention anything.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.starts_with("//"))
}

#[test]
fn only_the_ui_and_main_use_the_ui_crates() {
    let mut offenders = Vec::new();
    for (file, text) in sources() {
        if file.starts_with("ui/") || file == "main.rs" {
            continue;
        }
        for (line, code) in code_lines(&text) {
            if ["egui", "egui_plot", "eframe", "rfd"]
                .iter()
                .any(|c| code.contains(&format!("{c}::")) || code.starts_with(&format!("use {c}")))
            {
                offenders.push(format!("src/{file}:{line}: {code}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "The core must not depend on the UI crates; move this into src/ui/:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn only_the_store_touches_the_file_system() {
    let mut offenders = Vec::new();
    for (file, text) in sources() {
        if file.starts_with("store/") {
            continue;
        }
        for (line, code) in code_lines(&text) {
            if code.contains("std::fs") || code.contains("fs::") && code.contains("use std") {
                offenders.push(format!("src/{file}:{line}: {code}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "Disk access belongs in src/store/ (atomic saves, typed errors):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn only_the_edges_read_the_clock() {
    let mut offenders = Vec::new();
    for (file, text) in sources() {
        let edge = file == "clock.rs" || file == "main.rs" || file == "cli.rs";
        let edge = edge || file.starts_with("cli/") || file.starts_with("ui/");
        for (line, code) in code_lines(&text) {
            // Tests may make up times of their own.
            if code.starts_with("#[cfg(test)]") {
                break;
            }
            let reads = code.contains("SystemTime::now") || code.contains("Instant::now");
            let asks = code.contains("clock::");
            if (reads && file != "clock.rs" && !file.starts_with("ui/")) || (asks && !edge) {
                offenders.push(format!("src/{file}:{line}: {code}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "Only src/clock.rs reads the system clock, and only cli and ui ask it; the core takes \
         the time as an argument:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn every_file_starts_with_a_doc_line_and_stays_short() {
    let mut offenders = Vec::new();
    for (file, text) in sources() {
        if !text.starts_with("//!") {
            offenders.push(format!(
                "src/{file}: first line must be a `//!` line saying what the file owns"
            ));
        }
        let lines = text.lines().count();
        if lines > 600 {
            offenders.push(format!("src/{file}: {lines} lines; split it (600 at most)"));
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}
