//! The stored/sent form of a user message.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::attachment::Attachment;
use crate::user_message::{InferenceOptions, UserMessageContent, UserMessageInput};

/// A user message in a thread. Attachments are embedded in full (with `thread_id` set).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct UserMessageItem {
    /// The message parts.
    pub content: Vec<UserMessageContent>,
    /// The attachments sent with the message.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Text the user quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoted_text: Option<String>,
    /// Model and tool choice for the turn.
    pub inference_options: InferenceOptions,
}

impl UserMessageItem {
    /// The item for an input, with its attachments already loaded.
    pub fn from_input(input: UserMessageInput, attachments: Vec<Attachment>) -> Self {
        UserMessageItem {
            content: input.content,
            attachments,
            quoted_text: input.quoted_text,
            inference_options: input.inference_options,
        }
    }
}
