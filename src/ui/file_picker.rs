//! The built-in file dialog, for desktops where the system's cannot be shown: a folder's
//! listing, places to jump to, and a name field that also takes a whole path.

use std::path::{Path, PathBuf};

use egui::{Key, RichText};

use crate::store::folders::{self, Listing};

/// Frames in which the name field asks for the keyboard focus (the click that opened the
/// dialog can take it away again at the end of its own frame).
const FOCUS_FRAMES: u8 = 3;

/// What a file is asked for: the dialog's title, its filter and its button follow from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    OpenBoard,
    SaveBoard,
    /// A drawing of another tool, made into a new board.
    Import,
    ExportPng,
    ExportSvg,
    ExportExcalidraw,
    ExportMermaid,
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Purpose::OpenBoard => "Open board",
            Purpose::SaveBoard => "Save board",
            Purpose::Import => "Import a drawing (Excalidraw, draw.io, Mermaid)",
            Purpose::ExportPng => "Export PNG picture",
            Purpose::ExportSvg => "Export SVG drawing",
            Purpose::ExportExcalidraw => "Export Excalidraw drawing",
            Purpose::ExportMermaid => "Export Mermaid flowchart",
        }
    }

    /// The filter's name and the extensions it shows (the first is added to a name typed
    /// without one).
    pub fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Purpose::OpenBoard | Purpose::SaveBoard => ("archdrill board", &["ron"]),
            Purpose::Import => ("drawing", crate::import::EXTENSIONS),
            Purpose::ExportPng => ("PNG picture", &["png"]),
            Purpose::ExportSvg => ("SVG drawing", &["svg"]),
            Purpose::ExportExcalidraw => ("Excalidraw drawing", &["excalidraw"]),
            Purpose::ExportMermaid => ("Mermaid flowchart", &["mmd"]),
        }
    }

    /// The filter as the dialogs show it: "archdrill boards (*.ron)".
    pub fn filter_text(self) -> String {
        let (name, extensions) = self.filter();
        let patterns: Vec<String> = extensions.iter().map(|x| format!("*.{x}")).collect();
        format!("{name}s ({})", patterns.join(", "))
    }

    /// The name field's hint: a name of the right sort.
    pub fn example(self) -> String {
        match self {
            Purpose::Import => {
                "a name, or a whole path such as ~/Downloads/design.excalidraw".to_owned()
            }
            _ => format!(
                "a name, or a whole path such as ~/boards/mine.{}",
                self.filter().1[0]
            ),
        }
    }

    /// True when the file is written (asks before replacing one), false when it is read.
    pub fn writes(self) -> bool {
        !matches!(self, Purpose::OpenBoard | Purpose::Import)
    }

    /// The words on the dialog's button.
    pub fn action(self) -> &'static str {
        match self {
            Purpose::OpenBoard => "Open",
            Purpose::SaveBoard => "Save",
            Purpose::Import => "Import",
            Purpose::ExportPng
            | Purpose::ExportSvg
            | Purpose::ExportExcalidraw
            | Purpose::ExportMermaid => "Export",
        }
    }

    /// `path` with this purpose's extension when the user typed a name without one.
    pub fn with_extension(self, path: PathBuf) -> PathBuf {
        if path.extension().is_some() {
            path
        } else {
            path.with_extension(self.filter().1[0])
        }
    }
}

/// A request for a file: what for, the folder to start in, and the name to suggest (for
/// files that are written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub purpose: Purpose,
    pub folder: PathBuf,
    pub file_name: String,
}

/// How the dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickerAsk {
    Picked(PathBuf),
    Cancelled,
}

/// The built-in dialog while it is open.
#[derive(Debug)]
pub struct FilePicker {
    pub purpose: Purpose,
    /// The folder listed.
    folder: PathBuf,
    /// The name field: a file name, or a path relative to the folder or absolute.
    pub name: String,
    listing: Result<Listing, String>,
    /// Places to jump to: the start folder, the recent boards' folders, home.
    places: Vec<PathBuf>,
    /// Show every file, not only the purpose's extension.
    all_files: bool,
    hidden: bool,
    /// A problem with what was typed, shown under the name field.
    problem: Option<String>,
    /// The existing file waiting for "Replace it?".
    replace: Option<PathBuf>,
    focus_frames: u8,
}

impl FilePicker {
    /// A dialog for `request`; `recent` are recently used files, whose folders become places.
    pub fn new(request: &Request, recent: &[PathBuf]) -> FilePicker {
        let mut places: Vec<PathBuf> = request
            .folder
            .ancestors()
            .find(|f| folders::is_folder(f))
            .map(Path::to_path_buf)
            .into_iter()
            .collect();
        for folder in recent.iter().filter_map(|p| p.parent()) {
            if !places.iter().any(|p| p == folder) && places.len() < 8 {
                places.push(folder.to_path_buf());
            }
        }
        if let Some(home) = crate::store::paths::home_dir()
            && !places.contains(&home)
        {
            places.push(home);
        }
        let name = if request.purpose.writes() {
            request.file_name.clone()
        } else {
            String::new()
        };
        // A start folder that does not exist (yet) is listed from its nearest existing parent.
        let start = request
            .folder
            .ancestors()
            .find(|f| folders::is_folder(f))
            .map_or_else(|| request.folder.clone(), Path::to_path_buf);
        let mut picker = FilePicker {
            purpose: request.purpose,
            folder: start.clone(),
            name,
            listing: Ok(Listing::default()),
            places,
            all_files: false,
            hidden: false,
            problem: None,
            replace: None,
            focus_frames: FOCUS_FRAMES,
        };
        picker.enter(start);
        picker
    }

    /// The folder listed now.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Lists `folder` (the listing says why when it cannot be read).
    fn enter(&mut self, folder: PathBuf) {
        self.listing = folders::list_folder(&folder, self.hidden);
        self.folder = folder;
        self.problem = None;
    }

    /// Whether an entry shows under the current filter.
    fn shown(&self, entry: &folders::FolderEntry) -> bool {
        let extensions = self.purpose.filter().1;
        entry.is_folder
            || self.all_files
            || Path::new(&entry.name)
                .extension()
                .is_some_and(|x| extensions.iter().any(|e| x.eq_ignore_ascii_case(e)))
    }

    /// What the name field asks for, on Enter or the action button: a folder is entered; a
    /// file is picked, after "Replace it?" when it would be overwritten.
    pub fn confirm(&mut self) -> Option<PickerAsk> {
        let typed = self.name.trim().to_owned();
        if typed.is_empty() {
            self.problem = Some("Type a file name, or pick one from the list".to_owned());
            return None;
        }
        let path = folders::resolve_typed(&self.folder, &typed);
        if folders::is_folder(&path) {
            self.name.clear();
            self.enter(path);
            return None;
        }
        if !self.purpose.writes() {
            if folders::is_taken(&path) {
                return Some(PickerAsk::Picked(path));
            }
            let with_extension = self.purpose.with_extension(path.clone());
            if with_extension != path && folders::is_taken(&with_extension) {
                return Some(PickerAsk::Picked(with_extension));
            }
            self.problem = Some(format!("There is no file {}", path.display()));
            return None;
        }
        let path = self.purpose.with_extension(path);
        match path.parent() {
            Some(parent) if !folders::is_folder(parent) => {
                self.problem = Some(format!("The folder {} does not exist", parent.display()));
                None
            }
            _ if folders::is_taken(&path) => {
                self.replace = Some(path);
                None
            }
            _ => Some(PickerAsk::Picked(path)),
        }
    }

    /// The dialog, one frame; returns how it ended, if it did.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<PickerAsk> {
        let screen = ctx.content_rect();
        let width = (screen.width() - 48.0).clamp(320.0, 720.0);
        let list_height = (screen.height() - 300.0).clamp(120.0, 420.0);
        // Escape is read first, whatever has the focus or the pointer: it closes the "Replace
        // it?" question, else the dialog.
        let escape = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape));
        if escape && self.replace.take().is_none() {
            return Some(PickerAsk::Cancelled);
        }
        let mut ask = None;
        let modal = egui::Modal::new(egui::Id::unique("file-picker")).show(ctx, |ui| {
            ui.set_width(width);
            ui.heading(self.purpose.title());
            ui.add_space(4.0);
            ask = self.folder_row(ui);
            ui.add_space(4.0);
            // A box of a fixed height: the separator between the columns would otherwise
            // reach as far down as the window lets it.
            let size = egui::vec2(width, list_height);
            ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Min), |ui| {
                ui.set_height(list_height);
                self.places_ui(ui, list_height);
                ui.separator();
                if let Some(a) = self.listing_ui(ui, list_height) {
                    ask = Some(a);
                }
            });
            ui.add_space(6.0);
            if let Some(a) = self.name_row(ui) {
                ask = Some(a);
            }
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.add_space(6.0);
            if let Some(a) = self.buttons_ui(ui) {
                ask = Some(a);
            }
        });
        // A click beside the dialog cancels it too.
        if ask.is_none() && modal.should_close() {
            ask = Some(PickerAsk::Cancelled);
        }
        ask
    }

    /// Up one folder, and the folder's path.
    fn folder_row(&mut self, ui: &mut egui::Ui) -> Option<PickerAsk> {
        ui.horizontal(|ui| {
            let parent = self.folder.parent().map(Path::to_path_buf);
            if ui
                .add_enabled(parent.is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above")
                .clicked()
                && let Some(parent) = parent
            {
                self.enter(parent);
            }
            ui.add(
                egui::Label::new(RichText::new(self.folder.display().to_string()).strong())
                    .truncate(),
            );
        });
        None
    }

    fn places_ui(&mut self, ui: &mut egui::Ui, height: f32) {
        ui.vertical(|ui| {
            ui.set_width(150.0);
            ui.label(RichText::new("Places").small().strong());
            egui::ScrollArea::vertical()
                .id_salt("places")
                .max_height(height - 20.0)
                .show(ui, |ui| {
                    let mut go = None;
                    for place in &self.places {
                        let name = place.file_name().map_or_else(
                            || place.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        let selected = *place == self.folder;
                        if ui
                            .add(egui::Button::selectable(selected, name).truncate())
                            .on_hover_text(place.display().to_string())
                            .clicked()
                        {
                            go = Some(place.clone());
                        }
                    }
                    if let Some(place) = go {
                        self.enter(place);
                    }
                });
        });
    }

    /// The folder's entries: a click takes a file's name, a double-click opens a folder or
    /// picks a file.
    fn listing_ui(&mut self, ui: &mut egui::Ui, height: f32) -> Option<PickerAsk> {
        let mut ask = None;
        let mut enter = None;
        let mut take_name = None;
        let mut confirm = false;
        ui.vertical(|ui| {
            egui::ScrollArea::vertical()
                .id_salt("listing")
                .auto_shrink([false, false])
                .max_height(height)
                .show(ui, |ui| match &self.listing {
                    Err(problem) => {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("Cannot list this folder: {problem}"),
                        );
                    }
                    Ok(listing) => {
                        let shown: Vec<_> = listing.entries.iter().filter(|e| self.shown(e)).collect();
                        if shown.is_empty() {
                            ui.weak(format!("No folders or {} here", self.purpose.filter_text()));
                        }
                        for entry in shown {
                            // A folder reads as one in any font: its name ends in a slash.
                            let text = if entry.is_folder {
                                format!("{}/", entry.name)
                            } else {
                                entry.name.clone()
                            };
                            let selected = !entry.is_folder && entry.name == self.name.trim();
                            let response = ui.add(
                                egui::Button::selectable(selected, text)
                                    .truncate()
                                    .min_size(egui::vec2(ui.available_width(), 0.0)),
                            );
                            let response = if entry.is_folder {
                                response.on_hover_text("Double-click to open this folder")
                            } else {
                                response.on_hover_text(size_text(entry.bytes))
                            };
                            if response.double_clicked() {
                                if entry.is_folder {
                                    enter = Some(entry.path.clone());
                                } else {
                                    take_name = Some(entry.name.clone());
                                    confirm = true;
                                }
                            } else if response.clicked() && !entry.is_folder {
                                take_name = Some(entry.name.clone());
                            }
                        }
                        if listing.cut_off {
                            ui.weak(format!(
                                "Only the first {} entries are listed; type a name to reach the others",
                                folders::MAX_ENTRIES
                            ));
                        }
                    }
                });
        });
        if let Some(folder) = enter {
            self.enter(folder);
        }
        if let Some(name) = take_name {
            self.name = name;
            self.problem = None;
        }
        if confirm {
            ask = self.confirm();
        }
        ask
    }

    /// The name field (focused when the dialog opens), with the filter beside it.
    fn name_row(&mut self, ui: &mut egui::Ui) -> Option<PickerAsk> {
        let mut ask = None;
        ui.horizontal(|ui| {
            let caption = ui.label("Name:");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.name)
                        .id(egui::Id::unique("file-picker-name"))
                        .hint_text(self.purpose.example())
                        .desired_width(ui.available_width() - 170.0),
                )
                .labelled_by(caption.id);
            if self.focus_frames > 0 {
                self.focus_frames -= 1;
                response.request_focus();
                select_all(ui.ctx(), response.id, &self.name);
                ui.ctx().request_repaint();
            }
            if response.changed() {
                self.problem = None;
                self.replace = None;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                ask = self.confirm();
                response.request_focus();
            }
            let before = (self.all_files, self.hidden);
            ui.checkbox(&mut self.all_files, "All files")
                .on_hover_text(format!(
                    "Show every file, not only {}",
                    self.purpose.filter_text()
                ));
            if before != (self.all_files, self.hidden) {
                self.enter(self.folder.clone());
            }
        });
        ask
    }

    /// "Replace it?" when asked, otherwise Cancel and the action.
    fn buttons_ui(&mut self, ui: &mut egui::Ui) -> Option<PickerAsk> {
        let mut ask = None;
        if let Some(path) = self.replace.clone() {
            ui.label(format!(
                "{} already exists. Replace it?",
                crate::ui::status::file_name(&path)
            ));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    ask = Some(PickerAsk::Picked(path));
                }
                if ui.button("Keep it").clicked() {
                    self.replace = None;
                }
            });
            return ask;
        }
        ui.horizontal(|ui| {
            if ui.button("Cancel").clicked() {
                ask = Some(PickerAsk::Cancelled);
            }
            let action = egui::Button::new(RichText::new(self.purpose.action()).strong());
            if ui.add(action).clicked() {
                ask = self.confirm();
            }
        });
        ask
    }
}

/// Selects the whole suggested name, so typing a name or a whole path replaces it (the
/// extension is added again when the typed name has none).
fn select_all(ctx: &egui::Context, id: egui::Id, name: &str) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(name)));
    state.store(ctx, id);
}

/// A file size in plain words.
fn size_text(bytes: u64) -> String {
    match bytes {
        0..1_024 => format!("{bytes} bytes"),
        1_024..1_048_576 => format!("{:.0} KB", bytes as f64 / 1_024.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}
