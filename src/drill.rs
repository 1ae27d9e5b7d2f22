//! The trade-off drill's questions: what an interviewer asks about a design after the
//! drawing, each with a model answer in the book's reasoning, the key points a good answer
//! makes and the reference nodes it is about. Built in (`assets/questions/`), and the user's
//! own question files merged in; checked against the cases and the catalog when loaded.

mod schedule;

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Deserialize;
use thiserror::Error;

pub use schedule::{
    Card, CardReview, CardState, Recall, after, card_counts, cards, follow_ups, session,
};

use crate::cases::{CaseLibrary, Concept};
use crate::catalog::Catalog;

/// One follow-up question, a flash card of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Unique across all questions: `<case id or "trade-offs">/<slug>`.
    pub id: String,
    /// The case it asks about; `None` for a question across cases.
    pub case: Option<String>,
    pub question: String,
    /// Where the book reasons about it ("Ch. 2 Visual Search System").
    pub chapter: String,
    /// The model answer.
    pub answer: String,
    /// The key points a good answer makes, each with the other ways to say it.
    pub points: Vec<Concept>,
    /// The reference nodes of its case it is about.
    pub nodes: Vec<String>,
    /// The catalog kinds it is about (ties a question across cases to drawn blocks).
    pub kinds: Vec<String>,
}

/// A question file as written: its case and its questions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    case: Option<String>,
    questions: Vec<QuestionDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionDef {
    id: String,
    question: String,
    chapter: String,
    answer: String,
    points: Vec<Concept>,
    #[serde(default)]
    nodes: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
}

/// Why a question file was refused, in plain words.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum QuestionError {
    #[error("{0}")]
    Syntax(String),
    #[error("there is no case `{0}`")]
    UnknownCase(String),
    #[error("question `{question}`: the case has no node `{node}`")]
    UnknownNode { question: String, node: String },
    #[error("question `{question}`: the catalog has no kind `{kind}`")]
    UnknownKind { question: String, kind: String },
    #[error("question `{0}` is there twice")]
    DuplicateId(String),
    #[error("question `{question}`: its {field} is empty")]
    Empty {
        question: String,
        field: &'static str,
    },
    #[error("question `{question}`: the key point \"{point}\" is not in its own answer")]
    PointNotInAnswer { question: String, point: String },
    #[error("question `{0}` has no key points")]
    NoPoints(String),
}

/// A question file that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionProblem {
    pub source: String,
    pub error: String,
}

impl std::fmt::Display for QuestionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.error)
    }
}

/// The built-in question files, by name.
pub const BUILTIN: [(&str, &str); 11] = [
    (
        "visual-search",
        include_str!("../assets/questions/visual-search.ron"),
    ),
    (
        "street-view-blurring",
        include_str!("../assets/questions/street-view-blurring.ron"),
    ),
    (
        "video-search",
        include_str!("../assets/questions/video-search.ron"),
    ),
    (
        "harmful-content-detection",
        include_str!("../assets/questions/harmful-content-detection.ron"),
    ),
    (
        "video-recommendation",
        include_str!("../assets/questions/video-recommendation.ron"),
    ),
    (
        "event-recommendation",
        include_str!("../assets/questions/event-recommendation.ron"),
    ),
    (
        "ad-click-prediction",
        include_str!("../assets/questions/ad-click-prediction.ron"),
    ),
    (
        "similar-listings",
        include_str!("../assets/questions/similar-listings.ron"),
    ),
    (
        "news-feed",
        include_str!("../assets/questions/news-feed.ron"),
    ),
    (
        "people-you-may-know",
        include_str!("../assets/questions/people-you-may-know.ron"),
    ),
    (
        "trade-offs",
        include_str!("../assets/questions/trade-offs.ron"),
    ),
];

/// Every question: the built-in ones and the user's, and the files that failed.
#[derive(Clone, Debug, Default)]
pub struct QuestionBank {
    pub questions: Vec<Question>,
    pub problems: Vec<QuestionProblem>,
}

impl QuestionBank {
    /// The built-in questions plus the user's question files (path and text), each checked
    /// against `cases` and `catalog`. A file that fails is kept as a problem and takes no
    /// question in; one question that fails refuses its whole file, so a file is in or out.
    pub fn load(catalog: &Catalog, cases: &CaseLibrary, user: Vec<(PathBuf, String)>) -> Self {
        let mut bank = QuestionBank::default();
        let builtin = BUILTIN
            .iter()
            .map(|(name, text)| (format!("built-in {name} questions"), (*text).to_owned()));
        let user = user
            .into_iter()
            .map(|(path, text)| (path.display().to_string(), text));
        for (source, text) in builtin.chain(user) {
            let taken: BTreeSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
            match parse_questions(&text, catalog, cases, &taken) {
                Ok(questions) => bank.questions.extend(questions),
                Err(err) => bank.problems.push(QuestionProblem {
                    source,
                    error: err.to_string(),
                }),
            }
        }
        bank
    }

    /// The built-in questions alone (the command line and tests).
    pub fn builtin(catalog: &Catalog, cases: &CaseLibrary) -> Self {
        QuestionBank::load(catalog, cases, Vec::new())
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions about one case, in file order.
    pub fn of_case<'a>(&'a self, case: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions
            .iter()
            .filter(move |q| q.case.as_deref() == Some(case))
    }

    /// The questions about a node of a case's reference.
    pub fn about_node<'a>(
        &'a self,
        case: &'a str,
        node: &'a str,
    ) -> impl Iterator<Item = &'a Question> + 'a {
        self.of_case(case)
            .filter(move |q| q.nodes.iter().any(|n| n == node))
    }
}

/// Most brackets a question file may open, and how deep: a file of a few hundred questions
/// fits well within them.
const SCAN_LIMITS: crate::scan::Limits = crate::scan::Limits {
    max_openings: 16_384,
    max_depth: 16,
    what: "a question file",
};

/// Parses and checks one question file; `taken` are the ids already loaded.
pub fn parse_questions(
    text: &str,
    catalog: &Catalog,
    cases: &CaseLibrary,
    taken: &BTreeSet<&str>,
) -> Result<Vec<Question>, QuestionError> {
    let (text, options) = crate::scan::prepare(text, &SCAN_LIMITS)
        .map_err(|e| QuestionError::Syntax(e.to_string()))?;
    let file: QuestionFile = options.from_str(text).map_err(|e| {
        let (line, column, message) = crate::scan::plain_error(&e, text);
        QuestionError::Syntax(format!("line {line}, column {column}: {message}"))
    })?;
    let case = match &file.case {
        Some(id) => Some(
            cases
                .get(id)
                .ok_or_else(|| QuestionError::UnknownCase(id.clone()))?,
        ),
        None => None,
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(file.questions.len());
    for def in file.questions {
        let id = def.id.trim().to_owned();
        for (field, value) in [
            ("id", &id),
            ("question", &def.question),
            ("chapter", &def.chapter),
            ("answer", &def.answer),
        ] {
            if value.trim().is_empty() {
                return Err(QuestionError::Empty {
                    question: id.clone(),
                    field,
                });
            }
        }
        if taken.contains(id.as_str()) || !seen.insert(id.clone()) {
            return Err(QuestionError::DuplicateId(id));
        }
        if let Some(node) = def
            .nodes
            .iter()
            .find(|n| case.is_none_or(|c| !c.nodes.iter().any(|node| node.id == **n)))
        {
            return Err(QuestionError::UnknownNode {
                question: id,
                node: node.clone(),
            });
        }
        if let Some(kind) = def.kinds.iter().find(|k| !catalog.contains(k)) {
            return Err(QuestionError::UnknownKind {
                question: id,
                kind: kind.clone(),
            });
        }
        if def.points.is_empty() {
            return Err(QuestionError::NoPoints(id));
        }
        let found = crate::grader::concepts::covered_points(&def.answer, &def.points);
        if let Some((point, _)) = def.points.iter().zip(found).find(|(_, hit)| !hit) {
            return Err(QuestionError::PointNotInAnswer {
                question: id,
                point: point.name.clone(),
            });
        }
        out.push(Question {
            id,
            case: file.case.clone(),
            question: def.question.trim().to_owned(),
            chapter: def.chapter.trim().to_owned(),
            answer: def.answer.trim().to_owned(),
            points: def.points,
            nodes: def.nodes,
            kinds: def.kinds,
        });
    }
    Ok(out)
}

/// Which key points of `question` an answer makes (by the same matcher as framework notes:
/// a point's words or a synonym's, as whole words, in canonical form). A hint only, never a
/// grade: pasting the points' words would cover them all.
pub fn coverage(question: &Question, answer: &str) -> Vec<bool> {
    crate::grader::concepts::covered_points(answer, &question.points)
}

#[cfg(test)]
mod tests;
