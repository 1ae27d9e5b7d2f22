//! Tests of the catalog: loading, lookup, search and quick-add suggestions.

use super::*;

const SMALL: &str = r#"(
    categories: [(id: "ml", name: "ML"), (id: "other", name: "Other")],
    kinds: [
        (id: "ann_index", name: "ANN index", category: "ml", color: (1, 2, 3),
         description: "d", aliases: ["FAISS", "vector DB"]),
        (id: "ranker", name: "Ranker", category: "ml", color: (1, 2, 3),
         description: "d", aliases: ["ranking service"]),
        (id: "custom", name: "Custom", category: "other", color: (1, 2, 3), description: "d"),
    ],
)"#;

#[test]
fn lookup_finds_kinds_by_alias_name_and_id() {
    let catalog = Catalog::from_ron(SMALL).unwrap();
    assert_eq!(catalog.lookup("faiss").unwrap().id, "ann_index");
    assert_eq!(catalog.lookup("Vector-DB").unwrap().id, "ann_index");
    assert_eq!(catalog.lookup("ranker").unwrap().id, "ranker");
    assert!(catalog.lookup("kafka").is_none());
}

#[test]
fn search_ranks_exact_before_prefix_before_substring() {
    let catalog = Catalog::from_ron(SMALL).unwrap();
    let ids: Vec<_> = catalog
        .search("rank")
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(ids, ["ranker"]);
    let ids: Vec<_> = catalog
        .search("fai")
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(ids, ["ann_index"]);
    assert!(catalog.search("   ").is_empty());
}

#[test]
fn inconsistent_catalogs_are_refused_with_a_reason() {
    let twice = SMALL.replace("\"ranking service\"", "\"faiss\"");
    let err = Catalog::from_ron(&twice).unwrap_err().to_string();
    assert!(err.contains("faiss") && err.contains("ann_index"), "{err}");
    let bad = Catalog::from_ron("(categories: [], kinds: [").unwrap_err();
    assert!(matches!(bad, CatalogError::Syntax { line: 1, .. }), "{bad}");
}

#[test]
fn suggestions_turn_product_names_into_kinds_with_their_own_label() {
    let catalog = Catalog::builtin().unwrap();
    let choices = catalog.suggest("faiss");
    assert_eq!(
        (choices[0].kind.as_str(), choices[0].label.as_str()),
        ("ann_index", "FAISS")
    );
    let last = choices.last().unwrap();
    assert_eq!(
        (last.kind.as_str(), last.label.as_str()),
        (CUSTOM_KIND, "faiss")
    );
    assert!(catalog.suggest("  ").is_empty());
    let ranker = &catalog.suggest("ranker")[0];
    assert_eq!(
        (ranker.kind.as_str(), ranker.label.as_str()),
        ("ranker", "Ranker")
    );
}

#[test]
fn the_builtin_catalog_has_every_spec_kind() {
    let catalog = Catalog::builtin().unwrap();
    for id in [
        "data_source",
        "user_interactions",
        "object_storage",
        "database",
        "data_lake",
        "event_stream",
        "batch_pipeline",
        "stream_processor",
        "labeling",
        "feature_store",
        "feature_computation",
        "graph_store",
        "training_pipeline",
        "model_registry",
        "evaluation",
        "embedding_model",
        "indexing_pipeline",
        "ann_index",
        "candidate_generation",
        "ranker",
        "reranker",
        "filter",
        "classifier",
        "object_detector",
        "model_server",
        "batch_prediction",
        "prediction_store",
        "client",
        "api_service",
        "load_balancer",
        "cache",
        "cdn",
        "text_search",
        "fusion",
        "monitoring",
        "ab_testing",
        "logging",
        "human_review",
        "enforcement",
        "custom",
    ] {
        assert!(catalog.contains(id), "catalog lacks `{id}`");
    }
    assert_eq!(catalog.lookup("FAISS").unwrap().id, "ann_index");
    assert_eq!(catalog.lookup("Kafka").unwrap().id, "event_stream");
}
