//! Params of the `items.*` requests.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::feedback::FeedbackKind;
use crate::page::Order;

/// `items.list`: a page of a thread's items (hidden items filtered out).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ItemsListParams {
    /// The thread.
    pub thread_id: String,
    /// Page size; null or 0 means 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// `desc` (default) or `asc`.
    #[serde(default)]
    pub order: Order,
    /// The cursor from the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// `items.feedback`: thumbs up/down on items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemFeedbackParams {
    /// The thread.
    pub thread_id: String,
    /// The items rated.
    pub item_ids: Vec<String>,
    /// Positive or negative.
    pub kind: FeedbackKind,
}
