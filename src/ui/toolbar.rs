//! The toolbar under the menu: tools, undo/redo, zoom, grid and snap switches.

use super::canvas::Tool;
use super::command::Command;

/// What the toolbar shows of the app.
pub struct ToolbarState {
    pub tool: Tool,
    /// The zoom of the canvas on screen (1 = 100 %).
    pub zoom: f32,
    pub grid: bool,
    pub snap: bool,
    /// Why grading is not possible now, if it is not.
    pub grade_blocker: Option<String>,
}

/// The toolbar. Every button is a [`Command`], greyed out when `enabled` says no; returns
/// the one clicked.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    state: &ToolbarState,
    enabled: impl Fn(Command) -> bool,
) -> Option<Command> {
    let toggle = |text: &str, on: bool| egui::Button::selectable(on, text.to_owned());
    let pref = ui.ctx().options(|o| o.theme_preference);
    let mut buttons: Vec<(Command, egui::Button<'_>)> = vec![
        (
            Command::SelectTool,
            toggle("Select", state.tool == Tool::Select),
        ),
        (
            Command::FrameTool,
            toggle("Frame", state.tool == Tool::Frame),
        ),
        (Command::Undo, egui::Button::new(Command::Undo.label())),
        (Command::Redo, egui::Button::new(Command::Redo.label())),
        (Command::ZoomOut, egui::Button::new("−")),
        (
            Command::ResetZoom,
            // A fixed width, so the buttons after it stay put as the figure changes.
            egui::Button::new(format!("{:.0}%", state.zoom * 100.0))
                .min_size(egui::vec2(52.0, 0.0)),
        ),
        (Command::ZoomIn, egui::Button::new("+")),
        (Command::FitView, egui::Button::new("Fit")),
        (Command::Tidy, egui::Button::new("Tidy")),
        (Command::ToggleGrid, toggle("Grid", state.grid)),
        (Command::ToggleSnap, toggle("Snap", state.snap)),
        (
            Command::Grade,
            egui::Button::new(egui::RichText::new("Grade").strong()),
        ),
    ];
    // Light, dark or follow the system, as a small switch of the theme commands.
    for (cmd, value) in super::command::THEMES {
        buttons.push((cmd, toggle(cmd.label(), pref == value)));
    }
    let mut clicked = None;
    ui.horizontal(|ui| {
        for (cmd, button) in buttons {
            let tip = match (cmd, &state.grade_blocker) {
                (Command::Grade, Some(why)) => why.clone(),
                _ => cmd.hover_text(ui.ctx()),
            };
            if ui
                .add_enabled(enabled(cmd), button)
                .on_hover_text(&tip)
                .on_disabled_hover_text(&tip)
                .clicked()
            {
                clicked = Some(cmd);
            }
            // Groups: tools, history, zoom, grid, grading, theme.
            if matches!(
                cmd,
                Command::FrameTool
                    | Command::Redo
                    | Command::Tidy
                    | Command::ToggleSnap
                    | Command::Grade
            ) {
                ui.separator();
            }
        }
    });
    clicked
}
