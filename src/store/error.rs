//! Typed errors of loading and saving, each naming the file and the problem in plain words.

use std::path::PathBuf;

use thiserror::Error;

use super::migrate::MigrateError;
use crate::import::{ImportError, ImportNote};
use crate::model::{BlockId, MAX_COORD};
use crate::scan::ShapeError;

/// A board file that could not be loaded. The file is untouched and no board was replaced.
#[derive(Debug, Error)]
#[error("{}: {kind}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

/// What was wrong with a board file.
#[derive(Debug, Error, PartialEq)]
pub enum LoadErrorKind {
    #[error("cannot read the file: {0}")]
    Io(String),
    /// Only regular files are read: a pipe would block, a device never ends.
    #[error("it is {0}, not a file; only regular files are read")]
    NotAFile(&'static str),
    #[error("the file is {bytes} bytes; files larger than {max} bytes are refused")]
    TooLarge { bytes: u64, max: u64 },
    #[error("the file is not UTF-8 text (first bad byte at offset {offset})")]
    NotText { offset: usize },
    /// Empty, binary, too deeply nested or too crowded: refused before parsing.
    #[error(transparent)]
    Shape(#[from] ShapeError),
    #[error("syntax error at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "unknown field `{field}` in {within} at line {line}, column {column}; the fields there are {expected}"
    )]
    UnknownField {
        line: usize,
        column: usize,
        field: String,
        /// "the board", "a block", …
        within: String,
        /// The known fields, comma-separated.
        expected: String,
    },
    #[error("the file has no `version` field, so it is not an archdrill board")]
    MissingVersion,
    #[error(
        "the board is format version {found}, newer than this archdrill understands ({supported}); update archdrill to open it"
    )]
    TooNew { found: i64, supported: u32 },
    #[error("format version {found} does not exist; versions start at 1")]
    BadVersion { found: i64 },
    #[error(transparent)]
    Migration(#[from] MigrateError),
    #[error("{}", summarize(.0))]
    Invalid(Vec<Problem>),
    /// A drawing of another tool that could not be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
}

fn summarize(problems: &[Problem]) -> String {
    match problems {
        [] => "the board is invalid".to_owned(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more problems)", rest.len()),
    }
}

/// One semantic problem in a board that parsed.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum Problem {
    #[error("block id {0} is used by more than one block")]
    DuplicateBlockId(BlockId),
    #[error("frame id {0} is used by more than one frame")]
    DuplicateFrameId(u32),
    #[error("edge {index} ({from} -> {to}) points to block {missing}, which does not exist")]
    DanglingEdge {
        index: usize,
        from: BlockId,
        to: BlockId,
        missing: BlockId,
    },
    #[error("edge {index} joins block {block} to itself")]
    SelfLoop { index: usize, block: BlockId },
    #[error("edge {index} ({from} -> {to}) repeats an earlier edge")]
    DuplicateEdge {
        index: usize,
        from: BlockId,
        to: BlockId,
    },
    #[error("{what} has a {field} that is not a finite number")]
    NotFinite { what: String, field: &'static str },
    #[error("{what} has a size that is not positive")]
    NotPositive { what: String },
    #[error("{}", out_of_range(what, field, *value))]
    OutOfRange {
        what: String,
        field: &'static str,
        value: f32,
    },
    #[error("a {what} has the id {id}; ids are whole numbers from 0 to 4294967295")]
    BadId { what: &'static str, id: i64 },
    #[error(
        "edge {index} has `{end}: {id}`, which cannot be a block id (ids are whole numbers from 0 to 4294967295)"
    )]
    BadEdgeEnd {
        index: usize,
        end: &'static str,
        id: i64,
    },
    #[error("the board has {count} {what}; at most {max} are allowed")]
    TooMany {
        what: &'static str,
        count: usize,
        max: usize,
    },
    #[error("the {field} of {what} is {len} characters long; at most {max} are allowed")]
    TooLong {
        what: String,
        field: &'static str,
        len: usize,
        max: usize,
    },
}

fn out_of_range(what: &str, field: &str, value: f32) -> String {
    if field == "size" {
        format!("{what} has a size larger than {MAX_COORD} units ({value:e})")
    } else {
        format!("{what} has a {field} more than {MAX_COORD} units from the origin ({value:e})")
    }
}

/// Something unusual that did not stop the board from loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// The block's kind is not in the catalog; it was loaded as `custom`.
    UnknownKind { block: BlockId, kind: String },
    /// Something an imported drawing had that the board leaves out or changes.
    Import(ImportNote),
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::UnknownKind { block, kind } => {
                write!(
                    f,
                    "block {block} has unknown kind `{kind}`; it was loaded as a custom block"
                )
            }
            Warning::Import(note) => write!(f, "{note}"),
        }
    }
}

/// A board that could not be saved. The board stays open and unsaved.
#[derive(Debug, Error)]
#[error("could not save {}: {}", path.display(), super::plain_io(source))]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}
