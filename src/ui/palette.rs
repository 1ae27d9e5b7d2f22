//! The block palette: every catalog kind grouped by category, searchable, click or drag to add.

use egui::{Color32, RichText, Sense};

use super::canvas::KindPayload;
use super::theme::Palette;
use crate::catalog::{Catalog, Kind};

/// What the user asked of the palette.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaletteAsk {
    /// Add a block of this kind.
    Add(String),
    /// Show or hide the palette.
    Toggle,
}

/// The palette folded to a strip at the window's edge, with the button that unfolds it.
pub fn collapsed_ui(ui: &mut egui::Ui) -> Option<PaletteAsk> {
    ui.add_space(4.0);
    let tip = super::command::Command::TogglePalette.hover_text(ui.ctx());
    ui.button("›")
        .on_hover_text(tip)
        .clicked()
        .then_some(PaletteAsk::Toggle)
}

/// The palette: `query` is its search text. Returns what the user asked: a kind to add, or
/// to fold the palette away.
pub fn palette_ui(
    ui: &mut egui::Ui,
    query: &mut String,
    catalog: &Catalog,
    read_only: bool,
) -> Option<PaletteAsk> {
    ui.add_space(4.0);
    let mut ask = None;
    ui.horizontal(|ui| {
        ui.heading("Blocks");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let tip = super::command::Command::TogglePalette.hover_text(ui.ctx());
            if ui.button("‹").on_hover_text(tip).clicked() {
                ask = Some(PaletteAsk::Toggle);
            }
        });
    });
    if read_only {
        ui.weak("A reference is read-only. Close it to draw.");
        ui.disable();
    }
    ui.add(
        egui::TextEdit::singleline(query)
            .hint_text("Search blocks (e.g. faiss)")
            .desired_width(f32::INFINITY),
    );
    ui.add_space(4.0);
    let mut chosen = ask;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if query.trim().is_empty() {
                for category in catalog.categories() {
                    egui::CollapsingHeader::new(RichText::new(&category.name).strong())
                        .default_open(true)
                        .show(ui, |ui| {
                            for kind in catalog.kinds_in(&category.id) {
                                if kind_item(ui, kind) {
                                    chosen = Some(PaletteAsk::Add(kind.id.clone()));
                                }
                            }
                        });
                }
            } else {
                let found = catalog.search(query);
                if found.is_empty() {
                    ui.weak("No block matches. Double-click the canvas to add a custom block.");
                }
                for kind in found {
                    if kind_item(ui, kind) {
                        chosen = Some(PaletteAsk::Add(kind.id.clone()));
                    }
                }
            }
        });
    chosen
}

/// One palette entry; returns true when clicked. Dragging it onto the canvas adds the block there.
fn kind_item(ui: &mut egui::Ui, kind: &Kind) -> bool {
    let accent = Palette::accent(kind.color);
    let button = egui::Button::new(kind.name.as_str())
        .fill(Color32::TRANSPARENT)
        .min_size(egui::vec2(ui.available_width(), 24.0))
        .sense(Sense::click_and_drag());
    let response = ui.add(button);
    let swatch = egui::Rect::from_min_size(
        response.rect.left_center() - egui::vec2(-2.0, 6.0),
        egui::vec2(4.0, 12.0),
    );
    ui.painter().rect_filled(swatch, 1.0, accent);
    if response.drag_started() {
        egui::DragAndDrop::set_payload(ui.ctx(), KindPayload(kind.id.clone()));
    }
    if response.dragged()
        && let Some(p) = ui.ctx().pointer_interact_pos()
    {
        egui::Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            response.id.with("dragging"),
            egui::PopupAnchor::Position(p),
        )
        .show(|ui| ui.label(format!("Drop to add {}", kind.name)));
    }
    let aliases = if kind.aliases.is_empty() {
        String::new()
    } else {
        format!(
            "\nAlso: {}",
            kind.aliases
                .iter()
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let response = response.on_hover_text(format!(
        "{}{aliases}\nClick to add, or drag onto the canvas.",
        kind.description
    ));
    response.clicked()
}
