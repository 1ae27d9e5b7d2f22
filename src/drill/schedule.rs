//! Each question a flash card on its own SM-2 schedule: the user grades their own recall,
//! the schedule comes from replaying those grades, and the drill picks what to ask: after a
//! graded attempt, first about what the drawing missed or got wrong; in a session, the cards
//! due first, then new ones.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Question, QuestionBank};
use crate::grader::GradeReport;
use crate::practice::{DAY_SECS, Review, review_with_quality};

/// How well the user recalled an answer, as flash-card tools ask it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Recall {
    Again,
    Hard,
    Good,
    Easy,
}

impl Recall {
    pub const ALL: [Recall; 4] = [Recall::Again, Recall::Hard, Recall::Good, Recall::Easy];

    /// SM-2's quality of the recall: again is a lapse (the card comes back tomorrow).
    pub fn quality(self) -> u32 {
        match self {
            Recall::Again => 1,
            Recall::Hard => 3,
            Recall::Good => 4,
            Recall::Easy => 5,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Recall::Again => "Again",
            Recall::Hard => "Hard",
            Recall::Good => "Good",
            Recall::Easy => "Easy",
        }
    }

    /// What the grade means, for a tooltip or a prompt.
    pub fn meaning(self) -> &'static str {
        match self {
            Recall::Again => "I did not know it: ask again tomorrow",
            Recall::Hard => "I got there with effort",
            Recall::Good => "I knew it",
            Recall::Easy => "I knew it at once",
        }
    }

    /// 1 to 4: the number keys, and the value the history stores.
    pub fn number(self) -> u8 {
        match self {
            Recall::Again => 1,
            Recall::Hard => 2,
            Recall::Good => 3,
            Recall::Easy => 4,
        }
    }

    pub fn from_number(n: u8) -> Option<Recall> {
        Recall::ALL.into_iter().find(|r| r.number() == n)
    }

    /// A typed answer to "again, hard, good or easy?": the word, its first letter or its
    /// number.
    pub fn parse(text: &str) -> Option<Recall> {
        let typed = text.trim().to_lowercase();
        Recall::ALL.into_iter().find(|r| {
            let word = r.label().to_lowercase();
            typed == word || typed == word[..1] || typed == r.number().to_string()
        })
    }
}

/// One self-grade of one card, as the history keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardReview {
    pub card: String,
    pub at_secs: u64,
    pub recall: Recall,
}

/// Where a card stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CardState {
    /// Never reviewed.
    New,
    /// Seen once, or last recalled with "again": coming back within days.
    Learning,
    /// Recalled, next due within three weeks.
    Young,
    /// Recalled well for three weeks or more.
    Mature,
}

impl CardState {
    pub const ALL: [CardState; 4] = [
        CardState::New,
        CardState::Learning,
        CardState::Young,
        CardState::Mature,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CardState::New => "new",
            CardState::Learning => "learning",
            CardState::Young => "young",
            CardState::Mature => "mature",
        }
    }
}

/// A question with its schedule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Card<'a> {
    pub question: &'a Question,
    pub review: Option<Review>,
    /// How many times it was graded.
    pub reviews: usize,
}

impl Card<'_> {
    pub fn state(&self) -> CardState {
        match self.review {
            None => CardState::New,
            Some(r) if r.repetitions <= 1 => CardState::Learning,
            Some(r) if r.interval_days < 21 => CardState::Young,
            Some(_) => CardState::Mature,
        }
    }

    /// Due on `today` or before (a new card is not due: it is new).
    pub fn is_due(&self, today: i64) -> bool {
        self.review.is_some_and(|r| r.due_day <= today)
    }
}

/// Every question as a card, with the schedule its reviews give (replayed oldest first;
/// reviews of questions no longer in the bank are ignored).
pub fn cards<'a>(bank: &'a QuestionBank, reviews: &[CardReview]) -> Vec<Card<'a>> {
    let mut by_card: BTreeMap<&str, Vec<&CardReview>> = BTreeMap::new();
    for review in reviews {
        by_card
            .entry(review.card.as_str())
            .or_default()
            .push(review);
    }
    bank.questions
        .iter()
        .map(|question| {
            let mut mine = by_card.remove(question.id.as_str()).unwrap_or_default();
            mine.sort_by_key(|r| r.at_secs);
            let review = mine.iter().fold(None, |previous, r| {
                let day = (r.at_secs / DAY_SECS) as i64;
                Some(review_with_quality(previous, r.recall.quality(), day))
            });
            Card {
                question,
                review,
                reviews: mine.len(),
            }
        })
        .collect()
}

/// The schedule a card would have after one more self-grade at `now_secs` (what each grade
/// button says before it is pressed).
pub fn after(reviews: &[CardReview], card: &str, recall: Recall, now_secs: u64) -> Review {
    let mut mine: Vec<&CardReview> = reviews.iter().filter(|r| r.card == card).collect();
    mine.sort_by_key(|r| r.at_secs);
    let previous = mine.iter().fold(None, |previous, r| {
        let day = (r.at_secs / DAY_SECS) as i64;
        Some(review_with_quality(previous, r.recall.quality(), day))
    });
    review_with_quality(previous, recall.quality(), (now_secs / DAY_SECS) as i64)
}

/// How many cards are in each state, and how many are due on `today`.
pub fn card_counts(cards: &[Card<'_>], today: i64) -> (BTreeMap<CardState, usize>, usize) {
    let mut counts: BTreeMap<CardState, usize> = CardState::ALL.iter().map(|s| (*s, 0)).collect();
    for card in cards {
        *counts.entry(card.state()).or_default() += 1;
    }
    let due = cards.iter().filter(|c| c.is_due(today)).count();
    (counts, due)
}

/// A drill session of at most `length` cards (of one case, or of all): the due ones first,
/// most overdue first, then, unless `due_only`, new ones in bank order.
pub fn session<'a>(
    cards: &[Card<'a>],
    case: Option<&str>,
    due_only: bool,
    length: usize,
    today: i64,
) -> Vec<&'a Question> {
    let of_case = |c: &&Card<'a>| case.is_none_or(|id| c.question.case.as_deref() == Some(id));
    let mut due: Vec<&Card<'a>> = cards
        .iter()
        .filter(of_case)
        .filter(|c| c.is_due(today))
        .collect();
    due.sort_by_key(|c| c.review.map_or(i64::MAX, |r| r.due_day));
    let new = cards
        .iter()
        .filter(of_case)
        .filter(|c| !due_only && c.review.is_none());
    due.into_iter()
        .chain(new)
        .take(length)
        .map(|c| c.question)
        .collect()
}

/// The reference nodes a graded drawing got wrong, most important first: each missing node,
/// then the two ends of each flow drawn the wrong way, then of each required flow missing.
fn weak_parts(report: &GradeReport) -> Vec<Vec<&str>> {
    let nodes = report.missing.iter().map(|m| vec![m.reference.as_str()]);
    let flows = report
        .wrong_direction
        .iter()
        .chain(report.missing_edges.iter().filter(|e| !e.optional))
        .map(|e| vec![e.from.as_str(), e.to.as_str()]);
    nodes.chain(flows).collect()
}

/// The follow-up questions after a graded attempt at a case, at most `n`: first one about
/// each part the drawing missed or drew the wrong way (in the report's order), then the
/// case's due cards, then its new ones, then the rest of its cards by due date.
pub fn follow_ups<'a>(
    cards: &[Card<'a>],
    report: &GradeReport,
    n: usize,
    today: i64,
) -> Vec<&'a Question> {
    let case = report.case.as_str();
    let mine: Vec<&Card<'a>> = cards
        .iter()
        .filter(|c| c.question.case.as_deref() == Some(case))
        .collect();
    let mut chosen: Vec<&'a Question> = Vec::new();
    let take = |chosen: &mut Vec<&'a Question>, q: &'a Question| {
        if chosen.len() < n && !chosen.iter().any(|c| c.id == q.id) {
            chosen.push(q);
        }
    };
    // The card about each weak part: one not yet known well before one that is.
    for nodes in weak_parts(report) {
        let mut about: Vec<&&Card<'a>> = mine
            .iter()
            .filter(|c| c.question.nodes.iter().any(|q| nodes.contains(&q.as_str())))
            .filter(|c| !chosen.iter().any(|q| q.id == c.question.id))
            .collect();
        about.sort_by_key(|c| (c.state(), c.review.map_or(i64::MIN, |r| r.due_day)));
        if let Some(card) = about.first() {
            take(&mut chosen, card.question);
        }
    }
    let mut rest: Vec<&&Card<'a>> = mine.iter().collect();
    rest.sort_by_key(|c| {
        let group = if c.is_due(today) {
            0
        } else if c.review.is_none() {
            1
        } else {
            2
        };
        (group, c.review.map_or(i64::MIN, |r| r.due_day))
    });
    for card in rest {
        take(&mut chosen, card.question);
    }
    chosen
}
