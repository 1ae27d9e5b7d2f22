//! `archdrill drill` and `archdrill cards`: the trade-off drill in the terminal. A session asks
//! each question, reads the typed answer (lines up to an empty one), shows the model answer
//! with the key points the answer made, reads the self-grade and records it to the same
//! schedule the app uses.

use std::fmt::Write as _;
use std::io::BufRead;
use std::process::ExitCode;

use super::verbs::Context;
use super::{CliError, say, warn};
use crate::clock::now_secs;
use crate::drill::{self, CardReview, CardState, Recall};
use crate::practice::{self, DAY_SECS};
use crate::store;

/// How many questions a session asks unless told otherwise.
pub const DEFAULT_LENGTH: usize = 10;
/// Longest answer read, in characters (longer input is cut, not refused).
const MAX_ANSWER_CHARS: usize = 8_000;

/// A drill session on the terminal's input. `case` narrows it to one case; `due` takes only
/// the cards due today.
pub(super) fn drill(
    cx: &Context<'_>,
    case: Option<&str>,
    due: bool,
    length: usize,
) -> Result<ExitCode, CliError> {
    drill_from(cx, (case, due, length), &mut std::io::stdin().lock())
}

/// The session, reading from `input` (the tests give it a script).
pub(super) fn drill_from(
    cx: &Context<'_>,
    (case, due, length): (Option<&str>, bool, usize),
    input: &mut impl BufRead,
) -> Result<ExitCode, CliError> {
    let cases = store::load_cases(cx.catalog, cx.data_dir);
    if let Some(id) = case
        && cases.get(id).is_none()
    {
        return Err(CliError::Usage(format!(
            "unknown case `{id}` (see archdrill cases)"
        )));
    }
    let bank = store::load_questions(cx.catalog, &cases, cx.data_dir);
    for problem in &bank.problems {
        warn(&format!("question file {problem}"));
    }
    let (reviews, notes) = store::history::load_card_reviews(cx.data_dir)?;
    for note in &notes {
        warn(note);
    }
    let today = (now_secs() / DAY_SECS) as i64;
    let cards = drill::cards(&bank, &reviews);
    let picked = drill::session(&cards, case, due, length, today);
    if picked.is_empty() {
        let waiting = cards
            .iter()
            .filter(|c| case.is_none_or(|id| c.question.case.as_deref() == Some(id)))
            .filter(|c| c.review.is_none())
            .count();
        say(&if due && waiting > 0 {
            format!("No card is due today; {waiting} new cards wait (drop --due to take them).\n")
        } else {
            "No card is due today, and none is new.\n".to_owned()
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let total = picked.len();
    let mut graded = 0;
    for (n, question) in picked.into_iter().enumerate() {
        let about = question
            .case
            .as_deref()
            .and_then(|id| cases.get(id))
            .map_or_else(|| "Across cases".to_owned(), |c| c.title.clone());
        say(&format!(
            "\nQuestion {} of {total} ({about}):\n{}\n\nYour answer (end with an empty line):\n",
            n + 1,
            question.question
        ))?;
        let Some(answer) = read_answer(input) else {
            break;
        };
        say(&reveal(question, &answer))?;
        let Some(recall) = read_recall(input)? else {
            break;
        };
        let review = CardReview {
            card: question.id.clone(),
            at_secs: now_secs(),
            recall,
        };
        store::history::record_card_review(cx.data_dir, &review, &answer)?;
        graded += 1;
        let mut all = reviews.clone();
        all.push(review);
        let next = drill::cards(&bank, &all)
            .into_iter()
            .find(|c| c.question.id == question.id)
            .and_then(|c| c.review);
        if let Some(next) = next {
            let days = next.due_day - today;
            let when = if days <= 1 {
                "tomorrow".to_owned()
            } else {
                format!("in {days} days")
            };
            say(&format!(
                "Recorded: {}. Asked again {when}.\n",
                recall.label()
            ))?;
        }
    }
    say(&format!("\n{graded} of {total} cards graded.\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// The model answer and the key points, each marked when the typed answer made it.
fn reveal(question: &drill::Question, answer: &str) -> String {
    let covered = drill::coverage(question, answer);
    let mut out = format!(
        "\nModel answer ({}):\n{}\n\nKey points (marked where your answer makes them; a hint, not the grade):\n",
        question.chapter, question.answer
    );
    for (point, hit) in question.points.iter().zip(covered) {
        let mark = if hit { "[x]" } else { "[ ]" };
        let _ = writeln!(out, "  {mark} {}", point.name);
    }
    out
}

/// The lines typed up to an empty line (or the end of the input after some text); `None` when
/// the input ended first, which ends the session.
fn read_answer(input: &mut impl BufRead) -> Option<String> {
    let mut answer = String::new();
    let mut any = false;
    loop {
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => return any.then_some(answer),
            Ok(_) => {}
        }
        any = true;
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            return Some(answer);
        }
        if answer.chars().count() < MAX_ANSWER_CHARS {
            if !answer.is_empty() {
                answer.push('\n');
            }
            answer.extend(line.chars().take(MAX_ANSWER_CHARS));
        }
    }
}

/// Asks for the self-grade until one is given; `None` when the input ends.
fn read_recall(input: &mut impl BufRead) -> Result<Option<Recall>, CliError> {
    loop {
        say("How well did you recall it? 1 again, 2 hard, 3 good, 4 easy: ")?;
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
        if let Some(recall) = Recall::parse(&line) {
            return Ok(Some(recall));
        }
        say("Please answer 1, 2, 3 or 4 (or again, hard, good, easy).\n")?;
    }
}

/// `archdrill cards`: every card with its state and when it is next due.
pub(super) fn cards(cx: &Context<'_>, case: Option<&str>) -> Result<ExitCode, CliError> {
    let cases = store::load_cases(cx.catalog, cx.data_dir);
    if let Some(id) = case
        && cases.get(id).is_none()
    {
        return Err(CliError::Usage(format!(
            "unknown case `{id}` (see archdrill cases)"
        )));
    }
    let bank = store::load_questions(cx.catalog, &cases, cx.data_dir);
    for problem in &bank.problems {
        warn(&format!("question file {problem}"));
    }
    let (reviews, notes) = store::history::load_card_reviews(cx.data_dir)?;
    for note in &notes {
        warn(note);
    }
    let today = (now_secs() / DAY_SECS) as i64;
    let all = drill::cards(&bank, &reviews);
    let shown: Vec<_> = all
        .iter()
        .filter(|c| case.is_none_or(|id| c.question.case.as_deref() == Some(id)))
        .collect();
    let mut out = format!("{:<9} {:<12} {}\n", "state", "due", "question");
    for card in &shown {
        let due = match card.review {
            None => "-".to_owned(),
            Some(r) if r.due_day <= today => "today".to_owned(),
            Some(r) => {
                let (y, m, d) = practice::civil_date(r.due_day);
                format!("{y:04}-{m:02}-{d:02}")
            }
        };
        let _ = writeln!(
            out,
            "{:<9} {:<12} {}  ({})",
            card.state().name(),
            due,
            card.question.question,
            card.question.id
        );
    }
    let (counts, due) = drill::card_counts(&shown.into_iter().copied().collect::<Vec<_>>(), today);
    let states: Vec<String> = CardState::ALL
        .iter()
        .map(|s| format!("{} {}", counts.get(s).copied().unwrap_or(0), s.name()))
        .collect();
    let _ = writeln!(out, "\n{due} due today; {}.", states.join(", "));
    say(&out)?;
    Ok(ExitCode::SUCCESS)
}
