//! Names made comparable: folding case, punctuation and white space, and the canonical words
//! of a name (filler words dropped, short forms spelled out, endings stripped).

use std::collections::BTreeSet;

/// Lower-cases `text`, turns punctuation and underscores into spaces and folds white space:
/// "Re-ranking_Service!" -> "re ranking service".
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Words that say nothing about what a component is ("ranking service" = "ranking").
const STOP_WORDS: &[&str] = &[
    "a",
    "all",
    "an",
    "and",
    "by",
    "component",
    "for",
    "from",
    "in",
    "layer",
    "module",
    "of",
    "on",
    "per",
    "service",
    "services",
    "svc",
    "system",
    "systems",
    "the",
    "to",
    "with",
];

/// Short forms and near-synonyms people write, and the word they are compared as.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ann", "approximate nearest neighbor"),
    ("knn", "nearest neighbor"),
    ("nn", "nearest neighbor"),
    ("db", "database"),
    ("emb", "embedding"),
    ("embed", "embedding"),
    ("fof", "friend of friend"),
    ("lb", "load balancer"),
    ("live", "real time"),
    ("realtime", "real time"),
    ("misinfo", "misinformation"),
    ("rec", "recommendation"),
    ("recs", "recommendation"),
    ("cg", "candidate generation"),
    ("idx", "index"),
    ("feat", "feature"),
    ("feats", "feature"),
    ("recsys", "recommendation"),
    ("gnn", "graph neural network"),
    ("es", "elasticsearch"),
    ("kv", "key value"),
    ("ltr", "learning to rank"),
    ("mt", "multi task"),
    ("mtl", "multi task learning"),
    // Words people use for the same thing.
    ("vector", "embedding"),
    ("vectors", "embedding"),
    ("vec", "embedding"),
    ("get", "fetch"),
    ("suggestion", "recommendation"),
    ("suggestions", "recommendation"),
    ("lookup", "fetch"),
];

/// The long form of a short form people write, also in the plural: "db" and "dbs" ->
/// "database", "vec" -> "embedding". `None` for any other word.
pub fn spelled_out(word: &str) -> Option<&'static str> {
    let find = |w: &str| {
        ABBREVIATIONS
            .iter()
            .find(|(short, _)| *short == w)
            .map(|(_, long)| *long)
    };
    find(word).or_else(|| word.strip_suffix('s').and_then(find))
}

/// Text prepared for comparison: canonical words, joined and as a set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    pub joined: String,
    pub words: BTreeSet<String>,
}

/// Lower-cases, drops punctuation and filler words, spells out short forms, joins "re" to
/// the next word, and strips plural and verb endings: "Re-ranking services" -> "rerank".
pub fn canonical(text: &str) -> Terms {
    let normalized = normalize(text);
    let mut expanded: Vec<&str> = Vec::new();
    for word in normalized
        .split(' ')
        .flat_map(glued)
        .filter(|w| !w.is_empty())
    {
        match ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
            Some((_, long)) => expanded.extend(long.split(' ')),
            None => expanded.push(word),
        }
    }
    let mut words: Vec<String> = Vec::new();
    let mut pending_prefix: Option<&str> = None;
    for word in expanded {
        if word == "re" || word == "pre" {
            pending_prefix = Some(word);
            continue;
        }
        if STOP_WORDS.contains(&word) {
            continue;
        }
        let joined = match pending_prefix.take() {
            Some(prefix) => format!("{prefix}{word}"),
            None => word.to_owned(),
        };
        words.push(stem(&joined));
    }
    let joined = words.join(" ");
    Terms {
        joined,
        words: words.into_iter().collect(),
    }
}

/// The words of a name glued with a digit ("listing2vec", "node2vec"): "listing", "2",
/// "vec". Short tokens ("s3", "t5") and numbers ("100k") stay whole.
fn glued(word: &str) -> Vec<&str> {
    let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = word.bytes().filter(u8::is_ascii_digit).count();
    if word.len() < 6 || letters < 4 || digits == 0 || !word.is_ascii() {
        return vec![word];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = word.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_digit() != bytes[i - 1].is_ascii_digit() {
            out.push(&word[start..i]);
            start = i;
        }
    }
    out.push(&word[start..]);
    out
}

/// Strips common English endings so "ranking", "ranker" and "ranks" agree, and "cache",
/// "caches" and "cached" too.
fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    if w.chars().count() != w.len() {
        return w;
    }
    for _ in 0..2 {
        let before = w.len();
        for (suffix, replacement) in [
            ("ies", "y"),
            ("ings", ""),
            ("ing", ""),
            ("ers", ""),
            ("er", ""),
            ("ed", ""),
            ("es", ""),
            ("s", ""),
        ] {
            // Two-letter endings leave at least four letters: "embed" stays, "ranker" goes.
            let keep = if suffix.len() == 2 { 4 } else { 3 };
            if w.len() >= suffix.len() + keep
                && w.ends_with(suffix)
                && !(suffix == "s" && w.ends_with("ss"))
            {
                w.truncate(w.len() - suffix.len());
                w.push_str(replacement);
                break;
            }
        }
        if w.len() == before {
            break;
        }
    }
    // "embedd" -> "embed", "blurr" -> "blur"; a final "e" goes too ("cache" -> "cach").
    let bytes = w.as_bytes();
    if bytes.len() >= 4
        && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
        && !b"lsz".contains(&bytes[bytes.len() - 1])
    {
        w.pop();
    }
    if w.len() >= 5 && w.ends_with('e') {
        w.pop();
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_punctuation_and_space() {
        assert_eq!(normalize("  Re-ranking_Service! "), "re ranking service");
        assert_eq!(normalize("TF  Serving"), "tf serving");
    }

    #[test]
    fn short_forms_are_spelled_out_in_the_singular_and_the_plural() {
        assert_eq!(spelled_out("db"), Some("database"));
        assert_eq!(spelled_out("dbs"), Some("database"));
        assert_eq!(spelled_out("database"), None);
        assert_eq!(spelled_out("s"), None);
    }

    #[test]
    fn canonical_forms_ignore_case_punctuation_plurals_and_filler_words() {
        assert_eq!(canonical("Re-ranking Service").joined, "rerank");
        assert_eq!(canonical("reranker").joined, "rerank");
        assert_eq!(canonical("Feature Stores"), canonical("feature store"));
        assert_eq!(canonical("cached results"), canonical("cache result"));
        assert_eq!(canonical("Embeddings"), canonical("embed"));
        assert_eq!(
            canonical("blur svc").joined,
            canonical("Blurring service").joined
        );
        assert_eq!(
            canonical("Indexing pipeline").joined,
            canonical("indexer pipelines").joined
        );
        assert_eq!(canonical("the User").joined, "user");
        assert_eq!(
            canonical("ANN").joined,
            canonical("approximate nearest neighbors").joined
        );
    }
}
