//! Feedback on items (`items.feedback`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Thumbs up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackKind {
    /// Thumbs up.
    Positive,
    /// Thumbs down.
    Negative,
}

impl FeedbackKind {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Positive => "positive",
            FeedbackKind::Negative => "negative",
        }
    }
}
