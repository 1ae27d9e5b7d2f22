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
            ui.checkbox(&mut self.canvas.show_grid, Command::ToggleGrid.label());
            ui.checkbox(&mut self.canvas.snap, Command::ToggleSnap.label());
            ui.separator();
            ui.label("Theme");
            let mut pref = ui.ctx().options(|o| o.theme_preference);
            let before = pref;
            ui.radio_value(&mut pref, egui::ThemePreference::System, "System");
            ui.radio_value(&mut pref, egui::ThemePreference::Light, "Light");
            ui.radio_value(&mut pref, egui::ThemePreference::Dark, "Dark");
            if pref != before {
                ui.ctx().set_theme(pref);
            }
        });
        ui.menu_button("Cases", |ui| self.cases_menu_ui(ui));
        ui.menu_button("Help", |ui| {
            if ui
                .add(egui::Button::new("Keyboard shortcuts").shortcut_text("F1"))
                .clicked()
            {
                self.show_shortcuts = true;
            }
        });
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
