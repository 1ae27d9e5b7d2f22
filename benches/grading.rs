//! Grading benchmarks for the SPEC §8 budgets: a 50-block board against its reference, and a
//! 1,000-block board against a 1,000-node reference.

use archdrill::cases::{CaseEdge, CaseNode, CaseStudy, Concepts, Stage};
use archdrill::catalog::Catalog;
use archdrill::grader::{GradeConfig, grade};
use archdrill::model::{Board, Routing};
use criterion::{Criterion, criterion_group, criterion_main};

/// A synthetic reference of `n` nodes: kinds cycle through the catalog, labels are distinct,
/// and the flow is a chain plus a skip arrow every third node.
fn synthetic_case(catalog: &Catalog, n: usize) -> CaseStudy {
    let kinds: Vec<&str> = catalog
        .kinds()
        .iter()
        .map(|k| k.id.as_str())
        .filter(|k| *k != "custom")
        .collect();
    let nodes = (0..n)
        .map(|i| CaseNode {
            id: format!("n{i}"),
            kind: kinds[i % kinds.len()].to_owned(),
            label: format!("{} stage {i}", kinds[i % kinds.len()].replace('_', " ")),
            aliases: vec![format!("component {i}"), format!("step {i}")],
            stage: if i % 2 == 0 {
                Stage::Online
            } else {
                Stage::Offline
            },
            cell: ((i % 40) as u32, (i / 40) as u32),
            optional: false,
            why: String::new(),
            option: None,
        })
        .collect();
    let mut edges: Vec<CaseEdge> = (1..n)
        .map(|i| CaseEdge {
            from: format!("n{}", i - 1),
            to: format!("n{i}"),
            label: String::new(),
            optional: false,
            routing: Routing::Straight,
            option: None,
        })
        .collect();
    edges.extend((3..n).step_by(3).map(|i| CaseEdge {
        from: format!("n{}", i - 3),
        to: format!("n{i}"),
        label: String::new(),
        optional: false,
        routing: Routing::Straight,
        option: None,
    }));
    CaseStudy {
        id: format!("synthetic-{n}"),
        title: format!("Synthetic {n}"),
        prompt: String::new(),
        requirements: Vec::new(),
        nodes,
        edges,
        hints: Vec::new(),
        concepts: Concepts::default(),
        alternatives: Vec::new(),
        chosen: Vec::new(),
        vocabulary: std::sync::OnceLock::new(),
    }
}

/// The reference drawn back in other words: upper-case labels, and with `missing` every
/// tenth block left out.
fn drawing_of(case: &CaseStudy, missing: bool) -> Board {
    let mut board = case.reference_board();
    for block in board.blocks.values_mut() {
        block.label = block.label.to_uppercase();
    }
    let drop: Vec<_> = if missing {
        board.blocks.keys().copied().step_by(10).collect()
    } else {
        Vec::new()
    };
    board.blocks.retain(|id, _| !drop.contains(id));
    board
        .edges
        .retain(|_, e| !drop.contains(&e.from) && !drop.contains(&e.to));
    board
}

fn grading(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("catalog");
    let config = GradeConfig::default();
    for (n, missing) in [(50, true), (50, false), (1_000, true), (1_000, false)] {
        let case = synthetic_case(&catalog, n);
        let board = drawing_of(&case, missing);
        c.bench_function(
            &format!("grade {} blocks vs {n}-node reference", board.blocks.len()),
            |b| {
                b.iter(|| grade(std::hint::black_box(&board), &case, &catalog, &config));
            },
        );
    }
}

criterion_group!(benches, grading);
criterion_main!(benches);
