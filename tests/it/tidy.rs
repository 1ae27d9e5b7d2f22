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

/// The `ui` modules (the first name under `ui/`) each file of `ui/` names: `super::x` from a
/// file directly in `ui/`, `super::super::x` from one below, and `crate::ui::x` anywhere.
fn ui_imports() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut graph = std::collections::BTreeMap::new();
    for (path, text) in sources() {
        let Some(rel) = path.strip_prefix("ui/") else {
            continue;
        };
        let (module, depth) = match rel.split_once('/') {
            Some((dir, _)) => (dir.to_owned(), 2),
            None if rel == "mod.rs" => continue,
            None => (rel.trim_end_matches(".rs").to_owned(), 1),
        };
        let prefixes = [
            if depth == 1 {
                "super::"
            } else {
                "super::super::"
            },
            "crate::ui::",
        ];
        let names: &mut std::collections::BTreeSet<String> =
            graph.entry(module.clone()).or_default();
        for (_, line) in code_lines(&text) {
            for prefix in prefixes {
                for (at, _) in line.match_indices(prefix) {
                    // `super::super::x` also reads as `super::` followed by `super`.
                    if depth == 2 && prefix == "super::" {
                        continue;
                    }
                    let rest = &line[at + prefix.len()..];
                    let listed: Vec<&str> = match rest.strip_prefix('{') {
                        Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                        None => vec![rest],
                    };
                    for item in listed {
                        let name: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        // The app is re-exported by `ui` itself.
                        let name = if name == "ArchdrillApp" {
                            "app".to_owned()
                        } else {
                            name
                        };
                        if !name.is_empty() && name != module && name != "self" {
                            names.insert(name);
                        }
                    }
                }
            }
        }
    }
    // Only names of modules: items of `ui` itself are no module.
    let modules: std::collections::BTreeSet<String> = graph.keys().cloned().collect();
    for names in graph.values_mut() {
        names.retain(|n| modules.contains(n));
    }
    graph
}

/// The modules on some cycle of imports.
fn on_a_cycle(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> std::collections::BTreeSet<String> {
    let reaches = |from: &str| {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack: Vec<&str> = graph[from].iter().map(String::as_str).collect();
        while let Some(m) = stack.pop() {
            if seen.insert(m.to_owned()) {
                stack.extend(graph[m].iter().map(String::as_str));
            }
        }
        seen
    };
    graph
        .keys()
        .filter(|m| reaches(m).contains(m.as_str()))
        .cloned()
        .collect()
}

#[test]
fn the_ui_modules_import_each_other_without_a_cycle() {
    let graph = ui_imports();
    // The scan sees the modules and their imports (a broken scan would find no cycle).
    assert!(
        graph["app"].contains("canvas") && graph["canvases"].contains("view"),
        "{graph:?}"
    );
    let cycle = on_a_cycle(&graph);
    assert!(
        cycle.is_empty(),
        "modules on an import cycle inside ui/: {cycle:?} (imports: {graph:?})"
    );
}

/// Panels take the narrow state they draw; only the app module (`ui/app.rs` and its
/// children under `ui/app/`) sees the whole app.
#[test]
fn only_the_app_takes_the_whole_app() {
    let taking: Vec<String> = sources()
        .into_iter()
        .filter(|(path, _)| {
            path.starts_with("ui/") && path != "ui/app.rs" && !path.starts_with("ui/app/")
        })
        .filter(|(_, text)| {
            code_lines(text).any(|(_, l)| {
                l.starts_with("impl ArchdrillApp")
                    || l.contains("&mut ArchdrillApp")
                    || l.contains("&ArchdrillApp")
            })
        })
        .map(|(path, _)| path)
        .collect();
    assert!(taking.is_empty(), "{taking:?} take the whole app");
}
