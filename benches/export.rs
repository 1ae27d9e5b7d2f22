//! Export work stays bounded: a 99-byte board with one huge frame (drawn smaller to fit the
//! pixel limit), and 20,000 frames with 1,000-character labels (wrapped in linear time).

use archdrill::catalog::Catalog;
use archdrill::export::{self, ExportOptions};
use archdrill::store;
use criterion::{Criterion, criterion_group, criterion_main};

fn exports(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("catalog");
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let huge = "(version: 1, frames: [(id: 0, pos: (0.0, 0.0), size: (9900.0, 9900.0))])";
    let huge = store::parse_board(huge, &catalog).expect("board").board;
    group.bench_function("one 9900 x 9900 frame as PNG", |b| {
        b.iter(|| export::to_png(&huge, &catalog, &ExportOptions::default()).expect("png"));
    });
    let label = "feature store ".repeat(71);
    let frames: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                "(id: {i}, label: \"{label}\", pos: ({}.0, {}.0), size: (200.0, 120.0))",
                (i % 100) * 220,
                (i / 100) * 140
            )
        })
        .collect();
    let text = format!("(version: 1, frames: [{}])", frames.join(", "));
    let many = store::parse_board(&text, &catalog).expect("board").board;
    group.bench_function("20,000 frames with 1,000-character labels as SVG", |b| {
        b.iter(|| export::to_svg(&many, &catalog, &ExportOptions::default()).expect("svg"));
    });
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
