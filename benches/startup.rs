//! Start-up: the built-in catalog and the ten case files load in a few milliseconds, and the
//! whole app (catalog, cases, history, autosave slot) is built and lays out its first frame
//! without a GPU well inside SPEC §8's half second.

use archdrill::cases::CaseLibrary;
use archdrill::catalog::Catalog;
use archdrill::document::Document;
use archdrill::ui::ArchdrillApp;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/frame.rs"]
mod frame;

fn startup(c: &mut Criterion) {
    c.bench_function("catalog", |b| {
        b.iter(|| Catalog::builtin().expect("catalog"));
    });
    let catalog = Catalog::builtin().expect("catalog");
    c.bench_function("ten case files", |b| {
        b.iter(|| CaseLibrary::load(&catalog, Vec::new()));
    });
    let home = tempfile::tempdir().expect("a temporary folder");
    c.bench_function("app and first frame", |b| {
        b.iter(|| {
            let catalog = Catalog::builtin().expect("catalog");
            let mut app =
                ArchdrillApp::new(catalog, Document::default(), home.path().to_path_buf());
            app.windows.start = true;
            // A fresh context each time: fonts are loaded as on a real start.
            let ctx = egui::Context::default();
            let mut output = ctx.run_ui(frame::window_input(), |ui| app.show(ui));
            output.textures_delta.clear();
            ctx.tessellate(output.shapes, output.pixels_per_point).len()
        });
    });
}

criterion_group!(benches, startup);
criterion_main!(benches);
