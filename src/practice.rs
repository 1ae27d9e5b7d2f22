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
    /// Its number in the practice history (0 until it is recorded).
    #[serde(default)]
    pub id: i64,
    /// The version of the grader that scored it (see `grader::VERSION`); empty for attempts
    /// recorded before versions were kept.
    #[serde(default)]
    pub grader: String,
    /// When `score` is what a later grader gave the same board (`archdrill history
    /// regrade`), the score the attempt's own grader gave.
    #[serde(default)]
    pub original_score: Option<u32>,
    /// Whether the practice history keeps the board it was graded on, so a later grader can
    /// grade it again (attempts recorded before boards were kept have none).
    #[serde(default)]
    pub board_kept: bool,
}

impl Attempt {
    /// The attempt a grade makes, graded at `graded_at` with the current grader, before it is
    /// recorded (its `id` is given then).
    pub fn of_grade(
        case: &str,
        report: &crate::grader::GradeReport,
        graded_at: u64,
        time_secs: u32,
        hints_used: u32,
    ) -> Attempt {
        Attempt {
            case: case.to_owned(),
            graded_at,
            score: report.score,
            time_secs,
            hints_used,
            missed: report.missing.iter().map(|m| m.reference.clone()).collect(),
            id: 0,
            grader: crate::grader::VERSION.to_owned(),
            original_score: None,
            board_kept: true,
        }
    }

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
    review_with_quality(previous, quality(score), day)
}

/// The schedule after a review of quality `q` (0..=5, as SM-2 has it) on `day`; a flash card's
/// self-grade gives the quality directly.
pub fn review_with_quality(previous: Option<Review>, q: u32, day: i64) -> Review {
    let q = q.min(5);
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

/// A reference node the user keeps missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeakSpot {
    pub case: String,
    /// The reference node's id in its case.
    pub node: String,
    /// Attempts that missed it, of all attempts at the case.
    pub missed: usize,
    pub attempts: usize,
}

/// Reference nodes missed most often across all attempts, most first (then by the share of
/// the case's attempts that missed them, then by case and node).
pub fn weakest(attempts: &[Attempt], limit: usize) -> Vec<WeakSpot> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut tries: BTreeMap<&str, usize> = BTreeMap::new();
    for attempt in attempts {
        *tries.entry(attempt.case.as_str()).or_default() += 1;
        for id in &attempt.missed {
            *counts
                .entry((attempt.case.as_str(), id.as_str()))
                .or_default() += 1;
        }
    }
    let mut list: Vec<WeakSpot> = counts
        .into_iter()
        .map(|((case, node), missed)| WeakSpot {
            case: case.to_owned(),
            node: node.to_owned(),
            missed,
            attempts: tries.get(case).copied().unwrap_or(missed),
        })
        .collect();
    list.sort_by(|a, b| {
        b.missed
            .cmp(&a.missed)
            // Higher share first: a/b > c/d  <=>  a*d > c*b.
            .then_with(|| (b.missed * a.attempts).cmp(&(a.missed * b.attempts)))
            .then_with(|| (&a.case, &a.node).cmp(&(&b.case, &b.node)))
    });
    list.truncate(limit);
    list
}

/// One case's scores in the order they were graded, for the progress plot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreSeries {
    pub id: String,
    pub title: String,
    /// (graded at, in seconds since the Unix epoch; score).
    pub points: Vec<(u64, u32)>,
}

/// The scores of every case that has attempts: library cases in SPEC order, then attempts at
/// cases no longer installed (titled by their id).
pub fn score_series(cases: &CaseLibrary, attempts: &[Attempt]) -> Vec<ScoreSeries> {
    let mut by_case: BTreeMap<&str, Vec<(u64, u32)>> = BTreeMap::new();
    for attempt in attempts {
        by_case
            .entry(attempt.case.as_str())
            .or_default()
            .push((attempt.graded_at, attempt.score));
    }
    let mut series: Vec<ScoreSeries> = cases
        .cases
        .iter()
        .filter_map(|(case, _)| {
            let points = by_case.remove(case.id.as_str())?;
            Some(ScoreSeries {
                id: case.id.clone(),
                title: case.title.clone(),
                points,
            })
        })
        .collect();
    series.extend(by_case.into_iter().map(|(id, points)| ScoreSeries {
        id: id.to_owned(),
        title: id.to_owned(),
        points,
    }));
    for s in &mut series {
        s.points.sort_unstable();
    }
    series
}

/// The calendar date (UTC) of a day counted from the Unix epoch: (year, month 1-12, day 1-31).
pub fn civil_date(day: i64) -> (i64, u32, u32) {
    // Count from 1 March of year 0, so that the leap day ends each 4-year block; eras are
    // the 400-year cycles of the Gregorian calendar (146,097 days).
    let shifted = day + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day_of_month = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day_of_month as u32)
}

/// "2026-11-23" for a time in seconds since the Unix epoch.
pub fn date_text(secs: u64) -> String {
    let (y, m, d) = civil_date((secs / DAY_SECS) as i64);
    format!("{y:04}-{m:02}-{d:02}")
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
            id: 0,
            grader: String::new(),
            original_score: None,
            board_kept: true,
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
        let spot = |case: &str, missed, attempts| WeakSpot {
            case: case.into(),
            node: "ann".into(),
            missed,
            attempts,
        };
        assert_eq!(
            weakest(&attempts, 5),
            vec![spot("news-feed", 2, 2), spot("visual-search", 1, 1)]
        );
        // The plot's series: in SPEC order, each in time order.
        let series = score_series(&cases, &attempts);
        let ids: Vec<&str> = series.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["visual-search", "news-feed"]);
        assert_eq!(series[1].points, [(5 * DAY_SECS, 90), (10 * DAY_SECS, 30)]);
    }

    #[test]
    fn a_node_missed_in_every_attempt_ranks_above_one_missed_as_often_in_more() {
        let attempt = |case: &str, missed: &[&str]| Attempt {
            case: case.into(),
            graded_at: 0,
            score: 50,
            time_secs: 0,
            hints_used: 0,
            missed: missed.iter().map(|m| (*m).to_owned()).collect(),
            id: 0,
            grader: String::new(),
            original_score: None,
            board_kept: true,
        };
        let attempts = [
            attempt("a", &["x"]),
            attempt("a", &[]),
            attempt("a", &[]),
            attempt("b", &["y"]),
        ];
        let list = weakest(&attempts, 5);
        assert_eq!(
            list.iter()
                .map(|w| (w.node.as_str(), w.missed, w.attempts))
                .collect::<Vec<_>>(),
            [("y", 1, 1), ("x", 1, 3)]
        );
        assert_eq!(weakest(&attempts, 1).len(), 1);
    }

    #[test]
    fn dates_are_the_calendar_days_of_utc() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(-1), (1969, 12, 31));
        // 2000 was a leap year; 2100 will not be.
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(47_541), (2100, 3, 1));
        assert_eq!(civil_date(47_540), (2100, 2, 28));
        assert_eq!(date_text(1_795_392_000), "2026-11-23");
    }
}
