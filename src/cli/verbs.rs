//! One function per command-line verb, each printing its result through `say` and keeping
//! its errors typed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{
    CliError, ExportSource, USAGE, cases_table, grade_json, grade_text, progress_table, say,
    say_data, validate_report, warn,
};
use crate::catalog::Catalog;
use crate::clock::now_secs;
use crate::document::Document;
use crate::{export, grader, practice, store};

/// What every verb but help and version reads once: the catalog and the data folder.
pub(super) struct Context<'a> {
    pub catalog: &'a Catalog,
    pub data_dir: &'a Path,
}

fn unknown_case(id: &str) -> CliError {
    CliError::Usage(format!("unknown case `{id}` (see archdrill cases)"))
}

pub(super) fn help() -> Result<ExitCode, CliError> {
    say(USAGE)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn version() -> Result<ExitCode, CliError> {
    say(&format!("archdrill {}\n", env!("CARGO_PKG_VERSION")))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn cases(cx: &Context<'_>) -> Result<ExitCode, CliError> {
    let library = store::load_cases(cx.catalog, cx.data_dir);
    say(&cases_table(&library))?;
    for problem in &library.problems {
        warn(&format!("case file {problem}"));
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn history_export(cx: &Context<'_>, json: bool) -> Result<ExitCode, CliError> {
    say_data(&store::history::export(cx.data_dir, json)?)?;
    Ok(ExitCode::SUCCESS)
}

/// Grades every stored attempt not yet graded by this grader again, and says what changed.
pub(super) fn history_regrade(cx: &Context<'_>) -> Result<ExitCode, CliError> {
    let library = store::load_cases(cx.catalog, cx.data_dir);
    let summary = store::history::regrade_all(cx.catalog, &library, cx.data_dir, now_secs())?;
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
    say(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn progress(cx: &Context<'_>) -> Result<ExitCode, CliError> {
    let library = store::load_cases(cx.catalog, cx.data_dir);
    let (attempts, note) = store::history::load_attempts(cx.data_dir);
    if let Some(note) = note {
        warn(&note);
    }
    let today = (now_secs() / practice::DAY_SECS) as i64;
    say(&progress_table(&library, &attempts, today))?;
    Ok(ExitCode::SUCCESS)
}

/// `archdrill grade`: `(json, record)` say how to print and whether to keep the attempt.
pub(super) fn grade(
    cx: &Context<'_>,
    board: &Path,
    case: Option<String>,
    (json, record): (bool, bool),
) -> Result<ExitCode, CliError> {
    let loaded = store::load_drawing(board, cx.catalog, None)?;
    let Some(case_id) = case.or_else(|| loaded.board.case.clone()) else {
        return Err(CliError::Usage(format!(
            "{} names no case; pass --case ID (see archdrill cases)",
            board.display()
        )));
    };
    let library = store::load_cases(cx.catalog, cx.data_dir);
    let study = library
        .get(&case_id)
        .ok_or_else(|| unknown_case(&case_id))?;
    let report = grader::grade(
        &loaded.board,
        study,
        cx.catalog,
        &grader::GradeConfig::default(),
    );
    // Recorded first: a closed or full output must not lose the attempt.
    let mut recorded = None;
    if record {
        let attempt = practice::Attempt::of_grade(&case_id, &report, now_secs(), 0, 0);
        let report_json = grade_json(&report, study)?;
        let (saved, note) =
            store::history::record_attempt(cx.data_dir, attempt, &loaded.board, &report_json)?;
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

/// The files `archdrill export` writes.
pub(super) struct Outputs {
    pub png: Option<PathBuf>,
    pub svg: Option<PathBuf>,
    pub excalidraw: Option<PathBuf>,
    pub mermaid: Option<PathBuf>,
}

/// `archdrill import`: a drawing made into a board, written atomically to `output` (what was
/// imported and skipped printed), or printed as board text (that report on stderr).
pub(super) fn import(
    cx: &Context<'_>,
    drawing: &Path,
    output: Option<&Path>,
    page: Option<usize>,
) -> Result<ExitCode, CliError> {
    if let Some(out) = output.filter(|out| store::same_file(drawing, out)) {
        return Err(CliError::Usage(format!(
            "{} is the drawing being imported; choose another name for the board (nothing was written)",
            out.display()
        )));
    }
    let loaded = store::load_drawing(drawing, cx.catalog, page)?;
    let mut report = import_summary(drawing, &loaded);
    for warning in &loaded.warnings {
        let _ = writeln!(report, "{}: {warning}", drawing.display());
    }
    if let Some(out) = output {
        store::save_board(out, &loaded.board)?;
        let _ = writeln!(report, "Wrote {}", out.display());
        say(&report)?;
    } else {
        let text = store::board_to_text(&loaded.board).map_err(CliError::Usage)?;
        for line in report.lines() {
            warn(line);
        }
        say_data(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// "d.excalidraw: Excalidraw drawing: 5 blocks, 4 arrows (1 without direction), 1 frame".
fn import_summary(path: &Path, loaded: &store::Loaded) -> String {
    let what = loaded
        .imported
        .map_or_else(|| "board".to_owned(), |f| f.to_string());
    format!(
        "{}: {what}: {}\n",
        path.display(),
        crate::import::counts(&loaded.board)
    )
}

/// `archdrill export`: a board or a case's reference as PNG and/or SVG, at a scale, in the dark
/// theme or not, with the grade drawn or not; and as an Excalidraw scene or Mermaid text.
pub(super) fn export(
    cx: &Context<'_>,
    source: ExportSource,
    outputs: &Outputs,
    (scale, dark, graded): (f32, bool, bool),
) -> Result<ExitCode, CliError> {
    let Outputs {
        png,
        svg,
        excalidraw,
        mermaid,
    } = outputs;
    let library = store::load_cases(cx.catalog, cx.data_dir);
    let (board, name) = match source {
        ExportSource::Board(path) => {
            if let Some(out) = [png, svg, excalidraw, mermaid]
                .into_iter()
                .flatten()
                .find(|out| store::same_file(&path, out))
            {
                return Err(CliError::Usage(format!(
                    "{} is the board being exported; choose another name for the picture (nothing was written)",
                    out.display()
                )));
            }
            let loaded = store::load_drawing(&path, cx.catalog, None)?;
            (loaded.board, path.display().to_string())
        }
        ExportSource::Reference(id) => {
            let study = library.get(&id).ok_or_else(|| unknown_case(&id))?;
            (study.reference_board(), id)
        }
    };
    let marks = if graded {
        let Some(case_id) = board.case.clone() else {
            return Err(CliError::Usage(format!(
                "{name} names no case, so it cannot be graded"
            )));
        };
        let study = library
            .get(&case_id)
            .ok_or_else(|| unknown_case(&case_id))?;
        Some(crate::grader::marks::Marks::graded(
            &board, study, cx.catalog,
        ))
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
        let bytes = export::to_png(&board, cx.catalog, &options)?;
        store::save_bytes(out, &bytes)?;
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
        let text = export::to_svg(&board, cx.catalog, &options)?;
        store::save_bytes(out, text.as_bytes())?;
        say(&format!("Wrote {}\n", out.display()))?;
    }
    if let Some(out) = excalidraw {
        let text = export::to_excalidraw(&board, cx.catalog)?;
        store::save_bytes(out, text.as_bytes())?;
        say(&format!("Wrote {}\n", out.display()))?;
    }
    if let Some(out) = mermaid {
        let text = export::to_mermaid(&board, cx.catalog)?;
        store::save_bytes(out, text.as_bytes())?;
        say(&format!("Wrote {}\n", out.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `archdrill tidy`: lays a board out as the Tidy command does and writes it, atomically, to
/// `out` or back over the board; a board that cannot be read is left as it is.
pub(super) fn tidy(
    cx: &Context<'_>,
    board: &Path,
    out: Option<&Path>,
) -> Result<ExitCode, CliError> {
    let loaded = store::load_drawing(board, cx.catalog, None)?;
    // A drawing of another tool is never overwritten with a board.
    if loaded.imported.is_some() && out.is_none() {
        return Err(CliError::Usage(format!(
            "{} is a drawing of another tool; write the tidied board elsewhere with -o OUT.ron",
            board.display()
        )));
    }
    let mut doc = Document::new(loaded.board, None);
    doc.tidy(cx.catalog, None)
        .map_err(|source| CliError::Tidy {
            path: board.to_path_buf(),
            source,
        })?;
    let target = out.unwrap_or(board);
    store::save_board(target, doc.board())?;
    say(&format!(
        "Tidied {} blocks into {}\n",
        doc.board().blocks.len(),
        target.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn validate(cx: &Context<'_>, board: &Path) -> Result<ExitCode, CliError> {
    let (report, valid) = validate_report(board, cx.catalog);
    say(&report)?;
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
