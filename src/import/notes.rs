//! What an import left out or changed, in plain words: one note per sort of thing, with a
//! count and a few examples, so nothing is dropped silently.

/// How many examples a note names.
const EXAMPLES: usize = 5;

/// A sort of thing an import leaves out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Thing {
    DeletedElement,
    Image,
    EmbeddedFile,
    WebEmbed,
    Freehand,
    FreeLine,
    LooseArrow,
    SelfLoop,
    RepeatedArrow,
    EmptyShape,
    TableCell,
    InvisibleLink,
    UnknownElement,
    Unreadable,
    TooMany,
}

impl Thing {
    /// The thing's name, singular or plural, and why it was left out.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Thing::DeletedElement => (
                "deleted element",
                "deleted elements",
                "deleted in the drawing",
            ),
            Thing::Image => ("image", "images", "pictures cannot be graded"),
            Thing::EmbeddedFile => (
                "embedded file",
                "embedded files",
                "only shapes, text and arrows are imported",
            ),
            Thing::WebEmbed => (
                "embedded web page",
                "embedded web pages",
                "only shapes, text and arrows are imported",
            ),
            Thing::Freehand => (
                "freehand stroke",
                "freehand strokes",
                "part of no labelled icon",
            ),
            Thing::FreeLine => (
                "line",
                "lines",
                "they join no two shapes and are part of no labelled icon",
            ),
            Thing::LooseArrow => (
                "arrow",
                "arrows",
                "an end lies on no shape, nor within 24 units of one",
            ),
            Thing::SelfLoop => ("arrow", "arrows", "they start and end on the same shape"),
            Thing::RepeatedArrow => (
                "arrow",
                "arrows",
                "they repeat an arrow between the same shapes (their labels were added to it)",
            ),
            Thing::EmptyShape => (
                "shape",
                "shapes",
                "they have no label and no arrow, so they say nothing to grade",
            ),
            Thing::TableCell => (
                "table cell",
                "table cells",
                "a table is one block, named by its title",
            ),
            Thing::InvisibleLink => (
                "invisible link",
                "invisible links",
                "they only arrange the picture",
            ),
            Thing::UnknownElement => ("element", "elements", "of a type archdrill does not import"),
            Thing::Unreadable => ("element", "elements", "they could not be read"),
            Thing::TooMany => ("item", "items", "a board holds at most 20000 of each"),
        }
    }
}

/// Something an import left out or changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportNote {
    /// Things of one sort left out, with some of their names or ids.
    Skipped {
        thing: Thing,
        count: usize,
        examples: Vec<String>,
    },
    /// Loose text (on no shape and beside no arrow) kept as the board's note.
    LooseText { count: usize },
    /// A text longer than a board allows, cut.
    Cut {
        what: String,
        len: usize,
        max: usize,
    },
    /// Shapes past the board's coordinate range, moved to its edge.
    Moved { count: usize },
    /// Which page of several was imported.
    Page { index: usize, names: Vec<String> },
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportNote::Skipped {
                thing,
                count,
                examples,
            } => {
                let (one, many, why) = thing.words();
                let name = if *count == 1 { one } else { many };
                write!(f, "skipped {count} {name}")?;
                if !examples.is_empty() {
                    let more = if *count > examples.len() { ", …" } else { "" };
                    write!(f, " ({}{more})", examples.join(", "))?;
                }
                write!(f, ": {why}")
            }
            ImportNote::LooseText { count } => {
                let texts = if *count == 1 { "text" } else { "texts" };
                write!(
                    f,
                    "{count} loose {texts} (on no shape, beside no arrow) kept as the board's note"
                )
            }
            ImportNote::Cut { what, len, max } => {
                write!(f, "{what} was cut to {max} characters (it had {len})")
            }
            ImportNote::Moved { count } => write!(
                f,
                "{count} item(s) lay more than {} units from the origin and were moved within reach",
                crate::model::MAX_COORD
            ),
            ImportNote::Page { index, names } => {
                let name = index
                    .checked_sub(1)
                    .and_then(|i| names.get(i))
                    .map_or("", String::as_str);
                write!(
                    f,
                    "imported page {index} of {} (\"{name}\"); choose another with --page N:",
                    names.len()
                )?;
                for (i, name) in names.iter().enumerate() {
                    write!(f, " {} \"{name}\"", i + 1)?;
                }
                Ok(())
            }
        }
    }
}

/// Collects skipped things by sort, for one note each.
#[derive(Debug, Default)]
pub(crate) struct Skips {
    by_thing: std::collections::BTreeMap<Thing, (usize, Vec<String>)>,
}

impl Skips {
    /// Notes one skipped thing, named by `example` (its label, else its id).
    pub fn add(&mut self, thing: Thing, example: &str) {
        let (count, examples) = self.by_thing.entry(thing).or_default();
        *count += 1;
        let example = example.trim();
        if examples.len() < EXAMPLES && !example.is_empty() {
            let short: String = example.chars().take(40).collect();
            let short = if short.len() < example.len() {
                format!("{short}…")
            } else {
                short
            };
            examples.push(format!("\"{short}\""));
        }
    }

    /// One note per sort of thing, in a fixed order.
    pub fn into_notes(self) -> Vec<ImportNote> {
        self.by_thing
            .into_iter()
            .map(|(thing, (count, examples))| ImportNote::Skipped {
                thing,
                count,
                examples,
            })
            .collect()
    }
}
