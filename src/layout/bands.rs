//! Each band laid out by its own arrows, the Offline band then shifted under the Online one:
//! the columns of both bands, so that an arrow between the bands runs as straight up or down
//! as it can.

use std::collections::BTreeMap;

use super::layers::{self, Slot};
use crate::catalog::Stage;
use crate::model::Vec2;

/// The slot of every node (`stages[i]` is node `i`'s band): each band layered on its own with
/// the arrows inside it ([`layers::layer`]), the pieces numbered Online first. Then the
/// pieces (and the blocks with no arrow inside their band, each alone) are put in columns
/// one after the other, from the largest Online piece outwards along the arrows between the
/// bands: each moves by the shift that puts most of its arrows to those already placed in
/// one column with the block at their other end (the median). Columns no block uses are then
/// left out.
pub(super) fn layer(
    sizes: &[Vec2],
    stages: &[Stage],
    edges: &[(usize, usize)],
    reversed: bool,
) -> Vec<Slot> {
    let n = sizes.len();
    let mut slots: Vec<Slot> = vec![
        Slot {
            piece: 0,
            rank: 0,
            order: 0,
            lane: 0,
        };
        n
    ];
    // Each node's unit: its piece, or itself when no arrow inside its band touches it.
    let mut unit = vec![0; n];
    let mut units: Vec<(Stage, Vec<usize>)> = Vec::new();
    let mut pieces_before = 0;
    for stage in [Stage::Online, Stage::Offline] {
        let mut members: Vec<usize> = (0..n).filter(|&i| stages[i] == stage).collect();
        if reversed {
            members.reverse();
        }
        if members.is_empty() {
            continue;
        }
        let place: BTreeMap<usize, usize> =
            members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let inside: Vec<(usize, usize)> = edges
            .iter()
            .filter_map(|(a, b)| Some((*place.get(a)?, *place.get(b)?)))
            .collect();
        let mut linked = vec![false; members.len()];
        for &(a, b) in &inside {
            linked[a] = true;
            linked[b] = true;
        }
        let band_sizes: Vec<Vec2> = members.iter().map(|&i| sizes[i]).collect();
        let band = layers::layer(&band_sizes, &inside);
        let mut unit_of_piece: BTreeMap<usize, usize> = BTreeMap::new();
        let mut used = 0;
        for (k, &i) in members.iter().enumerate() {
            let slot = band[k];
            used = used.max(slot.piece + 1);
            slots[i] = Slot {
                piece: pieces_before + slot.piece,
                ..slot
            };
            unit[i] = if linked[k] {
                *unit_of_piece.entry(slot.piece).or_insert_with(|| {
                    units.push((stage, Vec::new()));
                    units.len() - 1
                })
            } else {
                units.push((stage, Vec::new()));
                units.len() - 1
            };
            units[unit[i]].1.push(i);
        }
        pieces_before += used;
    }
    // The arrows each unit has to other units.
    let mut across: Vec<Vec<(usize, usize)>> = vec![Vec::new(); units.len()];
    for &(a, b) in edges {
        if unit[a] != unit[b] {
            across[unit[a]].push((a, b));
            across[unit[b]].push((b, a));
        }
    }
    // Seeds in turn: Online before Offline, larger first; each spreads along its arrows.
    let mut seeds: Vec<usize> = (0..units.len()).collect();
    seeds.sort_by_key(|&u| {
        (
            units[u].0 != Stage::Online,
            std::cmp::Reverse(units[u].1.len()),
        )
    });
    let mut rank: Vec<i64> = slots.iter().map(|s| s.rank as i64).collect();
    let mut placed = vec![false; units.len()];
    let mut queue = std::collections::VecDeque::new();
    for seed in seeds {
        if placed[seed] {
            continue;
        }
        placed[seed] = true;
        queue.push_back(seed);
        while let Some(u) = queue.pop_front() {
            // Each unit reached is shifted once, by the arrows to every unit placed so far.
            for &(_, theirs) in &across[u] {
                let next = unit[theirs];
                if placed[next] {
                    continue;
                }
                placed[next] = true;
                let mut offsets: Vec<i64> = across[next]
                    .iter()
                    .filter(|(_, partner)| placed[unit[*partner]])
                    .map(|&(mine, partner)| rank[partner] - rank[mine])
                    .collect();
                let shift = median(&mut offsets);
                for &i in &units[next].1 {
                    rank[i] += shift;
                }
                queue.push_back(next);
            }
        }
    }
    // Dense columns from 0.
    let mut columns: Vec<i64> = rank.clone();
    columns.sort_unstable();
    columns.dedup();
    slots
        .into_iter()
        .zip(rank)
        .map(|(slot, at)| Slot {
            rank: columns.binary_search(&at).unwrap_or(0),
            ..slot
        })
        .collect()
}

/// The lower middle of `values` (sorted in place); 0 when there are none.
fn median(values: &mut [i64]) -> i64 {
    values.sort_unstable();
    values
        .get(values.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DEFAULT_BLOCK_SIZE;

    #[test]
    fn the_offline_band_moves_under_the_blocks_it_feeds() {
        // Online: 0 -> 1 -> 2. Offline: 3 -> 4, and 4 feeds 2 (the third column).
        let stages = [
            Stage::Online,
            Stage::Online,
            Stage::Online,
            Stage::Offline,
            Stage::Offline,
        ];
        let sizes = [DEFAULT_BLOCK_SIZE; 5];
        let slots = layer(&sizes, &stages, &[(0, 1), (1, 2), (3, 4), (4, 2)], false);
        let ranks: Vec<usize> = slots.iter().map(|s| s.rank).collect();
        assert_eq!(ranks, [0, 1, 2, 1, 2]);
        // The bands' pieces are numbered apart, Online first.
        assert!(slots[3].piece > slots[0].piece);
    }

    #[test]
    fn a_lone_offline_block_goes_to_its_partners_middle_column() {
        // Online: 0 -> 1 -> 2; the lone Offline block 3 feeds 1 and 2.
        let stages = [Stage::Online, Stage::Online, Stage::Online, Stage::Offline];
        let sizes = [DEFAULT_BLOCK_SIZE; 4];
        let slots = layer(&sizes, &stages, &[(0, 1), (1, 2), (3, 1), (3, 2)], false);
        assert_eq!(slots[3].rank, 1);
    }

    #[test]
    fn a_shift_to_the_left_of_the_first_column_moves_everything_right() {
        // Offline 2 -> 3 -> 4 with 4 feeding Online 0 (the first column).
        let stages = [
            Stage::Online,
            Stage::Online,
            Stage::Offline,
            Stage::Offline,
            Stage::Offline,
        ];
        let sizes = [DEFAULT_BLOCK_SIZE; 5];
        let slots = layer(&sizes, &stages, &[(0, 1), (2, 3), (3, 4), (4, 0)], true);
        let ranks: Vec<usize> = slots.iter().map(|s| s.rank).collect();
        assert_eq!(ranks, [2, 3, 0, 1, 2]);
    }
}
