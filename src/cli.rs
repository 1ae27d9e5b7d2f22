//! The command line: parse arguments into an `Invocation`, and run the verbs that need no window.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::export;
use crate::store;

mod args;
mod drill;
mod text;
mod verbs;
pub use args::parse;
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
    /// Make a drawing of another tool (Excalidraw, draw.io, Mermaid) into a board.
    Import {
        drawing: PathBuf,
        /// The board file to write; the board's text goes to stdout when `None`.
        output: Option<PathBuf>,
        /// The page of a draw.io file, from 1.
        page: Option<usize>,
    },
    /// Draw a board (or a case's reference) as a PNG and/or an SVG picture, or write it as an
    /// Excalidraw scene or a Mermaid flowchart.
    Export {
        source: ExportSource,
        png: Option<PathBuf>,
        svg: Option<PathBuf>,
        excalidraw: Option<PathBuf>,
        mermaid: Option<PathBuf>,
        scale: f32,
        dark: bool,
        /// Draw the grade against the board's case on top.
        graded: bool,
    },
    /// A trade-off drill session in the terminal.
    Drill {
        case: Option<String>,
        /// Only the cards due today.
        due: bool,
        /// At most this many questions.
        count: usize,
    },
    /// List the trade-off drill's cards with their state and due dates.
    Cards {
        case: Option<String>,
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
                                or with a drawing imported as a new board
  archdrill validate BOARD.ron  check a board file (or what a drawing would import); exit 0 if
                                valid, 2 if not
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
  archdrill import DRAWING [-o BOARD.ron] [--page N]
                                make an Excalidraw (.excalidraw, .excalidraw.md), draw.io
                                (.drawio, .xml; page N, 1 by default) or Mermaid (.mmd, .md)
                                drawing into a board: written to BOARD.ron, or printed
  archdrill export (BOARD.ron | --case ID) [--png OUT.png] [--svg OUT.svg] [--scale N]
                 [--dark] [--graded] [--excalidraw OUT.excalidraw] [--mermaid OUT.mmd]
                                draw a board, or a case's reference, as a picture (PNG at N
                                pixels per unit, 1 by default; SVG with real text); --dark
                                uses the dark theme, --graded draws the grade against the
                                board's case on top; or write it as an Excalidraw scene or a
                                Mermaid flowchart
  archdrill drill [--case ID] [--due] [--count N]
                                the trade-off drill: an interviewer's follow-up questions, each
                                answered, shown the model answer and graded by you (again,
                                hard, good, easy) onto its spaced-repetition schedule; due
                                cards first, then new ones (10 by default)
  archdrill cards [--case ID]   list the drill's cards: state, due date and question
  Wherever a board file is read, a drawing of another tool is read too.
  archdrill --help | --version
";

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
        Invocation::Import {
            drawing,
            output,
            page,
        } => verbs::import(&context, &drawing, output.as_deref(), page),
        Invocation::Export {
            source,
            png,
            svg,
            excalidraw,
            mermaid,
            scale,
            dark,
            graded,
        } => verbs::export(
            &context,
            source,
            &verbs::Outputs {
                png,
                svg,
                excalidraw,
                mermaid,
            },
            (scale, dark, graded),
        ),
        Invocation::Validate { board } => verbs::validate(&context, &board),
        Invocation::Drill { case, due, count } => {
            drill::drill(&context, case.as_deref(), due, count)
        }
        Invocation::Cards { case } => drill::cards(&context, case.as_deref()),

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
    use std::ffi::OsString;

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

    #[test]
    fn parses_import_and_the_text_exports() {
        assert_eq!(
            parse(args(&[
                "import",
                "d.excalidraw",
                "-o",
                "b.ron",
                "--page",
                "2"
            ]))
            .unwrap(),
            Invocation::Import {
                drawing: "d.excalidraw".into(),
                output: Some("b.ron".into()),
                page: Some(2),
            }
        );
        assert!(parse(args(&["import"])).is_err());
        assert!(parse(args(&["import", "d.drawio", "--page", "0"])).is_err());
        let Invocation::Export {
            excalidraw,
            mermaid,
            png,
            ..
        } = parse(args(&[
            "export",
            "b.ron",
            "--excalidraw",
            "o.excalidraw",
            "--mermaid",
            "o.mmd",
        ]))
        .unwrap()
        else {
            panic!("an export");
        };
        assert_eq!(excalidraw, Some("o.excalidraw".into()));
        assert_eq!(mermaid, Some("o.mmd".into()));
        assert_eq!(png, None);
    }
}
