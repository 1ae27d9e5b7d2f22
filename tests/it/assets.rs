//! The shipped assets: all ten SPEC cases are built in, and the catalog knows product names.

use archdrill::cases;
use archdrill::catalog::Catalog;

use crate::project_dir;

const SPEC_CASES: [(&str, &str); 10] = [
    ("visual-search", "Visual Search System"),
    ("street-view-blurring", "Google Street View Blurring System"),
    ("video-search", "YouTube Video Search"),
    ("harmful-content-detection", "Harmful Content Detection"),
    ("video-recommendation", "Video Recommendation System"),
    ("event-recommendation", "Event Recommendation System"),
    (
        "ad-click-prediction",
        "Ad Click Prediction on Social Platforms",
    ),
    (
        "similar-listings",
        "Similar Listings on Vacation Rental Platforms",
    ),
    ("news-feed", "Personalized News Feed"),
    ("people-you-may-know", "People You May Know"),
];

#[test]
fn all_ten_spec_references_are_built_in_in_spec_order() {
    let catalog = Catalog::builtin().unwrap();
    let library = cases::CaseLibrary::load(&catalog, Vec::new());
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let listed: Vec<(&str, &str)> = library
        .cases
        .iter()
        .map(|(c, _)| (c.id.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(listed, SPEC_CASES);
    let on_disk = archdrill::store::list_boards(&project_dir().join("assets/cases"));
    assert_eq!(
        on_disk.len(),
        cases::BUILTIN.len(),
        "every file in assets/cases is compiled in"
    );
}

#[test]
fn catalog_aliases_map_common_product_names_to_the_right_kind() {
    let catalog = Catalog::builtin().unwrap();
    for (name, kind) in [
        ("FAISS", "ann_index"),
        ("ScaNN", "ann_index"),
        ("Milvus", "ann_index"),
        ("Pinecone", "ann_index"),
        ("Redis", "cache"),
        ("Kafka", "event_stream"),
        ("Spark", "batch_pipeline"),
        ("Flink", "stream_processor"),
        ("S3", "object_storage"),
        ("Elasticsearch", "text_search"),
        ("Triton", "model_server"),
        ("TF Serving", "model_server"),
        ("Feast", "feature_store"),
        ("BigQuery", "data_lake"),
        ("Airflow", "batch_pipeline"),
        ("MLflow", "model_registry"),
        ("Kinesis", "event_stream"),
        ("TorchServe", "model_server"),
        ("Cassandra", "database"),
        ("Neo4j", "graph_store"),
        ("Prometheus", "monitoring"),
    ] {
        let found = catalog.lookup(name).map(|k| k.id.as_str());
        assert_eq!(found, Some(kind), "`{name}` should be a `{kind}` block");
    }
}
