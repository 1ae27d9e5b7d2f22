//! What the command line prints: grades, the progress and case tables, validation reports.

use std::fmt::Write as _;

use crate::cases::{CaseLibrary, CaseStudy, Origin};
use crate::catalog::Catalog;
use crate::grader::{ArrowStatus, GradeReport};
use crate::practice;
use crate::store::{self, LoadErrorKind};

/// Longest line of ordinary output (a grade, a table), in characters: labels are at most
/// 1,000, so only hostile text is cut.
pub(super) const MAX_OUTPUT_LINE: usize = 4_000;
/// Longest line of an error or warning, in characters: names echoed in it are cut.
pub const MAX_MESSAGE_LINE: usize = 400;

/// `text` made safe to print to a terminal: control characters (escape sequences, bells,
/// carriage returns, backspaces) and the invisible marks that reorder text are shown
/// escaped (`\u{1b}`), and a line longer than `max` characters is cut with "…".
pub fn terminal_safe(text: &str, max: usize) -> String {
    let hidden = |c: char| {
        c.is_control() && c != '\n' && c != '\t'
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        for (shown, c) in line.chars().enumerate() {
            if c == '\n' {
                out.push(c);
                break;
            }
            if shown >= max {
                out.push('…');
                if line.ends_with('\n') {
                    out.push('\n');
                }
                break;
            }
            if hidden(c) {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// The report as one JSON object (SPEC §6 fields and more).
pub fn grade_json(report: &GradeReport, case: &CaseStudy) -> Result<String, serde_json::Error> {
    report.to_json(&case.title)
}

/// The report as text for a terminal.
pub fn grade_text(report: &GradeReport, case: &CaseStudy) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}): {}/100", case.title, case.id, report.score);
    for line in report.breakdown() {
        let _ = writeln!(out, "{line}");
    }
    if report.feedback.is_empty() {
        let _ = writeln!(out, "Nothing to add: the drawing matches the reference.");
    }
    for line in &report.feedback {
        let _ = writeln!(out, "- {}", line.text);
    }
    if !report.arrows.is_empty() {
        let _ = writeln!(out, "Arrows:");
        for arrow in &report.arrows {
            let status = match arrow.status {
                ArrowStatus::Direct => "direct",
                ArrowStatus::ThroughInfrastructure => "through infrastructure",
                ArrowStatus::ThroughStep => "through a step of your own",
                ArrowStatus::ThroughData => "through the data it carries",
                ArrowStatus::Contracted => "skips an undrawn block",
                ArrowStatus::Within => "inside one answer",
                ArrowStatus::Reversed => "reversed",
                ArrowStatus::Result => "result to the user",
                ArrowStatus::Infrastructure => "infrastructure (free)",
                ArrowStatus::Plumbing => "plumbing, carries no flow (free in moderation)",
                ArrowStatus::Extra => "extra",
            };
            let credit = if arrow.status.counts() {
                format!(", {}%", (arrow.credit * 100.0).round() as u32)
            } else {
                String::new()
            };
            let line = if arrow.undirected { "--" } else { "->" };
            let _ = writeln!(
                out,
                "  \"{}\" {line} \"{}\": {status}{credit}",
                arrow.from_label.trim(),
                arrow.to_label.trim()
            );
        }
    }
    out
}

/// The table `archdrill progress` prints (the app's start screen shows the same rows).
pub fn progress_table(library: &CaseLibrary, attempts: &[practice::Attempt], today: i64) -> String {
    let rows = practice::progress(library, attempts);
    let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(4).max(4);
    let score = |s: Option<u32>| s.map_or_else(|| "-".to_owned(), |v| v.to_string());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:width$}  {:>8}  {:>4}  {:>4}  due",
        "case", "attempts", "best", "last"
    );
    for row in &rows {
        let _ = writeln!(
            out,
            "{:width$}  {:>8}  {:>4}  {:>4}  {}",
            row.id,
            row.attempts,
            score(row.best),
            score(row.last),
            practice::due_text(row, today)
        );
    }
    let older = attempts
        .iter()
        .filter(|a| a.grader != crate::grader::VERSION)
        .count();
    if older > 0 {
        let _ = writeln!(
            out,
            "\nScores are by grader {}, except {older} of {} attempts scored by an earlier one (archdrill history regrade grades them again).",
            crate::grader::VERSION,
            attempts.len()
        );
    }
    if let Some(next) = practice::next_due(&rows, today) {
        let _ = writeln!(out, "\nPractise next: {} ({})", next.title, next.id);
    }
    let weakest = practice::weakest(attempts, 5);
    if !weakest.is_empty() {
        let list: Vec<String> = weakest
            .iter()
            .map(|w| {
                let name = library.node_label(&w.case, &w.node);
                format!("{name} in {} ({} of {})", w.case, w.missed, w.attempts)
            })
            .collect();
        let _ = writeln!(out, "Most often missed: {}", list.join(", "));
    }
    out
}

/// The table `archdrill cases` prints: id and title, user cases marked with their file.
pub fn cases_table(library: &CaseLibrary) -> String {
    let width = library
        .cases
        .iter()
        .map(|(c, _)| c.id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (case, origin) in &library.cases {
        let _ = match origin {
            Origin::BuiltIn => writeln!(out, "{:width$}  {}", case.id, case.title),
            Origin::User(path) => writeln!(
                out,
                "{:width$}  {} (from {})",
                case.id,
                case.title,
                path.display()
            ),
        };
    }
    out
}

/// The text `archdrill validate` prints, and whether the board is valid.
pub fn validate_report(path: &std::path::Path, catalog: &Catalog) -> (String, bool) {
    let name = path.display();
    match store::load_drawing(path, catalog, None) {
        Ok(loaded) => {
            let board = &loaded.board;
            let mut out = match loaded.imported {
                None => format!(
                    "{name}: valid board ({} blocks, {} arrows, {} frames)\n",
                    board.blocks.len(),
                    board.edges.len(),
                    board.frames.len()
                ),
                Some(format) => format!(
                    "{name}: {format} that imports as a valid board ({} blocks, {} arrows, {} frames)\n",
                    board.blocks.len(),
                    board.edges.len(),
                    board.frames.len()
                ),
            };
            for warning in &loaded.warnings {
                let _ = writeln!(out, "{name}: warning: {warning}");
            }
            (out, true)
        }
        Err(err) => {
            let out = match &err.kind {
                LoadErrorKind::Syntax {
                    line,
                    column,
                    message,
                } => {
                    format!("{name}:{line}:{column}: syntax error: {message}\n")
                }
                LoadErrorKind::UnknownField {
                    line,
                    column,
                    field,
                    within,
                    expected,
                } => format!(
                    "{name}:{line}:{column}: unknown field `{field}` in {within}; the fields there are {expected}\n"
                ),
                LoadErrorKind::Invalid(problems) => {
                    problems.iter().fold(String::new(), |mut out, p| {
                        let _ = writeln!(out, "{name}: {p}");
                        out
                    })
                }
                other => format!("{name}: {other}\n"),
            };
            (out, false)
        }
    }
}
