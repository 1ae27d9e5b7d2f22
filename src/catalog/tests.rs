//! Tests of the catalog: loading, lookup, and the matcher behind search, quick add and
//! kind inference.

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
fn a_kind_may_carry_a_stage_hint_and_an_unknown_stage_is_refused() {
    let hinted = SMALL.replace(
        "aliases: [\"ranking service\"])",
        "aliases: [\"ranking service\"], stage: Offline)",
    );
    let catalog = Catalog::from_ron(&hinted).unwrap();
    assert_eq!(catalog.kind("ranker").unwrap().stage, Some(Stage::Offline));
    assert_eq!(catalog.kind("ann_index").unwrap().stage, None);
    let unknown = hinted.replace("stage: Offline", "stage: Nearline");
    let err = Catalog::from_ron(&unknown).unwrap_err();
    assert!(
        matches!(&err, CatalogError::Syntax { .. }) && err.to_string().contains("Nearline"),
        "{err}"
    );
    let builtin = Catalog::builtin().unwrap();
    for offline in [
        "training_pipeline",
        "batch_pipeline",
        "indexing_pipeline",
        "data_lake",
    ] {
        assert_eq!(builtin.kind(offline).unwrap().stage, Some(Stage::Offline));
    }
    assert_eq!(builtin.kind("ranker").unwrap().stage, None);
}

#[test]
fn a_stage_is_named_by_a_word_of_its_own_in_any_case() {
    assert_eq!(
        Stage::named_in("Online: prediction pipeline"),
        Some(Stage::Online)
    );
    assert_eq!(Stage::named_in("OFFLINE"), Some(Stage::Offline));
    assert_eq!(Stage::named_in("offline-training"), Some(Stage::Offline));
    assert_eq!(Stage::named_in("Onlineish"), None);
    assert_eq!(Stage::named_in("Online and offline"), None);
    assert_eq!(Stage::named_in("Serving"), None);
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

/// The suggestions for `query` as (kind, label).
fn suggested(catalog: &Catalog, query: &str) -> Vec<(String, String)> {
    catalog
        .suggest(query)
        .into_iter()
        .map(|s| (s.kind, s.label))
        .collect()
}

/// The first suggestion for `query` as (kind, label).
fn first(catalog: &Catalog, query: &str) -> (String, String) {
    suggested(catalog, query).swap_remove(0)
}

fn pair(kind: &str, label: &str) -> (String, String) {
    (kind.to_owned(), label.to_owned())
}

fn ids<'a>(kinds: &[&'a Kind]) -> Vec<&'a str> {
    kinds.iter().map(|k| k.id.as_str()).collect()
}

#[test]
fn a_word_of_the_query_is_enough_and_the_last_word_says_what_it_is() {
    let catalog = Catalog::builtin().unwrap();
    let choices = suggested(&catalog, "video db");
    let kinds: Vec<&str> = choices
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|&k| k != CUSTOM_KIND)
        .collect();
    assert_eq!(kinds.first(), Some(&"database"), "{choices:?}");
    assert_eq!(choices[0], pair("database", "video db"));
    for query in ["db", "dbs", "database", "Databases", "databse"] {
        assert_eq!(ids(&catalog.search(query))[0], "database", "{query}");
    }
}

#[test]
fn the_typed_words_stay_the_label_unless_they_are_a_name() {
    let catalog = Catalog::builtin().unwrap();
    // "watch history" and "interaction logs" explain both words; "logs" alone is Logging.
    assert_eq!(
        first(&catalog, "watch logs"),
        pair("user_interactions", "watch logs")
    );
    assert_eq!(
        catalog.suggest("watch logs")[0].shown,
        "watch logs — User interactions"
    );
    assert_eq!(first(&catalog, "faiss"), pair("ann_index", "FAISS"));
    assert_eq!(first(&catalog, "KAFKA"), pair("event_stream", "Kafka"));
    assert_eq!(first(&catalog, " re-rank "), pair("reranker", "re-rank"));
    assert_eq!(
        first(&catalog, "two tower"),
        pair("embedding_model", "two-tower")
    );
    assert_eq!(
        first(&catalog, "feature store"),
        pair("feature_store", "Feature store")
    );
    assert_eq!(catalog.suggest("feature store")[0].shown, "Feature store");
}

#[test]
fn the_custom_block_is_last_when_the_matcher_is_sure_and_first_when_not() {
    let catalog = Catalog::builtin().unwrap();
    let custom = pair(CUSTOM_KIND, "xyzzy");
    assert_eq!(suggested(&catalog, "xyzzy"), [custom]);
    assert!(catalog.suggest("").is_empty());
    let sure = suggested(&catalog, "kafka");
    assert_eq!(sure.last(), Some(&pair(CUSTOM_KIND, "kafka")));
    // "image" only qualifies "image encoder" and "image store": nothing to be sure of.
    let unsure = suggested(&catalog, "query image");
    assert_eq!(unsure[0], pair(CUSTOM_KIND, "query image"));
    assert!(unsure[1..].iter().all(|(k, _)| k != CUSTOM_KIND));
    assert!(unsure.len() > 1, "weaker matches are still offered");
}

#[test]
fn search_and_suggest_rank_alike() {
    let catalog = Catalog::builtin().unwrap();
    for query in [
        "video db",
        "watch logs",
        "vec",
        "rank",
        "model server",
        "user events",
    ] {
        let searched: Vec<&str> = ids(&catalog.search(query))
            .into_iter()
            .filter(|&k| k != CUSTOM_KIND)
            .take(8)
            .collect();
        let choices = suggested(&catalog, query);
        let offered: Vec<&str> = choices
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|&k| k != CUSTOM_KIND)
            .collect();
        assert_eq!(searched, offered, "{query}");
        let sure = catalog.first_suggestion(query).unwrap();
        assert_eq!(sure, catalog.suggest(query)[0], "{query}");
    }
    assert_eq!(catalog.first_suggestion("  "), None);
}

#[test]
fn word_prefixes_count_and_small_typos_count_less() {
    let catalog = Catalog::builtin().unwrap();
    assert!(ids(&catalog.search("vec")).contains(&"ann_index"));
    assert_eq!(ids(&catalog.search("kaf"))[0], "event_stream");
    assert_eq!(ids(&catalog.search("rank"))[0], "ranker");
    let small = Catalog::from_ron(SMALL).unwrap();
    assert_eq!(ids(&small.search("rankng")), ["ranker"]);
    assert!(small.search("rnk").is_empty(), "no typos in short words");
    assert_eq!(ids(&small.search("vector")), ["ann_index"]);
    // An exact word beats a typo of it: "ranking" is Ranker's, "rancing" one letter off.
    let typo = SMALL.replace("\"FAISS\"", "\"rancing\"");
    let typo = Catalog::from_ron(&typo).unwrap();
    assert_eq!(ids(&typo.search("fast ranking")), ["ranker", "ann_index"]);
}

#[test]
fn ties_keep_catalog_order() {
    let catalog = |first: &str, second: &str| {
        let kind = |id: &str| {
            format!(
                r#"(id: "{id}", name: "{id} store", category: "c", color: (1, 2, 3), description: "d"),"#
            )
        };
        let text = format!(
            r#"(categories: [(id: "c", name: "C")], kinds: [{}{}
            (id: "custom", name: "Custom", category: "c", color: (1, 2, 3), description: "d")])"#,
            kind(first),
            kind(second)
        );
        Catalog::from_ron(&text).unwrap()
    };
    assert_eq!(ids(&catalog("x", "y").search("store")), ["x", "y"]);
    assert_eq!(ids(&catalog("y", "x").search("store")), ["y", "x"]);
}

#[test]
fn infer_kind_is_sure_only_when_the_head_word_names_the_kind() {
    let catalog = Catalog::builtin().unwrap();
    let inferred = |label: &str| catalog.infer_kind(label).map(|k| k.id.as_str());
    assert_eq!(inferred("FAISS"), Some("ann_index"));
    assert_eq!(inferred("Kafka"), Some("event_stream"));
    assert_eq!(inferred("re-rank"), Some("reranker"));
    assert_eq!(inferred("video db"), Some("database"));
    assert_eq!(inferred("Image encoder"), Some("embedding_model"));
    assert_eq!(inferred("query image"), None);
    assert_eq!(inferred("kaf"), None, "a prefix is not enough");
    assert_eq!(inferred("xyzzy"), None);
    assert_eq!(inferred("custom"), None, "never the custom kind");
    assert_eq!(inferred(""), None);
}

#[test]
fn the_start_of_a_name_is_completed_but_a_whole_word_is_kept() {
    let catalog = Catalog::builtin().unwrap();
    assert_eq!(
        first(&catalog, "cand"),
        pair("candidate_generation", "Candidate generation")
    );
    assert_eq!(first(&catalog, "kaf"), pair("event_stream", "Kafka"));
    assert_eq!(
        first(&catalog, "feature st"),
        pair("feature_store", "Feature store")
    );
    assert_eq!(first(&catalog, "rera"), pair("reranker", "Re-ranker"));
    assert_eq!(
        first(&catalog, "feat"),
        pair("feature_store", "Feature store")
    );
    // A whole word is the user's, even when a longer name starts with it, and so is a word
    // that is the name's word in another form.
    assert_eq!(first(&catalog, "re-rank"), pair("reranker", "re-rank"));
    assert_eq!(first(&catalog, "rank"), pair("ranker", "rank"));
    let (_, label) = first(&catalog, "model");
    assert_eq!(label, "model");
    let (_, label) = first(&catalog, "watch");
    assert_eq!(label, "watch");
    // Enter in quick add and a name in a typed chain give the same block.
    for text in ["cand", "kaf", "rera", "video db", "query image"] {
        assert_eq!(
            catalog.first_suggestion(text),
            catalog.suggest(text).into_iter().next(),
            "{text}"
        );
    }
}
