//! archdrill: a desktop whiteboard for drilling machine-learning system design.
//!
//! Modules by layer, each using only the layers above it: the plain data (`model`, `catalog`,
//! `text`, `chain`, `style`, `scan`); what is built on it (`layout`, `cases`, `document`,
//! `drill`, `grader`, `import`, `practice`, `export`, `store`); the edges (`clock`, `cli`, and
//! `ui`, the window, present with the `gui` feature).

// The plain data.
pub mod catalog;
pub mod chain;
pub mod model;
pub mod scan;
pub mod style;
pub mod text;

// Built on it.
pub mod cases;
pub mod document;
pub mod drill;
pub mod export;
pub mod grader;
pub mod import;
pub mod layout;
pub mod practice;
pub mod store;

// The edges.
pub mod cli;
pub mod clock;
#[cfg(feature = "gui")]
pub mod ui;
