//! Board files (RON): limits, the pre-parse scan, the version check and migrations, then the
//! current version's checked conversion to and from the model (in `v1`).

mod v1;

use serde::Deserialize;

use super::error::{LoadErrorKind, Warning};
use super::migrate::{self, Step};
use crate::catalog::Catalog;
use crate::model::Board;
use crate::scan;
use v1::BoardFileV1;

/// The board file format version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// The limits of a board are the model's (every edit keeps to them too).
pub use crate::model::{MAX_ITEMS, MAX_LABEL_CHARS, MAX_NOTE_CHARS};
/// Deepest bracket nesting accepted (a real board needs four levels).
pub const MAX_DEPTH: usize = 64;
/// Most opening brackets a board file may have. A block is written with three (itself, `pos`,
/// `size`), a frame with three, an arrow with one, and the board around them with fewer than
/// ten, so a board at the item limits stays well below this bound.
pub const MAX_OPENINGS: usize = 7 * MAX_ITEMS + 64;

/// The pre-parse check of board text: a board file that fails it is refused unread.
const SCAN_LIMITS: scan::Limits = scan::Limits {
    max_openings: MAX_OPENINGS,
    max_depth: MAX_DEPTH,
    what: "a board of 20000 blocks, 20000 arrows and 20000 frames",
};

/// The oldest format version this build can read (older ones never existed).
const OLDEST_VERSION: u32 = 1;

/// A board file as some format version wrote it, before it is brought up to date. When the
/// format gains a version, its predecessor's types stay here, frozen, as a new variant.
#[derive(Debug)]
enum Versioned {
    V1(BoardFileV1),
}

/// How each older version becomes the next one, oldest first. Empty while version 1 is the
/// only version; see "Versioning" in docs/board-format.md for how to add a step.
const MIGRATIONS: &[Step<Versioned>] = &[];

/// Reads only the version, so a newer format is refused before its fields are interpreted.
#[derive(Deserialize)]
#[serde(rename = "board")]
struct VersionProbe {
    version: Option<i64>,
}

/// A board that loaded, with anything unusual that did not stop it.
#[derive(Debug)]
pub struct Loaded {
    pub board: Board,
    pub warnings: Vec<Warning>,
    /// The format of the drawing it was imported from; `None` for a board file.
    pub imported: Option<crate::import::Format>,
}

/// Boards may leave out `Some(…)` around optional values.
fn ron_options(options: ron::Options) -> ron::Options {
    options.with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// A parser error in plain words; an unknown field gets its own kind.
fn syntax(err: &ron::error::SpannedError, text: &str) -> LoadErrorKind {
    let (line, column, message) = scan::plain_error(err, text);
    if let ron::Error::NoSuchStructField {
        expected,
        found,
        outer,
    } = &err.code
    {
        return LoadErrorKind::UnknownField {
            line,
            column,
            field: found.clone(),
            within: scan::within(outer.as_deref()),
            expected: expected.join(", "),
        };
    }
    LoadErrorKind::Syntax {
        line,
        column,
        message,
    }
}

/// Parses and checks a board file's text. Pure: no file is touched.
///
/// In order: the pre-parse scan, the version, the fields of that version, the migrations up
/// to the current version, then the checks of `v1::into_board`.
pub fn parse(text: &str, catalog: &Catalog) -> Result<Loaded, LoadErrorKind> {
    let (text, options) = scan::prepare(text, &SCAN_LIMITS)?;
    let options = ron_options(options);
    let probe: VersionProbe = options.from_str(text).map_err(|e| syntax(&e, text))?;
    let version = match probe.version {
        None => return Err(LoadErrorKind::MissingVersion),
        Some(found) if found > i64::from(FORMAT_VERSION) => {
            return Err(LoadErrorKind::TooNew {
                found,
                supported: FORMAT_VERSION,
            });
        }
        Some(found) => match u32::try_from(found) {
            Ok(version) if version >= OLDEST_VERSION => version,
            _ => return Err(LoadErrorKind::BadVersion { found }),
        },
    };
    let file = read_version(version, text, &options)?;
    let Versioned::V1(file) = migrate::migrate_with(MIGRATIONS, version, FORMAT_VERSION, file)?;
    v1::into_board(file, catalog)
}

/// Reads the fields of the given format version.
fn read_version(
    version: u32,
    text: &str,
    options: &ron::Options,
) -> Result<Versioned, LoadErrorKind> {
    match version {
        1 => Ok(Versioned::V1(
            options.from_str(text).map_err(|e| syntax(&e, text))?,
        )),
        _ => Err(migrate::MigrateError::Unreadable { version }.into()),
    }
}

/// Writes a board as current-version RON text: blocks and frames sorted by id so saves diff
/// cleanly.
pub fn to_text(board: &Board) -> Result<String, ron::Error> {
    v1::to_text(board)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migration_chain_reaches_the_current_version_from_every_older_one() {
        assert_eq!(
            migrate::check_chain(MIGRATIONS, OLDEST_VERSION, FORMAT_VERSION),
            Ok(())
        );
    }

    #[test]
    fn the_pre_parse_bound_admits_a_board_at_every_item_limit() {
        // One block, arrow and frame in the saved form, then the board around them.
        let block = "(id: 1, kind: \"cache\", pos: (0.0, 0.0), size: (1.0, 1.0)),";
        let edge = "(from: 1, to: 2),";
        let frame = "(id: 1, pos: (0.0, 0.0), size: (1.0, 1.0)),";
        let per_item = [block, edge, frame]
            .iter()
            .map(|t| t.matches(['(', '[', '{']).count())
            .sum::<usize>();
        let board = "(version: 1, case: Some(\"x\"), blocks: [], edges: [], frames: [], notes: (), created: Some(\"\"), modified: Some(\"\"))";
        let around = board.matches(['(', '[', '{']).count();
        assert!(per_item * MAX_ITEMS + around <= MAX_OPENINGS);
    }
}
