//! Params of the `threads.*` requests.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::action::Action;
use crate::item::{StructuredInputAnswer, StructuredInputStatus};
use crate::page::Order;
use crate::user_message::UserMessageInput;

/// `threads.create`: start a thread with a first message.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadCreateParams {
    /// The first message.
    pub input: UserMessageInput,
}

/// `threads.add_user_message`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadAddUserMessageParams {
    /// The message.
    pub input: UserMessageInput,
    /// The thread.
    pub thread_id: String,
}

/// `threads.add_client_tool_output`: the output of the pending client tool call.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadAddClientToolOutputParams {
    /// The thread.
    pub thread_id: String,
    /// Any JSON (null is allowed, but the key must be present).
    pub result: Value,
}

/// `threads.add_structured_input`: answers to a pending structured input item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadAddStructuredInputParams {
    /// The thread.
    pub thread_id: String,
    /// The structured input item.
    pub item_id: String,
    /// The answers.
    pub input: StructuredInputSubmission,
}

/// What the user submitted for a structured input item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct StructuredInputSubmission {
    /// `answered` (default) or `skipped`.
    #[serde(default)]
    pub status: SubmissionStatus,
    /// Answers by input id.
    #[serde(default)]
    pub answers: IndexMap<String, StructuredInputAnswer>,
}

/// Whether the user answered or skipped a structured input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SubmissionStatus {
    /// The answers count.
    #[default]
    Answered,
    /// Every question is skipped.
    Skipped,
}

impl From<SubmissionStatus> for StructuredInputStatus {
    fn from(status: SubmissionStatus) -> Self {
        match status {
            SubmissionStatus::Answered => StructuredInputStatus::Answered,
            SubmissionStatus::Skipped => StructuredInputStatus::Skipped,
        }
    }
}

/// `threads.retry_after_item`: drop everything after a user message and answer it again.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadRetryAfterItemParams {
    /// The thread.
    pub thread_id: String,
    /// The user message to retry.
    pub item_id: String,
}

/// `threads.custom_action` and `threads.sync_custom_action`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ThreadCustomActionParams {
    /// The thread.
    pub thread_id: String,
    /// The widget item that sent the action, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// The action.
    pub action: Action,
}

/// `threads.get_by_id`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadGetByIdParams {
    /// The thread.
    pub thread_id: String,
}

/// `threads.list`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadListParams {
    /// Page size; null or 0 means 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// `desc` (default) or `asc`, by creation time.
    #[serde(default)]
    pub order: Order,
    /// The cursor from the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// `threads.update`: rename a thread.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadUpdateParams {
    /// The thread.
    pub thread_id: String,
    /// The new title.
    pub title: String,
}

/// `threads.delete`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadDeleteParams {
    /// The thread.
    pub thread_id: String,
}
