//! The app's settings between runs: theme, grid and snapping, window size. Kept in
//! `settings.ron` in the data folder; a missing or unreadable file means the defaults.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{SaveError, keep_aside, read_text, write_atomic};

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// What the app remembers.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches, each a check box of its own"
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub grid: bool,
    pub snap: bool,
    /// The window's inner size in points, when it was last known.
    pub window: Option<(f32, f32)>,
    /// The block palette on the left is shown.
    pub palette: bool,
    /// The side panel on the right (selection, board, problem) is shown.
    pub inspector: bool,
    /// Open, save and export with archdrill's own file dialog, not the system's.
    pub own_dialogs: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            grid: true,
            snap: true,
            window: None,
            palette: true,
            inspector: true,
            own_dialogs: false,
        }
    }
}

/// Smallest and largest window size remembered, so a broken file cannot make it unusable.
const MIN_WINDOW: (f32, f32) = (720.0, 480.0);
const MAX_WINDOW: f32 = 16_384.0;

pub fn settings_file(data_dir: &Path) -> PathBuf {
    data_dir.join("settings.ron")
}

/// The saved settings, or the defaults when there are none or they cannot be read. A
/// damaged file is first kept as `settings.damaged-N.ron`, so the next save replaces
/// nothing the user may want back.
pub fn load_settings(data_dir: &Path) -> Settings {
    let path = settings_file(data_dir);
    let parsed = match read_text(&path, 64 * 1024) {
        Ok(text) => ron::from_str::<Settings>(&text).ok(),
        // Missing or unreadable (permissions): nothing to set aside.
        Err(super::LoadErrorKind::Io(_) | super::LoadErrorKind::NotAFile(_)) => {
            return Settings::default();
        }
        Err(_) => None,
    };
    let Some(mut settings) = parsed else {
        let _ = keep_aside(&path, &[]);
        return Settings::default();
    };
    settings.window = settings.window.filter(|(w, h)| {
        w.is_finite()
            && h.is_finite()
            && (MIN_WINDOW.0..=MAX_WINDOW).contains(w)
            && (MIN_WINDOW.1..=MAX_WINDOW).contains(h)
    });
    settings
}

/// Saves the settings atomically.
pub fn save_settings(data_dir: &Path, settings: &Settings) -> Result<(), SaveError> {
    let path = settings_file(data_dir);
    let fail = |source| SaveError {
        path: path.clone(),
        source,
    };
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::new())
        .map_err(|e| fail(std::io::Error::other(e.to_string())))?;
    std::fs::create_dir_all(data_dir).map_err(fail)?;
    write_atomic(&path, text.as_bytes()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_come_back_as_saved_and_bad_files_mean_defaults() {
        let home = tempfile::tempdir().unwrap();
        assert_eq!(load_settings(home.path()), Settings::default());
        let settings = Settings {
            theme: Theme::Dark,
            grid: false,
            snap: false,
            window: Some((1400.0, 900.0)),
            palette: false,
            inspector: true,
            own_dialogs: true,
        };
        save_settings(home.path(), &settings).unwrap();
        assert_eq!(load_settings(home.path()), settings);
        // A window size no screen has is forgotten; the rest stays.
        write_atomic(
            &settings_file(home.path()),
            b"(theme: Light, window: Some((1e9, 10.0)))",
        )
        .unwrap();
        let loaded = load_settings(home.path());
        assert_eq!(
            (loaded.theme, loaded.window, loaded.grid),
            (Theme::Light, None, true)
        );
        write_atomic(&settings_file(home.path()), b"\x00garbage").unwrap();
        assert_eq!(load_settings(home.path()), Settings::default());
        // The damaged file was kept aside before anything could overwrite it.
        let aside = home.path().join("settings.damaged-1.ron");
        assert_eq!(std::fs::read(aside).unwrap(), b"\x00garbage");
        assert!(!settings_file(home.path()).exists());
    }
}
