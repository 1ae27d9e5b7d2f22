//! File → Export PNG / SVG: the dialog's choices (scale, background, selection only, the
//! grade), the options they mean, and the dialog itself.

use crate::document::Selection;
use crate::export::{self, ExportOptions, Subset};
use crate::grader::marks::Marks;
use crate::model::Board;

/// What File -> Export writes: a picture, or a drawing other tools open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    Excalidraw,
    Mermaid,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Png,
        Format::Svg,
        Format::Excalidraw,
        Format::Mermaid,
    ];

    /// What the file dialog asks a file for, to write this format.
    pub fn purpose(self) -> super::files::Purpose {
        match self {
            Format::Png => super::files::Purpose::ExportPng,
            Format::Svg => super::files::Purpose::ExportSvg,
            Format::Excalidraw => super::files::Purpose::ExportExcalidraw,
            Format::Mermaid => super::files::Purpose::ExportMermaid,
        }
    }

    pub fn extension(self) -> &'static str {
        self.purpose().filter().1[0]
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Svg => "SVG",
            Format::Excalidraw => "Excalidraw",
            Format::Mermaid => "Mermaid",
        }
    }

    fn tip(self) -> &'static str {
        match self {
            Format::Png => "A picture, for notes and chats",
            Format::Svg => "Sharp at any size; the text stays text",
            Format::Excalidraw => {
                "A drawing to carry on in Excalidraw: labels bound to their shapes, arrows to both ends"
            }
            Format::Mermaid => "Flowchart text to paste into notes and READMEs",
        }
    }

    /// True for a picture of the board (scale, colours, selection and grade apply).
    pub fn is_picture(self) -> bool {
        matches!(self, Format::Png | Format::Svg)
    }
}

/// The export dialog's choices; kept between exports.
#[derive(Clone, Debug, PartialEq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent check boxes of one dialog"
)]
pub struct ExportDialog {
    pub format: Format,
    pub scale: f32,
    pub dark: bool,
    pub selection_only: bool,
    pub with_grade: bool,
    /// Whether the dialog is open.
    pub open: bool,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            format: Format::Png,
            scale: 2.0,
            dark: false,
            selection_only: false,
            with_grade: true,
            open: false,
        }
    }
}

impl ExportDialog {
    /// The options these choices mean for a board with `selection`, drawing `marks` (the
    /// grade on screen) when asked to.
    pub fn options(&self, selection: &Selection, marks: Option<&Marks>) -> ExportOptions {
        let only = (self.selection_only && !selection.blocks.is_empty()).then(|| Subset {
            blocks: selection.blocks.clone(),
            frames: selection.frames.clone(),
        });
        ExportOptions {
            scale: match self.format {
                Format::Png => self.scale,
                _ => 1.0,
            },
            dark: self.dark,
            only,
            marks: marks.filter(|_| self.with_grade).cloned(),
            ..ExportOptions::default()
        }
    }
}

/// The export dialog for `board` with `selection`, offering to draw `marks` (the grade on
/// screen). True when the user asks to export (the dialog then closes).
pub fn dialog_ui(
    ctx: &egui::Context,
    dialog: &mut ExportDialog,
    (board, selection): (&Board, &Selection),
    marks: Option<&Marks>,
) -> bool {
    if !dialog.open {
        return false;
    }
    let has_selection = !selection.blocks.is_empty();
    let has_grade = marks.is_some();
    let mut go = false;
    let mut cancel = false;
    // Only the bounds: cheap enough for every frame the dialog is open.
    let options = dialog.options(selection, marks);
    let size = export::fit(board, &options);
    egui::Modal::new(egui::Id::unique("export-dialog")).show(ctx, |ui| {
        ui.set_width(340.0);
        ui.heading(format!("Export as {}", dialog.format.name()));
        ui.add_space(6.0);
        egui::Grid::new("export-options")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label("Format");
                ui.horizontal(|ui| {
                    for format in Format::ALL {
                        ui.selectable_value(&mut dialog.format, format, format.name())
                            .on_hover_text(format.tip());
                    }
                });
                ui.end_row();
                if dialog.format == Format::Png {
                    ui.label("Scale");
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut dialog.scale, 1.0, "1x");
                        ui.selectable_value(&mut dialog.scale, 2.0, "2x")
                            .on_hover_text("Twice the pixels: sharp on high-density screens");
                    });
                    ui.end_row();
                }
                if dialog.format.is_picture() {
                    ui.label("Colours");
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut dialog.dark, false, "Light background");
                        ui.selectable_value(&mut dialog.dark, true, "Dark background");
                    });
                    ui.end_row();
                }
            });
        ui.add_space(4.0);
        if dialog.format.is_picture() {
            ui.add_enabled(
                has_selection,
                egui::Checkbox::new(&mut dialog.selection_only, "Only the selection"),
            )
            .on_disabled_hover_text("Select blocks on the canvas to export only them");
            ui.add_enabled(
                has_grade,
                egui::Checkbox::new(&mut dialog.with_grade, "Draw the grade"),
            )
            .on_disabled_hover_text("Grade the board (Ctrl+Enter) to draw its result");
        } else {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(
                        "The whole board: blocks with their kinds, labels, arrows and frames. archdrill imports it back unchanged.",
                    )
                    .weak(),
                )
                .wrap(),
            );
        }
        ui.add_space(4.0);
        match &size {
            Ok((w, h, fitted)) if dialog.format == Format::Png => {
                if *fitted < options.scale {
                    ui.weak(format!(
                        "{w} x {h} pixels: drawn at {:.0} % of this scale, to stay within {} megapixels",
                        100.0 * fitted / options.scale,
                        export::MAX_MEGAPIXELS
                    ));
                } else {
                    ui.weak(format!("{w} x {h} pixels"));
                }
            }
            Err(err) if dialog.format.is_picture() => {
                ui.colored_label(ui.visuals().warn_fg_color, err.to_string());
            }
            Ok(_) | Err(_) => {}
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    size.is_ok() || !dialog.format.is_picture(),
                    egui::Button::new("Export…"),
                )
                .on_hover_text("Choose the file to write")
                .clicked()
            {
                go = true;
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    });
    if go || cancel {
        dialog.open = false;
    }
    go
}
