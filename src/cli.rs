//! The command line: parse arguments into an `Invocation`, and run the verbs that need no window.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::catalog::Catalog;
use crate::clock::now_secs;
use crate::export;
use crate::grader;
use crate::practice;
use crate::store;

mod text;
use text::MAX_OUTPUT_LINE;
pub use text::{
    MAX_MESSAGE_LINE, cases_table, grade_json, grade_text, progress_table, terminal_safe,
    validate_report,
};

/// A warning on stderr, in one terminal-safe line.
fn warn(text: &str) {
    eprintln!("archdrill: {}", terminal_safe(text, MAX_MESSAGE_LINE));
}

/// What the user asked for on the command line.
#[derive(Debug, PartialEq)]
pub enum Invocation {
    /// Open the window, optionally with a board.
    Gui {
        board: Option<PathBuf>,
    },
    /// Check a board file and report every problem.
    Validate {
        board: PathBuf,
    },
    /// List the case studies.
    Cases,
    /// Grade a board against a case (the board's own case when `case` is `None`).
    Grade {
        board: PathBuf,
        case: Option<String>,
        json: bool,
        /// Store the attempt in the practice history, as the app does.
        record: bool,
    },
    /// Print the practice table: attempts, scores and when each case is due.
    Progress,
    /// Print the whole practice history, boards and reports included (JSON, or RON).
    HistoryExport {
        json: bool,
    },
    /// Grade every stored board again with this grader, keeping the original scores.
    HistoryRegrade,
    /// Draw a board (or a case's reference) as a PNG and/or an SVG picture.
    Export {
        source: ExportSource,
        png: Option<PathBuf>,
        svg: Option<PathBuf>,
        scale: f32,
        dark: bool,
        /// Draw the grade against the board's case on top.
        graded: bool,
    },
    Help,
    Version,
}

/// What `archdrill export` draws.
#[derive(Debug, PartialEq, Eq)]
pub enum ExportSource {
    Board(PathBuf),
    /// The reference architecture of a case.
    Reference(String),
}

/// Usage text for `--help`.
pub const USAGE: &str = "\
archdrill: draw ML system designs from memory and check them.

Usage:
  archdrill                     open the app
  archdrill BOARD.ron           open the app with a board (a new board if the file does not exist)
  archdrill validate BOARD.ron  check a board file; exit 0 if valid, 2 if not
  archdrill cases               list the case studies (built-in and from the user's cases folder)
  archdrill grade [--case ID] BOARD.ron [--json] [--record]
                                grade a board against a case (default: the board's own case);
                                --record stores the attempt in the practice history
  archdrill progress            show attempts, best and last scores, and when each case is due
  archdrill history export [--format ron|json]
                                print the whole practice history, every attempt with its board
                                and grade report (RON by default)
  archdrill history regrade     grade every stored attempt again with this version's grader;
                                the original scores are kept beside the new ones
  archdrill export (BOARD.ron | --case ID) [--png OUT.png] [--svg OUT.svg] [--scale N]
                 [--dark] [--graded]
                                draw a board, or a case's reference, as a picture (PNG at N
                                pixels per unit, 1 by default; SVG with real text); --dark
                                uses the dark theme, --graded draws the grade against the
                                board's case on top
  archdrill --help | --version
";

/// Turns the process arguments (program name first) into an [`Invocation`].
pub fn parse(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<Invocation> {
    let mut args = args.into_iter().skip(1);
    let Some(first) = args.next() else {
        return Ok(Invocation::Gui { board: None });
    };
    let rest: Vec<OsString> = args.collect();
    match first.to_str() {
        Some("-h" | "--help" | "help") => Ok(Invocation::Help),
        Some("-V" | "--version") => Ok(Invocation::Version),
        Some("grade") => parse_grade(&rest),
        Some("export") => parse_export(&rest),
        Some("history") => parse_history(&rest),
        Some("cases") if rest.is_empty() => Ok(Invocation::Cases),
        Some("progress") if rest.is_empty() => Ok(Invocation::Progress),
        Some("progress") => bail!("progress takes no arguments"),
        Some("cases") => bail!("cases takes no arguments"),
        Some("validate") => match rest.as_slice() {
            [board] => Ok(Invocation::Validate {
                board: PathBuf::from(board),
            }),
            [] => bail!("validate needs a board file: archdrill validate BOARD.ron"),
            _ => bail!("validate takes one board file"),
        },
        Some(flag) if flag.starts_with('-') => {
            bail!("unknown option `{flag}` (see archdrill --help)")
        }
        _ if rest.is_empty() => Ok(Invocation::Gui {
            board: Some(PathBuf::from(first)),
        }),
        _ => bail!("unexpected arguments after the board file (see archdrill --help)"),
    }
}

/// Grades every stored attempt not yet graded by this grader again, and says what changed.
fn regrade(catalog: &Catalog, data_dir: &std::path::Path) -> anyhow::Result<String> {
    let library = store::load_cases(catalog, data_dir);
    let summary = store::history::regrade_all(catalog, &library, data_dir, now_secs())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for note in &summary.notes {
        warn(note);
    }
    let mut out = String::new();
    for r in &summary.regraded {
        let by = if r.by.is_empty() {
            "an earlier grader".to_owned()
        } else {
            format!("grader {}", r.by)
        };
        let _ = writeln!(
            out,
            "attempt {} ({}): {} by {by}, now {}",
            r.id, r.case, r.before, r.now
        );
    }
    let _ = writeln!(
        out,
        "Graded {} attempt(s) again with grader {}; {} already were.",
        summary.regraded.len(),
        grader::VERSION,
        summary.current
    );
    if !summary.skipped.is_empty() {
        let ids: Vec<String> = summary.skipped.iter().map(i64::to_string).collect();
        let _ = writeln!(
            out,
            "Not graded again (no board kept, or its case is gone): attempt(s) {}.",
            ids.join(", ")
        );
    }
    Ok(out)
}

fn parse_history(args: &[OsString]) -> anyhow::Result<Invocation> {
    let words: Vec<&str> = args.iter().map(|a| a.to_str().unwrap_or("?")).collect();
    match words.as_slice() {
        ["export"] | ["export", "--format", "ron"] | ["export", "--format=ron"] => {
            Ok(Invocation::HistoryExport { json: false })
        }
        ["export", "--format", "json"] | ["export", "--format=json"] => {
            Ok(Invocation::HistoryExport { json: true })
        }
        ["export", "--format", other] => bail!("unknown format `{other}`; use ron or json"),
        ["export", ..] => bail!("history export takes --format ron|json"),
        ["regrade"] => Ok(Invocation::HistoryRegrade),
        ["regrade", ..] => bail!("history regrade takes no arguments"),
        [] => bail!("history needs a command: export or regrade (see archdrill --help)"),
        [other, ..] => bail!("unknown history command `{other}` (see archdrill --help)"),
    }
}

fn parse_grade(args: &[OsString]) -> anyhow::Result<Invocation> {
    let mut board = None;
    let mut case = None;
    let mut json = false;
    let mut record = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--json") => json = true,
            Some("--record") => record = true,
            Some("--case") => {
                let Some(id) = args.next().and_then(|a| a.to_str()) else {
                    bail!("--case needs a case id (see archdrill cases)");
                };
                case = Some(id.to_owned());
            }
            Some(flag) if flag.starts_with("--case=") => {
                case = Some(flag["--case=".len()..].to_owned());
            }
            Some(flag) if flag.starts_with('-') => bail!("unknown option `{flag}` for grade"),
            _ if board.is_none() => board = Some(PathBuf::from(arg)),
            _ => bail!("grade takes one board file"),
        }
    }
    let Some(board) = board else {
        bail!("grade needs a board file: archdrill grade [--case ID] BOARD.ron [--json]");
    };
    Ok(Invocation::Grade {
        board,
        case,
        json,
        record,
    })
}

fn parse_export(args: &[OsString]) -> anyhow::Result<Invocation> {
    let mut board = None;
    let mut case = None;
    let (mut png, mut svg) = (None, None);
    let mut scale = 1.0;
    let (mut dark, mut graded) = (false, false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |what: &str| {
            args.next()
                .map(PathBuf::from)
                .ok_or_else(|| anyhow::anyhow!("{what}"))
        };
        match arg.to_str() {
            Some("--png") => png = Some(value("--png needs an output file: --png OUT.png")?),
            Some("--svg") => svg = Some(value("--svg needs an output file: --svg OUT.svg")?),
            Some("--scale") => {
                let text = value("--scale needs a number, such as --scale 2")?;
                scale = text
                    .to_str()
                    .and_then(|t| t.parse::<f32>().ok())
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| anyhow::anyhow!("--scale needs a number, such as --scale 2"))?;
            }
            Some("--dark") => dark = true,
            Some("--graded") => graded = true,
            Some("--case") => {
                let id = value("--case needs a case id (see archdrill cases)")?;
                case = Some(id.to_string_lossy().into_owned());
            }
            Some(flag) if flag.starts_with('-') => bail!("unknown option `{flag}` for export"),
            _ if board.is_none() => board = Some(PathBuf::from(arg)),
            _ => bail!("export takes one board file"),
        }
    }
    let source = match (board, case) {
        (Some(board), None) => ExportSource::Board(board),
        (None, Some(case)) => ExportSource::Reference(case),
        (Some(_), Some(_)) => bail!("export draws a board file or --case ID, not both"),
        (None, None) => {
            bail!("export needs a board file: archdrill export BOARD.ron --png OUT.png")
        }
    };
    if graded && matches!(source, ExportSource::Reference(_)) {
        bail!("--graded needs a board file; a reference needs no grade");
    }
    if png.is_none() && svg.is_none() {
        bail!("export needs --png OUT.png or --svg OUT.svg (or both)");
    }
    Ok(Invocation::Export {
        source,
        png,
        svg,
        scale,
        dark,
        graded,
    })
}

/// Runs a verb that needs no window.
pub fn run(invocation: Invocation) -> anyhow::Result<ExitCode> {
    match invocation {
        Invocation::Gui { .. } => bail!("the window is opened by the app, not the command line"),
        Invocation::Help => {
            say(USAGE)?;
            Ok(ExitCode::SUCCESS)
        }
        Invocation::Version => {
            say(&format!("archdrill {}\n", env!("CARGO_PKG_VERSION")))?;
            Ok(ExitCode::SUCCESS)
        }
        Invocation::Cases => {
            let catalog = Catalog::builtin().context("the built-in block catalog is broken")?;
            let library = store::load_cases(&catalog, &store::paths::data_dir());
            say(&cases_table(&library))?;
            for problem in &library.problems {
                warn(&format!("case file {problem}"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Invocation::HistoryExport { json } => {
            let text = store::history::export(&store::paths::data_dir(), json)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            say_data(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Invocation::HistoryRegrade => {
            let catalog = Catalog::builtin().context("the built-in block catalog is broken")?;
            let data_dir = store::paths::data_dir();
            say(&regrade(&catalog, &data_dir)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Invocation::Progress => {
            let catalog = Catalog::builtin().context("the built-in block catalog is broken")?;
            let data_dir = store::paths::data_dir();
            let library = store::load_cases(&catalog, &data_dir);
            let (attempts, note) = store::history::load_attempts(&data_dir);
            if let Some(note) = note {
                warn(&note);
            }
            say(&progress_table(&library, &attempts, today()))?;
            Ok(ExitCode::SUCCESS)
        }
        Invocation::Grade {
            board,
            case,
            json,
            record,
        } => {
            let catalog = Catalog::builtin().context("the built-in block catalog is broken")?;
            let loaded = store::load_board(&board, &catalog).map_err(|e| anyhow::anyhow!("{e}"))?;
            let Some(case_id) = case.or_else(|| loaded.board.case.clone()) else {
                bail!(
                    "{} names no case; pass --case ID (see archdrill cases)",
                    board.display()
                );
            };
            let library = store::load_cases(&catalog, &store::paths::data_dir());
            let Some(study) = library.get(&case_id) else {
                bail!("unknown case `{case_id}` (see archdrill cases)");
            };
            let report = grader::grade(
                &loaded.board,
                study,
                &catalog,
                &grader::GradeConfig::default(),
            );
            // Recorded first: a closed or full output must not lose the attempt.
            let mut recorded = None;
            if record {
                let attempt = practice::Attempt::of_grade(&case_id, &report, now_secs(), 0, 0);
                let data_dir = store::paths::data_dir();
                let report_json = grade_json(&report, study)?;
                let (saved, note) =
                    store::history::record_attempt(&data_dir, attempt, &loaded.board, &report_json)
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                if let Some(note) = note {
                    warn(&note);
                }
                recorded = Some(saved.id);
            }
            if json {
                say_data(&format!("{}\n", grade_json(&report, study)?))?;
            } else {
                say(&grade_text(&report, study))?;
                if let Some(id) = recorded {
                    say(&format!(
                        "Recorded as attempt {id} in the practice history.\n"
                    ))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Invocation::Export {
            source,
            png,
            svg,
            scale,
            dark,
            graded,
        } => {
            let catalog = Catalog::builtin().context("the built-in block catalog is broken")?;
            let library = store::load_cases(&catalog, &store::paths::data_dir());
            let (board, name) = match source {
                ExportSource::Board(path) => {
                    if let Some(out) = [&png, &svg]
                        .into_iter()
                        .flatten()
                        .find(|out| store::same_file(&path, out))
                    {
                        bail!(
                            "{} is the board being exported; choose another name for the picture (nothing was written)",
                            out.display()
                        );
                    }
                    let loaded =
                        store::load_board(&path, &catalog).map_err(|e| anyhow::anyhow!("{e}"))?;
                    (loaded.board, path.display().to_string())
                }
                ExportSource::Reference(id) => {
                    let Some(study) = library.get(&id) else {
                        bail!("unknown case `{id}` (see archdrill cases)");
                    };
                    (study.reference_board(), id)
                }
            };
            let marks = if graded {
                let Some(case_id) = board.case.clone() else {
                    bail!("{name} names no case, so it cannot be graded");
                };
                let Some(study) = library.get(&case_id) else {
                    bail!("unknown case `{case_id}` (see archdrill cases)");
                };
                Some(export::graded_marks(&board, study, &catalog))
            } else {
                None
            };

            let options = export::ExportOptions {
                scale,
                dark,
                marks,
                ..export::ExportOptions::default()
            };
            if let Some(out) = png {
                let (width, height, fitted) = export::fit(&board, &options)?;
                let bytes = export::to_png(&board, &catalog, &options)?;
                store::save_bytes(&out, &bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
                let note = if fitted < options.scale {
                    format!(
                        " ({width} x {height}: scaled down to {:.0} % of the scale asked for, to stay within {} megapixels)",
                        100.0 * fitted / options.scale,
                        export::MAX_MEGAPIXELS
                    )
                } else {
                    String::new()
                };
                say(&format!("Wrote {}{note}\n", out.display()))?;
            }
            if let Some(out) = svg {
                let text = export::to_svg(&board, &catalog, &options)?;
                store::save_bytes(&out, text.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))?;
                say(&format!("Wrote {}\n", out.display()))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Invocation::Validate { board } => {
            let catalog = Catalog::builtin().context("the built-in block catalog is broken")?;
            let (report, valid) = validate_report(&board, &catalog);
            say(&report)?;
            Ok(if valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
    }
}

fn today() -> i64 {
    (now_secs() / practice::DAY_SECS) as i64
}

/// Writes command output to stdout, terminal-safe (see [`terminal_safe`]).
fn say(text: &str) -> anyhow::Result<()> {
    write_out(&terminal_safe(text, MAX_OUTPUT_LINE))
}

/// Prints JSON or RON for programs: whole, as its serializer escaped it (control characters
/// never appear raw in either).
fn say_data(text: &str) -> anyhow::Result<()> {
    write_out(text)
}

/// Writes to stdout: a reader that closed the pipe early is no error; a full disk or another
/// failure is one line on stderr, never a panic.
fn write_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(anyhow::anyhow!(
            "could not write the output: {}",
            crate::store::plain_io(&e)
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("archdrill")
            .chain(list.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn parses_the_verbs() {
        assert_eq!(parse(args(&[])).unwrap(), Invocation::Gui { board: None });
        assert_eq!(
            parse(args(&["b.ron"])).unwrap(),
            Invocation::Gui {
                board: Some("b.ron".into())
            }
        );
        assert_eq!(
            parse(args(&["validate", "b.ron"])).unwrap(),
            Invocation::Validate {
                board: "b.ron".into()
            }
        );
        assert!(parse(args(&["validate"])).is_err());
        assert!(parse(args(&["--bogus"])).is_err());
        assert!(parse(args(&["a.ron", "b.ron"])).is_err());
    }
}
