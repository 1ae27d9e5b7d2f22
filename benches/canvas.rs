//! One frame of the canvas without a GPU (SPEC §8: 1,000 blocks and 1,500 arrows under 8 ms,
//! 10,000 blocks under 16 ms): an `egui::Context` runs the canvas on a synthetic board in a
//! 1280x800 window, then tessellates what it painted. Three views: the whole board fitted in
//! the window (as much as the smallest zoom shows, blocks drawn simplified), 50 % (labels
//! on about 120 blocks) and 100 %.

#[path = "support/board.rs"]
mod board;
#[path = "support/frame.rs"]
mod frame;

use archdrill::catalog::Catalog;
use archdrill::document::Document;
use archdrill::ui::canvas::{CanvasState, canvas_ui};
use archdrill::ui::theme::Palette;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// Runs one frame and tessellates it; returns the number of meshes, so nothing is skipped.
fn frame(
    ctx: &egui::Context,
    state: &mut CanvasState,
    doc: &mut Document,
    catalog: &Catalog,
    palette: &Palette,
) -> usize {
    let mut output = ctx.run_ui(frame::window_input(), |ui| {
        canvas_ui(ui, state, doc, catalog, palette, None);
    });
    // No renderer here to take the font texture; drop its updates deliberately.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn canvas(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("catalog");
    let palette = Palette::for_dark_mode(true);
    let mut group = c.benchmark_group("canvas frame");
    for n in [100, 1_000, 10_000] {
        let board = board::board(&catalog, n);
        let arrows = board.edges.len();
        for (view, zoom) in [("fit", None), ("50%", Some(0.5)), ("100%", Some(1.0))] {
            let ctx = egui::Context::default();
            let mut doc = Document::new(board.clone(), None);
            let mut state = CanvasState {
                fit_pending: zoom.is_none(),
                ..CanvasState::default()
            };
            state.camera.zoom = zoom.unwrap_or(1.0);
            // The first frames load fonts and fit the view.
            for _ in 0..3 {
                frame(&ctx, &mut state, &mut doc, &catalog, &palette);
            }
            let id = BenchmarkId::new(format!("{view}, {arrows} arrows"), n);
            group.bench_function(id, |b| {
                b.iter(|| frame(&ctx, &mut state, &mut doc, &catalog, &palette));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, canvas);
criterion_main!(benches);
