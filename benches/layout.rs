//! Tidy on the synthetic board (1.5 arrows per block, a frame per hundred blocks) of 20, 40, 50
//! and 1,000 blocks: the layout alone, and as the Document gesture with its one undo step.

#[path = "support/board.rs"]
mod board;

use archdrill::catalog::Catalog;
use archdrill::document::Document;
use archdrill::layout;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn tidy(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("catalog");
    let mut group = c.benchmark_group("tidy");
    group.sample_size(10);
    for n in [20, 40, 50, 1_000] {
        let board = board::board(&catalog, n);
        group.bench_with_input(BenchmarkId::new("layout", n), &board, |b, board| {
            b.iter(|| layout::tidy(std::hint::black_box(board), &catalog, None));
        });
        group.bench_with_input(BenchmarkId::new("gesture", n), &board, |b, board| {
            b.iter_batched(
                || Document::new(board.clone(), None),
                |mut doc| doc.tidy(&catalog, None).expect("tidied"),
                criterion::BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, tidy);
criterion_main!(benches);
