//! archdrill: a desktop whiteboard for drilling machine-learning system design.
//!
//! Reading order: `model` (the board and its edits), `catalog` (block kinds), `document`
//! (an open board with undo), `store` (files), `cli` (command-line verbs), `ui` (the window).

pub mod cases;
pub mod catalog;
pub mod cli;
pub mod document;
pub mod export;
pub mod grader;
pub mod model;
pub mod practice;
pub mod scan;
pub mod store;
pub mod style;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
