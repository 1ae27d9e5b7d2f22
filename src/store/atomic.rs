//! Atomic file writes: a temporary file created exclusively, under a name nobody can predict,
//! in the target's folder; flushed and synced, then renamed over the target. A symlinked
//! target is written through to the file it names (as editors do); a target that is not a
//! regular file is refused.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What every temporary file of ours starts with.
pub const TEMP_PREFIX: &str = ".archdrill-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file older than this is left over from a killed run, never a save in flight.
const STALE_AFTER: Duration = Duration::from_hours(1);
/// Permissions of a new file: read and write for its owner, read for others.
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o644;
/// Symlinks followed at most, as the system does.
const MAX_LINKS: usize = 40;

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = resolve_links(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) if !meta.is_file() => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "it is not a regular file (a folder, device or pipe), so nothing was written there",
            ));
        }
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&folder)
        // The temporary file's name means nothing to the user: say what went wrong there.
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                std::io::Error::new(e.kind(), "the folder does not exist")
            }
            kind => std::io::Error::from(kind),
        })?;
    temp.write_all(bytes)?;
    temp.flush()?;
    match existing {
        // The new file keeps the old one's permissions ...
        Some(permissions) => {
            let _ = temp.as_file().set_permissions(permissions);
        }
        // ... and a new one gets what most tools give (temporary files start private).
        #[cfg(unix)]
        None => {
            use std::os::unix::fs::PermissionsExt as _;
            let _ = temp
                .as_file()
                .set_permissions(fs::Permissions::from_mode(NEW_FILE_MODE));
        }
        #[cfg(not(unix))]
        None => {}
    }
    temp.as_file().sync_all()?;
    // On failure the temporary file is removed when `temp` is dropped.
    temp.persist(&target).map_err(|e| e.error)?;
    sync_folder(&folder);
    Ok(())
}

/// The file `path` finally names, through any symlinks (a dangling one names where its
/// target would be).
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "too many symbolic links",
    ))
}

/// Keeps a damaged file under the first free name `NAME.damaged-N.EXT` (a hard link made
/// first, so the data is never without a name), then removes the old name. Companion files
/// named `PATH` + a suffix of `companions` (the database's `-wal` and `-shm`) move with it.
pub fn keep_aside(path: &Path, companions: &[&str]) -> Result<PathBuf, String> {
    let extension = path
        .extension()
        .map_or_else(String::new, |e| e.to_string_lossy().into_owned());
    let name = |n: u32, suffix: &str| {
        let aside = path.with_extension(format!("damaged-{n}.{extension}"));
        PathBuf::from(format!("{}{suffix}", aside.display()))
    };
    for n in 1..10_000 {
        let aside = name(n, "");
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                for suffix in companions {
                    let side = PathBuf::from(format!("{}{suffix}", path.display()));
                    if side.exists() && fs::hard_link(&side, name(n, suffix)).is_ok() {
                        let _ = fs::remove_file(&side);
                    }
                }
                fs::remove_file(path).map_err(|e| super::plain_io(&e))?;
                return Ok(aside);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(super::plain_io(&e)),
        }
    }
    Err("too many damaged copies are kept already".into())
}

/// Removes our temporary files older than an hour at `now` from `folder`: left by killed
/// runs. A save in flight is seconds old, so it is never touched.
pub fn remove_stale_temporaries(folder: &Path, now: SystemTime) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with(TEMP_PREFIX) || !name.ends_with(TEMP_SUFFIX) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Syncs the folder so the rename itself survives a power cut (a no-op where unsupported).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["b.ron"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("b.ron");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }

    #[test]
    fn a_folder_or_device_as_the_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        #[cfg(unix)]
        {
            let err = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
            assert!(!fs::metadata("/dev/null").unwrap().file_type().is_file());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_target_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("synced").join("history.ron");
        fs::create_dir_all(real.parent().unwrap()).unwrap();
        write_atomic(&real, b"old").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn the_old_files_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.ron");
        write_atomic(&path, b"one").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"two").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn only_our_old_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(format!("{TEMP_PREFIX}x{TEMP_SUFFIX}"));
        let fresh = dir.path().join(format!("{TEMP_PREFIX}y{TEMP_SUFFIX}"));
        let other = dir.path().join("notes.tmp");
        for p in [&old, &fresh, &other] {
            write_atomic(p, b"x").unwrap();
        }
        let two_hours_ago = SystemTime::now() - Duration::from_hours(2);
        for p in [&old, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(two_hours_ago)
                .unwrap();
        }
        remove_stale_temporaries(dir.path(), SystemTime::now());
        assert!(!old.exists());
        assert!(fresh.exists() && other.exists());
    }
}
