//! The menu bar: File, Edit, View, Cases and Help, each entry a command with its shortcut.

use super::app::ArchdrillApp;
use super::command::Command;
use super::files::Pending;

impl ArchdrillApp {
    pub(crate) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("File", |ui| {
            self.menu_item(ui, Command::New);
            self.menu_item(ui, Command::Open);
            ui.menu_button("Open Recent", |ui| {
                if self.recent.is_empty() {
                    ui.label("No recent boards");
                }
                for path in self.recent.clone() {
                    let name = super::files::file_name(&path);
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        self.guard_unsaved(Pending::Open(Some(path)));
                    }
                }
            });
            ui.separator();
            self.menu_item(ui, Command::Save);
            self.menu_item(ui, Command::SaveAs);
            ui.separator();
            self.menu_item(ui, Command::ExportPng);
            self.menu_item(ui, Command::ExportSvg);
            ui.separator();
            self.menu_item(ui, Command::Quit);
        });
        ui.menu_button("Edit", |ui| {
            for cmd in [Command::Undo, Command::Redo] {
                self.menu_item(ui, cmd);
            }
            ui.separator();
            for cmd in [
                Command::Duplicate,
                Command::Delete,
                Command::SelectAll,
                Command::Rename,
                Command::ReverseArrow,
            ] {
                self.menu_item(ui, cmd);
            }
            ui.separator();
            for cmd in [Command::FrameSelection, Command::FrameTool] {
                self.menu_item(ui, cmd);
            }
        });
        ui.menu_button("View", |ui| {
            for cmd in [
                Command::FitView,
                Command::ResetZoom,
                Command::ZoomIn,
                Command::ZoomOut,
            ] {
                self.menu_item(ui, cmd);
            }
            ui.separator();
            self.menu_item(ui, Command::CompareReference);
            ui.separator();
            for (cmd, on) in [
                (Command::ToggleGrid, self.canvas.show_grid),
                (Command::ToggleSnap, self.canvas.snap),
            ] {
                let mut shown = on;
                if ui
                    .checkbox(&mut shown, cmd.label())
                    .on_hover_text(cmd.tooltip())
                    .clicked()
                {
                    self.run(cmd);
                }
            }
            ui.separator();
            ui.label("Theme");
            let pref = ui.ctx().options(|o| o.theme_preference);
            for (cmd, value) in THEMES {
                if ui
                    .radio(pref == value, cmd.label())
                    .on_hover_text(cmd.tooltip())
                    .clicked()
                {
                    self.run(cmd);
                }
            }
        });
        ui.menu_button("Cases", |ui| self.cases_menu_ui(ui));
        ui.menu_button("Help", |ui| self.menu_item(ui, Command::ShowShortcuts));
    }

    pub(crate) fn menu_item(&mut self, ui: &mut egui::Ui, cmd: Command) {
        let shortcut = cmd
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let enabled = self.is_enabled(cmd);
        let button = egui::Button::new(cmd.label()).shortcut_text(shortcut);
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(cmd.tooltip())
            .clicked()
        {
            self.run(cmd);
            ui.close();
        }
    }
}

/// The theme commands and the preference each one sets, for the menu and the toolbar.
pub(crate) const THEMES: [(Command, egui::ThemePreference); 3] = [
    (Command::ThemeSystem, egui::ThemePreference::System),
    (Command::ThemeLight, egui::ThemePreference::Light),
    (Command::ThemeDark, egui::ThemePreference::Dark),
];
