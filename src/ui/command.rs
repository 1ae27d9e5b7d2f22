//! App commands with their names and shortcuts: one table feeds menus, keys and the help sheet.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user can ask the app to do from a menu, the toolbar or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Import,
    Save,
    SaveAs,
    Undo,
    Redo,
    Delete,
    Duplicate,
    Copy,
    Cut,
    Paste,
    SelectAll,
    Rename,
    FrameSelection,
    FrameTool,
    SelectTool,
    AddNext,
    Tidy,
    AlignLeft,
    AlignCentre,
    AlignRight,
    AlignTop,
    AlignMiddle,
    AlignBottom,
    DistributeHorizontally,
    DistributeVertically,
    FitView,
    ResetZoom,
    ZoomIn,
    ZoomOut,
    ToggleGrid,
    ToggleSnap,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    TogglePalette,
    ToggleInspector,
    OwnFileDialogs,
    ShowShortcuts,
    ReverseArrow,
    Grade,
    CompareReference,
    ExportPng,
    ExportSvg,
    ExportDrawing,
    PracticeOverview,
    Progress,
    Quit,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const SHIFT: Modifiers = Modifiers::SHIFT;
const CMD_ALT: Modifiers = Modifiers {
    alt: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;

/// The theme commands and the preference each one sets, for the menu and the toolbar.
pub const THEMES: [(Command, egui::ThemePreference); 3] = [
    (Command::ThemeSystem, egui::ThemePreference::System),
    (Command::ThemeLight, egui::ThemePreference::Light),
    (Command::ThemeDark, egui::ThemePreference::Dark),
];

/// Shortcuts that are not commands, for the shortcut sheet and the README.
pub const EXTRA_SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+Y", "Redo"),
    ("Backspace", "Delete"),
    (
        "Arrow keys",
        "Move the selection by one grid step (Shift: one unit)",
    ),
    (
        "Escape",
        "Close quick add or this list, clear the selection, leave a tool",
    ),
    (
        "Double-click",
        "Rename an item, or add a block on empty canvas",
    ),
    (
        "Drag an arrow onto empty canvas",
        "Add the next block there, connected",
    ),
    (
        "a -> b -> c in quick add",
        "Add a whole chain of connected blocks",
    ),
    ("Scroll / Ctrl+scroll", "Pan / zoom"),
    ("Middle-drag, Space+drag", "Pan"),
    ("?", "Show keyboard shortcuts, as F1 does"),
];

impl Command {
    /// Every command, in the order of the shortcut sheet.
    pub const ALL: [Command; 49] = [
        Command::New,
        Command::Open,
        Command::Import,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::Delete,
        Command::Duplicate,
        Command::Copy,
        Command::Cut,
        Command::Paste,
        Command::SelectAll,
        Command::Rename,
        Command::AddNext,
        Command::Tidy,
        Command::AlignLeft,
        Command::AlignCentre,
        Command::AlignRight,
        Command::AlignTop,
        Command::AlignMiddle,
        Command::AlignBottom,
        Command::DistributeHorizontally,
        Command::DistributeVertically,
        Command::FrameSelection,
        Command::FrameTool,
        Command::SelectTool,
        Command::FitView,
        Command::ResetZoom,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ToggleGrid,
        Command::ToggleSnap,
        Command::ThemeSystem,
        Command::ThemeLight,
        Command::ThemeDark,
        Command::TogglePalette,
        Command::ToggleInspector,
        Command::OwnFileDialogs,
        Command::ShowShortcuts,
        Command::ReverseArrow,
        Command::Grade,
        Command::CompareReference,
        Command::ExportPng,
        Command::ExportSvg,
        Command::ExportDrawing,
        Command::PracticeOverview,
        Command::Progress,
        Command::Quit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::Import => "Import drawing…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Delete => "Delete",
            Command::Duplicate => "Duplicate",
            Command::Copy => "Copy",
            Command::Cut => "Cut",
            Command::Paste => "Paste",
            Command::AddNext => "Add next block",
            Command::Tidy => "Tidy",
            Command::AlignLeft => "Align left",
            Command::AlignCentre => "Align centres",
            Command::AlignRight => "Align right",
            Command::AlignTop => "Align top",
            Command::AlignMiddle => "Align middles",
            Command::AlignBottom => "Align bottom",
            Command::DistributeHorizontally => "Distribute horizontally",
            Command::DistributeVertically => "Distribute vertically",
            Command::TogglePalette => "Block palette",
            Command::ToggleInspector => "Side panel",
            Command::OwnFileDialogs => "Built-in file dialogs",
            Command::SelectAll => "Select all",
            Command::Rename => "Rename",
            Command::FrameSelection => "Frame selection",
            Command::FrameTool => "Draw frame",
            Command::SelectTool => "Select tool",
            Command::FitView => "Fit to content",
            Command::ResetZoom => "Zoom to 100%",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ToggleGrid => "Show grid",
            Command::ToggleSnap => "Snap to grid",
            Command::ThemeSystem => "System",
            Command::ThemeLight => "Light",
            Command::ThemeDark => "Dark",
            Command::ShowShortcuts => "Show keyboard shortcuts",
            Command::ReverseArrow => "Reverse arrow",
            Command::Grade => "Grade",
            Command::CompareReference => "Reference beside drawing",
            Command::ExportPng => "Export PNG…",
            Command::ExportSvg => "Export SVG…",
            Command::ExportDrawing => "Export Excalidraw or Mermaid…",
            Command::PracticeOverview => "Practice overview…",
            Command::Progress => "Progress…",
            Command::Quit => "Quit",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::New => "Start a new empty board",
            Command::Open => "Open a board file",
            Command::Import => {
                "Make a new board from an Excalidraw drawing, a draw.io diagram or a Mermaid flowchart (also: drop the file on the window)"
            }
            Command::Save => "Save the board",
            Command::SaveAs => "Save the board under a new name",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo what was undone",
            Command::Delete => "Delete the selection (arrows of deleted blocks go too)",
            Command::Duplicate => "Copy the selection next to itself",
            Command::Copy => "Copy the selection (also as board text, to paste in another window)",
            Command::Cut => "Copy the selection, then delete it",
            Command::Paste => "Paste what was copied, beside where it came from",
            Command::AddNext => {
                "Add a block to the right of the selected one, connected by an arrow: type its name (or a -> b -> c)"
            }
            Command::Tidy => {
                "Lay the board (or the selection) out left to right by flow, Online above Offline, in one undo step"
            }
            Command::AlignLeft => "Line the selected blocks up on their left edges",
            Command::AlignCentre => "Line the selected blocks up on their centres, across",
            Command::AlignRight => "Line the selected blocks up on their right edges",
            Command::AlignTop => "Line the selected blocks up on their top edges",
            Command::AlignMiddle => "Line the selected blocks up on their middles, up and down",
            Command::AlignBottom => "Line the selected blocks up on their bottom edges",
            Command::DistributeHorizontally => {
                "Space the selected blocks evenly from left to right (the outer two stay)"
            }
            Command::DistributeVertically => {
                "Space the selected blocks evenly from top to bottom (the outer two stay)"
            }
            Command::TogglePalette => "Show or hide the block palette on the left",
            Command::ToggleInspector => {
                "Show or hide the side panel on the right (selection, board, the problem)"
            }
            Command::OwnFileDialogs => {
                "Open, save and export with archdrill's own file dialog instead of the system's"
            }
            Command::SelectAll => "Select every block, arrow and frame",
            Command::Rename => "Edit the label of the selected item in place",
            Command::FrameSelection => "Draw a labelled frame around the selected blocks",
            Command::FrameTool => "Drag on the canvas to draw a frame (e.g. Online / Offline)",
            Command::SelectTool => "Click to select, drag to move or select by rectangle",
            Command::FitView => "Zoom and pan so the whole board is visible",
            Command::ResetZoom => "Back to 100% zoom",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ToggleGrid => "Show or hide the dot grid",
            Command::ToggleSnap => "Snap block positions to the grid while moving",
            Command::ThemeSystem => "Follow the system's light or dark theme",
            Command::ThemeLight => "Light theme",
            Command::ThemeDark => "Dark theme",
            Command::ShowShortcuts => "Show or hide the list of keyboard shortcuts (also ?)",
            Command::ReverseArrow => "Swap the ends of the selected arrows",
            Command::Grade => {
                "Score the drawing against the case's reference and show what is missing, extra or reversed"
            }
            Command::CompareReference => {
                "Show the case's reference next to your drawing, with the same zoom and pan (again to hide)"
            }
            Command::ExportPng => "Save the board (or the selection) as a PNG picture",
            Command::ExportSvg => "Save the board (or the selection) as an SVG drawing",
            Command::ExportDrawing => {
                "Save the board as an Excalidraw drawing or as Mermaid flowchart text, to carry on in those tools"
            }
            Command::PracticeOverview => "Every case with your scores and when it is due",
            Command::Progress => "Your scores over time and the components you miss most",
            Command::Quit => "Close archdrill (asks to save unsaved changes)",
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let (modifiers, key) = match self {
            Command::ThemeSystem
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::PracticeOverview
            | Command::Progress
            | Command::OwnFileDialogs
            | Command::ExportDrawing => return None,
            Command::Copy => (CMD, Key::C),
            Command::Cut => (CMD, Key::X),
            Command::Paste => (CMD, Key::V),
            Command::AddNext => (NONE, Key::Tab),
            Command::Tidy => (NONE, Key::T),
            Command::AlignLeft => (CMD_ALT, Key::ArrowLeft),
            Command::AlignRight => (CMD_ALT, Key::ArrowRight),
            Command::AlignTop => (CMD_ALT, Key::ArrowUp),
            Command::AlignBottom => (CMD_ALT, Key::ArrowDown),
            Command::AlignCentre => (CMD_ALT, Key::C),
            Command::AlignMiddle => (CMD_ALT, Key::M),
            Command::DistributeHorizontally => (CMD_ALT, Key::H),
            Command::DistributeVertically => (CMD_ALT, Key::V),
            Command::TogglePalette => (CMD, Key::B),
            Command::ToggleInspector => (CMD, Key::I),
            Command::ShowShortcuts => (NONE, Key::F1),
            Command::New => (CMD, Key::N),
            Command::Open => (CMD, Key::O),
            Command::Import => (CMD_SHIFT, Key::O),
            Command::Save => (CMD, Key::S),
            Command::SaveAs => (CMD_SHIFT, Key::S),
            Command::Undo => (CMD, Key::Z),
            Command::Redo => (CMD_SHIFT, Key::Z),
            Command::Delete => (NONE, Key::Delete),
            Command::Duplicate => (CMD, Key::D),
            Command::SelectAll => (CMD, Key::A),
            Command::Rename => (NONE, Key::F2),
            Command::FrameSelection => (CMD, Key::G),
            Command::FrameTool => (NONE, Key::F),
            Command::SelectTool => (NONE, Key::V),
            Command::FitView => (SHIFT, Key::Num1),
            Command::ResetZoom => (CMD, Key::Num0),
            Command::ZoomIn => (CMD, Key::Plus),
            Command::ZoomOut => (CMD, Key::Minus),
            Command::ToggleGrid => (NONE, Key::G),
            Command::ToggleSnap => (NONE, Key::S),
            Command::ReverseArrow => (NONE, Key::R),
            Command::Grade => (CMD, Key::Enter),
            Command::CompareReference => (CMD, Key::R),
            Command::ExportPng => (CMD, Key::E),
            Command::ExportSvg => (CMD_SHIFT, Key::E),
            Command::Quit => (CMD, Key::Q),
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// True for commands that change the board (refused while a reference is shown).
    pub fn edits_the_board(self) -> bool {
        matches!(
            self,
            Command::Save
                | Command::SaveAs
                | Command::Undo
                | Command::Redo
                | Command::Delete
                | Command::Duplicate
                | Command::Cut
                | Command::Paste
                | Command::AddNext
                | Command::Tidy
                | Command::AlignLeft
                | Command::AlignCentre
                | Command::AlignRight
                | Command::AlignTop
                | Command::AlignMiddle
                | Command::AlignBottom
                | Command::DistributeHorizontally
                | Command::DistributeVertically
                | Command::Rename
                | Command::FrameSelection
                | Command::FrameTool
                | Command::ReverseArrow
        )
    }

    /// The tooltip with the shortcut, as hover texts show it: "Zoom in (Ctrl+Plus)".
    pub fn hover_text(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(s) => format!("{} ({})", self.tooltip(), ctx.format_shortcut(&s)),
            None => self.tooltip().to_owned(),
        }
    }

    /// The text a shortcut's keys type on common layouts, for systems that send the text and
    /// not the key (on X11 with a US layout, Shift+1 arrives as "!").
    pub fn shortcut_text(self) -> Option<&'static str> {
        match self {
            Command::FitView => Some("!"),
            Command::ShowShortcuts => Some("?"),
            _ => None,
        }
    }

    /// The align and distribute commands, as the Arrange menu and the selection panel list
    /// them.
    pub const ARRANGE: [Command; 8] = [
        Command::AlignLeft,
        Command::AlignCentre,
        Command::AlignRight,
        Command::AlignTop,
        Command::AlignMiddle,
        Command::AlignBottom,
        Command::DistributeHorizontally,
        Command::DistributeVertically,
    ];

    /// True for commands whose shortcut arrives as a clipboard event, not as a key (the
    /// keyboard handling reads those events instead).
    pub fn arrives_as_event(self) -> bool {
        matches!(self, Command::Copy | Command::Cut | Command::Paste)
    }

    /// True for commands whose plain-letter shortcut must not fire while typing in a text box.
    pub fn needs_canvas_focus(self) -> bool {
        !matches!(
            self,
            Command::New
                | Command::Open
                | Command::Import
                | Command::Save
                | Command::SaveAs
                | Command::Quit
                | Command::ShowShortcuts
                | Command::TogglePalette
                | Command::ToggleInspector
        )
    }
}

/// The shortcut sheet, written from the command table, while `open`: in the middle of the
/// window and never taller than it (the list scrolls), closed by its button, F1, ? or Escape.
pub fn shortcut_sheet_ui(ctx: &egui::Context, open: &mut bool) {
    let screen = ctx.content_rect();
    let height = (screen.height() - 140.0).max(160.0);
    let width = (screen.width() - 80.0).clamp(280.0, 520.0);
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 20.0))
        .fixed_size(egui::vec2(width, height))
        .show(ctx, |ui| {
            ui.weak("Escape closes this list.");
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("shortcuts")
                        .striped(true)
                        .num_columns(2)
                        .show(ui, |ui| {
                            for cmd in Command::ALL {
                                if let Some(s) = cmd.shortcut() {
                                    ui.label(ctx.format_shortcut(&s));
                                    ui.label(cmd.label());
                                    ui.end_row();
                                }
                            }
                            for (keys, what) in EXTRA_SHORTCUTS {
                                ui.label(*keys);
                                ui.label(*what);
                                ui.end_row();
                            }
                        });
                });
        });
}
