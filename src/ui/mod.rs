//! The egui user interface: the only module that imports egui, eframe or rfd.

pub mod app;
pub mod canvas;
mod canvases;
pub mod command;
pub mod compare;
pub mod drill;
pub mod export;
pub mod file_picker;
pub mod files;
mod inspector;
pub mod jobs;
mod keys;
mod menu;
mod palette;
pub mod practice;
mod prefs;
mod progress;
pub mod recovery;
pub mod reference;
pub mod report;
pub mod status;
pub mod theme;
mod toolbar;
pub mod view;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

pub use app::ArchdrillApp;

use crate::catalog::Catalog;
use crate::document::Document;
use crate::store;

/// The app for `board_path`: that board if it loads (a drawing of another tool imported as a
/// new unsaved board), a new board to be saved there if the file does not exist yet (and is
/// not named as a drawing), or an empty board with the load error shown.
pub fn app_for(catalog: Catalog, board_path: Option<PathBuf>, data_dir: PathBuf) -> ArchdrillApp {
    let mut app = ArchdrillApp::new(catalog, Document::default(), data_dir);
    app.windows.start = board_path.is_none();
    if let Some(path) = board_path {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if store::exists(&path) {
            app.open_path(&path);
        } else if crate::import::detect(&name, "").is_some() {
            // A drawing is only ever read: a missing one is not a new board to save there.
            app.show_error(
                "Could not import the drawing",
                format!("there is no file {}", path.display()),
            );
        } else {
            app.doc
                .reset(crate::model::Board::default(), Some(path.clone()));
            app.notify(format!("New board; it will be saved as {}", path.display()));
        }
    }
    app
}

/// Opens the window and runs until it closes.
pub fn run(board_path: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let catalog = Catalog::builtin().context("the built-in block catalog is broken")?;
    let data_dir = store::paths::data_dir();
    let (width, height) = store::settings::load_settings(&data_dir)
        .window
        .unwrap_or((1280.0, 800.0));
    let app = app_for(catalog, board_path, data_dir);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("archdrill")
        .with_app_id("archdrill")
        .with_inner_size([width, height])
        .with_min_inner_size([720.0, 480.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let timed = Timed {
        app,
        started: std::env::var_os(TIMING_VAR).map(|_| started),
    };
    eframe::run_native("archdrill", options, Box::new(|_cc| Ok(Box::new(timed))))
        .map_err(|err| anyhow::anyhow!("could not open the window: {err}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Set to print how long the first frame took to stderr (see docs/performance.md).
pub const TIMING_VAR: &str = "ARCHDRILL_TIMING";

/// The app as eframe runs it: reports the start-up time once when asked to.
struct Timed {
    app: ArchdrillApp,
    /// When `run` began, while the first frame is still to be reported.
    started: Option<std::time::Instant>,
}

impl eframe::App for Timed {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
        if let Some(started) = self.started.take() {
            eprintln!(
                "archdrill: first frame laid out {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}

/// The window icon, from `assets/icon.png` (compiled in).
fn icon() -> Option<egui::IconData> {
    let image = image::load_from_memory(include_bytes!("../../assets/icon.png"))
        .ok()?
        .to_rgba8();
    let (width, height) = image.dimensions();
    Some(egui::IconData {
        rgba: image.into_raw(),
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_loads() {
        let icon = super::icon().expect("assets/icon.png decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Opaque in the middle, transparent in the corner.
        let at = |x: usize, y: usize| icon.rgba[(y * 256 + x) * 4 + 3];
        assert_eq!((at(128, 128), at(0, 0)), (255, 0));
    }
}
