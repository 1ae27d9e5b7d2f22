//! A synthetic board of any size for the benchmarks: blocks on a grid with catalog kinds and
//! distinct labels, 1.5 arrows per block, and a frame per hundred blocks.

use archdrill::catalog::Catalog;
use archdrill::model::{
    Block, BlockId, Board, DEFAULT_BLOCK_SIZE, Edge, EdgeId, Frame, FrameId, Pos, Rect, Routing,
    Vec2,
};

/// Blocks per row of the grid.
const COLUMNS: u32 = 40;

/// A board of `n` blocks with about `1.5 n` arrows: each block points to the next one in its
/// row, and every other block also to the block below it.
pub fn board(catalog: &Catalog, n: u32) -> Board {
    let kinds: Vec<&str> = catalog.kinds().iter().map(|k| k.id.as_str()).collect();
    let mut board = Board {
        title: format!("Synthetic board of {n} blocks"),
        ..Board::default()
    };
    let at = |i: u32| Pos::new((i % COLUMNS) as f32 * 240.0, (i / COLUMNS) as f32 * 140.0);
    for i in 0..n {
        let id = BlockId(i + 1);
        let kind = kinds[i as usize % kinds.len()];
        board.blocks.insert(
            id,
            Block {
                id,
                kind: kind.to_owned(),
                label: format!("{} {i}", kind.replace('_', " ")),
                pos: at(i),
                size: DEFAULT_BLOCK_SIZE,
                note: String::new(),
            },
        );
    }
    let mut next_edge = 1;
    let mut connect = |board: &mut Board, from: u32, to: u32, routing: Routing| {
        let id = EdgeId(next_edge);
        next_edge += 1;
        board.edges.insert(
            id,
            Edge {
                id,
                from: BlockId(from + 1),
                to: BlockId(to + 1),
                label: if from.is_multiple_of(7) {
                    "features".to_owned()
                } else {
                    String::new()
                },
                routing,
                undirected: false,
            },
        );
    };
    for i in 0..n {
        if i % COLUMNS + 1 < COLUMNS && i + 1 < n {
            connect(&mut board, i, i + 1, Routing::Straight);
        }
        if i % 2 == 0 && i + COLUMNS < n {
            connect(&mut board, i, i + COLUMNS, Routing::Elbow);
        }
    }
    for f in 0..n.div_ceil(100) {
        let first = at(f * 100);
        let id = FrameId(f + 1);
        board.frames.insert(
            id,
            Frame {
                id,
                label: format!("Stage {f}"),
                rect: Rect::new(
                    first - Vec2::new(20.0, 30.0),
                    Vec2::new(COLUMNS as f32 * 240.0, 3.0 * 140.0),
                ),
            },
        );
    }
    board
}
