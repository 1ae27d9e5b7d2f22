//! The statements of a Mermaid flowchart, parsed with `winnow`: nodes with every shape and
//! quoted, HTML or Markdown labels, links of every stroke (`-->`, `---`, `-.->`, `==>`,
//! `<-->`, `--x`, `~~~`) with labels in both syntaxes, chains and `&`, subgraphs and `end`,
//! and the styling lines that are read past.

use winnow::Parser as _;
use winnow::combinator::{alt, opt};
use winnow::token::{any, literal, take_till, take_while};

use super::html;

type PResult<T> = winnow::Result<T>;

/// A node as a statement mentions it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NodeRef {
    pub id: String,
    /// Its label, when this mention gives one.
    pub label: Option<String>,
    /// A `:::class` after it.
    pub class: Option<String>,
}

/// A link between two groups of nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    /// An arrowhead (or cross, or circle) at the start ...
    pub start_head: bool,
    /// ... and at the end.
    pub end_head: bool,
    /// `~~~`: it only arranges the picture.
    pub invisible: bool,
    pub label: Option<String>,
}

/// One statement of a flowchart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Statement {
    /// Groups of nodes (`A & B`) joined by links: `links.len() == groups.len() - 1`.
    Chain {
        groups: Vec<Vec<NodeRef>>,
        links: Vec<Link>,
    },
    Subgraph {
        id: String,
        title: String,
    },
    End,
    /// `class A,B name`: the nodes take a class.
    Class {
        ids: Vec<String>,
        class: String,
    },
    /// Styling, directions, clicks: read past.
    Ignored,
}

/// Whether a text starts like a flowchart (after front matter, directives and comments).
pub(crate) fn looks_like_flowchart(text: &str) -> bool {
    header_words(text).is_some_and(|w| w == "graph" || w.starts_with("flowchart"))
}

/// The first word of the first line that is not front matter, a directive, a comment or
/// blank.
pub(crate) fn header_words(text: &str) -> Option<&str> {
    let mut in_front_matter = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if n == 0 && line == "---" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            in_front_matter = line != "---";
            continue;
        }
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        return line.split(|c: char| c.is_whitespace() || c == ';').next();
    }
    None
}

/// Splits a line into statements at semicolons outside quotes and brackets.
pub(crate) fn split_statements(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0_i32, false, 0);
    for (at, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '[' | '(' | '{' if !quoted => depth += 1,
            ']' | ')' | '}' if !quoted => depth -= 1,
            ';' if !quoted && depth <= 0 => {
                out.push(&line[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    out.push(&line[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Label text as shown: Mermaid's `#quot;` codes, HTML and Markdown emphasis undone.
pub(crate) fn unescape(raw: &str) -> String {
    let mut text = raw.trim();
    // A Markdown string: "`**bold** text`".
    if let Some(inner) = text.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
        text = inner;
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        decoded.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.find(';').filter(|&e| e > 0 && e <= 10) {
            Some(end) if after[..end].chars().all(|c| c.is_ascii_alphanumeric()) => {
                let code = &after[..end];
                decoded.push('&');
                if code.chars().all(|c| c.is_ascii_digit()) {
                    decoded.push('#');
                }
                decoded.push_str(code);
                decoded.push(';');
                rest = &after[end + 1..];
            }
            _ => {
                decoded.push('#');
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    let plain = html::to_text(&decoded);
    plain.replace("**", "").replace("__", "")
}

fn spaces(i: &mut &str) -> PResult<()> {
    take_while(0.., [' ', '\t']).void().parse_next(i)
}

fn id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A node id: letters, digits and `_`, with `-` or `.` inside when a letter follows.
fn ident(i: &mut &str) -> PResult<String> {
    let mut out: String = take_while(1.., id_char).parse_next(i)?.to_owned();
    loop {
        let mut rest = i.chars();
        match (rest.next(), rest.next()) {
            (Some(c @ ('-' | '.')), Some(next)) if id_char(next) => {
                *i = &i[c.len_utf8()..];
                out.push(c);
                out.push_str(take_while(1.., id_char).parse_next(i)?);
            }
            _ => return Ok(out),
        }
    }
}

/// A label up to `close`: quoted, or plain text.
fn label_until(close: &'static str) -> impl FnMut(&mut &str) -> PResult<String> {
    move |i: &mut &str| {
        spaces(i)?;
        if i.starts_with('"') {
            let quoted = ('"', take_till(0.., '"'), '"').take().parse_next(i)?;
            spaces(i)?;
            literal(close).parse_next(i)?;
            return Ok(unescape(&quoted[1..quoted.len() - 1]));
        }
        let Some(end) = i.find(close) else {
            return Err(winnow::error::ParserError::from_input(i));
        };
        let text = &i[..end];
        *i = &i[end + close.len()..];
        Ok(unescape(text))
    }
}

/// The opening and closing marks of each node shape, longest first.
const SHAPES: &[(&str, &str)] = &[
    ("(((", ")))"),
    ("((", "))"),
    ("([", "])"),
    ("[[", "]]"),
    ("[(", ")]"),
    ("{{", "}}"),
    ("[/", "/]"),
    ("[/", "\\]"),
    ("[\\", "\\]"),
    ("[\\", "/]"),
    ("[", "]"),
    ("(", ")"),
    ("{", "}"),
    (">", "]"),
];

/// A node's shape and label: `[..]`, `(..)`, `([..])`, `[[..]]`, `[(..)]`, `((..))`,
/// `(((..)))`, `>..]`, `{..}`, `{{..}}`, `[/../]` and the other slants, or `@{ .. }`.
fn shape(i: &mut &str) -> PResult<String> {
    if let Some(rest) = i.strip_prefix("@{") {
        let mut rest = rest;
        let body = take_till(0.., '}').parse_next(&mut rest)?;
        '}'.parse_next(&mut rest)?;
        *i = rest;
        return Ok(shape_data_label(body));
    }
    for (open, close) in SHAPES {
        if let Some(rest) = i.strip_prefix(open) {
            let mut rest = rest;
            if let Ok(label) = label_until(close)(&mut rest) {
                *i = rest;
                return Ok(label);
            }
        }
    }
    Err(winnow::error::ParserError::from_input(i))
}

/// The `label` of a `@{ shape: .., label: ".." }` body (empty when it has none).
fn shape_data_label(body: &str) -> String {
    let Some(at) = body.find("label:") else {
        return String::new();
    };
    let rest = body[at + "label:".len()..].trim_start();
    let text = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.split('"').next().unwrap_or("")
    } else {
        rest.split(',').next().unwrap_or("").trim()
    };
    unescape(text)
}

fn node(i: &mut &str) -> PResult<NodeRef> {
    let id = ident(i)?;
    let label = opt(shape).parse_next(i)?;
    let class = opt(("::", ':', ident).map(|(_, _, c)| c)).parse_next(i)?;
    Ok(NodeRef { id, label, class })
}

fn group(i: &mut &str) -> PResult<Vec<NodeRef>> {
    let mut nodes = vec![node(i)?];
    while opt((spaces, '&', spaces)).parse_next(i)?.is_some() {
        nodes.push(node(i)?);
    }
    Ok(nodes)
}

/// An arrowhead at the end of a stroke: `>`, or `x`/`o` standing alone.
fn end_head(i: &mut &str) -> PResult<bool> {
    if opt('>').parse_next(i)?.is_some() {
        return Ok(true);
    }
    let mut rest = i.chars();
    match (rest.next(), rest.next()) {
        (Some('x' | 'o'), next) if next.is_none_or(|c| c.is_whitespace() || c == '|') => {
            any.parse_next(i)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// A stroke: `--`, `---`, `==`, `-.-`, `-..-`, and the same ending in a head.
fn stroke(i: &mut &str) -> PResult<bool> {
    alt((
        ('-', take_while(1.., '.'), take_while(1.., '-')).void(),
        take_while(2.., '-').void(),
        take_while(2.., '=').void(),
    ))
    .parse_next(i)?;
    end_head(i)
}

/// The opening stroke of a link whose label comes before its real stroke: `--`, `==` or
/// `-.` followed by text (`A -- text --> B`, `A--text-->B`, `A -.text.-> B`), not by the
/// rest of a stroke or a head.
fn label_opening(i: &mut &str) -> Option<()> {
    let (opening, rest) = ["--", "==", "-."]
        .iter()
        .find_map(|o| i.strip_prefix(o).map(|rest| (*o, rest)))?;
    let mut chars = rest.chars();
    let next = chars.next()?;
    let after = chars.next();
    let stroke = matches!(next, '-' | '=' | '.' | '>');
    let head = matches!(next, 'x' | 'o') && after.is_none_or(|c| c.is_whitespace() || c == '|');
    if stroke || head || (opening != "-." && next == '|') {
        return None;
    }
    *i = rest;
    Some(())
}

/// A link, with its label in either syntax.
fn link(i: &mut &str) -> PResult<Link> {
    spaces(i)?;
    // An edge id: `A e1@--> B`.
    let _ = opt((ident, '@')).parse_next(i)?;
    if opt(take_while(3.., '~')).parse_next(i)?.is_some() {
        return Ok(Link {
            start_head: false,
            end_head: false,
            invisible: true,
            label: None,
        });
    }
    let start_head = opt(alt((
        '<',
        ('x', winnow::combinator::peek(alt(('-', '=')))).map(|_| 'x'),
        ('o', winnow::combinator::peek(alt(('-', '=')))).map(|_| 'o'),
    )))
    .parse_next(i)?
    .is_some();
    // `A -- text --> B`, `A == text ==> B`, `A -. text .-> B`: an opening stroke, text,
    // then the real link.
    let opening = label_opening(i);
    let (text, end_head) = if opening.is_some() {
        let rest: &str = i;
        let close = [
            "-->", "---", "==>", "===", ".->", ".-", "--x", "--o", "==x", "==o",
        ]
        .iter()
        .filter_map(|c| rest.find(c).map(|at| (at, *c)))
        .min();
        let Some((at, _)) = close else {
            return Err(winnow::error::ParserError::from_input(i));
        };
        let text = unescape(&rest[..at]);
        *i = &rest[at..];
        let _ = opt('.').parse_next(i)?;
        let head = alt((stroke, ('-', end_head).map(|(_, h)| h))).parse_next(i)?;
        (Some(text), head)
    } else {
        (None, stroke(i)?)
    };
    let piped = opt((spaces, '|', take_till(0.., '|'), '|'))
        .parse_next(i)?
        .map(|((), _, t, _): ((), char, &str, char)| {
            let t = t.trim();
            unescape(
                t.strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"'))
                    .unwrap_or(t),
            )
        });
    Ok(Link {
        start_head,
        end_head,
        invisible: false,
        label: text.or(piped).filter(|l| !l.is_empty()),
    })
}

fn chain(i: &mut &str) -> PResult<Statement> {
    let mut groups = vec![group(i)?];
    let mut links = Vec::new();
    while let Some(l) = opt(link).parse_next(i)? {
        links.push(l);
        spaces(i)?;
        groups.push(group(i)?);
    }
    spaces(i)?;
    winnow::combinator::eof.parse_next(i)?;
    Ok(Statement::Chain { groups, links })
}

/// `subgraph id [title]`, `subgraph id["title"]`, `subgraph "title"`, `subgraph a title`.
fn subgraph(rest: &str) -> Statement {
    let rest = rest.trim();
    if let Some(quoted) = rest.strip_prefix('"') {
        let title = unescape(quoted.trim_end_matches('"'));
        return Statement::Subgraph {
            id: title.clone(),
            title,
        };
    }
    let mut input = rest;
    if let Ok(id) = ident(&mut input) {
        let after = input.trim_start();
        if after.is_empty() {
            return Statement::Subgraph {
                title: id.clone(),
                id,
            };
        }
        let mut shaped = after;
        if let Ok(title) = shape(&mut shaped)
            && shaped.trim().is_empty()
        {
            return Statement::Subgraph { id, title };
        }
    }
    let title = unescape(rest);
    Statement::Subgraph {
        id: title.clone(),
        title,
    }
}

/// Parses one statement; `Err` with a short reason when it cannot be read.
pub(crate) fn statement(text: &str) -> Result<Statement, String> {
    let text = text.trim();
    let first = text.split_whitespace().next().unwrap_or("");
    match first {
        "end" if text == "end" => return Ok(Statement::End),
        "subgraph" => return Ok(subgraph(&text["subgraph".len()..])),
        "class" => {
            let mut words = text["class".len()..].split_whitespace();
            let ids = words
                .next()
                .unwrap_or("")
                .split(',')
                .map(|s| s.trim().to_owned())
                .collect();
            let class = words.next().unwrap_or("").to_owned();
            return Ok(Statement::Class { ids, class });
        }
        "classDef" | "style" | "linkStyle" | "click" | "direction" | "accTitle" | "accDescr"
        | "accTitle:" | "accDescr:" => return Ok(Statement::Ignored),
        _ => {}
    }
    let mut input = text;
    chain(&mut input).map_err(|_| {
        let at = text.len() - input.len();
        let near: String = text[at..].chars().take(24).collect();
        if near.is_empty() {
            "the statement ends too early".to_owned()
        } else {
            format!("cannot read \"{near}\"")
        }
    })
}

#[cfg(test)]
mod tests;
