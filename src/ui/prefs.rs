//! Settings the window remembers between runs (theme, grid, snapping, window size): applied
//! at start, saved when they change.

use std::path::Path;

use crate::store::settings::{self, Settings, Theme};

/// Least time between two saves of the settings, in seconds (a window resize sends many sizes).
const SAVE_EVERY_SECS: f64 = 1.0;

fn preference(theme: Theme) -> egui::ThemePreference {
    match theme {
        Theme::System => egui::ThemePreference::System,
        Theme::Light => egui::ThemePreference::Light,
        Theme::Dark => egui::ThemePreference::Dark,
    }
}

fn theme(preference: egui::ThemePreference) -> Theme {
    match preference {
        egui::ThemePreference::System => Theme::System,
        egui::ThemePreference::Light => Theme::Light,
        egui::ThemePreference::Dark => Theme::Dark,
    }
}

/// The switches of the window that are not the canvas's: side panels and file dialogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Switches {
    pub palette: bool,
    pub inspector: bool,
    pub own_dialogs: bool,
}

/// Remembered settings and when they were last written.
#[derive(Debug, Default)]
pub struct Prefs {
    /// As last loaded or saved.
    pub saved: Settings,
    /// The side panels and the file dialogs as they are now (saved when they change).
    pub switches: Switches,
    /// The theme still to hand to egui (on the first frame).
    pending_theme: Option<Theme>,
    last_save: Option<f64>,
}

impl Prefs {
    pub fn load(data_dir: &Path) -> Prefs {
        let saved = settings::load_settings(data_dir);
        Prefs {
            pending_theme: Some(saved.theme),
            switches: Switches {
                palette: saved.palette,
                inspector: saved.inspector,
                own_dialogs: saved.own_dialogs,
            },
            saved,
            last_save: None,
        }
    }
}

impl Default for Switches {
    fn default() -> Self {
        let saved = Settings::default();
        Switches {
            palette: saved.palette,
            inspector: saved.inspector,
            own_dialogs: saved.own_dialogs,
        }
    }
}

impl Prefs {
    /// Whether files are asked for with archdrill's own dialog.
    pub fn own_dialogs(&self) -> bool {
        self.switches.own_dialogs
    }

    /// The settings as they are now, with the canvas's grid and snap switches.
    pub fn current(&self, ctx: &egui::Context, (grid, snap): (bool, bool)) -> Settings {
        let window = ctx
            .input(|i| i.viewport().inner_rect)
            .map(|r| (r.width().round(), r.height().round()))
            .or(self.saved.window);
        Settings {
            theme: theme(ctx.options(|o| o.theme_preference)),
            grid,
            snap,
            window,
            palette: self.switches.palette,
            inspector: self.switches.inspector,
            own_dialogs: self.switches.own_dialogs,
        }
    }

    /// Applies the saved theme on the first frame, then saves any change into `data_dir`
    /// (not while a button is held, and at most once a second).
    pub fn tick(&mut self, ctx: &egui::Context, (grid, snap): (bool, bool), data_dir: &Path) {
        if let Some(theme) = self.pending_theme.take() {
            ctx.set_theme(preference(theme));
            return;
        }
        let now = ctx.input(|i| i.time);
        let busy = ctx.input(|i| i.pointer.any_down());
        let recent = self.last_save.is_some_and(|t| now - t < SAVE_EVERY_SECS);
        let current = self.current(ctx, (grid, snap));
        if current == self.saved || busy {
            return;
        }
        if recent {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(SAVE_EVERY_SECS));
            return;
        }
        self.last_save = Some(now);
        // Settings are a convenience: a failed save is not worth interrupting anyone for.
        let _ = settings::save_settings(data_dir, &current);
        self.saved = current;
    }
}
