//! Integration tests: one binary, one module per area.

// Test helpers may panic on failure and write fixtures directly.
#![expect(clippy::unwrap_used, clippy::disallowed_methods, reason = "tests")]

mod arrows;
mod assets;
mod board_file;
mod cases;
mod cli;
mod corpus;
mod crash;
mod drill;
mod export;
mod grading;
mod holdout;
mod hostile;
mod invariants;
mod layout;
mod mutations;
mod output;
mod properties;
mod round_trip;
mod special_files;
mod tidy;
#[cfg(feature = "gui")]
mod ui;

use std::path::{Path, PathBuf};

/// The project folder (where `boards/` and `assets/` live).
pub fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes a file for a test (tests may touch the disk directly).
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}
