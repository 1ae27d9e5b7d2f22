//! Folders as the built-in file dialog sees them: what a folder holds, and what a typed path
//! names.

use std::fs;
use std::path::{Path, PathBuf};

/// Most entries listed from one folder; a folder with more is cut off and says so.
pub const MAX_ENTRIES: usize = 5_000;

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    /// The name shown (not valid Unicode is shown with replacement characters).
    pub name: String,
    pub path: PathBuf,
    /// A folder (or a link to one), entered rather than picked.
    pub is_folder: bool,
    /// Size in bytes (0 for folders).
    pub bytes: u64,
}

/// What a folder holds: folders first, then files, each by name without regard to case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub entries: Vec<FolderEntry>,
    /// True when the folder held more than [`MAX_ENTRIES`] entries and the rest were left out.
    pub cut_off: bool,
}

/// Lists `folder`, leaving out hidden entries (a leading dot) unless `hidden`. An unreadable
/// folder is an error in plain words.
pub fn list_folder(folder: &Path, hidden: bool) -> Result<Listing, String> {
    let entries = fs::read_dir(folder).map_err(|e| super::plain_folder_io(&e))?;
    let mut listing = Listing::default();
    for entry in entries.filter_map(Result::ok) {
        if listing.entries.len() == MAX_ENTRIES {
            listing.cut_off = true;
            break;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if !hidden && name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follow links, so a link to a folder is entered like the folder.
        let meta = fs::metadata(&path).ok();
        let is_folder = meta.as_ref().is_some_and(fs::Metadata::is_dir);
        let bytes = meta
            .as_ref()
            .filter(|m| m.is_file())
            .map_or(0, fs::Metadata::len);
        listing.entries.push(FolderEntry {
            name,
            path,
            is_folder,
            bytes,
        });
    }
    listing.entries.sort_by(|a, b| {
        (!a.is_folder, a.name.to_lowercase(), &a.name).cmp(&(
            !b.is_folder,
            b.name.to_lowercase(),
            &b.name,
        ))
    });
    Ok(listing)
}

/// Whether `path` is a folder (following links).
pub fn is_folder(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// Makes `folder` (and its parents) when missing. A folder that cannot be made is no error
/// here: the dialog then starts in the nearest one that exists.
pub fn make_folder(folder: &Path) {
    let _ = fs::create_dir_all(folder);
}

/// Whether something (a file, a folder, a dangling link) already has this name.
pub fn is_taken(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// `typed` as a path: `~` and `~/…` are the home folder, a relative path is taken from
/// `folder`, and `.` and `..` parts are resolved by name.
pub fn resolve_typed(folder: &Path, typed: &str) -> PathBuf {
    let typed = typed.trim();
    let home = super::paths::home_dir();
    let path = match (typed.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home,
        (Some(rest), Some(home)) if rest.starts_with(['/', std::path::MAIN_SEPARATOR]) => {
            home.join(rest.trim_start_matches(['/', std::path::MAIN_SEPARATOR]))
        }
        _ => folder.join(typed),
    };
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push(part);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_come_first_then_files_by_name_and_hidden_ones_are_left_out() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for name in ["b.ron", "A.ron", ".hidden.ron"] {
            super::super::write_atomic(&dir.path().join(name), b"x").expect("written");
        }
        fs::create_dir(dir.path().join("zoo")).expect("folder");
        let listing = list_folder(dir.path(), false).expect("listed");
        let names: Vec<&str> = listing.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["zoo", "A.ron", "b.ron"]);
        assert!(listing.entries[0].is_folder);
        assert_eq!(listing.entries[1].bytes, 1);
        let all = list_folder(dir.path(), true).expect("listed");
        assert_eq!(all.entries.len(), 4);
    }

    #[test]
    fn an_unreadable_folder_is_one_plain_line() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let err = list_folder(&dir.path().join("missing"), false).expect_err("no folder");
        assert_eq!(err, "the folder does not exist");
    }

    #[test]
    fn typed_paths_resolve_from_the_folder_or_the_home() {
        let folder = Path::new("/data/boards");
        assert_eq!(
            resolve_typed(folder, "a.ron"),
            PathBuf::from("/data/boards/a.ron")
        );
        assert_eq!(
            resolve_typed(folder, "../x/./b.ron"),
            PathBuf::from("/data/x/b.ron")
        );
        assert_eq!(
            resolve_typed(folder, "/tmp/c.ron"),
            PathBuf::from("/tmp/c.ron")
        );
        if let Some(home) = super::super::paths::home_dir() {
            assert_eq!(resolve_typed(folder, "~/d.ron"), home.join("d.ron"));
            assert_eq!(resolve_typed(folder, "~"), home);
        }
    }
}
