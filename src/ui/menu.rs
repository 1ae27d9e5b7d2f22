//! The menu bar: File, Edit, View, Cases and Help, each entry a command with its shortcut
//! (or, for a recent file or a case's reference, what it opens).

use std::path::PathBuf;

use super::command::{Command, THEMES};
use crate::cases::CaseLibrary;

/// What the menus show of the app.
pub struct MenuState<'a> {
    pub recent: &'a [PathBuf],
    pub grid: bool,
    pub snap: bool,
    pub cases: &'a CaseLibrary,
    /// The case whose reference is on the canvas on its own, if one is.
    pub showing_reference: Option<&'a str>,
}

/// What the user chose from a menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MenuAsk {
    Run(Command),
    OpenRecent(PathBuf),
    /// Show this case's reference on its own.
    ShowReference(String),
}

/// The menu bar. Entries are greyed out when `enabled` says no; returns the one chosen.
pub fn menu_ui(
    ui: &mut egui::Ui,
    state: &MenuState<'_>,
    enabled: &dyn Fn(Command) -> bool,
) -> Option<MenuAsk> {
    // The entries for `cmds`, with separators between the groups; the one clicked.
    let items = |ui: &mut egui::Ui, groups: &[&[Command]]| -> Option<MenuAsk> {
        let mut chosen = None;
        for (i, group) in groups.iter().enumerate() {
            if i > 0 {
                ui.separator();
            }
            for &cmd in *group {
                if command_item(ui, cmd, enabled(cmd)) {
                    chosen = Some(MenuAsk::Run(cmd));
                }
            }
        }
        chosen
    };
    let mut ask = None;
    ui.menu_button("File", |ui| {
        ask = items(ui, &[&[Command::New, Command::Open]]);
        ui.menu_button("Open Recent", |ui| {
            if state.recent.is_empty() {
                ui.label("No recent boards");
            }
            for path in state.recent {
                if ui
                    .button(super::status::file_name(path))
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    ask = Some(MenuAsk::OpenRecent(path.clone()));
                }
            }
        });
        ui.separator();
        let rest = items(
            ui,
            &[
                &[Command::Save, Command::SaveAs],
                &[Command::ExportPng, Command::ExportSvg],
                &[Command::Quit],
            ],
        );
        ask = ask.take().or(rest);
    });
    ui.menu_button("Edit", |ui| {
        ask = items(
            ui,
            &[
                &[Command::Undo, Command::Redo],
                &[
                    Command::Duplicate,
                    Command::Delete,
                    Command::SelectAll,
                    Command::Rename,
                    Command::ReverseArrow,
                ],
                &[Command::FrameSelection, Command::FrameTool],
            ],
        );
    });
    ui.menu_button("View", |ui| {
        ask = items(
            ui,
            &[
                &[
                    Command::FitView,
                    Command::ResetZoom,
                    Command::ZoomIn,
                    Command::ZoomOut,
                ],
                &[Command::CompareReference],
            ],
        );
        ui.separator();
        for (cmd, on) in [
            (Command::ToggleGrid, state.grid),
            (Command::ToggleSnap, state.snap),
        ] {
            let mut shown = on;
            if ui
                .checkbox(&mut shown, cmd.label())
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                ask = Some(MenuAsk::Run(cmd));
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
                ask = Some(MenuAsk::Run(cmd));
            }
        }
    });
    ui.menu_button("Cases", |ui| {
        ask = items(ui, &[&[Command::PracticeOverview, Command::Progress]]);
        ui.separator();
        if let Some(id) = cases_ui(ui, state) {
            ask = Some(MenuAsk::ShowReference(id));
        }
    });
    ui.menu_button("Help", |ui| {
        ask = items(ui, &[&[Command::ShowShortcuts]]);
    });
    ask
}

/// One command's entry, with its shortcut; true when clicked (the menu then closes).
fn command_item(ui: &mut egui::Ui, cmd: Command, enabled: bool) -> bool {
    let mut button = egui::Button::new(cmd.label());
    if let Some(s) = cmd.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    let clicked = ui
        .add_enabled(enabled, button)
        .on_hover_text(cmd.tooltip())
        .clicked();
    if clicked {
        ui.close();
    }
    clicked
}

/// The case references, and the case files that could not be loaded. Returns the case
/// chosen.
fn cases_ui(ui: &mut egui::Ui, state: &MenuState<'_>) -> Option<String> {
    ui.label(
        egui::RichText::new("Show a reference architecture")
            .small()
            .weak(),
    );
    let mut chosen = None;
    for (case, _) in &state.cases.cases {
        let selected = state.showing_reference == Some(case.id.as_str());
        if ui
            .selectable_label(selected, &case.title)
            .on_hover_text(&case.prompt)
            .clicked()
        {
            chosen = Some(case.id.clone());
            ui.close();
        }
    }
    if !state.cases.problems.is_empty() {
        ui.separator();
        for problem in &state.cases.problems {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Not loaded: {problem}"));
        }
    }
    chosen
}
