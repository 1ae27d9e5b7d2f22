//! The command line: parse arguments into an `Invocation`, and run the verbs that need no window.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use crate::catalog::Catalog;
use crate::export;
use crate::store;

mod text;
mod verbs;
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
    /// Lay a board out (Tidy) and write it to `out`, or back to `board`.
    Tidy {
        board: PathBuf,
        out: Option<PathBuf>,
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
  archdrill tidy BOARD.ron [-o OUT.ron]
                                lay a board out left to right by its arrows, Online above
                                Offline, frames around their blocks; writes OUT.ron, or the
                                board itself without -o
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
        Some("tidy") => parse_tidy(&rest),
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

fn parse_tidy(args: &[OsString]) -> anyhow::Result<Invocation> {
    let mut board = None;
    let mut out = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => {
                let Some(path) = args.next() else {
                    bail!("-o needs an output file: archdrill tidy BOARD.ron -o OUT.ron");
                };
                out = Some(PathBuf::from(path));
            }
            Some(flag) if flag.starts_with('-') => bail!("unknown option `{flag}` for tidy"),
            _ if board.is_none() => board = Some(PathBuf::from(arg)),
            _ => bail!("tidy takes one board file"),
        }
    }
    let Some(board) = board else {
        bail!("tidy needs a board file: archdrill tidy BOARD.ron [-o OUT.ron]");
    };
    Ok(Invocation::Tidy { board, out })
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

/// Runs a verb that needs no window. Errors stay typed up to here; `main.rs` prints them.
pub fn run(invocation: Invocation) -> Result<ExitCode, CliError> {
    let catalog = Catalog::builtin()?;
    let data_dir = store::paths::data_dir();
    let context = verbs::Context {
        catalog: &catalog,
        data_dir: &data_dir,
    };
    match invocation {
        Invocation::Gui { .. } => Err(CliError::Usage(
            "the window is opened by the app, not the command line".into(),
        )),
        Invocation::Help => verbs::help(),
        Invocation::Version => verbs::version(),
        Invocation::Cases => verbs::cases(&context),
        Invocation::HistoryExport { json } => verbs::history_export(&context, json),
        Invocation::HistoryRegrade => verbs::history_regrade(&context),
        Invocation::Progress => verbs::progress(&context),
        Invocation::Grade {
            board,
            case,
            json,
            record,
        } => verbs::grade(&context, &board, case, (json, record)),
        Invocation::Export {
            source,
            png,
            svg,
            scale,
            dark,
            graded,
        } => verbs::export(&context, source, png, svg, (scale, dark, graded)),
        Invocation::Validate { board } => verbs::validate(&context, &board),
        Invocation::Tidy { board, out } => verbs::tidy(&context, &board, out.as_deref()),
    }
}

/// Why a verb failed, typed until `main.rs` prints it: one line, in plain words.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("the built-in block catalog is broken: {0}")]
    Catalog(#[from] crate::catalog::CatalogError),
    #[error("{0}")]
    Load(#[from] store::LoadError),
    #[error("{0}")]
    Save(#[from] store::SaveError),
    #[error("{0}")]
    History(#[from] store::history::HistoryError),
    #[error("{0}")]
    Export(#[from] export::ExportError),
    #[error("could not write the report as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The laid-out board would break one of the board's limits (nothing was written).
    #[error("{path}: could not be tidied: {source} (nothing was written)", path = .path.display())]
    Tidy {
        path: PathBuf,
        source: crate::model::EditError,
    },
    /// A mistake in what was asked: an unknown case, a board that names none, ….
    #[error("{0}")]
    Usage(String),
    /// Standard output could not be written (a closed pipe is no error).
    #[error("could not write the output: {0}")]
    Output(String),
}

/// Writes command output to stdout, terminal-safe (see [`terminal_safe`]).
fn say(text: &str) -> Result<(), CliError> {
    write_out(&terminal_safe(text, MAX_OUTPUT_LINE))
}

/// Prints JSON or RON for programs: whole, as its serializer escaped it (control characters
/// never appear raw in either).
fn say_data(text: &str) -> Result<(), CliError> {
    write_out(text)
}

/// Writes to stdout: a reader that closed the pipe early is no error; a full disk or another
/// failure is one line on stderr, never a panic.
fn write_out(text: &str) -> Result<(), CliError> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Output(crate::store::plain_io(&e)))
        }
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
        assert_eq!(
            parse(args(&["tidy", "b.ron"])).unwrap(),
            Invocation::Tidy {
                board: "b.ron".into(),
                out: None
            }
        );
        assert_eq!(
            parse(args(&["tidy", "b.ron", "-o", "c.ron"])).unwrap(),
            Invocation::Tidy {
                board: "b.ron".into(),
                out: Some("c.ron".into())
            }
        );
        assert!(parse(args(&["tidy"])).is_err());
        assert!(parse(args(&["tidy", "b.ron", "-o"])).is_err());
        assert!(parse(args(&["tidy", "b.ron", "--wide"])).is_err());
        assert!(parse(args(&["--bogus"])).is_err());
        assert!(parse(args(&["a.ron", "b.ron"])).is_err());
    }
}
