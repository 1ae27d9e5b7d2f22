//! Persistence: the only module that touches the disk. Loads and saves boards and app files.

mod atomic;
pub mod board_file;
mod error;
pub mod folders;
pub mod history;
pub mod migrate;
pub mod paths;
pub mod recovery;
pub mod settings;

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

pub use atomic::{keep_aside, remove_stale_temporaries, write_atomic};
pub use board_file::{Loaded, MAX_ITEMS, MAX_LABEL_CHARS, MAX_NOTE_CHARS};
pub use error::{LoadError, LoadErrorKind, Problem, SaveError, Warning};

use crate::cases::{CaseError, CaseLibrary, CaseProblem};
use crate::catalog::Catalog;
use crate::import::{self, ImportError};
use crate::model::Board;

/// Largest board file read, in bytes; larger files are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// Reads a board file, checks it, and returns the board. The file is never modified.
pub fn load_board(path: &Path, catalog: &Catalog) -> Result<Loaded, LoadError> {
    let fail = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let text = read_text(path, MAX_FILE_BYTES).map_err(fail)?;
    board_file::parse(&text, catalog).map_err(fail)
}

/// Reads a board file or a drawing of another tool (Excalidraw, also in an Obsidian note;
/// draw.io, at `page` counted from 1; Mermaid), with the same size limits and refusals as
/// [`load_board`]. The format is decided by the file's name, then its first characters; what
/// an import left out is in the warnings. The file is never modified.
pub fn load_drawing(
    path: &Path,
    catalog: &Catalog,
    page: Option<usize>,
) -> Result<Loaded, LoadError> {
    let fail = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let text = read_text(path, MAX_FILE_BYTES).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(format) = import::detect(&name, &text) else {
        let board_like = name.to_lowercase().ends_with(".ron")
            || text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('(');
        if !board_like {
            return Err(fail(LoadErrorKind::Import(ImportError::UnknownFormat(
                "not a board (.ron), an Excalidraw drawing (.excalidraw, .excalidraw.md), a draw.io diagram (.drawio, .xml) or a Mermaid flowchart (.mmd, .md)".to_owned(),
            ))));
        }
        return board_file::parse(&text, catalog).map_err(fail);
    };
    let imported = import::import(&text, format, catalog, import::Options { page })
        .map_err(|e| fail(e.into()))?;
    Ok(Loaded {
        board: imported.board,
        warnings: imported.notes.into_iter().map(Warning::Import).collect(),
        imported: Some(format),
    })
}

/// Parses board text (e.g. from the clipboard) without touching any file.
pub fn parse_board(text: &str, catalog: &Catalog) -> Result<Loaded, LoadErrorKind> {
    board_file::parse(text, catalog)
}

/// The board as version-1 file text.
pub fn board_to_text(board: &Board) -> Result<String, String> {
    board_file::to_text(board).map_err(|e| e.to_string())
}

/// Saves a board atomically: the old file stays whole until the new one is complete.
pub fn save_board(path: &Path, board: &Board) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let text = board_to_text(board).map_err(|e| fail(std::io::Error::other(e)))?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    write_atomic(path, text.as_bytes()).map_err(fail)
}

/// Whether `a` and `b` name the same existing file (through links and relative paths).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The size of a file in bytes, if it can be read.
pub fn file_size(path: &Path) -> Option<u64> {
    fs::metadata(path).ok().map(|m| m.len())
}

/// Writes an exported picture (or any file the user asked for) atomically.
pub fn save_bytes(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic(path, bytes).map_err(|source| SaveError {
        path: path.to_path_buf(),
        source,
    })
}

/// Opens `path` for reading without waiting: a named pipe opened plainly blocks until a
/// writer comes, so it is opened non-blocking and refused once it is seen not to be a file.
fn open_file(path: &Path) -> Result<fs::File, LoadErrorKind> {
    let io = |e: std::io::Error| LoadErrorKind::Io(plain_io(&e));
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let file_type = file.metadata().map_err(io)?.file_type();
    if file_type.is_file() {
        return Ok(file);
    }
    let what = if file_type.is_dir() {
        "a folder"
    } else {
        not_a_file(file_type)
    };
    Err(LoadErrorKind::NotAFile(what))
}

#[cfg(unix)]
fn not_a_file(file_type: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn not_a_file(_: fs::FileType) -> &'static str {
    "a special file"
}

fn read_text(path: &Path, max: u64) -> Result<String, LoadErrorKind> {
    let io = |e: std::io::Error| LoadErrorKind::Io(plain_io(&e));
    let file = open_file(path)?;
    let bytes_on_disk = file.metadata().map_err(io)?.len();
    if bytes_on_disk > max {
        return Err(LoadErrorKind::TooLarge {
            bytes: bytes_on_disk,
            max,
        });
    }
    let mut bytes = Vec::new();
    // Read at most one byte past the limit, in case the file grew since the size check.
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(LoadErrorKind::TooLarge {
            bytes: bytes.len() as u64,
            max,
        });
    }
    String::from_utf8(bytes).map_err(|e| LoadErrorKind::NotText {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// An I/O error in plain words ("no such file" rather than "os error 2").
pub fn plain_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // Our own words, where the error was made with them.
    if let Some(inner) = err.get_ref() {
        return inner.to_string();
    }
    match err.kind() {
        ErrorKind::NotFound => "the file does not exist".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::IsADirectory => "that is a folder, not a file".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        _ => {
            // The system's own words, without its "(os error N)".
            let text = err.to_string();
            match text.rfind(" (os error ") {
                Some(at) if text.ends_with(')') => text[..at].to_lowercase(),
                _ => text,
            }
        }
    }
}

/// An I/O error about a folder in plain words ("the folder does not exist").
pub fn plain_folder_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "the folder does not exist".to_owned(),
        std::io::ErrorKind::NotADirectory => "that is a file, not a folder".to_owned(),
        _ => plain_io(err),
    }
}

/// The recently opened boards kept in `data_dir`, newest first; an unreadable list is empty.
pub fn load_recent(data_dir: &Path) -> Vec<PathBuf> {
    let Ok(text) = read_text(&paths::recent_file(data_dir), 1024 * 1024) else {
        return Vec::new();
    };
    let mut list: Vec<PathBuf> = ron::from_str(&text).unwrap_or_default();
    list.truncate(MAX_RECENT);
    list
}

/// Puts `path` at the top of the recent list in `data_dir` and saves the list.
pub fn remember_recent(data_dir: &Path, path: &Path) -> Vec<PathBuf> {
    let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut list = load_recent(data_dir);
    list.retain(|p| *p != path);
    list.insert(0, path);
    list.truncate(MAX_RECENT);
    if let Ok(text) = ron::ser::to_string_pretty(&list, ron::ser::PrettyConfig::default()) {
        let file = paths::recent_file(data_dir);
        if let Some(parent) = file.parent() {
            let _ = fs::create_dir_all(parent);
        }
        // The recent list is a convenience: failing to store it must not disturb the user.
        let _ = write_atomic(&file, text.as_bytes());
    }
    list
}

/// Largest case file read, in bytes.
pub const MAX_CASE_BYTES: u64 = 1024 * 1024;

/// The text of every `.ron` file in the user's cases folder, and the files that could not be
/// read (a missing folder is simply empty).
pub fn read_user_cases(data_dir: &Path) -> (Vec<(PathBuf, String)>, Vec<CaseProblem>) {
    let mut texts = Vec::new();
    let mut problems = Vec::new();
    for path in list_boards(&paths::cases_dir(data_dir)) {
        match read_text(&path, MAX_CASE_BYTES) {
            Ok(text) => texts.push((path, text)),
            Err(kind) => problems.push(CaseProblem {
                source: path.display().to_string(),
                error: CaseError::Unreadable(kind.to_string()),
            }),
        }
    }
    (texts, problems)
}

/// All cases: built-in ones plus the user's, with every file that failed named.
pub fn load_cases(catalog: &Catalog, data_dir: &Path) -> CaseLibrary {
    let (texts, unreadable) = read_user_cases(data_dir);
    let mut library = CaseLibrary::load(catalog, texts);
    library.problems.extend(unreadable);
    library
}

/// All trade-off drill questions: built-in plus the `.ron` files in the user's questions
/// folder, with every file that failed named.
pub fn load_questions(
    catalog: &Catalog,
    cases: &CaseLibrary,
    data_dir: &Path,
) -> crate::drill::QuestionBank {
    let mut texts = Vec::new();
    let mut unreadable = Vec::new();
    for path in list_boards(&paths::questions_dir(data_dir)) {
        match read_text(&path, MAX_CASE_BYTES) {
            Ok(text) => texts.push((path, text)),
            Err(kind) => unreadable.push(crate::drill::QuestionProblem {
                source: path.display().to_string(),
                error: kind.to_string(),
            }),
        }
    }
    let mut bank = crate::drill::QuestionBank::load(catalog, cases, texts);
    bank.problems.extend(unreadable);
    bank
}

/// Whether a file exists at `path` (used to ask before overwriting).
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// The `.ron` files in a folder, sorted by name; an unreadable folder gives an empty list.
pub fn list_boards(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}
