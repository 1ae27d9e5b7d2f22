//! Which column each block goes in and in which order a column stacks its blocks: dagre's
//! layered layout of each connected piece of the graph, within a work budget.

use std::collections::BTreeMap;

use dagre::graph::{Graph, GraphOptions};
use dagre::{Acyclicer, EdgeLabel, LayoutOptions, NodeLabel, RankDir, Ranker};

use crate::model::Vec2;

/// Where the layering puts one block: its piece (a connected part of the graph, or the
/// blocks with no arrow, gathered), its column within the piece, a key that orders the
/// blocks of one column from top to bottom, and its lane: where dagre put it across the flow
/// (blocks joined by a long arrow share a lane no other block crosses), or its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Slot {
    pub piece: usize,
    pub rank: usize,
    pub order: usize,
    pub lane: i64,
}

/// Most work (blocks plus the dummy nodes dagre adds along long arrows, estimated) one piece
/// may give dagre. Its port keeps graphs in string-keyed maps and removes nodes in linear
/// time, so its cost grows with the square of this: at the limit a piece takes a few tenths
/// of a second.
const PIECE_BUDGET: usize = 12_000;
/// Most work all pieces together may give dagre; the rest get the plain layering.
const TOTAL_BUDGET: usize = 24_000;
/// Pieces up to this many blocks get dagre's best ranker (network simplex); larger ones its
/// faster tight-tree ranker, which places most arrows just as short.
const SIMPLEX_BLOCKS: usize = 300;
/// Dagre and its graph recurse once per node along a path: its own thread has room for the
/// deepest piece the budget lets through.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// The slot of every node (`sizes[i]` is node `i`'s size; `edges` join node indices, in the
/// order the layout should see them: no self-loops, no repeats).
pub(super) fn layer(sizes: &[Vec2], edges: &[(usize, usize)]) -> Vec<Slot> {
    let pieces = pieces(sizes.len(), edges);
    let mut slots = vec![
        Slot {
            piece: 0,
            rank: 0,
            order: 0,
            lane: 0,
        };
        sizes.len()
    ];
    let mut jobs = Vec::new();
    let mut spent = 0;
    let mut widest = 1;
    for (number, piece) in pieces.connected.iter().enumerate() {
        let local = local_edges(piece, edges);
        let plain = plain_layers(piece.len(), &local);
        widest = widest.max(plain.ranks.iter().max().map_or(1, |r| r + 1));
        if plain.work <= PIECE_BUDGET && spent + plain.work <= TOTAL_BUDGET {
            spent += plain.work;
            let piece_sizes = piece.iter().map(|&i| sizes[i]).collect();
            jobs.push((number, piece_sizes, local));
        }
        for (k, &node) in piece.iter().enumerate() {
            slots[node] = Slot {
                piece: number,
                rank: plain.ranks[k],
                order: plain.order[k],
                lane: plain.order[k] as i64,
            };
        }
    }
    for (number, layered) in run_dagre(jobs) {
        for (k, &node) in pieces.connected[number].iter().enumerate() {
            let (rank, order, lane) = layered[k];
            slots[node] = Slot {
                piece: number,
                rank,
                order,
                lane,
            };
        }
    }
    // Blocks without arrows: one piece after the others, filling the columns row by row.
    let columns = widest.max(pieces.alone.len().isqrt()).max(1);
    for (k, &node) in pieces.alone.iter().enumerate() {
        slots[node] = Slot {
            piece: pieces.connected.len(),
            rank: k % columns,
            order: k / columns,
            lane: (k / columns) as i64,
        };
    }
    slots
}

/// The nodes split into connected pieces (by their arrows, either way), each in index order
/// and numbered by its first node, and the nodes with no arrow at all.
struct Pieces {
    connected: Vec<Vec<usize>>,
    alone: Vec<usize>,
}

/// The first node of `i`'s set, halving the path there on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn pieces(n: usize, edges: &[(usize, usize)]) -> Pieces {
    let mut parent: Vec<usize> = (0..n).collect();
    let mut linked = vec![false; n];
    for &(a, b) in edges {
        linked[a] = true;
        linked[b] = true;
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut number_of_root = BTreeMap::new();
    let mut out = Pieces {
        connected: Vec::new(),
        alone: Vec::new(),
    };
    for (i, linked) in linked.into_iter().enumerate() {
        if !linked {
            out.alone.push(i);
            continue;
        }
        let r = root(&mut parent, i);
        let number = *number_of_root.entry(r).or_insert_with(|| {
            out.connected.push(Vec::new());
            out.connected.len() - 1
        });
        out.connected[number].push(i);
    }
    out
}

/// The arrows among `piece`'s nodes, renumbered by their place in it.
fn local_edges(piece: &[usize], edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let place: BTreeMap<usize, usize> = piece.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    edges
        .iter()
        .filter_map(|(a, b)| Some((*place.get(a)?, *place.get(b)?)))
        .collect()
}

/// One piece for dagre: its number, its nodes' sizes and its arrows.
type Job = (usize, Vec<Vec2>, Vec<(usize, usize)>);

/// Runs dagre on each piece, on a thread with a deep stack; a piece dagre could not lay out
/// (it panicked) is left out, and keeps its plain layering.
fn run_dagre(jobs: Vec<Job>) -> Vec<(usize, Vec<Dagre>)> {
    if jobs.is_empty() {
        return Vec::new();
    }
    let work = move || {
        jobs.into_iter()
            .filter_map(|(number, sizes, edges)| {
                let run = std::panic::AssertUnwindSafe(|| dagre_piece(&sizes, &edges));
                let layered = std::panic::catch_unwind(run).ok()??;
                Some((number, layered))
            })
            .collect()
    };
    std::thread::Builder::new()
        .name("tidy layout".to_owned())
        .stack_size(STACK_BYTES)
        .spawn(work)
        .ok()
        .and_then(|handle| handle.join().ok())
        .unwrap_or_default()
}

/// What dagre says of one node: its rank, its order within the rank, and its lane.
type Dagre = (usize, usize, i64);

/// Dagre's rank (made dense from 0), order within its rank and position across the flow
/// (rounded) of every node of one piece.
fn dagre_piece(sizes: &[Vec2], edges: &[(usize, usize)]) -> Option<Vec<Dagre>> {
    let mut g: Graph<NodeLabel, EdgeLabel> = Graph::with_options(GraphOptions {
        directed: true,
        multigraph: true,
        compound: false,
    });
    for (i, size) in sizes.iter().enumerate() {
        let label = NodeLabel {
            width: f64::from(size.x),
            height: f64::from(size.y),
            ..NodeLabel::default()
        };
        g.set_node(i.to_string(), Some(label));
    }
    for (a, b) in edges {
        g.set_edge(
            a.to_string(),
            b.to_string(),
            Some(EdgeLabel::default()),
            None,
        );
    }
    let ranker = if sizes.len() <= SIMPLEX_BLOCKS {
        Ranker::NetworkSimplex
    } else {
        Ranker::TightTree
    };
    let options = LayoutOptions {
        rankdir: RankDir::LR,
        nodesep: 40.0,
        ranksep: 100.0,
        ranker,
        acyclicer: Some(Acyclicer::Greedy),
        ..LayoutOptions::default()
    };
    dagre::layout(&mut g, Some(options));
    let raw: Vec<(i32, usize, i64)> = (0..sizes.len())
        .map(|i| {
            let node = g.node(&i.to_string())?;
            let across = node.y.filter(|y| y.is_finite())?;
            Some((node.rank?, node.order?, across.round() as i64))
        })
        .collect::<Option<_>>()?;
    // Dagre leaves room between ranks for arrow labels; the columns need none.
    let mut used: Vec<i32> = raw.iter().map(|(rank, _, _)| *rank).collect();
    used.sort_unstable();
    used.dedup();
    raw.into_iter()
        .map(|(rank, order, lane)| Some((used.binary_search(&rank).ok()?, order, lane)))
        .collect()
}

/// A layering that needs no library and little work: cycles broken by a depth-first search
/// in index order, ranks by longest path, each rank ordered by where its blocks'
/// predecessors are. It is what pieces beyond the budget get, and its spans estimate what
/// dagre would have to do.
struct Plain {
    ranks: Vec<usize>,
    order: Vec<usize>,
    /// Nodes plus twice the columns every arrow spans (dagre's dummy nodes).
    work: usize,
}

fn plain_layers(n: usize, edges: &[(usize, usize)]) -> Plain {
    let mut out_edges = vec![Vec::new(); n];
    for &(a, b) in edges {
        out_edges[a].push(b);
    }
    let forward = forward_edges(&out_edges);
    let mut indegree = vec![0usize; n];
    let mut successors = vec![Vec::new(); n];
    for &(a, b) in &forward {
        indegree[b] += 1;
        successors[a].push(b);
    }
    let mut ranks = vec![0usize; n];
    let mut ready: std::collections::VecDeque<usize> =
        (0..n).filter(|&i| indegree[i] == 0).collect();
    while let Some(a) = ready.pop_front() {
        for &b in &successors[a] {
            ranks[b] = ranks[b].max(ranks[a] + 1);
            indegree[b] -= 1;
            if indegree[b] == 0 {
                ready.push_back(b);
            }
        }
    }
    let work = n + edges
        .iter()
        .map(|&(a, b)| 2 * ranks[a].abs_diff(ranks[b]))
        .sum::<usize>();
    // Each rank in the order of its nodes' predecessors' mean place, then by index.
    let top = ranks.iter().max().copied().unwrap_or(0);
    let mut by_rank: Vec<Vec<usize>> = vec![Vec::new(); top + 1];
    for (i, &r) in ranks.iter().enumerate() {
        by_rank[r].push(i);
    }
    let mut predecessors = vec![Vec::new(); n];
    for &(a, b) in &forward {
        predecessors[b].push(a);
    }
    let mut order = vec![0usize; n];
    for nodes in &mut by_rank {
        let key = |i: usize| {
            let places = &predecessors[i];
            if places.is_empty() {
                return 0.0;
            }
            places.iter().map(|&p| order[p] as f64).sum::<f64>() / places.len() as f64
        };
        let mut keyed: Vec<(f64, usize)> = nodes.iter().map(|&i| (key(i), i)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (place, (_, i)) in keyed.into_iter().enumerate() {
            order[i] = place;
        }
    }
    Plain { ranks, order, work }
}

/// The arrows that do not close a cycle: those a depth-first search (in index order, without
/// recursion) does not find pointing back to a node still on its path.
fn forward_edges(out_edges: &[Vec<usize>]) -> Vec<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let n = out_edges.len();
    let mut mark = vec![Mark::New; n];
    let mut forward = Vec::new();
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        mark[start] = Mark::OnPath;
        let mut path = vec![(start, 0usize)];
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            let Some(&to) = out_edges[node].get(*next) else {
                mark[node] = Mark::Done;
                path.pop();
                continue;
            };
            *next += 1;
            match mark[to] {
                Mark::OnPath => {}
                Mark::Done => forward.push((node, to)),
                Mark::New => {
                    forward.push((node, to));
                    mark[to] = Mark::OnPath;
                    path.push((to, 0));
                }
            }
        }
    }
    forward
}

/// Each node's strongly connected component (Tarjan's), numbered in the order they close.
pub(super) fn cycles(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut next = vec![Vec::new(); n];
    for &(a, b) in edges {
        next[a].push(b);
    }
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = vec![usize::MAX; n];
    let mut counter = 0;
    let mut found = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, how many of its successors are done)
        let mut work = vec![(root, 0)];
        while let Some(&mut (v, ref mut k)) = work.last_mut() {
            if *k == 0 && index[v] == usize::MAX {
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = next[v].get(*k) {
                *k += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    out[w] = found;
                    if w == v {
                        break;
                    }
                }
                found += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: Vec2 = crate::model::DEFAULT_BLOCK_SIZE;

    #[test]
    fn a_chain_takes_one_column_per_block_and_a_cycle_is_broken() {
        let slots = layer(&[SIZE; 3], &[(0, 1), (1, 2), (2, 0)]);
        let ranks: Vec<usize> = slots.iter().map(|s| s.rank).collect();
        assert_eq!(ranks, [0, 1, 2]);
        assert!(slots.iter().all(|s| s.piece == 0));
    }

    #[test]
    fn pieces_are_numbered_by_their_first_block_and_lone_blocks_come_last() {
        let slots = layer(&[SIZE; 5], &[(3, 4), (0, 2)]);
        let pieces: Vec<usize> = slots.iter().map(|s| s.piece).collect();
        assert_eq!(pieces, [0, 2, 0, 1, 1]);
    }

    #[test]
    fn the_plain_layering_breaks_cycles_and_orders_by_predecessors() {
        let plain = plain_layers(4, &[(0, 2), (1, 3), (3, 1), (0, 3)]);
        // The search reaches 1 through 3, so 1 -> 3 closes the cycle.
        assert_eq!(plain.ranks, [0, 2, 1, 1]);
        assert_eq!((plain.order[2], plain.order[3]), (0, 1));
        assert_eq!(plain.work, 4 + 2 * 4);
    }

    #[test]
    fn the_plain_layering_survives_a_long_chain() {
        let n = 100_000;
        let edges: Vec<(usize, usize)> = (1..n).map(|i| (i - 1, i)).collect();
        let plain = plain_layers(n, &edges);
        assert_eq!(plain.ranks[n - 1], n - 1);
    }

    #[test]
    fn blocks_on_one_loop_share_a_cycle_and_the_rest_do_not() {
        // 0 -> 1 -> 2 -> 0 is a loop; 2 -> 3 leaves it; 4 -> 4 is no edge here.
        let cycle = cycles(5, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
        assert_eq!(cycle[0], cycle[1]);
        assert_eq!(cycle[1], cycle[2]);
        assert_ne!(cycle[2], cycle[3]);
        assert_ne!(cycle[3], cycle[4]);
        // A long chain does not recurse.
        let chain: Vec<(usize, usize)> = (0..99_999).map(|i| (i, i + 1)).collect();
        let cycle = cycles(100_000, &chain);
        assert_eq!(
            cycle
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            100_000
        );
    }
}
