//! What the grader knows about kinds of component: which carry flows through unchanged,
//! which are stores, which are infrastructure a good answer may add for free, and which
//! every ML system has.

/// Infrastructure a flow may pass through without changing what it carries.
pub const PASS_THROUGH: &[&str] = &[
    "load_balancer",
    "api_service",
    "event_stream",
    "cache",
    "cdn",
    "model_registry",
    "model_server",
    "feature_store",
    "logging",
    "database",
    "object_storage",
    "data_lake",
    "evaluation",
    "human_review",
];

/// Stores: people draw their reads and writes either way round (as requests or as data).
pub const STORES: &[&str] = &[
    "database",
    "ann_index",
    "feature_store",
    "cache",
    "object_storage",
    "data_lake",
    "prediction_store",
    "graph_store",
];

/// Infrastructure and operations: added where the reference has none, they cost nothing.
pub const NEUTRAL: &[&str] = &[
    "client",
    "api_service",
    "load_balancer",
    "cache",
    "cdn",
    "notification_service",
    "monitoring",
    "ab_testing",
    "logging",
    "human_review",
    "enforcement",
    "database",
    "object_storage",
    "data_lake",
    "event_stream",
    "model_registry",
    "model_server",
    "evaluation",
    "feature_store",
];

/// Kinds found in nearly every ML system design: they count for less in recall, so that a
/// drawing of another system cannot score by them alone.
pub const GENERIC: &[&str] = &[
    "client",
    "api_service",
    "load_balancer",
    "cache",
    "database",
    "data_source",
    "data_lake",
    "object_storage",
    "user_interactions",
    "event_stream",
    "batch_pipeline",
    "training_pipeline",
    "model_registry",
    "model_server",
    "evaluation",
    "logging",
    "monitoring",
];

pub fn is_pass_through(kind: &str) -> bool {
    PASS_THROUGH.contains(&kind)
}

pub fn is_store(kind: &str) -> bool {
    STORES.contains(&kind)
}

pub fn is_neutral(kind: &str) -> bool {
    NEUTRAL.contains(&kind)
}

pub fn is_generic(kind: &str) -> bool {
    GENERIC.contains(&kind)
}
