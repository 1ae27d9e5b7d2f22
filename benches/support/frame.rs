//! The input of one frame in a 1280x800 window, for benchmarks that run egui without a GPU.

/// The input of one frame in a 1280x800 window.
pub fn window_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..egui::RawInput::default()
    }
}
