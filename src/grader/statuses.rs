//! What a reference flow and a drawn arrow can count as, and what each earns.

use serde::Serialize;

use super::flows::{CONTRACTED_CREDIT, REVERSED_CREDIT, WITHIN_CREDIT};
use crate::model::BlockId;

/// How a reference flow is answered by the drawing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum EdgeStatus {
    /// An arrow between the blocks answering its ends, the right way round (for a read or
    /// write of a store, either way round).
    Direct,
    /// A chain of arrows through pass-through infrastructure (load balancer, queue, cache,
    /// registry, model server, feature store, logging, generic stores), or through one step
    /// of the user's own that answers no reference node.
    Indirect {
        via: Vec<BlockId>,
    },
    /// A flow that skips reference nodes the user did not draw.
    Contracted {
        skipped: Vec<String>,
    },
    /// Both ends are answered by one block.
    Within,
    /// Drawn the other way round.
    Reversed,
    Missing,
}

impl EdgeStatus {
    pub fn credit(&self, selectivity: f32) -> f32 {
        match self {
            EdgeStatus::Direct => 1.0,
            EdgeStatus::Indirect { .. } => selectivity,
            EdgeStatus::Contracted { .. } => CONTRACTED_CREDIT * selectivity,
            EdgeStatus::Within => WITHIN_CREDIT,
            EdgeStatus::Reversed => REVERSED_CREDIT * selectivity,
            EdgeStatus::Missing => 0.0,
        }
    }
}

/// What one drawn arrow counts as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrowStatus {
    /// Carries a reference flow between the blocks answering its ends.
    Direct,
    /// Part of a reference flow through pass-through infrastructure.
    ThroughInfrastructure,
    /// Part of a reference flow through a step of the user's own (a block answering nothing).
    ThroughStep,
    /// Part of a reference flow through a block that names the data it carries.
    ThroughData,
    /// Carries a flow past a reference node the user left out.
    Contracted,
    /// Between two parts of one answer (a split, or a block and its merge).
    Within,
    /// A reference flow drawn the wrong way round.
    Reversed,
    /// A result sent back to the user.
    Result,
    /// To or from infrastructure or operations the reference does not need: costs nothing.
    Infrastructure,
    /// To or from a store, queue or gateway of the reference, carrying no reference flow:
    /// free in moderation (see the grade's precision).
    Plumbing,
    /// Answers no reference flow.
    Extra,
}

impl ArrowStatus {
    /// Whether the arrow counts in arrow precision at all.
    pub fn counts(self) -> bool {
        !matches!(
            self,
            ArrowStatus::Within
                | ArrowStatus::Result
                | ArrowStatus::Infrastructure
                | ArrowStatus::Plumbing
        )
    }
}
