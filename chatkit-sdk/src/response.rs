//! The JSON bodies of non-streaming responses that are not threads, pages or attachments.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::item::ThreadItem;

/// `input.transcribe`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct TranscriptionResult {
    /// The transcribed text.
    pub text: String,
}

/// `threads.sync_custom_action`'s answer: `{}` or `{"updated_item": …}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct SyncCustomActionResponse {
    /// The sender widget item, updated. The SDK does not save it; the handler does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_item: Option<ThreadItem>,
}

/// The `{}` answer of `threads.delete`, `items.feedback` and `attachments.delete`.
///
/// ```
/// assert_eq!(serde_json::to_string(&chatkit_sdk::EmptyResponse {})?, "{}");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct EmptyResponse {}
