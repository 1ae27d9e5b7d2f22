//! Board load and save for the SPEC §8 budget (1,000 blocks: under 20 ms each), at 1,000 and
//! 10,000 blocks: the text alone, and the whole round through a file on disk.

#[path = "support/board.rs"]
mod board;

use archdrill::catalog::Catalog;
use archdrill::store;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn board_io(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("catalog");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("board file");
    for n in [1_000, 10_000] {
        let board = board::board(&catalog, n);
        let text = store::board_to_text(&board).expect("writable");
        let path = dir.path().join(format!("board-{n}.ron"));
        store::save_board(&path, &board).expect("saved");
        group.bench_with_input(BenchmarkId::new("parse", n), &text, |b, text| {
            b.iter(|| store::parse_board(std::hint::black_box(text), &catalog).expect("valid"));
        });
        group.bench_with_input(BenchmarkId::new("load", n), &path, |b, path| {
            b.iter(|| store::load_board(std::hint::black_box(path), &catalog).expect("valid"));
        });
        group.bench_with_input(BenchmarkId::new("to text", n), &board, |b, board| {
            b.iter(|| store::board_to_text(std::hint::black_box(board)).expect("writable"));
        });
        // Includes fsync of the file and its folder, as every real save does.
        group.bench_with_input(BenchmarkId::new("save", n), &board, |b, board| {
            b.iter(|| store::save_board(&path, std::hint::black_box(board)).expect("saved"));
        });
    }
    group.finish();
}

criterion_group!(benches, board_io);
criterion_main!(benches);
