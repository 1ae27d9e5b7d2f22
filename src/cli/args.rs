//! The command line's arguments turned into an [`Invocation`]: one parser per verb, each
//! refusing what it does not know with a line that says how to ask.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::bail;

use super::{ExportSource, Invocation, drill};

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
        Some("import") => parse_import(&rest),
        Some("tidy") => parse_tidy(&rest),
        Some("history") => parse_history(&rest),
        Some("drill") => parse_drill(&rest),
        Some("cards") => parse_cards(&rest),
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

/// The value after an option (`--case ID`, or `--case=ID`).
fn option_value<'a>(
    flag: &str,
    arg: &'a str,
    rest: &mut impl Iterator<Item = &'a OsString>,
) -> Option<anyhow::Result<String>> {
    if arg == flag {
        return Some(
            rest.next()
                .and_then(|a| a.to_str())
                .map(str::to_owned)
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value")),
        );
    }
    arg.strip_prefix(flag)
        .and_then(|v| v.strip_prefix('='))
        .map(|v| Ok(v.to_owned()))
}

fn parse_drill(args: &[OsString]) -> anyhow::Result<Invocation> {
    let (mut case, mut due, mut count) = (None, false, drill::DEFAULT_LENGTH);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let arg = arg.to_str().unwrap_or("?");
        if let Some(value) = option_value("--case", arg, &mut rest) {
            case = Some(value?);
        } else if let Some(value) = option_value("--count", arg, &mut rest) {
            count = value?
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=500).contains(n))
                .ok_or_else(|| anyhow::anyhow!("--count needs a number from 1 to 500"))?;
        } else if arg == "--due" {
            due = true;
        } else {
            bail!("unknown argument `{arg}` for drill (see archdrill --help)");
        }
    }
    Ok(Invocation::Drill { case, due, count })
}

fn parse_cards(args: &[OsString]) -> anyhow::Result<Invocation> {
    let mut case = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let arg = arg.to_str().unwrap_or("?");
        match option_value("--case", arg, &mut rest) {
            Some(value) => case = Some(value?),
            None => bail!("unknown argument `{arg}` for cards (see archdrill --help)"),
        }
    }
    Ok(Invocation::Cards { case })
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

fn parse_import(args: &[OsString]) -> anyhow::Result<Invocation> {
    let mut drawing = None;
    let mut output = None;
    let mut page = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => {
                let Some(out) = args.next() else {
                    bail!("-o needs a board file: -o BOARD.ron");
                };
                output = Some(PathBuf::from(out));
            }
            Some("--page") => {
                page = Some(
                    args.next()
                        .and_then(|a| a.to_str())
                        .and_then(|t| t.parse::<usize>().ok())
                        .filter(|&n| n >= 1)
                        .ok_or_else(|| {
                            anyhow::anyhow!("--page needs a page number from 1, such as --page 2")
                        })?,
                );
            }
            Some(flag) if flag.starts_with('-') => bail!("unknown option `{flag}` for import"),
            _ if drawing.is_none() => drawing = Some(PathBuf::from(arg)),
            _ => bail!("import takes one drawing"),
        }
    }
    let Some(drawing) = drawing else {
        bail!("import needs a drawing: archdrill import DRAWING [-o BOARD.ron] [--page N]");
    };
    Ok(Invocation::Import {
        drawing,
        output,
        page,
    })
}

fn parse_export(args: &[OsString]) -> anyhow::Result<Invocation> {
    let mut board = None;
    let mut case = None;
    let (mut png, mut svg) = (None, None);
    let (mut excalidraw, mut mermaid) = (None, None);
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
            Some("--excalidraw") => {
                excalidraw = Some(value(
                    "--excalidraw needs an output file: --excalidraw OUT.excalidraw",
                )?);
            }
            Some("--mermaid") => {
                mermaid = Some(value("--mermaid needs an output file: --mermaid OUT.mmd")?);
            }
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
    if [&png, &svg, &excalidraw, &mermaid]
        .iter()
        .all(|o| o.is_none())
    {
        bail!(
            "export needs --png OUT.png, --svg OUT.svg, --excalidraw OUT.excalidraw or --mermaid OUT.mmd"
        );
    }
    Ok(Invocation::Export {
        source,
        png,
        svg,
        excalidraw,
        mermaid,
        scale,
        dark,
        graded,
    })
}
