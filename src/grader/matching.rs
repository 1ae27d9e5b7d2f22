//! Optimal one-to-one assignment of drawn blocks to reference nodes (Hungarian method),
//! run separately on each group of blocks and nodes that could match one another.

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

/// A candidate pair: (user index, reference index, weight). Weights are compared, not summed
/// across groups, so any positive scale works.
pub type Candidate = (usize, usize, f32);

/// Scale from similarity to the integer weights the assignment needs.
const SCALE: f32 = 1_000_000.0;

/// The assignment maximising total weight over the candidate pairs; each user index and each
/// reference index appears at most once. Pairs are returned sorted by user index.
pub fn assign(candidates: &[Candidate], n_users: usize, n_refs: usize) -> Vec<Candidate> {
    let mut groups = Groups::new(n_users + n_refs);
    for &(u, r, _) in candidates {
        groups.join(u, n_users + r);
    }
    // Collect each group's candidates, keyed by the group's root, in a stable order.
    let mut by_group: std::collections::BTreeMap<usize, Vec<Candidate>> =
        std::collections::BTreeMap::new();
    for &c in candidates {
        by_group.entry(groups.root(c.0)).or_default().push(c);
    }
    let mut out = Vec::new();
    for group in by_group.values() {
        out.extend(assign_group(group));
    }
    out.sort_by_key(|c| c.0);
    out
}

fn assign_group(group: &[Candidate]) -> Vec<Candidate> {
    if let [only] = group {
        return vec![*only];
    }
    let mut users: Vec<usize> = group.iter().map(|c| c.0).collect();
    let mut refs: Vec<usize> = group.iter().map(|c| c.1).collect();
    users.sort_unstable();
    users.dedup();
    refs.sort_unstable();
    refs.dedup();
    // The solver needs rows <= columns, so the smaller side becomes the rows.
    let transpose = users.len() > refs.len();
    let (rows, cols) = if transpose {
        (&refs, &users)
    } else {
        (&users, &refs)
    };
    let mut weights = Matrix::new(rows.len(), cols.len(), 0_i64);
    for &(u, r, w) in group {
        let (row, col) = if transpose { (r, u) } else { (u, r) };
        if let (Ok(i), Ok(j)) = (rows.binary_search(&row), cols.binary_search(&col)) {
            weights[(i, j)] = (w * SCALE).round() as i64;
        }
    }
    let (_, columns) = kuhn_munkres(&weights);
    let mut out = Vec::new();
    for (i, &j) in columns.iter().enumerate() {
        let (row, col) = (rows[i], cols[j]);
        let (u, r) = if transpose { (col, row) } else { (row, col) };
        // A zero weight means the solver filled the row with a pair that is not a candidate.
        if let Some(c) = group.iter().find(|c| c.0 == u && c.1 == r) {
            out.push(*c);
        }
    }
    out
}

/// Union-find over user and reference indices.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Self {
        Groups {
            parent: (0..n).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assignment_is_optimal_not_greedy() {
        // Greedy would take (0, 0) at 0.9 and leave user 1 with nothing good; the optimum
        // pairs 0 with 1 and 1 with 0 for a total of 1.6.
        let candidates = [(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.8)];
        let pairs = assign(&candidates, 2, 2);
        assert_eq!(pairs, vec![(0, 1, 0.8), (1, 0, 0.8)]);
    }

    #[test]
    fn more_users_than_references_and_separate_groups_work() {
        let candidates = [(0, 0, 0.7), (1, 0, 0.9), (2, 0, 0.6), (3, 1, 0.8)];
        let pairs = assign(&candidates, 4, 2);
        assert_eq!(pairs, vec![(1, 0, 0.9), (3, 1, 0.8)]);
        assert!(assign(&[], 3, 3).is_empty());
    }
}
