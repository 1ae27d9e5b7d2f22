//! Blocks added already connected, each gesture one undo step: quick add opened by dropping
//! an arrow on empty canvas, and a chain of names typed in one line.

use std::collections::BTreeSet;

use super::{Document, new_block, plain_arrow};
use crate::catalog::Catalog;
use crate::model::{
    Block, BlockId, Board, DEFAULT_BLOCK_SIZE, Edit, EditError, Items, MAX_ITEMS, Pos, Vec2,
};
use crate::text::{canonical, normalize};

/// Space between the blocks of a typed chain, in board units.
pub(super) const CHAIN_GAP: f32 = 60.0;

impl Document {
    /// Adds a block of `kind` labelled `label` (the kind's name when empty) at `pos`, with an
    /// arrow from `from` to it, as one undo step; returns the new block's id.
    pub fn add_connected(
        &mut self,
        catalog: &Catalog,
        from: BlockId,
        kind: &str,
        label: &str,
        pos: Pos,
    ) -> Result<BlockId, EditError> {
        let id = self.board.next_block_id();
        let label = Some(label).filter(|l| !l.trim().is_empty());
        let block = new_block(catalog, id, kind, label, pos);
        self.insert_linked(vec![block], &[(from, id)])?;
        Ok(id)
    }

    /// Adds a chain of names typed in one line (see [`crate::chain::parse`]) as one undo
    /// step, and returns the ids of its blocks in order (one per name; blank names are
    /// skipped).
    ///
    /// - A name that is the label of a block already on the board (or of one made earlier
    ///   in the chain) is that block: same words after [`normalize`], or, failing that, the
    ///   same [`canonical`] words ("re-rank" is the "Re-ranker" block); so is a name whose
    ///   completion is such a label ("rank" when "Ranker" is there). No twin is made.
    /// - Any other name becomes a block as quick add's first suggestion makes it
    ///   ([`Catalog::first_suggestion`]): the kind the matcher is sure of, or `custom`,
    ///   labelled with the name (or the alias's spelling when the name is one, or the name
    ///   or alias it is the start of: "cand" is "Candidate generation").
    /// - New blocks are laid left to right from `at` (the first one's top-left corner),
    ///   60 board units apart (`CHAIN_GAP`) and on the grid when `snap` gives its step.
    ///   One that would overlap a block moves to the nearest free spot
    ///   ([`Board::free_spot`]: further along the row first), and the chain goes on from
    ///   there.
    /// - Arrows join `from` to the first name and each name to the next, straight and
    ///   unlabelled; a pair that is one block, or already joined that way, gets none.
    ///
    /// When nothing would change, no edit is recorded. An edit the board refuses (too many
    /// items, a label too long) leaves it unchanged.
    pub fn add_chain(
        &mut self,
        catalog: &Catalog,
        from: Option<BlockId>,
        names: &[String],
        at: Pos,
        snap: Option<f32>,
    ) -> Result<Vec<BlockId>, EditError> {
        let names: Vec<&str> = names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        let mut labels = Labels::of(&self.board);
        let mut layout = Layout::new(&self.board, at, snap);
        let mut fresh = self.board.fresh_block_ids(names.len()).into_iter();
        let mut blocks: Vec<Block> = Vec::new();
        let mut chain = Vec::with_capacity(names.len());
        for name in names {
            if let Some(id) = labels.find(name) {
                chain.push(id);
                continue;
            }
            let Some(suggestion) = catalog.first_suggestion(name) else {
                continue;
            };
            // A name typed short ("rank") is the block of the name it completes ("Ranker").
            if let Some(id) = labels.find(&suggestion.label) {
                chain.push(id);
                continue;
            }
            // Fresh ids run out only past the item limit, which the edit would refuse anyway.
            let Some(id) = fresh.next() else {
                return Err(EditError::TooMany {
                    what: "blocks",
                    max: MAX_ITEMS,
                });
            };
            let pos = layout.place();
            let block = new_block(catalog, id, &suggestion.kind, Some(&suggestion.label), pos);
            labels.add(id, &block.label);
            blocks.push(block);
            chain.push(id);
        }
        let ends: Vec<BlockId> = from.into_iter().chain(chain.iter().copied()).collect();
        let arrows: Vec<(BlockId, BlockId)> = ends.windows(2).map(|w| (w[0], w[1])).collect();
        self.insert_linked(blocks, &arrows)?;
        Ok(chain)
    }

    /// The block a typed name names, as a typed chain finds it: the same words, or the same
    /// canonical words ("re-rank" is the "Re-ranker" block).
    pub fn block_named(&self, name: &str) -> Option<BlockId> {
        Labels::of(&self.board).find(name)
    }

    /// Inserts `blocks` and a plain arrow for each pair of `arrows` in one edit, leaving out
    /// a pair that is one block or is already joined that way (on the board or earlier in
    /// the list). Records nothing when there is nothing to add.
    fn insert_linked(
        &mut self,
        blocks: Vec<Block>,
        arrows: &[(BlockId, BlockId)],
    ) -> Result<(), EditError> {
        let mut pairs = BTreeSet::new();
        let wanted: Vec<(BlockId, BlockId)> = arrows
            .iter()
            .copied()
            .filter(|&(from, to)| {
                from != to && self.board.find_edge(from, to).is_none() && pairs.insert((from, to))
            })
            .collect();
        if blocks.is_empty() && wanted.is_empty() {
            return Ok(());
        }
        let ids = self.board.fresh_edge_ids(wanted.len());
        let edges = ids
            .into_iter()
            .zip(wanted)
            .map(|(id, (from, to))| plain_arrow(id, from, to))
            .collect();
        self.apply(Edit::Insert(Items {
            blocks,
            edges,
            ..Items::default()
        }))
    }
}

/// The blocks' labels, compared as a typed name is: normalised, then canonical.
struct Labels {
    /// Block id, normalised label and canonical label, in id order and then as added.
    known: Vec<(BlockId, String, String)>,
}

impl Labels {
    fn of(board: &Board) -> Labels {
        let mut labels = Labels { known: Vec::new() };
        for block in board.blocks.values() {
            labels.add(block.id, &block.label);
        }
        labels
    }

    fn add(&mut self, id: BlockId, label: &str) {
        self.known
            .push((id, normalize(label), canonical(label).joined));
    }

    /// The block labelled `name`: the same normalised words first, then the same canonical
    /// words (when there are any: "the service" names nothing).
    fn find(&self, name: &str) -> Option<BlockId> {
        let (normalized, joined) = (normalize(name), canonical(name).joined);
        let same = |pick: &dyn Fn(&(BlockId, String, String)) -> bool| {
            self.known.iter().find(|k| pick(k)).map(|k| k.0)
        };
        same(&|k| !normalized.is_empty() && k.1 == normalized)
            .or_else(|| same(&|k| !joined.is_empty() && k.2 == joined))
    }
}

/// Where the new blocks of a chain go: along a row, around what is already there.
struct Layout {
    /// The board's blocks and the chain's new ones, to find free spots among.
    taken: Board,
    next: Pos,
    snap: Option<f32>,
}

impl Layout {
    fn new(board: &Board, at: Pos, snap: Option<f32>) -> Layout {
        Layout {
            taken: Board {
                blocks: board.blocks.clone(),
                ..Board::default()
            },
            next: at,
            snap,
        }
    }

    fn snapped(&self, pos: Pos) -> Pos {
        self.snap.map_or(pos, |step| pos.snapped(step))
    }

    fn is_free(&self, pos: Pos) -> bool {
        self.taken.free_spot(pos, DEFAULT_BLOCK_SIZE) == pos
    }

    /// The top-left corner of the next new block, which then counts as taken.
    fn place(&mut self) -> Pos {
        let wanted = self.snapped(self.next);
        let pos = if self.is_free(wanted) {
            wanted
        } else {
            let spot = self.taken.free_spot(wanted, DEFAULT_BLOCK_SIZE);
            // A free spot keeps a margin around other blocks, so snapping it seldom makes
            // it overlap; when it does, off the grid is better than on top of a block.
            let on_grid = self.snapped(spot);
            if self.is_free(on_grid) { on_grid } else { spot }
        };
        let id = self.taken.next_block_id();
        self.taken.blocks.insert(
            id,
            Block {
                id,
                kind: String::new(),
                label: String::new(),
                pos,
                size: DEFAULT_BLOCK_SIZE,
                note: String::new(),
            },
        );
        self.next = pos + Vec2::new(DEFAULT_BLOCK_SIZE.x + CHAIN_GAP, 0.0);
        pos
    }
}
