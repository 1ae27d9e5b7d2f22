//! Practice history and the spaced-repetition schedule (SM-2). Time is always an argument.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cases::CaseLibrary;

/// Seconds in a day; days are counted from the Unix epoch, in UTC.
pub const DAY_SECS: u64 = 86_400;

/// One graded attempt at a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub case: String,
    /// When it was graded, in seconds since the Unix epoch.
    pub graded_at: u64,
    pub score: u32,
    /// Time spent drawing, when the attempt was timed.
    #[serde(default)]
    pub time_secs: u32,
    #[serde(default)]
    pub hints_used: u32,
    /// Reference nodes the drawing missed.
    #[serde(default)]
    pub missed: Vec<String>,
    /// The board as graded, relative to the data folder.
    #[serde(default)]
    pub board_file: String,
}

impl Attempt {
    pub fn day(&self) -> i64 {
        (self.graded_at / DAY_SECS) as i64
    }
}

/// The SM-2 state of one case after its attempts so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Review {
    pub repetitions: u32,
    pub interval_days: u32,
    pub ease: f32,
    /// The day the case is next due (days since the epoch).
    pub due_day: i64,
}

/// SM-2's answer quality (0..=5) for a score: 90+ is perfect recall, under 65 a lapse.
pub fn quality(score: u32) -> u32 {
    match score {
        90.. => 5,
        80..=89 => 4,
        65..=79 => 3,
        50..=64 => 2,
        30..=49 => 1,
        _ => 0,
    }
}

/// The schedule after an attempt scored `score` on `day`: a lapse (quality under 3) comes back
/// tomorrow; otherwise the interval goes 1, 6, then grows by the ease factor.
pub fn review(previous: Option<Review>, score: u32, day: i64) -> Review {
    let q = quality(score);
    let mut r = previous.unwrap_or(Review {
        repetitions: 0,
        interval_days: 0,
        ease: 2.5,
        due_day: day,
    });
    if q < 3 {
        r.repetitions = 0;
        r.interval_days = 1;
    } else {
        r.repetitions += 1;
        r.interval_days = match r.repetitions {
            1 => 1,
            2 => 6,
            _ => ((r.interval_days as f32) * r.ease).round() as u32,
        };
    }
    let lack = (5 - q) as f32;
    r.ease = (r.ease + 0.1 - lack * (0.08 + lack * 0.02)).max(1.3);
    r.due_day = day + i64::from(r.interval_days);
    r
}

/// One row of the progress table.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseProgress {
    pub id: String,
    pub title: String,
    pub attempts: usize,
    pub best: Option<u32>,
    pub last: Option<u32>,
    /// `None` for a case never attempted (due now).
    pub review: Option<Review>,
}

impl CaseProgress {
    /// Days until due (negative: overdue); a new case is due today.
    pub fn due_in(&self, today: i64) -> i64 {
        self.review.map_or(0, |r| r.due_day - today)
    }
}

/// Every case with its attempts and schedule, in SPEC order.
pub fn progress(cases: &CaseLibrary, attempts: &[Attempt]) -> Vec<CaseProgress> {
    let mut by_case: BTreeMap<&str, Vec<&Attempt>> = BTreeMap::new();
    for attempt in attempts {
        by_case
            .entry(attempt.case.as_str())
            .or_default()
            .push(attempt);
    }
    cases
        .cases
        .iter()
        .map(|(case, _)| {
            let mut list = by_case.remove(case.id.as_str()).unwrap_or_default();
            list.sort_by_key(|a| a.graded_at);
            let review = list
                .iter()
                .fold(None, |r, a| Some(review(r, a.score, a.day())));
            CaseProgress {
                id: case.id.clone(),
                title: case.title.clone(),
                attempts: list.len(),
                best: list.iter().map(|a| a.score).max(),
                last: list.last().map(|a| a.score),
                review,
            }
        })
        .collect()
}

/// The case to practise next: the most overdue; among equals, the never-tried first, then the
/// lowest last score, then SPEC order.
pub fn next_due(rows: &[CaseProgress], today: i64) -> Option<&CaseProgress> {
    rows.iter()
        .enumerate()
        .min_by_key(|(i, row)| {
            (
                row.due_in(today),
                row.attempts.min(1),
                row.last.unwrap_or(0),
                *i,
            )
        })
        .map(|(_, row)| row)
}

/// "due today", "due in 3 days", "2 days overdue", "new".
pub fn due_text(row: &CaseProgress, today: i64) -> String {
    if row.review.is_none() {
        return "new".to_owned();
    }
    match row.due_in(today) {
        0 => "due today".to_owned(),
        1 => "due tomorrow".to_owned(),
        d if d > 1 => format!("due in {d} days"),
        -1 => "1 day overdue".to_owned(),
        d => format!("{} days overdue", -d),
    }
}

/// Reference nodes missed most often across all attempts: ((case, node id), times missed),
/// most first.
pub fn weakest(attempts: &[Attempt], limit: usize) -> Vec<((String, String), usize)> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for attempt in attempts {
        for id in &attempt.missed {
            *counts
                .entry((attempt.case.as_str(), id.as_str()))
                .or_default() += 1;
        }
    }
    let mut list: Vec<((String, String), usize)> = counts
        .into_iter()
        .map(|((case, id), n)| ((case.to_owned(), id.to_owned()), n))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(limit);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_scores_space_reviews_out_and_a_low_score_brings_the_case_back_tomorrow() {
        let mut r = review(None, 95, 100);
        assert_eq!((r.interval_days, r.due_day), (1, 101));
        r = review(Some(r), 92, 101);
        assert_eq!((r.interval_days, r.due_day), (6, 107));
        r = review(Some(r), 90, 107);
        assert_eq!(
            r.interval_days, 16,
            "6 days x ease 2.7 (2.5 + 0.1 per perfect review)"
        );
        assert_eq!(r.due_day, 123);
        let lapse = review(Some(r), 40, 123);
        assert_eq!(
            (lapse.repetitions, lapse.interval_days, lapse.due_day),
            (0, 1, 124)
        );
        assert!(lapse.ease < r.ease);
        // Mediocre passes grow the interval more slowly than perfect ones.
        let slow = review(Some(review(Some(review(None, 70, 0)), 70, 1)), 70, 7);
        let fast = review(Some(review(Some(review(None, 95, 0)), 95, 1)), 95, 7);
        assert!(slow.interval_days < fast.interval_days, "{slow:?} {fast:?}");
        assert!(review(None, 0, 0).ease >= 1.3);
    }

    #[test]
    fn the_most_overdue_case_is_next_and_new_cases_come_before_passed_ones() {
        let attempt = |case: &str, day: u64, score: u32| Attempt {
            case: case.into(),
            graded_at: day * DAY_SECS,
            score,
            time_secs: 0,
            hints_used: 0,
            missed: vec!["ann".into()],
            board_file: String::new(),
        };
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let cases = CaseLibrary::load(&catalog, Vec::new());
        let attempts = vec![
            attempt("visual-search", 10, 95),
            attempt("news-feed", 10, 30),
            attempt("news-feed", 5, 90),
        ];
        let rows = progress(&cases, &attempts);
        let vs = rows.iter().find(|r| r.id == "visual-search").unwrap();
        assert_eq!((vs.attempts, vs.best, vs.last), (1, Some(95), Some(95)));
        let nf = rows.iter().find(|r| r.id == "news-feed").unwrap();
        assert_eq!(
            (nf.best, nf.last),
            (Some(90), Some(30)),
            "last is the latest by time"
        );
        // Day 12: news-feed (lapsed on day 10, due day 11) is overdue; it comes first.
        assert_eq!(next_due(&rows, 12).unwrap().id, "news-feed");
        // Day 11: news-feed is due today, and so are the new cases; the tried one is first.
        assert_eq!(due_text(nf, 11), "due today");
        assert_eq!(
            due_text(rows.iter().find(|r| r.id == "video-search").unwrap(), 11),
            "new"
        );
        assert_eq!(
            weakest(&attempts, 5),
            vec![
                (("news-feed".to_owned(), "ann".to_owned()), 2),
                (("visual-search".to_owned(), "ann".to_owned()), 1)
            ]
        );
    }
}
