//! Working out every arrow's route around the blocks, as the canvas does once per board
//! change and an export once per picture: the synthetic boards with their straight arrows,
//! and the same boards with every arrow an elbow (each searched around the blocks).

#[path = "support/board.rs"]
mod board;

use archdrill::catalog::Catalog;
use archdrill::model::Routing;
use archdrill::model::routes::Routes;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn routes(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("catalog");
    let mut group = c.benchmark_group("routes");
    group.sample_size(10);
    for n in [100, 1_000, 10_000] {
        let straight = board::board(&catalog, n);
        let mut elbow = straight.clone();
        for edge in elbow.edges.values_mut() {
            edge.routing = Routing::Elbow;
        }
        let arrows = straight.edges.len();
        for (name, board) in [("straight", &straight), ("elbow", &elbow)] {
            let id = BenchmarkId::new(format!("{name}, {arrows} arrows"), n);
            group.bench_function(id, |b| b.iter(|| Routes::of(board).len()));
        }
    }
    group.finish();
}

criterion_group!(benches, routes);
criterion_main!(benches);
