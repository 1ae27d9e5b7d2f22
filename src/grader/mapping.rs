//! Which blocks answer which reference nodes: an optimal one-to-one assignment first, then
//! merges (one block whose words name several adjacent nodes answers all of them) and splits
//! (several blocks that together answer one node).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::matching;
use super::similarity::{Affinity, MATCH_FROM, Prepared, RefTerms, Scorer};

/// How a block answers a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The block the assignment gave the node.
    Primary,
    /// The node is one of several its block's words name.
    Merged,
    /// The block is one more part of a node another block answers.
    Split,
}

/// A split part's words must be this close to the node's own names.
pub const PART_OWN_WORDS: f32 = 0.5;
/// A split needs a block this close to the node.
pub const PART_FROM: f32 = 0.55;
/// A merge needs words this close to the node's names.
pub const MERGE_FROM: f32 = 0.45;
/// Words another merged node already used may name one more this well.
pub const MERGE_SAME_WORDS: f32 = 0.7;
/// A block answers at most this many nodes.
pub const MAX_MERGE: usize = 5;
/// The credit of a node answered by a merge, relative to one drawn on its own.
pub const MERGE_CREDIT: f32 = 0.7;
/// A store or model registry merged into a block that is no store ("Offline: embed every
/// image into the ANN index" for the indexer and the index table) earns this share of a
/// merge's credit more: where data and models are kept is a part of the design an
/// interviewer asks about, and the drawing leaves it out.
pub const ABSORBED_CREDIT: f32 = 0.8;

/// Whether a node of `kind` keeps data or models (a store or a registry).
fn keeps(kind: &str) -> bool {
    super::kinds::is_store(kind) || kind == "model_registry"
}

/// Whether a node of `kind` is data (kept, logged or arriving) rather than a process.
pub(super) fn is_data(kind: &str) -> bool {
    keeps(kind) || matches!(kind, "data_source" | "user_interactions" | "event_stream")
}

/// [`ABSORBED_CREDIT`] when `block` merges a node of `kind` that keeps data or models and
/// is not itself of such a kind, else 1.
fn absorbed(kind: &str, block: &Prepared) -> f32 {
    if keeps(kind) && !block.user.main_kind().is_some_and(keeps) {
        ABSORBED_CREDIT
    } else {
        1.0
    }
}

/// Credit for a match of this affinity: nothing below [`MATCH_FROM`], full from 0.7.
pub fn credit(affinity: f32) -> f32 {
    if affinity < MATCH_FROM {
        0.0
    } else {
        ((affinity - 0.25) / 0.45).clamp(0.0, 1.0)
    }
}

/// A label naming more parts than this commits to none of them: each of its merged nodes
/// earns proportionally less ("A, B, C, D, E, F, G, H" is a list, not a design).
pub const LISTING_FROM: usize = 5;

fn listing_factor(block: &Prepared) -> f32 {
    let parts = block.user.texts.len().saturating_sub(1);
    if parts > LISTING_FROM {
        LISTING_FROM as f32 / parts as f32
    } else {
        1.0
    }
}

/// One (block, node) pair of the mapping.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub user: usize,
    pub node: usize,
    pub role: Role,
    pub affinity: f32,
    /// 0..=1, what the pair earns the node.
    pub credit: f32,
}

/// The whole mapping between the drawing and one reference.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    pub pairs: Vec<Pair>,
    /// For each node, its pairs (primary first).
    pub of_node: Vec<Vec<usize>>,
    /// For each block, its pairs.
    pub of_user: Vec<Vec<usize>>,
}

impl Mapping {
    /// No block answers anything.
    pub fn empty(users: usize, nodes: usize) -> Mapping {
        Mapping {
            pairs: Vec::new(),
            of_node: vec![Vec::new(); nodes],
            of_user: vec![Vec::new(); users],
        }
    }

    /// The nodes block `u` answers.
    pub fn nodes_of(&self, u: usize) -> impl Iterator<Item = usize> + '_ {
        self.of_user[u].iter().map(|&p| self.pairs[p].node)
    }

    /// The blocks answering node `r`, primary first.
    pub fn users_of(&self, r: usize) -> impl Iterator<Item = usize> + '_ {
        self.of_node[r].iter().map(|&p| self.pairs[p].user)
    }

    pub fn is_matched(&self, r: usize) -> bool {
        !self.of_node[r].is_empty()
    }
}

/// The drawing's and the reference's graphs as the mapping reads them.
pub struct Graphs<'a> {
    /// Undirected neighbours of each block and of each node.
    pub user_adj: &'a [BTreeSet<usize>],
    pub ref_adj: &'a [BTreeSet<usize>],
}

/// What a pair of the same kind gains in the assignment: a cross-kind pairing does not win
/// while a free same-kind one fits about as well.
const SAME_KIND: f32 = 0.05;
/// The assignment maximises the sum of each pair's affinity above this.
const ASSIGN_FROM: f32 = 0.35;
/// Pairs at least this alike may match when their arrows agree with the reference.
pub const STRUCTURE_FROM: f32 = 0.15;
/// What each agreeing flow (up to three) adds to a pair.
pub const STRUCTURE_BONUS: f32 = 0.1;

/// Builds the candidate mappings: one from the words alone, one where arrows that agree with
/// the reference's flows have their say. The grade keeps the one that scores better.
pub fn build(scorer: &Scorer<'_>, blocks: &[Prepared], graphs: &Graphs<'_>) -> Vec<Mapping> {
    let Graphs { user_adj, ref_adj } = *graphs;
    let n_refs = scorer.refs.len();
    // On a board with arrows, a block with none is not part of the design yet: it earns
    // nothing, so it takes no part in the search either (adding one never moves the wired
    // blocks' mapping) and answers a node only if one is left free.
    let wired_board = user_adj.iter().any(|a| !a.is_empty());
    let isolated = |u: usize| wired_board && user_adj[u].is_empty();
    let mut affinity: BTreeMap<(usize, usize), Affinity> = BTreeMap::new();
    let mut alone: BTreeMap<(usize, usize), Affinity> = BTreeMap::new();
    for (u, block) in blocks.iter().enumerate() {
        let into = if isolated(u) {
            &mut alone
        } else {
            &mut affinity
        };
        for r in scorer.candidates(block) {
            let a = scorer.affinity(block, r);
            if a.value >= STRUCTURE_FROM {
                into.insert((u, r), a);
            }
        }
    }
    // The assignment by words: affinity, a little more where the kinds agree (the label
    // decides, the kind breaks ties).
    let candidates: Vec<matching::Candidate> = affinity
        .iter()
        .filter(|(_, a)| a.value >= MATCH_FROM)
        .map(|(&(u, r), a)| {
            let same_kind = blocks[u].user.has_kind(&scorer.refs[r].kind);
            (
                u,
                r,
                a.value - ASSIGN_FROM + if same_kind { SAME_KIND } else { 0.0 },
            )
        })
        .collect();
    let candidates = with_regret(candidates);
    let first = matching::assign(&candidates, blocks.len(), n_refs);
    // Second round: a pair whose arrows agree with the reference's flows (with the first
    // round's pairs at the other ends) gains, so that "Cassandra" drawn between batch scoring
    // and the PYMK service answers the pre-computed store.
    let round = |node_of: &BTreeMap<usize, Vec<usize>>| -> Vec<(usize, usize, f32)> {
        let mut effective: BTreeMap<(usize, usize), f32> = BTreeMap::new();
        let mut second: Vec<matching::Candidate> = Vec::new();
        for (&(u, r), a) in &affinity {
            if a.value < STRUCTURE_FROM {
                continue;
            }
            // The blocks `u` is wired to: its neighbours, and past an unmatched
            // infrastructure block, theirs. Which way the arrows point is left to the flows'
            // grade: a reversed arrow says as much about which block is which as one drawn
            // the right way, so reversing one never moves the mapping.
            let mut reach = BTreeSet::new();
            for &v in &user_adj[u] {
                reach.insert(v);
                let infrastructure = blocks[v]
                    .user
                    .main_kind()
                    .is_some_and(super::kinds::is_pass_through);
                if !node_of.contains_key(&v) && infrastructure {
                    reach.extend(user_adj[v].iter().copied());
                }
            }
            reach.remove(&u);
            let agreeing = ref_adj[r]
                .iter()
                .filter(|&&other| {
                    reach
                        .iter()
                        .any(|v| node_of.get(v).is_some_and(|nodes| nodes.contains(&other)))
                })
                .count()
                .min(3);
            let raw = a.value + STRUCTURE_BONUS * agreeing as f32;
            if raw < MATCH_FROM {
                continue;
            }
            effective.insert((u, r), raw.min(1.0));
            let same_kind = blocks[u].user.has_kind(&scorer.refs[r].kind);
            // What a pair gains over leaving both unmatched: two weak pairs must not beat one
            // good one.
            second.push((
                u,
                r,
                raw - ASSIGN_FROM + if same_kind { SAME_KIND } else { 0.0 },
            ));
        }
        matching::assign(&with_regret(second), blocks.len(), n_refs)
            .iter()
            .map(|&(u, r, _)| (u, r, effective[&(u, r)]))
            .collect()
    };
    // The nodes each block answers in a mapping, merges included: a flow to a node merged
    // into a block agrees as much as one to its first node.
    let answers = |primary: &[(usize, usize, f32)]| -> BTreeMap<usize, Vec<usize>> {
        let mapping = complete(primary, &affinity, blocks, user_adj, ref_adj, &scorer.refs);
        (0..blocks.len())
            .filter(|&u| !mapping.of_user[u].is_empty())
            .map(|u| (u, mapping.nodes_of(u).collect()))
            .collect()
    };
    let words: Vec<(usize, usize, f32)> = first
        .iter()
        .map(|&(u, r, _)| (u, r, affinity[&(u, r)].value))
        .collect();
    let structural = round(&answers(&words));
    // Once more from the structural pairs: a wiring that agrees with them settles there, so
    // one more arrow that agrees with the reference rarely moves the mapping elsewhere. The
    // grade keeps the best of the three.
    let settled = round(&answers(&structural));
    // The structural ones first: on a tie, the blocks wired like the reference answer.
    let mut primaries: Vec<Vec<(usize, usize, f32)>> = vec![settled];
    for candidate in [structural, words] {
        if !primaries.contains(&candidate) {
            primaries.push(candidate);
        }
    }
    primaries
        .iter()
        .map(|p| {
            let mut mapping = complete(p, &affinity, blocks, user_adj, ref_adj, &scorer.refs);
            answer_free_nodes(&mut mapping, &alone, blocks, n_refs);
            mapping
        })
        .collect()
}

/// What a block gives up when it answers a node other than the one it names best: a
/// pairing's gain falls by this share of the difference, so that two pairs never beat one
/// when one of them is a block far from what its label says ("Scoring service (GNN)" is the
/// scoring service, not the GNN model, though a light ranker beside it could take scoring).
const REGRET: f32 = 0.5;

/// The candidates with each block's regret taken off; those left with no gain are dropped.
fn with_regret(candidates: Vec<matching::Candidate>) -> Vec<matching::Candidate> {
    let mut best: BTreeMap<usize, f32> = BTreeMap::new();
    for &(u, _, gain) in &candidates {
        let b = best.entry(u).or_insert(gain);
        *b = b.max(gain);
    }
    candidates
        .into_iter()
        .map(|(u, r, gain)| (u, r, gain - REGRET * (best[&u] - gain)))
        .filter(|&(_, _, gain)| gain > 0.0)
        .collect()
}

/// Gives blocks that stand alone the nodes the wired blocks left free, one each, so that the
/// report can say what they would answer.
fn answer_free_nodes(
    mapping: &mut Mapping,
    alone: &BTreeMap<(usize, usize), Affinity>,
    blocks: &[Prepared],
    n_refs: usize,
) {
    let candidates: Vec<matching::Candidate> = alone
        .iter()
        .filter(|&(&(_, r), a)| a.value >= MATCH_FROM && !mapping.is_matched(r))
        .map(|(&(u, r), a)| (u, r, a.value - ASSIGN_FROM))
        .collect();
    for (u, r, _) in matching::assign(&candidates, blocks.len(), n_refs) {
        let value = alone[&(u, r)].value;
        mapping.push(Pair {
            user: u,
            node: r,
            role: Role::Primary,
            affinity: value,
            credit: credit(value),
        });
    }
}

/// How well a block's words name a node it might take in: the node's own names, or the
/// catalog's words for its kind when the block is of that kind ("two-tower scoring" names
/// no candidate generator).
fn merge_words(a: &Affinity, block: &Prepared, node: &RefTerms) -> f32 {
    if block.user.has_kind(&node.kind) {
        a.text
    } else {
        a.own
    }
}

/// A mapping from its primary pairs (block, node, affinity): with merges and splits.
fn complete(
    primary: &[(usize, usize, f32)],
    affinity: &BTreeMap<(usize, usize), Affinity>,
    blocks: &[Prepared],
    user_adj: &[BTreeSet<usize>],
    ref_adj: &[BTreeSet<usize>],
    refs: &[RefTerms],
) -> Mapping {
    let n_refs = refs.len();
    let mut mapping = Mapping {
        pairs: Vec::new(),
        of_node: vec![Vec::new(); n_refs],
        of_user: vec![Vec::new(); blocks.len()],
    };
    for &(u, r, value) in primary {
        let listing = if affinity[&(u, r)].part > 0 {
            listing_factor(&blocks[u])
        } else {
            1.0
        };
        mapping.push(Pair {
            user: u,
            node: r,
            role: Role::Primary,
            affinity: value,
            credit: credit(value) * listing,
        });
    }

    // Merges: a block takes in a free node next to one it answers when its words name that
    // node too, with words the nodes it already answers did not use.
    loop {
        let mut best: Option<(f32, usize, usize)> = None;
        for (&(u, r), a) in affinity {
            if mapping.is_matched(r)
                || mapping.of_user[u].is_empty()
                || mapping.of_user[u].len() >= MAX_MERGE
                || merge_words(a, &blocks[u], &refs[r]) < MERGE_FROM
                || mapping.of_user[u]
                    .iter()
                    .any(|&p| mapping.pairs[p].role == Role::Split)
            {
                continue;
            }
            // Next to the group, or one step away through a node nobody drew.
            let group: Vec<usize> = mapping.nodes_of(u).collect();
            let next_to = group.iter().any(|g| ref_adj[r].contains(g));
            // The node between may be one nobody drew, or one another block answers that
            // this block's words name too ("lookup -> ANN neighbours -> filter" names the
            // filter after the ANN step, whoever else drew the ANN index).
            let one_away = group.iter().any(|g| {
                ref_adj[r].iter().any(|m| {
                    let named = affinity
                        .get(&(u, *m))
                        .is_some_and(|x| x.text >= MERGE_SAME_WORDS);
                    (!mapping.is_matched(*m) || named) && ref_adj[*m].contains(g)
                })
            });
            // Or wired like it: arrows to two or more blocks that answer its neighbours
            // ("Encode query; kNN + BM25 in ES" between the user and the blender is the
            // text search too, though the reference draws it beside the encoder). A block
            // answering one of the neighbours itself counts as one ("Rank, then re-rank
            // rules" with an arrow to the user is wired like the re-ranker, more than the
            // feed service before it).
            let wired_like = user_adj[u]
                .iter()
                .filter(|&&v| mapping.nodes_of(v).any(|x| ref_adj[r].contains(&x)))
                .count()
                + usize::from(next_to);
            // Or named outright and wired to one of its neighbours ("Features: batch store +
            // online features" into the ranker is the online feature computation too).
            let named_and_wired = wired_like >= 1 && a.own >= MERGE_SAME_WORDS;
            if !next_to && !one_away && wired_like < 2 && !named_and_wired {
                continue;
            }
            let used = group.iter().fold(0_u64, |acc, &g| {
                let x = affinity.get(&(u, g));
                match x {
                    Some(x) if x.part == a.part => acc | x.evidence,
                    _ => acc,
                }
            });
            // New words, or words that name this node outright.
            if a.evidence & !used == 0 && a.text < MERGE_SAME_WORDS {
                continue;
            }
            // The block that names the node best takes it, one next to it before one a step
            // away.
            let wired = wired_like >= 2;
            let claim = a.value * if next_to || wired { 1.0 } else { 0.85 }
                + if wired {
                    STRUCTURE_BONUS * wired_like.min(3) as f32
                } else {
                    0.0
                };
            if best.is_none_or(|(v, _, _)| claim > v) {
                best = Some((claim, u, r));
            }
        }
        let Some((_, u, r)) = best else { break };
        let a = affinity[&(u, r)];
        mapping.push(Pair {
            user: u,
            node: r,
            role: Role::Merged,
            affinity: a.value,
            credit: credit(a.value.max(MATCH_FROM))
                * MERGE_CREDIT
                * listing_factor(&blocks[u])
                * absorbed(&refs[r].kind, &blocks[u]),
        });
    }

    // Splits: a free block whose words name a node another block answers, drawn next to
    // that block or to one of the node's neighbours, is one more part of that node.
    let mut splits = Vec::new();
    for u in 0..blocks.len() {
        if !mapping.of_user[u].is_empty() {
            continue;
        }
        let mut best: Option<(f32, usize)> = None;
        for r in 0..n_refs {
            let Some(a) = affinity.get(&(u, r)) else {
                continue;
            };
            // A part names the node in words of its own, not only its kind's, and in what
            // the block is (its whole label or first part), unless it is of the node's kind:
            // "Feature store (user features)" is no part of the user data.
            let describes = a.part > 1 && !blocks[u].user.has_kind(&refs[r].kind);
            // A store is no part of a process, nor a process of a store ("Pre-computed PYMK"
            // lists are not a piece of the PYMK service).
            let other_side = blocks[u]
                .user
                .main_kind()
                .is_some_and(|k| is_data(k) != is_data(&refs[r].kind));
            if a.value < PART_FROM
                || a.own < PART_OWN_WORDS
                || describes
                || other_side
                || !mapping.is_matched(r)
            {
                continue;
            }
            let touches = mapping.users_of(r).any(|o| user_adj[u].contains(&o))
                || ref_adj[r]
                    .iter()
                    .any(|&rn| mapping.users_of(rn).any(|o| user_adj[u].contains(&o)));
            if touches && best.is_none_or(|(v, _)| a.value > v) {
                best = Some((a.value, r));
            }
        }
        if let Some((value, r)) = best {
            splits.push(Pair {
                user: u,
                node: r,
                role: Role::Split,
                affinity: value,
                credit: credit(value),
            });
        }
    }
    for pair in splits {
        let index = mapping.pairs.len();
        mapping.push(pair);
        // A wired part answers before an unwired one of the same node.
        let first = mapping.of_node[pair.node][0];
        let primary = mapping.pairs[first];
        if primary.role == Role::Primary
            && user_adj[primary.user].is_empty()
            && !user_adj[pair.user].is_empty()
        {
            mapping.pairs[first].role = Role::Split;
            mapping.pairs[index].role = Role::Primary;
            let pairs_of_node = &mut mapping.of_node[pair.node];
            let newest = pairs_of_node.len() - 1;
            pairs_of_node.swap(0, newest);
        }
    }
    mapping
}

impl Mapping {
    fn push(&mut self, pair: Pair) {
        let index = self.pairs.len();
        self.of_node[pair.node].push(index);
        self.of_user[pair.user].push(index);
        self.pairs.push(pair);
    }
}
