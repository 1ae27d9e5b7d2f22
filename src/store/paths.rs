//! Where archdrill keeps its files: the user data folder (`ARCHDRILL_HOME` overrides it).

use std::path::{Path, PathBuf};

/// Environment variable that replaces the user data folder (tests set it).
pub const HOME_VAR: &str = "ARCHDRILL_HOME";

/// The folder for recent files, recovery files and practice history.
pub fn data_dir() -> PathBuf {
    if let Some(home) = std::env::var_os(HOME_VAR).filter(|v| !v.is_empty()) {
        return PathBuf::from(home);
    }
    platform_data_dir().unwrap_or_else(|| PathBuf::from(".archdrill"))
}

#[cfg(target_os = "windows")]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::var_os("APPDATA").map(|d| PathBuf::from(d).join("archdrill"))
}

#[cfg(target_os = "macos")]
fn platform_data_dir() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support/archdrill"))
}

#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn platform_data_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .map(|d| d.join("archdrill"))
}

/// The user's home folder, if the system names one.
pub fn home_dir() -> Option<PathBuf> {
    let var = if cfg!(target_os = "windows") {
        "USERPROFILE"
    } else {
        "HOME"
    };
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The folder where a user drops extra case files.
pub fn cases_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("cases")
}

/// The folder where a user drops their own trade-off drill question files.
pub fn questions_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("questions")
}

/// The list of recently opened boards within a data folder.
pub fn recent_file(data_dir: &Path) -> PathBuf {
    data_dir.join("recent.ron")
}

/// The folder the Open and Save dialogs start in: `boards/` under the current folder when it
/// exists, otherwise `boards/` in the user data folder.
pub fn default_boards_dir() -> PathBuf {
    let local = PathBuf::from("boards");
    if local.is_dir() {
        return std::env::current_dir().map_or(local.clone(), |cwd| cwd.join(local));
    }
    data_dir().join("boards")
}
