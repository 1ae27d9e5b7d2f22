//! Crash recovery: unsaved changes of the open board, written to a recovery file shortly after
//! each change (on a background thread), and found again when the app starts after a crash.
//!
//! Each running app claims a slot in `recovery/`: a lock file it holds locked while it runs,
//! and the recovery file next to it. A recovery file whose lock nobody holds belongs to an
//! app that is gone, so it is offered for restoring; files of running apps are left alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

use super::{LoadErrorKind, SaveError, board_file, read_text, write_atomic};
use crate::catalog::Catalog;
use crate::model::Board;

/// Version of the recovery file's wrapper (the board inside has its own version).
const RECOVERY_VERSION: u32 = 1;
/// Largest recovery file read, in bytes: a board file at its limit, plus the wrapper.
const MAX_RECOVERY_BYTES: u64 = super::MAX_FILE_BYTES + 1024 * 1024;

/// The folder of recovery files within a data folder.
pub fn recovery_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

/// What a recovery file holds: when it was written, the board's own file, and the board.
#[derive(Serialize, Deserialize)]
struct RecoveryFile {
    version: u32,
    /// Seconds since the Unix epoch.
    saved_at: u64,
    /// The file the board was opened from or last saved to, if any.
    #[serde(default)]
    source: Option<PathBuf>,
    /// The board as board-file text.
    board: String,
}

/// The unsaved state of a board at one moment, ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub saved_at: u64,
    pub source: Option<PathBuf>,
    /// The board as board-file text.
    pub text: String,
}

impl Snapshot {
    /// Renders a board for the recovery file. Fails only if the board cannot be written as a
    /// board file at all.
    pub fn of(board: &Board, source: Option<&Path>, saved_at: u64) -> Result<Snapshot, String> {
        Ok(Snapshot {
            saved_at,
            source: source.map(Path::to_path_buf),
            text: super::board_to_text(board)?,
        })
    }

    fn to_file_text(&self) -> Result<String, ron::Error> {
        let file = RecoveryFile {
            version: RECOVERY_VERSION,
            saved_at: self.saved_at,
            source: self.source.clone(),
            board: self.text.clone(),
        };
        ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new())
    }
}

/// A board left behind by an app that did not close normally.
#[derive(Debug)]
pub struct Recovered {
    /// The recovery file itself (deleted only by [`discard`]).
    pub file: PathBuf,
    pub saved_at: u64,
    pub source: Option<PathBuf>,
    pub board: Board,
}

/// This app's place in the recovery folder: the lock it holds while running, and its file.
#[derive(Debug)]
pub struct Slot {
    file: PathBuf,
    lock_path: PathBuf,
    /// Held locked for the life of the app; the OS releases it if the app dies.
    _lock: fs::File,
}

impl Slot {
    /// Claims a fresh slot in `data_dir`'s recovery folder, named by this process and
    /// `stamp` (the caller's clock, in nanoseconds: two apps of one process id never share a
    /// name).
    pub fn claim(data_dir: &Path, stamp: u128) -> Result<Slot, SaveError> {
        let dir = recovery_dir(data_dir);
        let fail = |path: &Path, source| SaveError {
            path: path.to_path_buf(),
            source,
        };
        fs::create_dir_all(&dir).map_err(|e| fail(&dir, e))?;
        let name = format!("board-{}-{stamp}", std::process::id());
        let lock_path = dir.join(format!("{name}.lock"));
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| fail(&lock_path, e))?;
        lock.try_lock()
            .map_err(|e| fail(&lock_path, std::io::Error::other(e.to_string())))?;
        Ok(Slot {
            file: dir.join(format!("{name}.ron")),
            lock_path,
            _lock: lock,
        })
    }

    /// The recovery file of this slot.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Writes a snapshot atomically.
    pub fn write(&self, snapshot: &Snapshot) -> Result<(), SaveError> {
        let fail = |source| SaveError {
            path: self.file.clone(),
            source,
        };
        let text = snapshot
            .to_file_text()
            .map_err(|e| fail(std::io::Error::other(e.to_string())))?;
        write_atomic(&self.file, text.as_bytes()).map_err(fail)
    }

    /// Removes the recovery file: there is nothing unsaved any more.
    pub fn clear(&self) -> Result<(), SaveError> {
        match fs::remove_file(&self.file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(SaveError {
                path: self.file.clone(),
                source,
            }),
        }
    }
}

impl Drop for Slot {
    /// On a normal exit the lock file goes; the recovery file stays only if it was not
    /// cleared (the user quit without saving, which they chose, so it is cleared first).
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.lock_path);
    }
}

/// Removes the temporary files killed runs left (an hour old at `now`: never a save in
/// flight) from the data folder, the recovery folder and the folder of the open board.
pub fn remove_stale_temporaries(data_dir: &Path, board: Option<&Path>, now: std::time::SystemTime) {
    let board_folder = board.and_then(Path::parent).map(Path::to_path_buf);
    for folder in [data_dir.to_path_buf(), recovery_dir(data_dir)]
        .into_iter()
        .chain(board_folder)
    {
        super::remove_stale_temporaries(&folder, now);
    }
}

/// Recovery files left by apps that are no longer running, oldest first, and a line for each
/// file that could not be read (left in place).
pub fn orphans(data_dir: &Path, catalog: &Catalog) -> (Vec<Recovered>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for file in super::list_boards(&recovery_dir(data_dir)) {
        if owner_is_running(&file) {
            continue;
        }
        match read_recovery(&file, catalog) {
            Ok(recovered) => found.push(recovered),
            Err(problem) => problems.push(format!("{}: {problem}", file.display())),
        }
    }
    found.sort_by_key(|r| r.saved_at);
    (found, problems)
}

/// True when the app that wrote `file` still holds its lock.
fn owner_is_running(file: &Path) -> bool {
    let Ok(lock) = fs::OpenOptions::new()
        .write(true)
        .open(file.with_extension("lock"))
    else {
        // No lock file: its app is gone.
        return false;
    };
    match lock.try_lock() {
        Ok(()) => {
            let _ = lock.unlock();
            false
        }
        // Held by a running app; or locking is unsupported here, and a live app's file must
        // not be taken for abandoned.
        Err(fs::TryLockError::WouldBlock | fs::TryLockError::Error(_)) => true,
    }
}

fn read_recovery(file: &Path, catalog: &Catalog) -> Result<Recovered, String> {
    let text = read_text(file, MAX_RECOVERY_BYTES).map_err(|e| e.to_string())?;
    let wrapper: RecoveryFile = ron::from_str(&text).map_err(|e| e.to_string())?;
    if wrapper.version > RECOVERY_VERSION {
        return Err(LoadErrorKind::TooNew {
            found: i64::from(wrapper.version),
            supported: RECOVERY_VERSION,
        }
        .to_string());
    }
    let loaded = board_file::parse(&wrapper.board, catalog).map_err(|e| e.to_string())?;
    Ok(Recovered {
        file: file.to_path_buf(),
        saved_at: wrapper.saved_at,
        source: wrapper.source,
        board: loaded.board,
    })
}

/// Deletes a recovery file the user has decided about (restored elsewhere, or discarded).
pub fn discard(file: &Path) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: file.to_path_buf(),
        source,
    };
    match fs::remove_file(file) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(fail(e)),
    }
    let _ = fs::remove_file(file.with_extension("lock"));
    Ok(())
}

/// What the autosave thread is asked to do.
enum Job {
    Write(Snapshot),
    Clear,
    /// Answer once everything sent before is done (tests and quitting wait on it).
    Flush(mpsc::Sender<()>),
}

/// Writes recovery snapshots on a background thread, so a slow disk never stalls a frame.
/// Only the newest pending snapshot is written.
#[derive(Debug)]
pub struct Autosaver {
    /// `None` only while dropping, to stop the thread.
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The last failure, for the app to show; cleared by the next success.
    errors: mpsc::Receiver<Option<String>>,
    file: PathBuf,
}

impl Autosaver {
    /// Starts the thread that writes to `slot`.
    pub fn start(slot: Slot) -> std::io::Result<Autosaver> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (report, errors) = mpsc::channel();
        let file = slot.file().to_path_buf();
        let thread = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                while let Ok(first) = inbox.recv() {
                    // Of several writes queued, only the newest matters.
                    let mut pending = None;
                    for job in std::iter::once(first).chain(inbox.try_iter()) {
                        match job {
                            Job::Flush(done) => {
                                if let Some(job) = pending.take() {
                                    run(&slot, job, &report);
                                }
                                let _ = done.send(());
                            }
                            job => pending = Some(job),
                        }
                    }
                    if let Some(job) = pending {
                        run(&slot, job, &report);
                    }
                }
            })?;
        Ok(Autosaver {
            jobs: Some(jobs),
            thread: Some(thread),
            errors,
            file,
        })
    }

    /// The recovery file written to.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Queues a snapshot to be written.
    pub fn save(&self, snapshot: Snapshot) {
        self.send(Job::Write(snapshot));
    }

    fn send(&self, job: Job) -> bool {
        self.jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_ok())
    }

    /// Queues removing the recovery file.
    pub fn clear(&self) {
        self.send(Job::Clear);
    }

    /// Waits until everything queued so far is on disk.
    pub fn flush(&self) {
        let (done, wait) = mpsc::channel();
        if self.send(Job::Flush(done)) {
            let _ = wait.recv();
        }
    }

    /// The latest news from the thread: `Some(Some(error))` after a failed write,
    /// `Some(None)` after a success, `None` when nothing happened since the last call.
    pub fn news(&self) -> Option<Option<String>> {
        self.errors.try_iter().last()
    }
}

impl Drop for Autosaver {
    /// Finishes what is queued, then releases the slot (its lock file goes; its recovery file
    /// stays unless it was cleared).
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(slot: &Slot, job: Job, report: &mpsc::Sender<Option<String>>) {
    let result = match job {
        Job::Write(snapshot) => slot.write(&snapshot),
        Job::Clear => slot.clear(),
        Job::Flush(done) => {
            let _ = done.send(());
            return;
        }
    };
    let _ = report.send(result.err().map(|e| e.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    fn board(title: &str) -> Board {
        Board {
            title: title.to_owned(),
            ..Board::default()
        }
    }

    #[test]
    fn a_running_apps_file_is_not_offered_and_a_dead_ones_is() {
        let home = tempfile::tempdir().unwrap();
        let slot = Slot::claim(home.path(), 1).unwrap();
        let snapshot = Snapshot::of(&board("mine"), Some(Path::new("b.ron")), 42).unwrap();
        slot.write(&snapshot).unwrap();
        // While this "app" runs, its file belongs to it.
        let (found, problems) = orphans(home.path(), &catalog());
        assert!(found.is_empty() && problems.is_empty());
        // It dies without clearing: the lock goes with it, the file stays and is offered.
        let file = slot.file().to_path_buf();
        drop(slot);
        let (found, _) = orphans(home.path(), &catalog());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, file);
        assert_eq!(found[0].saved_at, 42);
        assert_eq!(found[0].source.as_deref(), Some(Path::new("b.ron")));
        assert_eq!(found[0].board.title, "mine");
        // Only the user's decision removes it.
        discard(&file).unwrap();
        assert!(orphans(home.path(), &catalog()).0.is_empty());
        assert!(!file.exists());
    }

    #[test]
    fn a_cleared_slot_leaves_nothing_behind() {
        let home = tempfile::tempdir().unwrap();
        let slot = Slot::claim(home.path(), 1).unwrap();
        slot.write(&Snapshot::of(&board("x"), None, 1).unwrap())
            .unwrap();
        slot.clear().unwrap();
        slot.clear().unwrap();
        drop(slot);
        assert_eq!(fs::read_dir(recovery_dir(home.path())).unwrap().count(), 0);
    }

    #[test]
    fn a_damaged_recovery_file_is_reported_and_kept() {
        let home = tempfile::tempdir().unwrap();
        let dir = recovery_dir(home.path());
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("board-1-1.ron");
        write_atomic(&file, b"(version: 1, saved_at: ").unwrap();
        let (found, problems) = orphans(home.path(), &catalog());
        assert!(found.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("board-1-1.ron"), "{problems:?}");
        assert!(file.exists());
    }

    #[test]
    fn the_autosaver_writes_the_newest_snapshot_and_clears() {
        let home = tempfile::tempdir().unwrap();
        let saver = Autosaver::start(Slot::claim(home.path(), 1).unwrap()).unwrap();
        for n in 1..=5 {
            saver.save(Snapshot::of(&board(&format!("v{n}")), None, n).unwrap());
        }
        saver.flush();
        let text = fs::read_to_string(saver.file()).unwrap();
        let wrapper: RecoveryFile = ron::from_str(&text).unwrap();
        assert_eq!(wrapper.saved_at, 5);
        assert!(wrapper.board.contains("v5"));
        assert_eq!(saver.news(), Some(None));
        saver.clear();
        saver.flush();
        assert!(!saver.file().exists());
    }
}
