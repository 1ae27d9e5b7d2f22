//! The trade-off drill in the window: a round of follow-up questions after a graded attempt,
//! or a session of due and new cards. Each question is answered in the user's words, the
//! model answer is shown beside theirs with the key points they made marked (a hint, never
//! the grade), and the user grades their own recall onto the card's schedule.

use egui::{Key, RichText};

use crate::cases::CaseLibrary;
use crate::drill::{CardReview, QuestionBank, Recall};
use crate::practice::DAY_SECS;

/// The drill's part of the app: the questions, every self-grade so far, and the round on
/// screen.
#[derive(Debug)]
pub struct Drill {
    pub bank: QuestionBank,
    pub reviews: Vec<CardReview>,
    pub round: Option<Round>,
    /// How many cards a session from the practice overview takes.
    pub length: usize,
}

impl Default for Drill {
    fn default() -> Self {
        Drill {
            bank: QuestionBank::default(),
            reviews: Vec::new(),
            round: None,
            length: 10,
        }
    }
}

/// A round of questions on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    /// "Follow-up questions" after an attempt, or "Drill trade-offs".
    pub title: String,
    /// The question ids, in order.
    pub questions: Vec<String>,
    pub index: usize,
    pub answer: String,
    pub revealed: bool,
    /// Cards graded in this round.
    pub graded: usize,
    focus: bool,
}

impl Round {
    pub fn new(title: &str, questions: Vec<String>) -> Round {
        Round {
            title: title.to_owned(),
            questions,
            index: 0,
            answer: String::new(),
            revealed: false,
            graded: 0,
            focus: true,
        }
    }

    /// The question on screen, if the round is not over.
    pub fn current(&self) -> Option<&str> {
        self.questions.get(self.index).map(String::as_str)
    }

    /// On to the next question.
    pub fn next(&mut self) {
        self.index += 1;
        self.answer.clear();
        self.revealed = false;
        self.focus = true;
    }
}

/// What the user asked of the drill window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DrillAsk {
    /// Grade the card on screen, with the answer typed.
    Grade {
        card: String,
        recall: Recall,
        answer: String,
    },
    Close,
}

/// The drill window while a round is open; `now_secs` dates the grade buttons' previews.
pub fn drill_ui(
    ctx: &egui::Context,
    drill: &mut Drill,
    cases: &CaseLibrary,
    now_secs: u64,
) -> Option<DrillAsk> {
    let Drill {
        bank,
        reviews,
        round,
        ..
    } = drill;
    let round = round.as_mut()?;
    let mut ask = None;
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new(round.title.clone())
        .id(egui::Id::unique("drill-window"))
        .open(&mut open)
        .collapsible(false)
        .default_width((screen.width() * 0.6).clamp(420.0, 820.0))
        .max_height(screen.height() - 120.0)
        .default_pos(screen.center() - egui::vec2(300.0, 260.0))
        .show(ctx, |ui| {
            let Some(question) = round.current().and_then(|id| bank.get(id)) else {
                ui.label(format!(
                    "Done: {} of {} cards graded. They come back as their schedule says.",
                    round.graded,
                    round.questions.len()
                ));
                if ui.button("Close").clicked() {
                    ask = Some(DrillAsk::Close);
                }
                return;
            };
            let about = question
                .case
                .as_deref()
                .and_then(|id| cases.get(id))
                .map_or("Across cases", |c| c.title.as_str());
            ui.weak(format!(
                "Question {} of {} · {about}",
                round.index + 1,
                round.questions.len()
            ));
            ui.add_space(4.0);
            ui.label(RichText::new(&question.question).size(17.0).strong());
            ui.add_space(8.0);
            egui::ScrollArea::vertical()
                .max_height(screen.height() - 320.0)
                .show(ui, |ui| {
                    if round.revealed {
                        ask = revealed_ui(ui, round, question, reviews, now_secs);
                    } else {
                        answer_ui(ui, round);
                    }
                });
        });
    if !open {
        ask = Some(DrillAsk::Close);
    }
    ask
}

/// The answer field and the button that shows the model answer (also Ctrl+Enter).
fn answer_ui(ui: &mut egui::Ui, round: &mut Round) {
    let caption = ui.label("Your answer, as you would say it to the interviewer:");
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut round.answer)
                .desired_rows(6)
                .desired_width(f32::INFINITY)
                .char_limit(8_000),
        )
        .labelled_by(caption.id);
    if round.focus {
        round.focus = false;
        response.request_focus();
    }
    let asked = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Enter));
    ui.add_space(6.0);
    if ui
        .button("Show the model answer")
        .on_hover_text("Compare your answer with the model answer (Ctrl+Enter)")
        .clicked()
        || asked
    {
        round.revealed = true;
        response.surrender_focus();
    }
}

/// The two answers side by side, the key points, and the four grades (also keys 1 to 4).
fn revealed_ui(
    ui: &mut egui::Ui,
    round: &Round,
    question: &crate::drill::Question,
    reviews: &[CardReview],
    now_secs: u64,
) -> Option<DrillAsk> {
    let covered = crate::drill::coverage(question, &round.answer);
    // Two columns side by side, the text ragged (a justified layout would stretch it).
    let half = (ui.available_width() - ui.spacing().item_spacing.x * 2.0) / 2.0;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(half);
            ui.label(RichText::new("Your answer").strong());
            if round.answer.trim().is_empty() {
                ui.weak("(nothing written)");
            } else {
                ui.add(egui::Label::new(&round.answer).wrap());
            }
        });
        // No separator line: in a row it would reach down as far as the window lets it.
        ui.add_space(ui.spacing().item_spacing.x);
        ui.vertical(|ui| {
            ui.set_width(half);
            ui.label(RichText::new(format!("Model answer ({})", question.chapter)).strong());
            ui.add(egui::Label::new(&question.answer).wrap());
        });
    });
    ui.add_space(8.0);
    ui.label(RichText::new("Key points").strong());
    ui.weak("Marked where your answer makes them: a hint, not the grade. Grade your own recall.");
    let dark = ui.visuals().dark_mode;
    let palette = super::theme::Palette::for_dark_mode(dark);
    for (point, hit) in question.points.iter().zip(&covered) {
        let (mark, color) = if *hit {
            ("made", palette.matched)
        } else {
            ("not in your answer", ui.visuals().weak_text_color())
        };
        ui.label(RichText::new(format!("• {} ({mark})", point.name)).color(color));
    }
    ui.add_space(10.0);
    let mut ask = None;
    let pressed = ui.input_mut(|i| {
        Recall::ALL.into_iter().find(|r| {
            let key = match r.number() {
                1 => Key::Num1,
                2 => Key::Num2,
                3 => Key::Num3,
                _ => Key::Num4,
            };
            i.consume_key(egui::Modifiers::NONE, key)
        })
    });
    ui.horizontal(|ui| {
        ui.label("How well did you recall it?");
        for recall in Recall::ALL {
            let next = crate::drill::after(reviews, &question.id, recall, now_secs);
            let days = next.due_day - (now_secs / DAY_SECS) as i64;
            let when = if days <= 1 {
                "tomorrow".to_owned()
            } else {
                format!("in {days} days")
            };
            let text = format!("{} {}", recall.number(), recall.label());
            if ui
                .button(text)
                .on_hover_text(format!("{}; asked again {when}", recall.meaning()))
                .clicked()
                || pressed == Some(recall)
            {
                ask = Some(DrillAsk::Grade {
                    card: question.id.clone(),
                    recall,
                    answer: round.answer.clone(),
                });
            }
        }
    });
    ask
}
