//! The toolbar under the menu: tools, undo/redo, zoom, grid and snap switches.

use super::app::ArchdrillApp;
use super::canvas::Tool;
use super::command::Command;

fn tip(ui: &egui::Ui, cmd: Command) -> String {
    match cmd.shortcut() {
        Some(s) => format!("{} ({})", cmd.tooltip(), ui.ctx().format_shortcut(&s)),
        None => cmd.tooltip().to_owned(),
    }
}

pub fn toolbar_ui(ui: &mut egui::Ui, app: &mut ArchdrillApp) {
    ui.horizontal(|ui| {
        let tool = app.canvas.tool;
        if ui
            .selectable_label(tool == Tool::Select, "Select")
            .on_hover_text(tip(ui, Command::SelectTool))
            .clicked()
        {
            app.run(Command::SelectTool);
        }
        if ui
            .selectable_label(tool == Tool::Frame, "Frame")
            .on_hover_text(tip(ui, Command::FrameTool))
            .clicked()
        {
            app.run(Command::FrameTool);
        }
        ui.separator();
        for cmd in [Command::Undo, Command::Redo] {
            if ui
                .add_enabled(app.is_enabled(cmd), egui::Button::new(cmd.label()))
                .on_hover_text(tip(ui, cmd))
                .clicked()
            {
                app.run(cmd);
            }
        }
        ui.separator();
        if ui
            .button("−")
            .on_hover_text(tip(ui, Command::ZoomOut))
            .clicked()
        {
            app.run(Command::ZoomOut);
        }
        let zoom = format!("{:.0}%", app.active_canvas().camera.zoom * 100.0);
        if ui
            .button(zoom)
            .on_hover_text(tip(ui, Command::ResetZoom))
            .clicked()
        {
            app.run(Command::ResetZoom);
        }
        if ui
            .button("+")
            .on_hover_text(tip(ui, Command::ZoomIn))
            .clicked()
        {
            app.run(Command::ZoomIn);
        }
        if ui
            .button("Fit")
            .on_hover_text(tip(ui, Command::FitView))
            .clicked()
        {
            app.run(Command::FitView);
        }
        ui.separator();
        ui.toggle_value(&mut app.canvas.show_grid, "Grid")
            .on_hover_text(tip(ui, Command::ToggleGrid));
        ui.toggle_value(&mut app.canvas.snap, "Snap")
            .on_hover_text(tip(ui, Command::ToggleSnap));
        ui.separator();
        let tip = app
            .grade_blocker()
            .unwrap_or_else(|| tip(ui, Command::Grade));
        let grade = egui::Button::new(egui::RichText::new("Grade").strong());
        if ui
            .add_enabled(app.is_enabled(Command::Grade), grade)
            .on_hover_text(&tip)
            .on_disabled_hover_text(&tip)
            .clicked()
        {
            app.run(Command::Grade);
        }
        ui.separator();
        theme_ui(ui, app);
    });
}

/// Light, dark or follow the system, as a small switch of the theme commands.
fn theme_ui(ui: &mut egui::Ui, app: &mut ArchdrillApp) {
    let pref = ui.ctx().options(|o| o.theme_preference);
    for (cmd, value) in super::menu::THEMES {
        if ui
            .selectable_label(pref == value, cmd.label())
            .on_hover_text(tip(ui, cmd))
            .clicked()
        {
            app.run(cmd);
        }
    }
}
