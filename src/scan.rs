//! Guards for reading RON files: a cheap pass before parsing that refuses empty, binary, too
//! deeply nested or too crowded text, so the parser never builds huge structures from hostile
//! input; and parser errors in plain words.
//!
//! The pass only looks at brackets outside string and character literals and comments. It
//! counts every opening bracket (`(`, `[`, `{`): each item of a board or case file is written
//! with a few of them, so their number bounds how many items the parser could allocate. The
//! pass runs in one linear sweep and allocates nothing.

use thiserror::Error;

/// What the pass accepts.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Most opening brackets allowed in the whole text.
    pub max_openings: usize,
    /// Deepest nesting of brackets allowed.
    pub max_depth: usize,
    /// What the file should be, for messages ("a board of …").
    pub what: &'static str,
}

/// Why a text was refused before it was parsed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ShapeError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file holds binary data, not text (control character U+{code:04X} at line {line}, column {column})"
    )]
    Binary {
        line: usize,
        column: usize,
        code: u32,
    },
    #[error(
        "brackets are nested more than {max} levels deep at line {line}, column {column}; {what} needs only a few levels"
    )]
    TooDeep {
        line: usize,
        column: usize,
        max: usize,
        what: &'static str,
    },
    #[error(
        "the file opens more than {max} brackets, more than {what} can need; it was refused before its contents were read"
    )]
    TooManyItems { max: usize, what: &'static str },
}

/// Where the sweep is: in ordinary text, or inside something whose brackets do not count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    /// A `"…"` or `b"…"` string, or a `'…'` character; `escaped` after a backslash.
    Quoted {
        close: char,
        escaped: bool,
    },
    /// A raw string `r#"…"#` with this many `#`; `closing` counts the `#` seen after a `"`.
    Raw {
        hashes: usize,
        closing: Option<usize>,
    },
    LineComment,
    /// A block comment; RON block comments nest.
    BlockComment {
        depth: usize,
    },
}

/// The one way into the RON parser for board and case files: the text without a leading
/// byte order mark (editors on Windows may write one; it is not content), checked by
/// [`check`], and parser options whose recursion limit is the same as the scan's.
pub fn prepare<'t>(text: &'t str, limits: &Limits) -> Result<(&'t str, ron::Options), ShapeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check(text, limits)?;
    Ok((
        text,
        ron::Options::default().with_recursion_limit(limits.max_depth),
    ))
}

/// Checks `text` against `limits` without parsing it.
pub fn check(text: &str, limits: &Limits) -> Result<(), ShapeError> {
    if text.trim().is_empty() {
        return Err(ShapeError::Empty);
    }
    let mut state = State::Code;
    let (mut line, mut column) = (1, 0);
    let (mut depth, mut openings) = (0usize, 0usize);
    let mut chars = text.chars().peekable();
    // The previous character in code, to tell `r"` (a raw string) from the end of a word.
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
        if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r') {
            return Err(ShapeError::Binary {
                line,
                column,
                code: u32::from(c),
            });
        }
        state = match state {
            State::Code => {
                let next = code(c, previous, &mut chars, &mut column);
                if matches!(c, '(' | '[' | '{') {
                    depth += 1;
                    openings += 1;
                    if depth > limits.max_depth {
                        return Err(ShapeError::TooDeep {
                            line,
                            column,
                            max: limits.max_depth,
                            what: limits.what,
                        });
                    }
                    if openings > limits.max_openings {
                        return Err(ShapeError::TooManyItems {
                            max: limits.max_openings,
                            what: limits.what,
                        });
                    }
                } else if matches!(c, ')' | ']' | '}') {
                    depth = depth.saturating_sub(1);
                }
                previous = c;
                next
            }
            State::Quoted { close, escaped } => {
                if escaped {
                    State::Quoted {
                        close,
                        escaped: false,
                    }
                } else if c == '\\' {
                    State::Quoted {
                        close,
                        escaped: true,
                    }
                } else if c == close {
                    State::Code
                } else {
                    state
                }
            }
            State::Raw { hashes, closing } => match (c, closing) {
                ('"', _) if hashes == 0 => State::Code,
                ('"', _) => State::Raw {
                    hashes,
                    closing: Some(0),
                },
                ('#', Some(seen)) if seen + 1 == hashes => State::Code,
                ('#', Some(seen)) => State::Raw {
                    hashes,
                    closing: Some(seen + 1),
                },
                _ => State::Raw {
                    hashes,
                    closing: None,
                },
            },
            State::LineComment if c == '\n' => State::Code,
            State::LineComment => State::LineComment,
            State::BlockComment { depth } => {
                if c == '*' && chars.peek() == Some(&'/') {
                    chars.next();
                    column += 1;
                    if depth == 1 {
                        State::Code
                    } else {
                        State::BlockComment { depth: depth - 1 }
                    }
                } else if c == '/' && chars.peek() == Some(&'*') {
                    chars.next();
                    column += 1;
                    State::BlockComment { depth: depth + 1 }
                } else {
                    state
                }
            }
        };
    }
    Ok(())
}

/// The state after `c` in code: the start of a string, raw string, character or comment.
fn code(
    c: char,
    previous: char,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    column: &mut usize,
) -> State {
    let word_start = !(previous.is_alphanumeric() || previous == '_');
    match c {
        '"' => State::Quoted {
            close: '"',
            escaped: false,
        },
        '\'' => State::Quoted {
            close: '\'',
            escaped: false,
        },
        '/' if chars.peek() == Some(&'/') => State::LineComment,
        '/' if chars.peek() == Some(&'*') => {
            chars.next();
            *column += 1;
            State::BlockComment { depth: 1 }
        }
        'r' if word_start && matches!(chars.peek(), Some('"' | '#')) => raw_start(chars, column),
        'b' if word_start && chars.peek() == Some(&'r') => {
            // `br"…"` or `br#"…"#`: a raw byte string; `b` then `r` is otherwise an identifier.
            let mut ahead = chars.clone();
            ahead.next();
            if matches!(ahead.peek(), Some('"' | '#')) {
                chars.next();
                *column += 1;
                raw_start(chars, column)
            } else {
                State::Code
            }
        }
        _ => State::Code,
    }
}

/// After the `r` of a raw string: counts the `#`s and consumes the opening `"`.
fn raw_start(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, column: &mut usize) -> State {
    let mut hashes = 0;
    while chars.peek() == Some(&'#') {
        chars.next();
        *column += 1;
        hashes += 1;
    }
    if chars.peek() == Some(&'"') {
        chars.next();
        *column += 1;
        State::Raw {
            hashes,
            closing: None,
        }
    } else {
        // Not a raw string after all (`r#foo` is a raw identifier); nothing to skip.
        State::Code
    }
}

/// What a parser error at the very end of a text says.
const CUT_OFF: &str = "the file ends too early; it may have been cut off";

/// A parser error as (line, column, message in plain words). When the parser stopped at the
/// very end of the text, the text ends too early, whatever the parser expected to find there.
pub fn plain_error(err: &ron::error::SpannedError, text: &str) -> (usize, usize, String) {
    let (line, column) = (err.span.start.line, err.span.start.col);
    let content = text.trim_end();
    let end_line = 1 + content.matches('\n').count();
    let end_column = 1 + content.chars().rev().take_while(|&c| c != '\n').count();
    let stopped = (err.span.end.line, err.span.end.col);
    let message = if stopped >= (end_line, end_column) {
        CUT_OFF.to_owned()
    } else {
        plain_message(&err.code)
    };
    (line, column, message)
}

/// A parser error in plain words. Structs are named by their serde names ("a block").
pub fn plain_message(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}` in {}; the fields there are {}",
            within(outer.as_deref()),
            expected.join(", ")
        ),
        ron::Error::MissingStructField { field, outer } => format!(
            "{} has no `{field}` field, which is required",
            within(outer.as_deref())
        ),
        ron::Error::ExpectedNamedStructLike(name) if !name.is_empty() => {
            format!("expected `(` to open {}", within(Some(name)))
        }
        ron::Error::Eof => CUT_OFF.to_owned(),
        ron::Error::ExceededRecursionLimit => "brackets are nested too deeply".to_owned(),
        other => other.to_string(),
    }
}

/// "a block", "the board", … from the serde name of the struct an error happened in.
pub fn within(outer: Option<&str>) -> String {
    match outer {
        Some(name @ ("board" | "case" | "notes" | "concepts")) => format!("the {name}"),
        Some(name) if name.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {name}"),
        Some(name) => format!("a {name}"),
        None => "this part of the file".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        max_openings: 10,
        max_depth: 3,
        what: "a test file",
    };

    fn check(text: &str) -> Result<(), ShapeError> {
        super::check(text, &LIMITS)
    }

    #[test]
    fn ordinary_text_passes() {
        assert_eq!(check("(a: [1, 2], b: (x: 1.0))"), Ok(()));
    }

    #[test]
    fn empty_and_blank_texts_are_empty() {
        assert_eq!(check(""), Err(ShapeError::Empty));
        assert_eq!(check(" \n\t\r\n"), Err(ShapeError::Empty));
    }

    #[test]
    fn control_characters_are_binary_with_their_place() {
        assert_eq!(
            check("(a: 1,\n b:\u{0} 2)"),
            Err(ShapeError::Binary {
                line: 2,
                column: 4,
                code: 0
            })
        );
        // Even inside a string: a saved file escapes them, so a raw one means binary data.
        assert!(matches!(
            check("(a: \"x\u{1b}\")"),
            Err(ShapeError::Binary { code: 0x1b, .. })
        ));
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused_where_it_happens() {
        assert_eq!(check("(((1)))"), Ok(()));
        assert_eq!(
            check("(\n  [(\n{"),
            Err(ShapeError::TooDeep {
                line: 3,
                column: 1,
                max: 3,
                what: "a test file"
            })
        );
    }

    #[test]
    fn more_openings_than_the_limit_are_refused() {
        let ten = "(),".repeat(10);
        assert_eq!(check(&ten), Ok(()));
        assert_eq!(
            check(&format!("{ten}()")),
            Err(ShapeError::TooManyItems {
                max: 10,
                what: "a test file"
            })
        );
    }

    #[test]
    fn brackets_in_strings_characters_and_comments_do_not_count() {
        let text = r##"(a: "(((((\"((((", b: '(', c: '\'', d: r#"(("((((("#, e: br"((((")
            // ((((((((((((
            /* ((((( /* nested (((( */ still a comment (((( */
            (f: b"[[[[", g: "\\")"##;
        assert_eq!(check(text), Ok(()));
        // After the strings close, brackets count again.
        assert!(matches!(
            check(&format!("{text}{}", "[".repeat(4))),
            Err(ShapeError::TooDeep { .. })
        ));
    }

    #[test]
    fn words_ending_in_r_or_b_are_not_string_prefixes() {
        // `for` ends in `r` and `verb` in `b`: the quotes after them open ordinary strings.
        assert_eq!(check("(for\"(((\"verb\"((((\")"), Ok(()));
        assert_eq!(check("(a: r#ident, b: (1))"), Ok(()));
    }

    #[test]
    fn parser_errors_read_as_plain_words() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename = "edge", deny_unknown_fields)]
        struct Edge {
            #[expect(dead_code, reason = "only parsed")]
            from: u32,
        }
        let err = |text: &str| plain_error(&ron::from_str::<Edge>(text).unwrap_err(), text).2;
        assert_eq!(
            err("(from: 1, colour: 2)"),
            "unknown field `colour` in an edge; the fields there are from"
        );
        assert_eq!(err("()"), "an edge has no `from` field, which is required");
        // Cut off anywhere: whatever the parser expected next, the text ended first.
        for cut in ["(from: 1", "(from: 1 ", "(from", "(fr", "("] {
            assert_eq!(err(cut), CUT_OFF, "{cut:?}");
        }
        assert_eq!(err("(from: 1]"), "Expected comma");
        assert_eq!(err("[1]"), "expected `(` to open an edge");
        assert_eq!(within(Some("board")), "the board");
        assert_eq!(within(Some("block")), "a block");
    }
}
