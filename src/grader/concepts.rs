//! Framework notes against the case's key concepts: which each step covers and which it misses.

use serde::Serialize;

use crate::cases::{CaseStudy, Concept};
use crate::model::FrameworkNotes;
use crate::text::canonical;

/// The key concepts of one framework step, split by whether the step's notes mention them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepCoverage {
    pub step: String,
    pub covered: Vec<String>,
    pub missed: Vec<String>,
    /// Concepts of this step written under another one: (concept, the step it is under).
    /// They count as covered.
    pub elsewhere: Vec<(String, String)>,
}

/// True when `text` (already canonical, padded with spaces) contains the concept's name or a
/// synonym as whole words.
fn mentions(text: &str, concept: &Concept) -> bool {
    std::iter::once(&concept.name)
        .chain(&concept.synonyms)
        .any(|term| {
            let term = canonical(term).joined;
            !term.is_empty() && text.contains(&format!(" {term} "))
        })
}

/// Which of `points` a free text mentions, in order: the same test as framework notes, on
/// the text's canonical words.
pub fn covered_points(text: &str, points: &[Concept]) -> Vec<bool> {
    let text = format!(" {} ", canonical(text).joined);
    points.iter().map(|p| mentions(&text, p)).collect()
}

/// Coverage of every step, in interview order; empty when the board has no notes at all.
pub fn coverage(notes: &FrameworkNotes, case: &CaseStudy) -> Vec<StepCoverage> {
    if notes.is_empty() {
        return Vec::new();
    }
    let texts: Vec<(&str, String)> = notes
        .steps()
        .iter()
        .map(|(step, text)| (*step, format!(" {} ", canonical(text).joined)))
        .collect();
    texts
        .iter()
        .zip(case.concepts.steps())
        .map(|((step, text), (_, concepts))| {
            let (covered, missed): (Vec<&Concept>, Vec<&Concept>) =
                concepts.iter().partition(|c| mentions(text, c));
            let mut elsewhere = Vec::new();
            let mut still_missed = Vec::new();
            for concept in missed {
                match texts
                    .iter()
                    .find(|(other, t)| other != step && mentions(t, concept))
                {
                    Some((other, _)) => elsewhere.push((concept.name.clone(), (*other).to_owned())),
                    None => still_missed.push(concept.name.clone()),
                }
            }
            StepCoverage {
                step: (*step).to_owned(),
                covered: covered.into_iter().map(|c| c.name.clone()).collect(),
                missed: still_missed,
                elsewhere,
            }
        })
        .collect()
}

/// The share of all key concepts the notes cover, 0..=1.
pub fn recall(steps: &[StepCoverage]) -> f32 {
    let covered: usize = steps
        .iter()
        .map(|s| s.covered.len() + s.elsewhere.len())
        .sum();
    let total: usize = steps
        .iter()
        .map(|s| s.covered.len() + s.elsewhere.len() + s.missed.len())
        .sum();
    if total == 0 {
        0.0
    } else {
        covered as f32 / total as f32
    }
}
