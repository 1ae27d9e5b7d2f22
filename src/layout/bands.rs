//! Each band laid out by its own arrows, the Offline band then shifted under the Online one:
//! the columns of both bands, so that an arrow between the bands runs as straight up or down
//! as it can.

use std::collections::BTreeMap;

use super::layers::{self, Slot};
use crate::catalog::Stage;
use crate::model::Vec2;

/// The slot of every node (`stages[i]` is node `i`'s band): each band layered on its own with
/// the arrows inside it ([`layers::layer`]), the pieces numbered Online first. The Online
/// band keeps its columns; each piece of the Offline band moves by the shift that puts most
/// of its arrows to the Online band in one column with the block at their other end (the
/// median), a block with no arrow inside its band to its partners' middle column. Columns no
/// block uses are then left out.
pub(super) fn layer(
    sizes: &[Vec2],
    stages: &[Stage],
    edges: &[(usize, usize)],
    reversed: bool,
) -> Vec<Slot> {
    let mut slots: Vec<Option<Slot>> = vec![None; sizes.len()];
    let mut rank: Vec<i64> = vec![0; sizes.len()];
    let mut pieces_before = 0;
    let mut anchored = false;
    for stage in [Stage::Online, Stage::Offline] {
        let mut members: Vec<usize> = (0..sizes.len()).filter(|&i| stages[i] == stage).collect();
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
        let band_sizes: Vec<Vec2> = members.iter().map(|&i| sizes[i]).collect();
        let band = layers::layer(&band_sizes, &inside);
        let linked: Vec<bool> = {
            let mut linked = vec![false; members.len()];
            for &(a, b) in &inside {
                linked[a] = true;
                linked[b] = true;
            }
            linked
        };
        // Where each node's partners in the band laid out before sit, relative to it.
        let mut pulls: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        let mut wanted: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        if anchored {
            for &(a, b) in edges {
                for (mine, theirs) in [(a, b), (b, a)] {
                    let Some(&k) = place.get(&mine).filter(|_| slots[theirs].is_some()) else {
                        continue;
                    };
                    let at = rank[theirs];
                    if linked[k] {
                        pulls
                            .entry(band[k].piece)
                            .or_default()
                            .push(at - band[k].rank as i64);
                    } else {
                        wanted.entry(k).or_default().push(at);
                    }
                }
            }
        }
        let shift: BTreeMap<usize, i64> = pulls
            .into_iter()
            .map(|(piece, mut offsets)| (piece, median(&mut offsets)))
            .collect();
        let mut used = 0;
        for (k, &i) in members.iter().enumerate() {
            let slot = band[k];
            used = used.max(slot.piece + 1);
            rank[i] = match wanted.get_mut(&k) {
                Some(at) => median(at),
                None => slot.rank as i64 + shift.get(&slot.piece).copied().unwrap_or(0),
            };
            slots[i] = Some(Slot {
                piece: pieces_before + slot.piece,
                ..slot
            });
        }
        pieces_before += used;
        anchored = true;
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
            ..slot.unwrap_or(Slot {
                piece: 0,
                rank: 0,
                order: 0,
                lane: 0,
            })
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
