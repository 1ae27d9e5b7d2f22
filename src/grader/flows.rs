//! Flow credit: which reference flows the drawing carries, directly, through pass-through
//! infrastructure, or past a node the user left out; which point the wrong way; and what
//! each drawn arrow counts as.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::contracted::contracted_paths;
use super::kinds;
use super::mapping::Mapping;
pub use super::statuses::{ArrowStatus, EdgeStatus};
use super::words::{Words, name_similarity};
use crate::cases::CaseStudy;
use crate::model::BlockId;

/// Credit of a reversed processing flow.
pub const REVERSED_CREDIT: f32 = 0.2;
/// Credit of a flow that skips a node the user did not draw, for each reference arrow on
/// the skipped stretch.
pub const CONTRACTED_CREDIT: f32 = 0.8;
/// Credit of a reference flow between two nodes one block answers (a merge).
pub const WITHIN_CREDIT: f32 = 0.5;
/// Below this share of processing flows drawn the right way, a store read drawn as a
/// request earns what a reversed flow does ...
const CONVENTION_FROM: f32 = 0.2;
/// ... and from this share, full credit.
const CONVENTION_FULL: f32 = 0.7;
/// A pass-through block joining more answers than this is a hub: it carries each flow only
/// as far as the flows it implies are the reference's.
const HUB_FROM: usize = 5;
/// Most pass-through blocks in a row one flow may cross.
const MAX_VIA: usize = 2;
/// Credit of a flow drawn through a processing step the reference does not have (a block
/// that answers nothing, such as "Build training set" between the logs and training): the
/// flow is there, with a step of the user's own on the way. One such step per flow.
pub const STEP_CREDIT: f32 = 0.85;
/// A step whose words name the data its flow carries this well ("Labels" between the review
/// team and training, on the reference's "labels" flow) is that data drawn as a block: the
/// flow earns full credit and the block costs nothing ...
pub const DATA_FROM: f32 = 0.6;
/// ... as is one all of whose words are in the flow's label, this alike ("Labels" on
/// "natural labels").
const DATA_WITHIN_FROM: f32 = 0.4;

/// Whether a block's name names the data of a flow with this label.
fn names_flow(name: &Words, flow: &Words) -> bool {
    let (similarity, evidence) = name_similarity(name, flow);
    let every_word = name.words.len() < 64 && evidence == (1_u64 << name.words.len()) - 1;
    similarity >= DATA_FROM || every_word && similarity >= DATA_WITHIN_FROM
}

/// One reference flow and how it was answered.
#[derive(Clone, Debug)]
pub struct FlowResult {
    pub edge: usize,
    pub status: EdgeStatus,
    pub credit: f32,
    /// The drawn arrows that carry it.
    pub arrows: Vec<usize>,
    /// Whether they cross a step of the user's own ...
    pub step: bool,
    /// ... that names the data the flow carries.
    pub data: bool,
}

/// One drawn arrow and what it counts as.
#[derive(Clone, Copy, Debug)]
pub struct ArrowResult {
    pub status: ArrowStatus,
    pub credit: f32,
}

pub struct FlowCheck {
    pub flows: Vec<FlowResult>,
    pub arrows: Vec<ArrowResult>,
    /// Per block, whether it is the data of a flow it carries (see [`DATA_FROM`]).
    pub data: Vec<bool>,
}

/// The drawing as the flow check sees it.
pub struct Drawn<'a> {
    /// (from block, to block) per arrow, as indexes into the block list.
    pub arrows: &'a [(usize, usize)],
    /// Per arrow, whether it is a line of unknown direction (see `model::Edge::undirected`):
    /// flows follow it either way, and it is never reversed.
    pub undirected: &'a [bool],
    /// The kind each block counts as (its own, or the one its label names).
    pub kinds: &'a [Option<&'a str>],
    pub ids: &'a [BlockId],
    /// What each block is, in words: its whole label and its first part.
    pub names: &'a [Vec<Words>],
}

/// A way from one block to another: the arrows taken and the blocks crossed.
#[derive(Clone, Debug)]
struct Route {
    arrows: Vec<usize>,
    via: Vec<usize>,
    /// Whether one of `via` is a step of the user's own rather than infrastructure.
    step: bool,
}

#[expect(
    clippy::too_many_lines,
    reason = "routes, hubs, flows, skipped nodes and arrows share the same tables"
)]
pub fn check(case: &CaseStudy, mapping: &Mapping, drawn: &Drawn<'_>) -> FlowCheck {
    let n = drawn.kinds.len();
    let node_index: BTreeMap<&str, usize> = case
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let answers_required: Vec<bool> = (0..n)
        .map(|u| mapping.nodes_of(u).any(|r| !case.nodes[r].optional))
        .collect();
    // Blocks a flow may pass through: infrastructure that answers no required node.
    // Blocks a flow may pass through: infrastructure that answers no required node (one that
    // does is that node, and flows through it are the reference's flows to and from it).
    let pass: Vec<bool> = (0..n)
        .map(|u| !answers_required[u] && drawn.kinds[u].is_some_and(kinds::is_pass_through))
        .collect();
    // Steps of the user's own: processing blocks that answer no node at all. A flow may
    // cross one of them, at a share of its credit; they also end flows (as extras).
    let step: Vec<bool> = (0..n)
        .map(|u| {
            !pass[u]
                && mapping.of_user[u].is_empty()
                && !drawn.kinds[u].is_some_and(kinds::is_neutral)
        })
        .collect();
    // The arrows leaving each block, with the block each reaches; a line of unknown
    // direction leaves both its ends, so a flow may follow it either way.
    let mut out_arrows: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (i, &(a, b)) in drawn.arrows.iter().enumerate() {
        out_arrows[a].push((i, b));
        if drawn.undirected.get(i).copied().unwrap_or(false) {
            out_arrows[b].push((i, a));
        }
    }
    // Every way from a block that is not pass-through to another, crossing only pass-through
    // blocks; the shortest for each pair.
    let mut routes: BTreeMap<(usize, usize), Route> = BTreeMap::new();
    // Every other way between the same two blocks (longer, through other infrastructure).
    let mut detours: BTreeMap<(usize, usize), Vec<Route>> = BTreeMap::new();
    for start in (0..n).filter(|&u| !pass[u]) {
        let mut queue = VecDeque::from([(
            start,
            Route {
                arrows: Vec::new(),
                via: Vec::new(),
                step: false,
            },
        )]);
        let mut seen = BTreeSet::from([start]);
        while let Some((at, route)) = queue.pop_front() {
            for &(arrow, next) in &out_arrows[at] {
                let mut longer = route.clone();
                longer.arrows.push(arrow);
                if !pass[next] && next != start {
                    match routes.entry((start, next)) {
                        std::collections::btree_map::Entry::Occupied(_) => {
                            detours
                                .entry((start, next))
                                .or_default()
                                .push(longer.clone());
                        }
                        std::collections::btree_map::Entry::Vacant(slot) => {
                            slot.insert(longer.clone());
                        }
                    }
                }
                let crossable = pass[next] || step[next] && !longer.step && !step[start];
                if crossable && next != start && longer.via.len() < MAX_VIA && seen.insert(next) {
                    longer.step |= step[next];
                    longer.via.push(next);
                    queue.push_back((next, longer));
                }
            }
        }
    }

    // The reference relation between matched nodes: a direct flow, or a flow through nodes
    // nobody drew (with the arrows on the way).
    let ref_out: Vec<Vec<usize>> = {
        let mut v = vec![Vec::new(); case.nodes.len()];
        for (e, edge) in case.edges.iter().enumerate() {
            if let Some(&a) = node_index.get(edge.from.as_str()) {
                v[a].push(e);
            }
        }
        v
    };
    let end = |e: usize| node_index.get(case.edges[e].to.as_str()).copied();
    let start_of = |e: usize| node_index.get(case.edges[e].from.as_str()).copied();
    // A read of a store (data flowing out of it) is often drawn as the request that makes
    // it, the other way round, and a write as the store asking for its data: either way
    // round is the same flow.
    let is_store_edge = |e: usize| {
        [start_of(e), end(e)]
            .into_iter()
            .flatten()
            .any(|r| kinds::is_store(&case.nodes[r].kind))
    };

    // Which pass-through blocks are selective: a queue or gateway that joins everything to
    // everything (a hub) implies many flows the reference does not have, and carries each
    // real one at a share.
    let contracted = contracted_paths(case, mapping, &ref_out, &end);
    let mut ref_pairs: BTreeSet<(usize, usize)> = contracted.keys().copied().collect();
    for e in 0..case.edges.len() {
        if let (Some(x), Some(y)) = (start_of(e), end(e)) {
            ref_pairs.insert((x, y));
            if is_store_edge(e) {
                ref_pairs.insert((y, x));
            }
        }
    }
    let related = |a: usize, b: usize| -> bool {
        mapping
            .nodes_of(a)
            .any(|x| mapping.nodes_of(b).any(|y| ref_pairs.contains(&(x, y))))
    };
    let mut selectivity = vec![1.0_f32; n];
    // Which pairs of blocks each pass-through block joins, over every way drawn.
    let mut joins: Vec<BTreeSet<(usize, usize)>> = vec![BTreeSet::new(); n];
    for (&pair, route) in &routes {
        for &x in &route.via {
            joins[x].insert(pair);
        }
    }
    for (&pair, ways) in &detours {
        for route in ways {
            for &x in &route.via {
                joins[x].insert(pair);
            }
        }
    }
    for x in (0..n).filter(|&u| pass[u] || step[u]) {
        // Only pairs of blocks that answer required nodes say what the block carries; one
        // that joins a few of them (a gateway in front of a service, a service calling each
        // step) is plumbing, one that joins many to many is a hub.
        let pairs: Vec<&(usize, usize)> = joins[x]
            .iter()
            .filter(|(a, b)| a != b && answers_required[*a] && answers_required[*b])
            .collect();
        let joined: BTreeSet<usize> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
        if joined.len() <= HUB_FROM {
            continue;
        }
        let implied = pairs.len();
        let good = pairs.iter().filter(|&&&(a, b)| related(a, b)).count();
        if implied > 2 {
            selectivity[x] = (good as f32 / implied as f32).min(1.0);
        }
    }
    // Whether every step of the user's own on a route names the data of flow `e`.
    let edge_words: Vec<Words> = case.edges.iter().map(|e| Words::new(&e.label)).collect();
    let names_data = |route: &Route, e: usize| {
        route.step
            && route
                .via
                .iter()
                .filter(|&&x| step[x])
                .all(|&x| drawn.names[x].iter().any(|w| names_flow(w, &edge_words[e])))
    };
    // What a route carries of flow `e` (or of a stretch of flows, with `None`).
    let route_credit = |route: &Route, e: Option<usize>| {
        let carried = route
            .via
            .iter()
            .map(|&x| selectivity[x])
            .fold(1.0, f32::min);
        if route.step && !e.is_some_and(|e| names_data(route, e)) {
            carried * STEP_CREDIT
        } else {
            carried
        }
    };

    let mut flows: Vec<FlowResult> = Vec::new();
    let (mut forward, mut backward) = (0_usize, 0_usize);
    let mut reads_drawn_as_requests: Vec<(usize, f32)> = Vec::new();
    let mut carried: Vec<(Vec<usize>, f32, ArrowStatus)> = Vec::new();
    for (e, _) in case.edges.iter().enumerate() {
        let (Some(x), Some(y)) = (start_of(e), end(e)) else {
            flows.push(missing(e));
            continue;
        };
        let xs: Vec<usize> = mapping.users_of(x).collect();
        let ys: Vec<usize> = mapping.users_of(y).collect();
        if xs.iter().any(|u| ys.contains(u)) {
            flows.push(FlowResult {
                edge: e,
                status: EdgeStatus::Within,
                credit: WITHIN_CREDIT,
                arrows: Vec::new(),
                step: false,
                data: false,
            });
            continue;
        }
        let best = |forward: bool| -> Option<(f32, &Route)> {
            let mut best: Option<(f32, &Route)> = None;
            for &a in &xs {
                for &b in &ys {
                    let key = if forward { (a, b) } else { (b, a) };
                    if let Some(route) = routes.get(&key) {
                        let c = route_credit(route, Some(e));
                        if best
                            .is_none_or(|(v, r)| c > v || (c == v && route.via.len() < r.via.len()))
                        {
                            best = Some((c, route));
                        }
                    }
                }
            }
            best
        };
        let result = if let Some((c, route)) = best(true) {
            if !is_store_edge(e) {
                forward += 1;
            }
            // Every other way the drawing carries the flow counts too: a direct arrow added
            // beside a route through a gateway takes nothing from the route.
            // With a store at one end, the arrow back is the same flow's other half (the
            // request and its answer).
            let both_ways = is_store_edge(e);
            for &a in &xs {
                for &b in &ys {
                    let back = if both_ways { Some((b, a)) } else { None };
                    let ways = [Some((a, b)), back].into_iter().flatten().flat_map(|key| {
                        routes
                            .get(&key)
                            .into_iter()
                            .chain(detours.get(&key).into_iter().flatten())
                    });
                    for other in ways {
                        let status = arrow_status(other, names_data(other, e));
                        carried.push((other.arrows.clone(), route_credit(other, Some(e)), status));
                    }
                }
            }
            Some((status_of(route, drawn.ids), c, route))
        } else if let Some((c, route)) = best(false)
            // When the reference has both directions, the drawn arrow answers the other one
            // and this one is simply not drawn.
            && !case.edges.iter().any(|o| o.from == case.edges[e].to && o.to == case.edges[e].from)
        {
            if is_store_edge(e) {
                reads_drawn_as_requests.push((flows.len(), c));
                Some((status_of(route, drawn.ids), c, route))
            } else {
                backward += 1;
                Some((EdgeStatus::Reversed, c, route))
            }
        } else {
            None
        };
        match result {
            Some((status, c, route)) => flows.push(FlowResult {
                edge: e,
                credit: status.credit(c),
                status,
                arrows: route.arrows.clone(),
                step: route.step,
                data: names_data(route, e),
            }),
            None => flows.push(missing(e)),
        }
    }

    // A read drawn as a request gets the benefit of the doubt as far as the drawing's other
    // flows show it knows which way data goes: not at all when they are all reversed.
    let share = if forward + backward == 0 {
        1.0
    } else {
        forward as f32 / (forward + backward) as f32
    };
    let doubt = ((share - CONVENTION_FROM) / (CONVENTION_FULL - CONVENTION_FROM)).clamp(0.0, 1.0);
    for (index, c) in reads_drawn_as_requests {
        if doubt < 1.0 {
            let flow = &mut flows[index];
            flow.credit = c * (REVERSED_CREDIT + (1.0 - REVERSED_CREDIT) * doubt);
            if doubt < 0.5 {
                flow.status = EdgeStatus::Reversed;
            }
        }
    }

    // Flows past nodes nobody drew: a drawn flow between two matched nodes that the reference
    // joins through unmatched ones credits every arrow on that stretch.
    for (&(x, y), path) in &contracted {
        {
            let mut best: Option<(f32, &Route, bool)> = None;
            for a in mapping.users_of(x) {
                for b in mapping.users_of(y) {
                    for (key, forward) in [((a, b), true), ((b, a), false)] {
                        if let Some(route) = routes.get(&key) {
                            let c = route_credit(route, None)
                                * if forward { 1.0 } else { REVERSED_CREDIT };
                            if best.is_none_or(|(v, _, _)| c > v) {
                                best = Some((c, route, forward));
                            }
                        }
                    }
                }
            }
            let Some((c, route, forward)) = best else {
                continue;
            };
            let path = path.as_slice();
            let skipped: Vec<String> = path[..path.len() - 1]
                .iter()
                .filter_map(|&e| end(e))
                .map(|r| case.nodes[r].id.clone())
                .collect();
            for &e in path {
                let status = if forward {
                    EdgeStatus::Contracted {
                        skipped: skipped.clone(),
                    }
                } else {
                    EdgeStatus::Reversed
                };
                let credit = if forward { CONTRACTED_CREDIT * c } else { c };
                if flows[e].credit < credit {
                    flows[e] = FlowResult {
                        edge: e,
                        status,
                        credit,
                        arrows: route.arrows.clone(),
                        step: route.step,
                        data: false,
                    };
                }
            }
        }
    }

    // What each drawn arrow counts as: the best flow it carries, else what it joins.
    let mut arrows: Vec<ArrowResult> = drawn
        .arrows
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            // A line of unknown direction sends a result either way.
            let (a, b) = match drawn.undirected.get(i) {
                Some(true) if drawn.kinds[a] == Some("client") => (b, a),
                _ => (a, b),
            };
            let status = if mapping
                .nodes_of(a)
                .any(|r| mapping.nodes_of(b).any(|s| s == r))
            {
                ArrowStatus::Within
            } else if (drawn.kinds[b] == Some("client")
                || mapping.nodes_of(b).any(|r| case.nodes[r].kind == "client"))
                // A result comes back from the serving path, not from a training job.
                && !mapping.nodes_of(a).any(|r| case.nodes[r].stage == crate::cases::Stage::Offline)
            {
                ArrowStatus::Result
            } else if [a, b]
                .iter()
                .any(|&u| !answers_required[u] && drawn.kinds[u].is_some_and(kinds::is_neutral))
            {
                ArrowStatus::Infrastructure
            } else if [a, b]
                .iter()
                .any(|&u| drawn.kinds[u].is_some_and(kinds::is_neutral))
            {
                // Plumbing to and from stores, queues, gateways and operations the reference
                // has: an arrow it does not draw there says little. Extra arrows between
                // processing steps are the ones that show a wrong design.
                ArrowStatus::Plumbing
            } else {
                ArrowStatus::Extra
            };
            ArrowResult {
                status,
                credit: 0.0,
            }
        })
        .collect();
    for flow in &flows {
        let status = match flow.status {
            EdgeStatus::Direct => ArrowStatus::Direct,
            EdgeStatus::Indirect { .. } if flow.data => ArrowStatus::ThroughData,
            EdgeStatus::Indirect { .. } if flow.step => ArrowStatus::ThroughStep,
            EdgeStatus::Indirect { .. } => ArrowStatus::ThroughInfrastructure,
            EdgeStatus::Contracted { .. } => ArrowStatus::Contracted,
            EdgeStatus::Reversed => ArrowStatus::Reversed,
            EdgeStatus::Within | EdgeStatus::Missing => continue,
        };
        for &arrow in &flow.arrows {
            let current = &mut arrows[arrow];
            if flow.credit > current.credit || !current.status.counts() && current.credit == 0.0 {
                *current = ArrowResult {
                    status,
                    credit: flow.credit.max(current.credit),
                };
            }
        }
    }
    for (route, credit, status) in carried {
        for arrow in route {
            let current = &mut arrows[arrow];
            if credit > current.credit {
                *current = ArrowResult { status, credit };
            }
        }
    }
    // The blocks that are the data of a flow they carry.
    let mut data = vec![false; n];
    for flow in flows.iter().filter(|f| f.data && f.credit > 0.0) {
        for &arrow in &flow.arrows {
            let (a, b) = drawn.arrows[arrow];
            for u in [a, b].into_iter().filter(|&u| step[u]) {
                data[u] = true;
            }
        }
    }
    FlowCheck {
        flows,
        arrows,
        data,
    }
}

fn arrow_status(route: &Route, data: bool) -> ArrowStatus {
    if route.via.is_empty() {
        ArrowStatus::Direct
    } else if data {
        ArrowStatus::ThroughData
    } else if route.step {
        ArrowStatus::ThroughStep
    } else {
        ArrowStatus::ThroughInfrastructure
    }
}

fn status_of(route: &Route, ids: &[BlockId]) -> EdgeStatus {
    if route.via.is_empty() {
        EdgeStatus::Direct
    } else {
        EdgeStatus::Indirect {
            via: route.via.iter().map(|&u| ids[u]).collect(),
        }
    }
}

fn missing(edge: usize) -> FlowResult {
    FlowResult {
        edge,
        status: EdgeStatus::Missing,
        credit: 0.0,
        arrows: Vec::new(),
        step: false,
        data: false,
    }
}
