//! The board: blocks, arrows and frames with typed ids, and the queries the UI and grader need.

pub mod edit;
pub mod geom;
pub mod history;
pub mod route;
pub mod routes;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use edit::{Edit, EditError, Items};
pub use geom::{Pos, Rect, Vec2};
pub use history::History;

/// How far a block or frame may lie from the origin along either axis, and the largest width or
/// height, in board units. No drawing needs more; far beyond it `f32` loses the precision
/// drawing needs, and sums and squares of coordinates overflow.
pub const MAX_COORD: f32 = 1_000_000.0;

/// Most blocks (and, separately, most arrows or frames) a board may hold. Every edit and the
/// loader enforce the same limits, so what the app saves it can always open again.
pub const MAX_ITEMS: usize = 20_000;
/// Longest label, kind, title or case id, in characters.
pub const MAX_LABEL_CHARS: usize = 1_000;
/// Longest block note or framework-notes step, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// Longest board note, in characters: it gathers every loose text of an imported drawing.
pub const MAX_BOARD_NOTE_CHARS: usize = 100_000;

/// The size a new block gets, in board units.
pub const DEFAULT_BLOCK_SIZE: Vec2 = Vec2::new(180.0, 64.0);

/// Identifies a block within one board; stable across saves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlockId(pub u32);

/// Identifies an arrow within one open board (not stored in the file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeId(pub u32);

/// Identifies a frame within one board; stable across saves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FrameId(pub u32);

impl std::fmt::Display for BlockId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How an arrow is drawn between its two blocks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Routing {
    /// One straight segment between the block borders.
    #[default]
    Straight,
    /// Horizontal and vertical segments only.
    Elbow,
}

/// A component on the board: a catalog kind plus the text the user wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub id: BlockId,
    /// Catalog kind id, e.g. `ann_index`; `custom` for a free block.
    pub kind: String,
    pub label: String,
    /// Top-left corner.
    pub pos: Pos,
    pub size: Vec2,
    /// Free text shown in the inspector; empty when unused.
    pub note: String,
}

impl Block {
    pub fn rect(&self) -> Rect {
        Rect::new(self.pos, self.size)
    }
}

/// An arrow between two blocks: directed from `from` to `to`, or a plain line.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub id: EdgeId,
    pub from: BlockId,
    pub to: BlockId,
    pub label: String,
    pub routing: Routing,
    /// A line without arrowheads (or with one at each end), as imported drawings have: its
    /// direction is unknown, so the grader counts it either way round and never as reversed.
    /// `from` and `to` are then only the order it was drawn in.
    pub undirected: bool,
}

/// A labelled rectangle drawn behind blocks to group them ("Online", "Offline").
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub id: FrameId,
    pub label: String,
    pub rect: Rect,
}

/// One whiteboard: what the user drew, independent of any UI.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Board {
    pub title: String,
    /// The case study this board answers, if any (a SPEC §2 id).
    pub case: Option<String>,
    pub blocks: BTreeMap<BlockId, Block>,
    pub edges: BTreeMap<EdgeId, Edge>,
    pub frames: BTreeMap<FrameId, Frame>,
    /// What the user wrote for each step of the interview framework.
    pub notes: FrameworkNotes,
    /// Free text about the whole board, such as the loose notes of an imported drawing.
    pub note: String,
    /// When the board was first made and last changed, as the file states them (kept as text).
    pub created: Option<String>,
    pub modified: Option<String>,
}

/// The seven steps of the ML system design framework, in interview order.
pub const FRAMEWORK_STEPS: [&str; 7] = [
    "Clarify requirements",
    "Frame as an ML task",
    "Data preparation",
    "Feature engineering",
    "Model development",
    "Evaluation",
    "Serving and monitoring",
];

/// One value per step of the framework: the user's notes, or a case's key concepts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Steps<T> {
    pub requirements: T,
    pub framing: T,
    pub data: T,
    pub features: T,
    pub model: T,
    pub evaluation: T,
    pub serving: T,
}

/// Free text for the seven steps of the ML system design framework.
pub type FrameworkNotes = Steps<String>;

impl<T> Steps<T> {
    /// Each step's display name with its value, in interview order.
    pub fn steps(&self) -> [(&'static str, &T); 7] {
        let values = [
            &self.requirements,
            &self.framing,
            &self.data,
            &self.features,
            &self.model,
            &self.evaluation,
            &self.serving,
        ];
        std::array::from_fn(|i| (FRAMEWORK_STEPS[i], values[i]))
    }

    /// The value of step `index` (in `FRAMEWORK_STEPS` order), for editing.
    pub fn step_mut(&mut self, index: usize) -> Option<&mut T> {
        [
            &mut self.requirements,
            &mut self.framing,
            &mut self.data,
            &mut self.features,
            &mut self.model,
            &mut self.evaluation,
            &mut self.serving,
        ]
        .into_iter()
        .nth(index)
    }
}

impl FrameworkNotes {
    pub fn is_empty(&self) -> bool {
        self.steps().iter().all(|(_, text)| text.is_empty())
    }
}

impl Board {
    pub fn block(&self, id: BlockId) -> Option<&Block> {
        self.blocks.get(&id)
    }

    pub fn edge(&self, id: EdgeId) -> Option<&Edge> {
        self.edges.get(&id)
    }

    pub fn frame(&self, id: FrameId) -> Option<&Frame> {
        self.frames.get(&id)
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.edges.is_empty() && self.frames.is_empty()
    }

    /// An id no block has yet (see [`Board::fresh_block_ids`]).
    pub fn next_block_id(&self) -> BlockId {
        BlockId(first(&fresh_numbers(self.blocks.keys().map(|id| id.0), 1)))
    }

    pub fn next_edge_id(&self) -> EdgeId {
        EdgeId(first(&fresh_numbers(self.edges.keys().map(|id| id.0), 1)))
    }

    pub fn next_frame_id(&self) -> FrameId {
        FrameId(first(&fresh_numbers(self.frames.keys().map(|id| id.0), 1)))
    }

    /// `count` ids no block has: above the largest one while they fit in a `u32` (so new
    /// blocks are drawn on top), then the smallest free ones.
    pub fn fresh_block_ids(&self, count: usize) -> Vec<BlockId> {
        fresh_numbers(self.blocks.keys().map(|id| id.0), count)
            .into_iter()
            .map(BlockId)
            .collect()
    }

    /// `count` ids no arrow has, chosen as for blocks.
    pub fn fresh_edge_ids(&self, count: usize) -> Vec<EdgeId> {
        fresh_numbers(self.edges.keys().map(|id| id.0), count)
            .into_iter()
            .map(EdgeId)
            .collect()
    }

    /// `count` ids no frame has, chosen as for blocks.
    pub fn fresh_frame_ids(&self, count: usize) -> Vec<FrameId> {
        fresh_numbers(self.frames.keys().map(|id| id.0), count)
            .into_iter()
            .map(FrameId)
            .collect()
    }

    /// The arrow from `from` to `to`, if one exists.
    pub fn find_edge(&self, from: BlockId, to: BlockId) -> Option<EdgeId> {
        self.edges
            .values()
            .find(|e| e.from == from && e.to == to)
            .map(|e| e.id)
    }

    /// Arrows that touch any of `blocks`, in id order.
    pub fn edges_touching(&self, blocks: &[BlockId]) -> Vec<EdgeId> {
        self.edges
            .values()
            .filter(|e| blocks.contains(&e.from) || blocks.contains(&e.to))
            .map(|e| e.id)
            .collect()
    }

    /// The topmost block under `p` (blocks later in id order are drawn on top).
    pub fn block_at(&self, p: Pos) -> Option<BlockId> {
        self.blocks
            .values()
            .rev()
            .find(|b| b.rect().contains(p))
            .map(|b| b.id)
    }

    /// Blocks lying entirely inside `rect`.
    pub fn blocks_inside(&self, rect: &Rect) -> Vec<BlockId> {
        self.blocks
            .values()
            .filter(|b| rect.contains_rect(&b.rect()))
            .map(|b| b.id)
            .collect()
    }

    /// Frames lying entirely inside `rect`.
    pub fn frames_inside(&self, rect: &Rect) -> Vec<FrameId> {
        self.frames
            .values()
            .filter(|f| rect.contains_rect(&f.rect))
            .map(|f| f.id)
            .collect()
    }

    /// The smallest frame holding all of `rect` other than `except` (a frame of the same
    /// rectangle holds another only if its id comes first); ties go to the lower id.
    pub fn smallest_frame_holding(&self, rect: &Rect, except: Option<FrameId>) -> Option<FrameId> {
        let area = |r: &Rect| r.size.x * r.size.y;
        self.frames
            .values()
            .filter(|f| Some(f.id) != except && f.rect.contains_rect(rect))
            .filter(|f| except.is_none_or(|e| f.rect != *rect || f.id < e))
            .min_by(|a, b| {
                area(&a.rect)
                    .total_cmp(&area(&b.rect))
                    .then(a.id.cmp(&b.id))
            })
            .map(|f| f.id)
    }

    /// A top-left corner near `wanted` where a block of `size` overlaps no other block:
    /// tries `wanted`, then steps right, then row by row below it.
    pub fn free_spot(&self, wanted: Pos, size: Vec2) -> Pos {
        let (dx, dy) = (size.x + 40.0, size.y + 40.0);
        for row in 0..50 {
            for col in 0..6 {
                let p = Pos::new(wanted.x + col as f32 * dx, wanted.y + row as f32 * dy);
                let rect = Rect::new(p, size).expand(10.0);
                if !self.blocks.values().any(|b| b.rect().intersects(&rect)) {
                    return p;
                }
            }
        }
        wanted
    }

    /// The bounding box of everything on the board, or `None` when it is empty.
    pub fn bounds(&self) -> Option<Rect> {
        let blocks = self.blocks.values().map(Block::rect);
        let frames = self.frames.values().map(|f| f.rect);
        blocks.chain(frames).reduce(|a, b| a.union(&b))
    }

    /// Copies the given blocks (plus the arrows among them and the frames given) as a
    /// fragment that can be pasted elsewhere.
    pub fn fragment(&self, blocks: &[BlockId], frames: &[FrameId]) -> Items {
        let blocks: Vec<Block> = blocks
            .iter()
            .filter_map(|id| self.block(*id).cloned())
            .collect();
        let edges = self
            .edges
            .values()
            .filter(|e| {
                blocks.iter().any(|b| b.id == e.from) && blocks.iter().any(|b| b.id == e.to)
            })
            .cloned()
            .collect();
        let frames = frames
            .iter()
            .filter_map(|id| self.frame(*id).cloned())
            .collect();
        Items {
            blocks,
            edges,
            frames,
        }
    }
}

/// `count` numbers from 1 up that are not in `taken` (ascending): first those above the
/// largest taken one, up to `u32::MAX`, then the smallest free ones below it.
fn fresh_numbers(taken: impl DoubleEndedIterator<Item = u32> + Clone, count: usize) -> Vec<u32> {
    let above = taken
        .clone()
        .next_back()
        .map_or(Some(1), |top| top.checked_add(1));
    let mut out: Vec<u32> = above
        .map(|start| (start..=u32::MAX).take(count).collect())
        .unwrap_or_default();
    if out.len() < count {
        let taken: std::collections::BTreeSet<u32> = taken.collect();
        let missing = count - out.len();
        out.extend((1..=u32::MAX).filter(|n| !taken.contains(n)).take(missing));
    }
    out
}

/// The first of some fresh numbers (there is always one: no board holds 4 billion items).
fn first(numbers: &[u32]) -> u32 {
    numbers.first().copied().unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn block(id: u32, x: f32, y: f32) -> Block {
        Block {
            id: BlockId(id),
            kind: "ranker".into(),
            label: format!("b{id}"),
            pos: Pos::new(x, y),
            size: DEFAULT_BLOCK_SIZE,
            note: String::new(),
        }
    }

    #[test]
    fn free_spot_avoids_existing_blocks() {
        let mut board = Board::default();
        let wanted = Pos::new(0.0, 0.0);
        assert_eq!(board.free_spot(wanted, DEFAULT_BLOCK_SIZE), wanted);
        board.blocks.insert(BlockId(1), block(1, 0.0, 0.0));
        let spot = board.free_spot(wanted, DEFAULT_BLOCK_SIZE);
        assert_eq!(spot, Pos::new(220.0, 0.0));
        assert!(
            !board.blocks[&BlockId(1)]
                .rect()
                .intersects(&Rect::new(spot, DEFAULT_BLOCK_SIZE))
        );
    }

    #[test]
    fn next_ids_follow_the_largest() {
        let mut board = Board::default();
        assert_eq!(board.next_block_id(), BlockId(1));
        board.blocks.insert(BlockId(7), block(7, 0.0, 0.0));
        assert_eq!(board.next_block_id(), BlockId(8));
    }

    #[test]
    fn fresh_ids_go_above_the_largest_then_fill_gaps_when_the_top_is_taken() {
        let mut board = Board::default();
        assert_eq!(board.fresh_block_ids(2), vec![BlockId(1), BlockId(2)]);
        board.blocks.insert(BlockId(3), block(3, 0.0, 0.0));
        assert_eq!(board.fresh_block_ids(2), vec![BlockId(4), BlockId(5)]);
        // A file may hold the largest id there is: new ids then fill the gaps from 1.
        board
            .blocks
            .insert(BlockId(u32::MAX - 1), block(u32::MAX - 1, 0.0, 0.0));
        assert_eq!(
            board.fresh_block_ids(3),
            vec![BlockId(u32::MAX), BlockId(1), BlockId(2)]
        );
        board
            .blocks
            .insert(BlockId(u32::MAX), block(u32::MAX, 0.0, 0.0));
        assert_eq!(board.next_block_id(), BlockId(1));
        assert_eq!(
            board.fresh_block_ids(3),
            vec![BlockId(1), BlockId(2), BlockId(4)]
        );
    }

    #[test]
    fn block_at_prefers_the_topmost_and_bounds_cover_everything() {
        let mut board = Board::default();
        board.blocks.insert(BlockId(1), block(1, 0.0, 0.0));
        board.blocks.insert(BlockId(2), block(2, 50.0, 10.0));
        assert_eq!(board.block_at(Pos::new(60.0, 20.0)), Some(BlockId(2)));
        assert_eq!(board.block_at(Pos::new(10.0, 20.0)), Some(BlockId(1)));
        assert_eq!(board.block_at(Pos::new(1000.0, 20.0)), None);
        let b = board.bounds().unwrap();
        assert_eq!(b.min, Pos::new(0.0, 0.0));
        assert_eq!(b.max(), Pos::new(230.0, 74.0));
    }
}
