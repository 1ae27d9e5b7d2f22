//! The Mermaid reader on small flowcharts: nodes, links, subgraphs, kinds and placement.

use crate::catalog::Catalog;
use crate::import::{Format, ImportError, ImportNote, Options, Thing, import};
use crate::model::Board;

fn read(text: &str) -> Result<(Board, Vec<ImportNote>), ImportError> {
    import(
        text,
        Format::Mermaid,
        &Catalog::builtin().unwrap(),
        Options::default(),
    )
    .map(|i| (i.board, i.notes))
}

fn blocks(board: &Board) -> Vec<(&str, &str)> {
    board
        .blocks
        .values()
        .map(|b| (b.label.as_str(), b.kind.as_str()))
        .collect()
}

fn edges(board: &Board) -> Vec<(u32, u32, &str, bool)> {
    board
        .edges
        .values()
        .map(|e| (e.from.0, e.to.0, e.label.as_str(), e.undirected))
        .collect()
}

const CHART: &str = r#"%%{init: {"flowchart": {"curve": "basis"}}}%%
flowchart TD
    %% The serving path.
    classDef store fill:#eef
    U([User]) -->|query| E[Image encoder]
    E --> I[(FAISS)]:::store
    I -- candidates --> R{{Re-ranker}} --> U
    subgraph offline [Offline]
        direction LR
        S[(Object storage)] -.-> X[Indexing pipeline]
        X ==> I
    end
    I --- M((Monitoring))
    K & L --> M
    I ~~~ K
    style U fill:#f9f
    linkStyle 0 stroke:red
    click U "https://example.com"
"#;

#[test]
fn nodes_links_and_subgraphs_become_blocks_arrows_and_frames() {
    let (board, notes) = read(CHART).unwrap();
    assert_eq!(
        blocks(&board),
        [
            ("User", "client"),
            ("Image encoder", "embedding_model"),
            ("FAISS", "ann_index"),
            ("Re-ranker", "reranker"),
            ("Object storage", "object_storage"),
            ("Indexing pipeline", "indexing_pipeline"),
            ("Monitoring", "monitoring"),
            ("K", "custom"),
            ("L", "custom"),
        ]
    );
    assert_eq!(
        edges(&board),
        [
            (1, 2, "query", false),
            (2, 3, "", false),
            (3, 4, "candidates", false),
            (4, 1, "", false),
            (5, 6, "", false),
            (6, 3, "", false),
            (3, 7, "", true),
            (8, 7, "", false),
            (9, 7, "", false),
        ]
    );
    let frame = board.frames.values().next().unwrap();
    assert_eq!(frame.label, "Offline");
    let inside: Vec<&str> = board
        .blocks
        .values()
        .filter(|b| frame.rect.contains_rect(&b.rect()))
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(inside, ["Object storage", "Indexing pipeline"]);
    assert_eq!(
        notes,
        [ImportNote::Skipped {
            thing: Thing::InvisibleLink,
            count: 1,
            examples: vec!["\"line 15\"".into()],
        }]
    );
    // Left to right by flow: the encoder after the user, FAISS after the encoder.
    let x = |id: u32| board.blocks[&crate::model::BlockId(id)].pos.x;
    assert!(x(1) < x(2) && x(2) < x(3));
}

#[test]
fn a_class_naming_a_catalog_kind_gives_the_kind() {
    let (board, _) =
        read("graph LR\n  a[Two towers]:::candidate_generation --> b[Scores]\n  class b ranker\n")
            .unwrap();
    assert_eq!(
        blocks(&board),
        [("Two towers", "candidate_generation"), ("Scores", "ranker")]
    );
}

#[test]
fn the_first_flowchart_of_a_markdown_file_is_read() {
    let md = "# Design\n\n```mermaid\nsequenceDiagram\nA->>B: hi\n```\n\nText.\n\n```mermaid\ngraph LR; A[Kafka] --> B[Flink]\n```\n";
    let (board, _) = read(md).unwrap();
    assert_eq!(blocks(&board).len(), 2);
    assert_eq!(edges(&board), [(1, 2, "", false)]);
    assert_eq!(
        read("# Notes\n\n```mermaid\npie\n\"a\": 1\n```\n").unwrap_err(),
        ImportError::NotFlowchart("its first mermaid block is a `pie` diagram; only flowcharts (graph, flowchart) are imported".into())
    );
}

#[test]
fn a_statement_that_cannot_be_read_is_listed_and_the_rest_imports() {
    let (board, notes) = read("graph LR\nA --> B\nthis is --> not ((valid\nB --> C\n").unwrap();
    assert_eq!(board.blocks.len(), 3);
    assert!(notes.iter().any(|n| matches!(
        n,
        ImportNote::Skipped {
            thing: Thing::Unreadable,
            count: 1,
            ..
        }
    )));
}
