//! Where the blocks of a drawing without positions (a Mermaid flowchart) go: columns by
//! flow, left to right (the longest chain of arrows into a block), and rows by subgraph, so
//! that each subgraph's blocks lie in a band of their own and its frame holds only them.
//! One function, `place`, to be swapped for a full layout engine.

use crate::model::{DEFAULT_BLOCK_SIZE, Pos, Rect, Vec2};

/// Distance between the left edges of two columns, and the tops of two rows.
const COLUMN: f32 = 260.0;
const ROW: f32 = 110.0;
/// Room above a subgraph's blocks for its title, and below them, in rows.
const TITLE_ROWS: f32 = 0.5;
const FOOT_ROWS: f32 = 0.3;
/// The height of a subgraph's title strip, above its first row of blocks.
pub(crate) const TITLE_HEIGHT: f32 = TITLE_ROWS * ROW - 12.0;
/// Space between a frame and what it holds, sideways.
const SIDE: f32 = 20.0;

/// The placed blocks (`None` for what is no block) and the subgraphs' frames.
pub(crate) struct Layout {
    pub blocks: Vec<Option<Rect>>,
    pub frames: Vec<Rect>,
}

/// Each node's column: the longest chain of flows into it, after the flows that close a
/// cycle (found by a depth-first walk in node order) are set aside.
fn columns(nodes: usize, flows: &[(usize, usize)]) -> Vec<usize> {
    let mut out_edges = vec![Vec::new(); nodes];
    for &(a, b) in flows {
        if a != b && a < nodes && b < nodes {
            out_edges[a].push(b);
        }
    }
    // 0: not seen, 1: on the walk, 2: done.
    let mut state = vec![0_u8; nodes];
    let mut order = Vec::with_capacity(nodes);
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for root in 0..nodes {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0_usize)];
        state[root] = 1;
        while let Some(&mut (at, ref mut next)) = stack.last_mut() {
            if let Some(&b) = out_edges[at].get(*next) {
                *next += 1;
                match state[b] {
                    0 => {
                        forward[at].push(b);
                        state[b] = 1;
                        stack.push((b, 0));
                    }
                    2 => forward[at].push(b),
                    _ => {} // Closes a cycle: set aside.
                }
            } else {
                state[at] = 2;
                order.push(at);
                stack.pop();
            }
        }
    }
    let mut column = vec![0_usize; nodes];
    for &a in order.iter().rev() {
        for &b in &forward[a] {
            column[b] = column[b].max(column[a] + 1);
        }
    }
    column
}

/// Places `is_node.len()` nodes (those with `is_node` false get no place) joined by `flows`,
/// each in the subgraph `node_group` names; `group_parent` gives each subgraph's parent,
/// which comes before it.
pub(crate) fn place(
    is_node: &[bool],
    flows: &[(usize, usize)],
    node_group: &[Option<usize>],
    group_parent: &[Option<usize>],
) -> Layout {
    let n = is_node.len();
    let groups = group_parent.len();
    let column = columns(n, flows);
    // Each group's (and, last, the top level's) nodes per column.
    let top = groups;
    let group_of = |i: usize| {
        node_group
            .get(i)
            .copied()
            .flatten()
            .filter(|&g| g < groups)
            .unwrap_or(top)
    };
    let mut slots: Vec<std::collections::BTreeMap<usize, usize>> =
        vec![std::collections::BTreeMap::default(); groups + 1];
    let mut slot = vec![0_usize; n];
    for i in (0..n).filter(|&i| is_node[i]) {
        let used = slots[group_of(i)].entry(column[i]).or_insert(0);
        slot[i] = *used;
        *used += 1;
    }
    let rows = |g: usize| slots[g].values().copied().max().unwrap_or(0) as f32;
    let parent = |g: usize| group_parent[g].filter(|&p| p < g).unwrap_or(top);
    // Heights in rows, children before parents (a child comes after its parent).
    let mut height = vec![0.0_f32; groups + 1];
    for g in (0..groups).rev() {
        height[g] += TITLE_ROWS + rows(g).max(1.0) + FOOT_ROWS;
        let h = height[g];
        height[parent(g)] += h;
    }
    // Bands: a group's own rows first, then its subgroups' bands in order.
    let mut start = vec![0.0_f32; groups + 1];
    let mut cursor = vec![0.0_f32; groups + 1];
    cursor[top] = rows(top);
    for g in 0..groups {
        let p = parent(g);
        start[g] = cursor[p];
        cursor[p] += height[g];
        cursor[g] = start[g] + TITLE_ROWS + rows(g).max(1.0);
    }
    let first_row = |g: usize| if g == top { 0.0 } else { start[g] + TITLE_ROWS };
    let blocks: Vec<Option<Rect>> = (0..n)
        .map(|i| {
            is_node[i].then(|| {
                let g = group_of(i);
                let pos = Pos::new(
                    column[i] as f32 * COLUMN,
                    (first_row(g) + slot[i] as f32) * ROW,
                );
                Rect::new(pos, DEFAULT_BLOCK_SIZE)
            })
        })
        .collect();
    // Frames: around their blocks and subgroups sideways, their band up and down.
    let mut span: Vec<Option<(f32, f32)>> = vec![None; groups + 1];
    let widen = |s: &mut Option<(f32, f32)>, lo: f32, hi: f32| {
        *s = Some(s.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
    };
    for (i, rect) in blocks.iter().enumerate() {
        if let Some(r) = rect {
            widen(&mut span[group_of(i)], r.min.x, r.max().x);
        }
    }
    let mut frames = vec![Rect::new(Pos::new(0.0, 0.0), Vec2::new(1.0, 1.0)); groups];
    for g in (0..groups).rev() {
        let (lo, hi) = span[g].unwrap_or((0.0, DEFAULT_BLOCK_SIZE.x));
        let (lo, hi) = (lo - SIDE, hi + SIDE);
        frames[g] = Rect::new(
            Pos::new(lo, start[g] * ROW),
            Vec2::new(hi - lo, (height[g] - FOOT_ROWS / 2.0) * ROW),
        );
        let p = parent(g);
        if p != top {
            widen(&mut span[p], lo, hi);
        }
    }
    Layout { blocks, frames }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flows_go_left_to_right_and_cycles_do_not_hang() {
        let cols = columns(4, &[(0, 1), (1, 2), (2, 0), (0, 3), (3, 2)]);
        assert_eq!(cols, vec![0, 1, 2, 1]);
    }

    #[test]
    fn each_subgraph_frame_holds_exactly_its_blocks() {
        // Nodes 0 and 1 in subgraph 0, node 2 in subgraph 1 (inside 0), node 3 outside.
        let is_node = [true; 4];
        let layout = place(
            &is_node,
            &[(3, 0), (0, 1), (1, 2)],
            &[Some(0), Some(0), Some(1), None],
            &[None, Some(0)],
        );
        let rects: Vec<Rect> = layout.blocks.iter().map(|r| r.unwrap()).collect();
        let inside =
            |f: &Rect| -> Vec<usize> { (0..4).filter(|&i| f.contains_rect(&rects[i])).collect() };
        assert_eq!(inside(&layout.frames[0]), vec![0, 1, 2]);
        assert_eq!(inside(&layout.frames[1]), vec![2]);
        assert!(layout.frames[0].contains_rect(&layout.frames[1]));
        for a in 0..4 {
            for b in a + 1..4 {
                assert!(!rects[a].intersects(&rects[b]), "{a} and {b} overlap");
            }
        }
    }
}
