//! What every importer reads a drawing into (shapes, loose texts, connectors, frames), and
//! the one way it becomes a board: arrow ends found by geometry, texts given to the shape
//! they lie in or the arrow they label, kinds inferred from labels, and the board's limits
//! kept (what does not fit is noted).

use std::collections::{BTreeMap, BTreeSet};

use super::REACH;
use super::notes::{ImportNote, Skips, Thing};
use super::spatial::{Grid, distance_outside};
use crate::catalog::{CUSTOM_KIND, Catalog};
use crate::model::{
    Block, BlockId, Board, Edge, EdgeId, Frame, FrameId, MAX_BOARD_NOTE_CHARS, MAX_COORD,
    MAX_ITEMS, MAX_LABEL_CHARS, MAX_NOTE_CHARS, Pos, Rect, Routing, Vec2,
};

/// A shape that may become a block.
#[derive(Clone, Debug)]
pub(crate) struct Shape {
    /// The drawing's own id, for messages.
    pub key: String,
    pub rect: Rect,
    /// Its label so far (bound text); loose texts inside it are added.
    pub label: String,
    /// Text that describes it without naming it (a table's columns).
    pub note: String,
    /// A catalog kind the drawing states (an archdrill export's), used when the catalog has it.
    pub kind: Option<String>,
    /// A block even without a label or arrow (a Mermaid node, an archdrill export's block).
    pub keep: bool,
}

/// Text on no shape yet: it labels the shape it lies in, or the arrow it stands beside, or
/// becomes part of the board's note.
#[derive(Clone, Debug)]
pub(crate) struct Text {
    pub rect: Rect,
    pub text: String,
}

/// Where a connector ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum End {
    /// On this shape (bound in the drawing).
    Shape(usize),
    /// At this point: on the shape that holds it, or the nearest within reach.
    Point(Pos),
    /// Nowhere known.
    Loose,
}

/// Which way a connector points, from its arrowheads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Heads {
    /// A head at the end only: from start to end.
    Forward,
    /// A head at the start only: it runs from its end to its start.
    Backward,
    /// No head, or one at each end: direction unknown.
    Neither,
}

impl Heads {
    /// From whether a head is drawn at the (start, end).
    pub fn of(heads: (bool, bool)) -> Heads {
        match heads {
            (false, true) => Heads::Forward,
            (true, false) => Heads::Backward,
            _ => Heads::Neither,
        }
    }
}

/// An arrow or line between two ends.
#[derive(Clone, Debug)]
pub(crate) struct Connector {
    pub key: String,
    pub start: End,
    pub end: End,
    pub label: String,
    pub heads: Heads,
    pub routing: Routing,
    /// Its middle as drawn, for texts beside it; the middle between its ends' shapes when
    /// `None`.
    pub middle: Option<Pos>,
    /// What it is skipped as when an end reaches no shape.
    pub loose: Thing,
}

/// A frame as drawn.
#[derive(Clone, Debug)]
pub(crate) struct SketchFrame {
    pub rect: Rect,
    pub label: String,
}

/// A drawing as the importers read it, before it becomes a board.
#[derive(Debug, Default)]
pub(crate) struct Sketch {
    pub title: String,
    pub shapes: Vec<Shape>,
    pub texts: Vec<Text>,
    pub connectors: Vec<Connector>,
    pub frames: Vec<SketchFrame>,
    pub skips: Skips,
}

/// Keeps a rectangle within the board's coordinate range, with a positive size; says whether
/// it had to move.
fn within_reach(rect: Rect) -> (Rect, bool) {
    let fix = |v: f32| if v.is_finite() { v } else { 0.0 };
    let size = Vec2::new(
        fix(rect.size.x).abs().clamp(1.0, MAX_COORD),
        fix(rect.size.y).abs().clamp(1.0, MAX_COORD),
    );
    let pos = Pos::new(
        fix(rect.min.x).clamp(-MAX_COORD, MAX_COORD),
        fix(rect.min.y).clamp(-MAX_COORD, MAX_COORD),
    );
    let moved = pos != rect.min;
    (Rect::new(pos, size), moved)
}

/// Text as one line: line breaks and runs of white space become single spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins a further piece of text to a label.
fn append(label: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !label.is_empty() {
        label.push(' ');
    }
    label.push_str(more);
}

/// The kind a label gives a block: the one the grader reads from it (so an imported block
/// grades as a custom block with that label would), else the one the catalog's matcher is
/// sure of, else `custom`.
fn kind_of(label: &str, catalog: &Catalog) -> String {
    crate::grader::similarity::label_kind(label, catalog)
        .or_else(|| catalog.infer_kind(label).map(|k| k.id.clone()))
        .unwrap_or_else(|| CUSTOM_KIND.to_owned())
}

/// Cuts `text` to `max` characters, noting it.
fn cut(
    text: String,
    max: usize,
    what: impl FnOnce() -> String,
    notes: &mut Vec<ImportNote>,
) -> String {
    let len = text.chars().count();
    if len <= max {
        return text;
    }
    notes.push(ImportNote::Cut {
        what: what(),
        len,
        max,
    });
    text.chars().take(max).collect()
}

impl Sketch {
    /// Finds the shape a point lies on or stops short of: the smallest within reach (so an
    /// arrow drawn inside a large box to just short of a small one reaches the small one).
    fn shape_at(&self, grid: &Grid, p: Pos) -> Option<usize> {
        let mut best: Option<(f32, f32, usize)> = None;
        for i in grid.near(p) {
            let rect = &self.shapes[i].rect;
            let distance = distance_outside(rect, p);
            if distance > REACH {
                continue;
            }
            // Smaller first, then nearer, then first drawn.
            let key = (rect.size.x * rect.size.y, distance, i);
            if best.is_none_or(|b| key < b) {
                best = Some(key);
            }
        }
        best.map(|b| b.2)
    }

    /// The smallest shape whose rectangle holds the centre of `rect`.
    fn shape_holding(&self, grid: &Grid, rect: &Rect) -> Option<usize> {
        let c = rect.center();
        grid.near(c)
            .filter(|&i| self.shapes[i].rect.contains(c))
            .min_by(|&a, &b| {
                let area = |i: usize| self.shapes[i].rect.size.x * self.shapes[i].rect.size.y;
                area(a).total_cmp(&area(b)).then(a.cmp(&b))
            })
    }

    /// Makes the board, and the notes of everything left out or changed.
    pub fn into_board(mut self, catalog: &Catalog) -> (Board, Vec<ImportNote>) {
        let mut notes = Vec::new();
        let mut moved = 0_usize;
        for shape in &mut self.shapes {
            let (rect, was_moved) = within_reach(shape.rect);
            shape.rect = rect;
            moved += usize::from(was_moved);
        }
        let rects: Vec<Rect> = self.shapes.iter().map(|s| s.rect).collect();
        let grid = Grid::new(&rects, REACH);

        // Each connector's ends on shapes.
        let ends: Vec<(Option<usize>, Option<usize>)> = self
            .connectors
            .iter()
            .map(|c| {
                let resolve = |end: End| match end {
                    End::Shape(i) => (i < self.shapes.len()).then_some(i),
                    End::Point(p) if p.is_finite() => self.shape_at(&grid, p),
                    End::Point(_) | End::Loose => None,
                };
                (resolve(c.start), resolve(c.end))
            })
            .collect();
        let middles: Vec<Option<Pos>> = self
            .connectors
            .iter()
            .zip(&ends)
            .map(|(c, &(a, b))| match (c.middle, a, b) {
                (Some(m), ..) if m.is_finite() => Some(m),
                (_, Some(a), Some(b)) => {
                    let (p, q) = (self.shapes[a].rect.center(), self.shapes[b].rect.center());
                    Some(Pos::new(f32::midpoint(p.x, q.x), f32::midpoint(p.y, q.y)))
                }
                _ => None,
            })
            .collect();
        self.place_texts(&grid, &middles);

        // Shapes that become blocks: labelled, kept, or reached by an arrow.
        let reached: BTreeSet<usize> = ends
            .iter()
            .filter_map(|&(a, b)| a.zip(b))
            .filter(|(a, b)| a != b)
            .flat_map(|(a, b)| [a, b])
            .collect();
        let mut board = Board {
            title: self.title.clone(),
            ..Board::default()
        };
        let mut block_of: Vec<Option<BlockId>> = vec![None; self.shapes.len()];
        let mut kinds: BTreeMap<String, String> = BTreeMap::new();
        for (i, shape) in self.shapes.iter().enumerate() {
            let label = one_line(&shape.label);
            if label.is_empty() && !shape.keep && !reached.contains(&i) {
                self.skips.add(Thing::EmptyShape, &shape.key);
                continue;
            }
            if board.blocks.len() >= MAX_ITEMS {
                self.skips.add(Thing::TooMany, &label);
                continue;
            }
            let id = BlockId(board.blocks.len() as u32 + 1);
            let label = cut(
                label,
                MAX_LABEL_CHARS,
                || format!("the label of block {id}"),
                &mut notes,
            );
            let stated = shape
                .kind
                .as_deref()
                .filter(|k| catalog.contains(k))
                .map(str::to_owned);
            // Drawings repeat labels ("Worker", "Appender"): each is read once.
            let kind = stated.unwrap_or_else(|| {
                kinds
                    .entry(label.clone())
                    .or_insert_with(|| kind_of(&label, catalog))
                    .clone()
            });
            block_of[i] = Some(id);
            board.blocks.insert(
                id,
                Block {
                    id,
                    kind,
                    label,
                    pos: shape.rect.min,
                    size: shape.rect.size,
                    note: cut(
                        shape.note.trim().to_owned(),
                        MAX_NOTE_CHARS,
                        || format!("the note of block {id}"),
                        &mut notes,
                    ),
                },
            );
        }

        self.add_edges(&mut board, &ends, &block_of, &mut notes);
        for frame in &self.frames {
            if board.frames.len() >= MAX_ITEMS {
                self.skips.add(Thing::TooMany, &frame.label);
                continue;
            }
            let id = FrameId(board.frames.len() as u32 + 1);
            let (rect, was_moved) = within_reach(frame.rect);
            moved += usize::from(was_moved);
            let label = cut(
                one_line(&frame.label),
                MAX_LABEL_CHARS,
                || format!("the label of frame {}", id.0),
                &mut notes,
            );
            board.frames.insert(id, Frame { id, label, rect });
        }
        let loose = std::mem::take(&mut self.texts);
        if !loose.is_empty() {
            notes.push(ImportNote::LooseText { count: loose.len() });
            let joined: Vec<String> = loose.iter().map(|t| t.text.trim().to_owned()).collect();
            board.note = cut(
                joined.join("\n"),
                MAX_BOARD_NOTE_CHARS,
                || "the board's note".to_owned(),
                &mut notes,
            );
        }
        board.title = cut(
            one_line(&board.title),
            MAX_LABEL_CHARS,
            || "the title".to_owned(),
            &mut notes,
        );
        if moved > 0 {
            notes.push(ImportNote::Moved { count: moved });
        }
        let mut all = self.skips.into_notes();
        all.extend(notes);
        (board, all)
    }

    /// Gives each loose text to the connector it labels (beside its middle, and not inside a
    /// shape the connector's middle is outside of) or the smallest shape it lies in; the rest
    /// stay loose.
    fn place_texts(&mut self, grid: &Grid, middles: &[Option<Pos>]) {
        let points: Vec<(usize, Pos)> = middles
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.map(|m| (i, m)))
            .collect();
        let point_rects: Vec<Rect> = points
            .iter()
            .map(|(_, p)| Rect::new(*p, Vec2::new(0.0, 0.0)))
            .collect();
        let middle_grid = Grid::new(&point_rects, REACH);
        let texts = std::mem::take(&mut self.texts);
        for text in texts {
            let holder = self.shape_holding(grid, &text.rect);
            let beside = middle_grid
                .meeting(&text.rect)
                .into_iter()
                .map(|k| (distance_outside(&text.rect, points[k].1), points[k]))
                .filter(|(d, _)| *d <= REACH)
                .filter(|(_, (_, m))| holder.is_none_or(|h| self.shapes[h].rect.contains(*m)))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.0.cmp(&b.1.0)));
            let words = one_line(&text.text);
            if let Some((_, (c, _))) = beside {
                append(&mut self.connectors[c].label, &words);
            } else if let Some(h) = holder {
                append(&mut self.shapes[h].label, &words);
            } else if !words.is_empty() {
                self.texts.push(text);
            }
        }
    }

    /// The connectors whose ends reached two blocks, as arrows; the rest noted. A board has
    /// one arrow per (from, to): a repeat gives its label to the first and is noted.
    fn add_edges(
        &mut self,
        board: &mut Board,
        ends: &[(Option<usize>, Option<usize>)],
        block_of: &[Option<BlockId>],
        notes: &mut Vec<ImportNote>,
    ) {
        let mut seen: BTreeMap<(BlockId, BlockId), EdgeId> = BTreeMap::new();
        let mut lines: BTreeMap<(BlockId, BlockId), EdgeId> = BTreeMap::new();
        for (c, &(a, b)) in self.connectors.iter().zip(ends) {
            let name = if c.label.trim().is_empty() {
                &c.key
            } else {
                &c.label
            };
            let blocks = (a.and_then(|a| block_of[a]), b.and_then(|b| block_of[b]));
            let (Some(start), Some(end)) = blocks else {
                self.skips.add(c.loose, name);
                continue;
            };
            if start == end {
                self.skips.add(Thing::SelfLoop, name);
                continue;
            }
            let (from, to) = if c.heads == Heads::Backward {
                (end, start)
            } else {
                (start, end)
            };
            let undirected = c.heads == Heads::Neither;
            let label = one_line(&c.label);
            // A line of unknown direction may take the other way round; one line joins a
            // pair once.
            let pair = (from.min(to), from.max(to));
            let repeated = if undirected {
                lines.get(&pair).copied().or_else(|| {
                    match (seen.get(&(from, to)), seen.get(&(to, from))) {
                        (Some(&e), Some(_)) => Some(e),
                        _ => None,
                    }
                })
            } else {
                seen.get(&(from, to)).copied()
            };
            if let Some(first) = repeated {
                self.skips.add(Thing::RepeatedArrow, name);
                if let Some(edge) = board.edges.get_mut(&first)
                    && !label.is_empty()
                    && !edge.label.contains(&label)
                    && edge.label.chars().count() + label.chars().count() + 2 <= MAX_LABEL_CHARS
                {
                    if !edge.label.is_empty() {
                        edge.label.push_str("; ");
                    }
                    edge.label.push_str(&label);
                }
                continue;
            }
            let (from, to) = if undirected && seen.contains_key(&(from, to)) {
                (to, from)
            } else {
                (from, to)
            };
            if board.edges.len() >= MAX_ITEMS {
                self.skips.add(Thing::TooMany, name);
                continue;
            }
            let id = EdgeId(board.edges.len() as u32 + 1);
            seen.insert((from, to), id);
            if undirected {
                lines.insert(pair, id);
            }
            let label = cut(
                label,
                MAX_LABEL_CHARS,
                || format!("the label of arrow {}", id.0),
                notes,
            );
            board.edges.insert(
                id,
                Edge {
                    id,
                    from,
                    to,
                    label,
                    routing: c.routing,
                    undirected,
                },
            );
        }
    }
}
