//! The menu bar: File, Edit, View, Cases and Help, each entry a command with its shortcut
//! (or, for a recent file or a case's reference, what it opens).

use std::path::PathBuf;

use super::command::{Command, THEMES};
use crate::cases::CaseLibrary;

/// What the menus show of the app.
#[expect(
    clippy::struct_excessive_bools,
    reason = "the state of the menus' independent check boxes"
)]
pub struct MenuState<'a> {
    pub recent: &'a [PathBuf],
    pub grid: bool,
    pub snap: bool,
    /// The side panels are shown, and files are asked for with the built-in dialog.
    pub palette: bool,
    pub inspector: bool,
    pub own_dialogs: bool,
    /// Question files that could not be loaded.
    pub question_problems: &'a [crate::drill::QuestionProblem],
    /// The case of the attempt in progress, whose reference stays hidden until it is graded.
    pub hidden_case: Option<&'a str>,
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
        ask = items(ui, &[&[Command::New, Command::Open, Command::Import]]);
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
                &[
                    Command::ExportPng,
                    Command::ExportSvg,
                    Command::ExportDrawing,
                ],
            ],
        );
        ask = ask.take().or(rest);
        ui.separator();
        if let Some(cmd) = switches_ui(ui, &[(Command::OwnFileDialogs, state.own_dialogs)]) {
            ask = Some(MenuAsk::Run(cmd));
        }
        ui.separator();
        if let Some(quit) = items(ui, &[&[Command::Quit]]) {
            ask = Some(quit);
        }
    });
    ui.menu_button("Edit", |ui| {
        ask = items(
            ui,
            &[
                &[Command::Undo, Command::Redo],
                &[Command::Cut, Command::Copy, Command::Paste],
                &[
                    Command::Duplicate,
                    Command::Delete,
                    Command::SelectAll,
                    Command::Rename,
                    Command::AddNext,
                    Command::ReverseArrow,
                ],
                &[Command::FrameSelection, Command::FrameTool],
                &[Command::Tidy],
            ],
        );
        ui.menu_button("Align and distribute", |ui| {
            for (i, group) in Command::ARRANGE.chunks(3).enumerate() {
                if i > 0 {
                    ui.separator();
                }
                for &cmd in group {
                    if command_item(ui, cmd, enabled(cmd)) {
                        ask = Some(MenuAsk::Run(cmd));
                    }
                }
            }
        });
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
        let switches = [
            (Command::ToggleGrid, state.grid),
            (Command::ToggleSnap, state.snap),
            (Command::TogglePalette, state.palette),
            (Command::ToggleInspector, state.inspector),
        ];
        if let Some(cmd) = switches_ui(ui, &switches) {
            ask = Some(MenuAsk::Run(cmd));
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

/// Check boxes for switch commands, each with its state; returns the one clicked.
fn switches_ui(ui: &mut egui::Ui, switches: &[(Command, bool)]) -> Option<Command> {
    let mut clicked = None;
    for &(cmd, on) in switches {
        let mut shown = on;
        if ui
            .checkbox(&mut shown, cmd.label())
            .on_hover_text(cmd.hover_text(ui.ctx()))
            .clicked()
        {
            clicked = Some(cmd);
        }
    }
    clicked
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
        if state.hidden_case == Some(case.id.as_str()) {
            ui.add_enabled(false, egui::Button::selectable(false, &case.title))
                .on_disabled_hover_text(
                    "Hidden while you practise this case: grade or end the attempt to see it",
                );
            continue;
        }
        if ui
            .selectable_label(selected, &case.title)
            .on_hover_text(&case.prompt)
            .clicked()
        {
            chosen = Some(case.id.clone());
            ui.close();
        }
    }
    if !state.cases.problems.is_empty() || !state.question_problems.is_empty() {
        ui.separator();
        for problem in &state.cases.problems {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Not loaded: {problem}"));
        }
        for problem in state.question_problems {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Questions not loaded: {problem}"),
            );
        }
    }
    chosen
}
