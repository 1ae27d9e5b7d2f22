//! Grader unit tests on a small hand-made case.

use super::*;
use crate::cases::parse_case;
use crate::model::{Block, BlockId, DEFAULT_BLOCK_SIZE, Edge, EdgeId, Pos, Routing};

const CASE: &str = r#"(
    id: "tiny-search", title: "Tiny search", prompt: "Find similar images.",
    requirements: ["Scale: small", "Latency: fast"],
    nodes: [
        (id: "client", kind: "client", label: "User", aliases: ["app", "mobile client"], stage: Online, cell: (0, 0)),
        (id: "encoder", kind: "embedding_model", label: "Embedding service", aliases: ["image encoder", "CNN"], stage: Online, cell: (1, 0)),
        (id: "ann", kind: "ann_index", label: "Nearest neighbor service", aliases: ["ANN search", "vector search"], stage: Online, cell: (2, 0)),
        (id: "rerank", kind: "reranker", label: "Re-ranking service", aliases: ["business rules", "filters"], stage: Online, cell: (3, 0)),
        (id: "store", kind: "object_storage", label: "Image storage", aliases: ["blob store", "images"], stage: Offline, cell: (0, 1)),
        (id: "indexer", kind: "indexing_pipeline", label: "Indexing service", aliases: ["indexer", "index builder"], stage: Offline, cell: (1, 1)),
        (id: "cache", kind: "cache", label: "Result cache", aliases: ["cache", "memcache"], stage: Online, cell: (4, 0), optional: true),
    ],
    edges: [
        (from: "client", to: "encoder", label: "query image"),
        (from: "encoder", to: "ann", label: "query embedding"),
        (from: "ann", to: "rerank"),
        (from: "store", to: "indexer"),
        (from: "indexer", to: "ann", label: "embeddings"),
        (from: "rerank", to: "cache"),
    ],
    hints: ["a", "b", "c"],
    concepts: (requirements: [(name: "latency")], framing: [(name: "ranking")], data: [(name: "images")],
               features: [(name: "pixels")], model: [(name: "CNN")], evaluation: [(name: "nDCG", synonyms: ["normalized discounted cumulative gain"]), (name: "MRR", synonyms: ["mean reciprocal rank"])], serving: [(name: "ANN")]),
)"#;

fn case() -> CaseStudy {
    parse_case(CASE, &Catalog::builtin().unwrap()).unwrap()
}

fn board(blocks: &[(u32, &str, &str)], edges: &[(u32, u32)]) -> Board {
    let mut b = Board::default();
    for &(id, kind, label) in blocks {
        let block = Block {
            id: BlockId(id),
            kind: kind.into(),
            label: label.into(),
            pos: Pos::new(id as f32 * 200.0, 0.0),
            size: DEFAULT_BLOCK_SIZE,
            note: String::new(),
        };
        b.blocks.insert(block.id, block);
    }
    for (i, &(from, to)) in edges.iter().enumerate() {
        let id = EdgeId(i as u32 + 1);
        b.edges.insert(
            id,
            Edge {
                id,
                from: BlockId(from),
                to: BlockId(to),
                label: String::new(),
                routing: Routing::Straight,
                undirected: false,
            },
        );
    }
    b
}

fn grade_default(b: &Board) -> GradeReport {
    grade(
        b,
        &case(),
        &Catalog::builtin().unwrap(),
        &GradeConfig::default(),
    )
}

/// The case drawn in a user's own words, with custom blocks and product names.
fn synonyms() -> Board {
    board(
        &[
            (1, "client", "Mobile app"),
            (2, "custom", "CNN image encoder"),
            (3, "custom", "FAISS"),
            (4, "filter", "Business rules"),
            (5, "custom", "S3"),
            (6, "custom", "Index builder"),
        ],
        &[(1, 2), (2, 3), (3, 4), (5, 6), (6, 3)],
    )
}

/// The case drawn without its re-ranking step.
fn without_reranker() -> Board {
    board(
        &[
            (1, "client", "User"),
            (2, "embedding_model", "Encoder"),
            (3, "ann_index", "FAISS"),
            (5, "object_storage", "S3"),
            (6, "indexing_pipeline", "Indexer"),
        ],
        &[(1, 2), (2, 3), (5, 6), (6, 3)],
    )
}

#[test]
fn the_reference_itself_scores_100_and_an_empty_board_0() {
    let reference = case().reference_board();
    let report = grade_default(&reference);
    assert_eq!(report.score, 100, "{:#?}", report.feedback);
    assert!(report.missing.is_empty() && report.extra.is_empty() && report.feedback.is_empty());
    assert_eq!(grade_default(&Board::default()).score, 0);
}

#[test]
fn synonyms_and_product_names_match() {
    let report = grade_default(&synonyms());
    let pairs: Vec<(&str, BlockId)> = report
        .matched
        .iter()
        .map(|m| (m.reference.as_str(), m.block))
        .collect();
    assert_eq!(
        pairs,
        [
            ("client", BlockId(1)),
            ("encoder", BlockId(2)),
            ("ann", BlockId(3)),
            ("rerank", BlockId(4)),
            ("store", BlockId(5)),
            ("indexer", BlockId(6))
        ]
    );
    assert_eq!(report.score, 100, "{:#?}", report.feedback);
}

#[test]
fn a_reversed_arrow_earns_a_fifth_and_is_named() {
    let mut b = synonyms();
    // The request into the encoder drawn the other way round (a processing flow: a store's
    // reads and writes may be drawn either way).
    b.edges.insert(
        EdgeId(1),
        Edge {
            id: EdgeId(1),
            from: BlockId(2),
            to: BlockId(1),
            label: String::new(),
            routing: Routing::Straight,
            undirected: false,
        },
    );
    let report = grade_default(&b);
    assert_eq!(report.wrong_direction.len(), 1);
    // Arrows weigh the mean of their ends; the client and the storage are generic (0.5).
    // Required flows weigh 0.75 + 1 + 1 + 0.75 + 1 = 4.5; the reversed one (0.75) keeps 0.2.
    assert!(
        (report.edges.recall - (4.5 - 0.6) / 4.5).abs() < 1e-6,
        "{:?}",
        report.edges
    );
    let line = &report.feedback[0];
    assert_eq!(line.kind, FeedbackKind::WrongDirection);
    assert_eq!(
        line.text,
        "The flow between \"Mobile app\" and \"CNN image encoder\" points the wrong way: data goes from \"Mobile app\" to \"CNN image encoder\" (query image)."
    );
    assert_eq!(line.blocks, vec![BlockId(1), BlockId(2)]);
    let arrow = report.arrows.iter().find(|a| a.from == BlockId(2)).unwrap();
    assert_eq!(arrow.status, ArrowStatus::Reversed);
    assert_eq!(report.score, 83, "the worked example in docs/grading.md");
}

#[test]
fn a_flow_through_infrastructure_earns_full_credit_and_costs_nothing() {
    let mut b = synonyms();
    b.blocks.insert(
        BlockId(7),
        Block {
            id: BlockId(7),
            kind: "load_balancer".into(),
            label: "Load balancer".into(),
            pos: Pos::new(0.0, 300.0),
            size: DEFAULT_BLOCK_SIZE,
            note: String::new(),
        },
    );
    b.edges.remove(&EdgeId(1));
    for (id, from, to) in [(10, 1, 7), (11, 7, 2)] {
        b.edges.insert(
            EdgeId(id),
            Edge {
                id: EdgeId(id),
                from: BlockId(from),
                to: BlockId(to),
                label: String::new(),
                routing: Routing::Straight,
                undirected: false,
            },
        );
    }
    let report = grade_default(&b);
    assert_eq!(report.indirect.len(), 1);
    assert_eq!(
        report.indirect[0].status,
        EdgeStatus::Indirect {
            via: vec![BlockId(7)]
        }
    );
    assert!(
        report.extra_edges.is_empty(),
        "both arrows of the detour count"
    );
    assert!(report.extra.is_empty());
    assert_eq!(report.score, 100);
    let line = report
        .feedback
        .iter()
        .find(|f| f.kind == FeedbackKind::Infrastructure)
        .unwrap();
    assert_eq!(
        line.text,
        "Infrastructure beyond the reference costs nothing: \"Load balancer\"."
    );
}

#[test]
fn missing_blocks_are_placed_by_their_neighbours_and_optional_ones_cost_nothing() {
    let b = without_reranker();
    let report = grade_default(&b);
    assert_eq!(report.missing.len(), 1, "the optional cache is not missing");
    assert_eq!(
        report.feedback[0].text,
        "Missing: Re-ranking service, after \"FAISS\"."
    );
    assert_eq!(report.feedback[0].references, vec!["rerank".to_owned()]);
    // Weights: client 0.5, encoder 1, ANN 1, re-ranker 1, storage 0.5, indexer 1.
    assert!(
        (report.nodes.recall - 4.0 / 5.0).abs() < 1e-6,
        "{:?}",
        report.nodes
    );
}

#[test]
fn a_flow_that_skips_an_undrawn_block_earns_most_of_its_credit_and_the_block_is_charged_once() {
    // User -> FAISS directly: the encoder is not drawn.
    let b = board(
        &[
            (1, "client", "User"),
            (3, "ann_index", "FAISS"),
            (4, "reranker", "Re-ranker"),
            (5, "object_storage", "S3"),
            (6, "indexing_pipeline", "Indexer"),
        ],
        &[(1, 3), (3, 4), (5, 6), (6, 3)],
    );
    let report = grade_default(&b);
    assert_eq!(report.missing.len(), 1);
    let skipped: Vec<&EdgeResult> = report
        .edge_results
        .iter()
        .filter(|e| matches!(&e.status, EdgeStatus::Contracted { skipped } if skipped == &["encoder".to_owned()]))
        .collect();
    assert_eq!(skipped.len(), 2, "client -> encoder and encoder -> ANN");
    assert!(
        report.missing_edges.is_empty(),
        "the encoder is charged as a block, not per arrow"
    );
    assert!(
        report.feedback[0].text.starts_with(
            "Missing: Embedding service: your flow from \"User\" to \"FAISS\" skips it."
        )
    );
}

#[test]
fn assignment_prefers_the_block_wired_like_the_reference() {
    // Two identical re-rankers; only block 5 is wired after the ANN index.
    let b = board(
        &[
            (1, "client", "User"),
            (2, "embedding_model", "Encoder"),
            (3, "ann_index", "ANN"),
            (4, "reranker", "Re-ranker"),
            (5, "reranker", "Re-ranker"),
        ],
        &[(1, 2), (2, 3), (3, 5)],
    );
    let report = grade_default(&b);
    assert_eq!(
        report.block_for("rerank"),
        Some(BlockId(5)),
        "{:#?}",
        report.matched
    );
}

#[test]
fn one_block_may_answer_several_nodes_its_words_name() {
    let b = board(
        &[
            (1, "client", "User"),
            (2, "embedding_model", "Encode query, ANN search, re-rank"),
            (5, "object_storage", "S3"),
            (6, "indexing_pipeline", "Indexer"),
        ],
        &[(1, 2), (5, 6), (6, 2)],
    );
    let report = grade_default(&b);
    let answered: Vec<&str> = report
        .matched
        .iter()
        .filter(|m| m.block == BlockId(2))
        .map(|m| m.reference.as_str())
        .collect();
    assert_eq!(answered.len(), 3, "{answered:?}");
    assert!(report.missing.is_empty());
    assert!(report.feedback.iter().any(|f| {
        f.kind == FeedbackKind::Merged
            && f.text
                .starts_with("Your \"Encode query, ANN search, re-rank\" covers")
    }));
}

#[test]
fn ghosts_sit_next_to_their_drawn_neighbours_and_cover_nothing() {
    let b = without_reranker();
    let report = grade_default(&b);
    let ghosts = placement::place(&report, &case(), &b);
    assert_eq!(ghosts.ghosts.len(), 1);
    let ghost = &ghosts.ghosts[0];
    assert_eq!(ghost.reference, "rerank");
    let ann = b.blocks[&BlockId(3)].rect();
    assert!(
        ghost.rect.min.x > ann.max().x,
        "the re-ranker goes to the right of the ANN block: {ghost:?}"
    );
    assert!(
        b.blocks
            .values()
            .all(|blk| !blk.rect().intersects(&ghost.rect))
    );
    assert_eq!(
        ghosts.links.len(),
        1,
        "the missing arrow ANN -> re-ranker is shown"
    );
    assert_eq!(ghosts.links[0].from, ann);
}

#[test]
fn notes_cover_concepts_by_name_or_synonym_and_count_only_when_present() {
    let mut b = synonyms();
    assert!(
        grade_default(&b).concepts.is_empty(),
        "no notes, no concept section"
    );
    assert_eq!(grade_default(&b).score, 100);
    b.notes.evaluation = "Offline: Mean Reciprocal Rank over held-out queries; online CTR.".into();
    b.notes.requirements = "Latency under 200 ms".into();
    let report = grade_default(&b);
    let evaluation = report
        .concepts
        .iter()
        .find(|s| s.step == "Evaluation")
        .unwrap();
    assert_eq!(evaluation.covered, vec!["MRR".to_owned()]);
    assert_eq!(evaluation.missed, vec!["nDCG".to_owned()]);
    assert_eq!(report.concepts[0].covered, vec!["latency".to_owned()]);
    // 3 of 8 concepts ("rank" in the evaluation notes is the framing's "ranking"):
    // 0.85 x 100 + 0.15 x 37.5 = 90.6, below the drawing's own 100, so notes change nothing.
    assert_eq!(report.score, 100);
    // Under a weaker drawing, notes that cover every concept raise the grade.
    let mut weaker = without_reranker();
    let drawing_only = grade_default(&weaker).score;
    weaker.notes.requirements = "latency".into();
    weaker.notes.framing = "ranking".into();
    weaker.notes.data = "images".into();
    weaker.notes.features = "pixels".into();
    weaker.notes.model = "CNN".into();
    weaker.notes.evaluation = "nDCG and MRR".into();
    weaker.notes.serving = "ANN".into();
    let with_notes = grade_default(&weaker).score;
    assert!(with_notes > drawing_only, "{drawing_only} -> {with_notes}");
    assert!(
        report.feedback.iter().any(|f| f.text
            == "\"ranking\" counts, but belongs under Frame as an ML task rather than Evaluation."),
        "{:#?}",
        report.feedback
    );
    assert!(
        report
            .feedback
            .iter()
            .any(|f| f.text == "Evaluation notes do not mention: nDCG.")
    );
}

#[test]
fn an_extra_block_where_a_missing_node_would_stand_is_a_near_miss() {
    // A batch job between the image store and the ANN search, in the indexer's place: no
    // word of the indexer's names, but its position says what it is for.
    let wired = |edges: &[(u32, u32)]| {
        let b = board(
            &[
                (1, "client", "User"),
                (2, "embedding_model", "Embedding service"),
                (3, "ann_index", "ANN search"),
                (4, "reranker", "Re-ranking"),
                (5, "object_storage", "Image storage"),
                (6, "batch_pipeline", "Nightly embedding job"),
            ],
            edges,
        );
        let r = grade_default(&b);
        r.feedback
            .into_iter()
            .filter(|f| f.kind == FeedbackKind::NearMiss)
            .map(|f| f.text)
            .collect::<Vec<String>>()
    };
    assert_eq!(
        wired(&[(1, 2), (2, 3), (3, 4), (5, 6), (6, 3)]),
        ["Extra \"Nightly embedding job\": did you mean Indexing service?"]
    );
    // Not wired where the indexer stands, the same block is only an extra.
    assert!(wired(&[(1, 2), (2, 3), (3, 4), (5, 3), (4, 6)]).is_empty());
}

/// `board` with every arrow a line of unknown direction.
fn undirected(mut b: Board) -> Board {
    for edge in b.edges.values_mut() {
        edge.undirected = true;
    }
    b
}

#[test]
fn a_line_without_arrowheads_counts_as_drawn_whichever_way_it_was_drawn() {
    // The same design drawn with plain lines, each in the order the user happened to draw it:
    // half of them from the flow's end to its start.
    let lines = undirected(board(
        &[
            (1, "client", "Mobile app"),
            (2, "custom", "CNN image encoder"),
            (3, "custom", "FAISS"),
            (4, "filter", "Business rules"),
            (5, "custom", "S3"),
            (6, "custom", "Index builder"),
        ],
        &[(2, 1), (2, 3), (4, 3), (5, 6), (3, 6)],
    ));
    let report = grade_default(&lines);
    assert!(
        report.wrong_direction.is_empty(),
        "{:?}",
        report.wrong_direction
    );
    assert!(report.arrows.iter().all(|a| a.undirected));
    assert!(
        report
            .arrows
            .iter()
            .all(|a| a.status != ArrowStatus::Reversed),
        "{:?}",
        report.arrows
    );
    assert_eq!(report.score, grade_default(&synonyms()).score);
}

#[test]
fn a_line_without_arrowheads_is_never_reversed_but_an_arrow_the_wrong_way_is() {
    let mut b = synonyms();
    let backwards = |undirected| Edge {
        id: EdgeId(1),
        from: BlockId(2),
        to: BlockId(1),
        label: String::new(),
        routing: Routing::Straight,
        undirected,
    };
    b.edges.insert(EdgeId(1), backwards(true));
    let line = grade_default(&b);
    b.edges.insert(EdgeId(1), backwards(false));
    let arrow = grade_default(&b);
    assert!(line.wrong_direction.is_empty());
    assert_eq!(arrow.wrong_direction.len(), 1);
    assert!(
        line.score > arrow.score,
        "{} vs {}",
        line.score,
        arrow.score
    );
    assert_eq!(line.score, 100);
}

#[test]
fn lines_without_arrowheads_carry_flows_through_infrastructure() {
    // User — load balancer — encoder, both lines drawn towards the user.
    let mut b = synonyms();
    b.blocks.insert(
        BlockId(7),
        Block {
            id: BlockId(7),
            kind: "load_balancer".into(),
            label: "Load balancer".into(),
            pos: Pos::new(0.0, 300.0),
            size: DEFAULT_BLOCK_SIZE,
            note: String::new(),
        },
    );
    b.edges.remove(&EdgeId(1));
    for (id, from, to) in [(10, 7, 1), (11, 2, 7)] {
        b.edges.insert(
            EdgeId(id),
            Edge {
                id: EdgeId(id),
                from: BlockId(from),
                to: BlockId(to),
                label: String::new(),
                routing: Routing::Straight,
                undirected: true,
            },
        );
    }
    let report = grade_default(&b);
    assert!(report.wrong_direction.is_empty());
    assert_eq!(report.score, 100, "{:#?}", report.feedback);
}
