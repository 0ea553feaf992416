//! What the user sends: `UserMessageInput`, its content parts and `InferenceOptions`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A new user message as the client sends it (`threads.create`, `threads.add_user_message`).
///
/// `attachments` and `inference_options` are required on the wire (send `[]` and `{}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct UserMessageInput {
    /// The message parts.
    pub content: Vec<UserMessageContent>,
    /// Ids of attachments created before with `attachments.create`.
    pub attachments: Vec<String>,
    /// Text the user quoted from an earlier message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoted_text: Option<String>,
    /// Model and tool choice for this turn.
    pub inference_options: InferenceOptions,
}

impl UserMessageInput {
    /// A plain text message with no attachments.
    ///
    /// ```
    /// use chatkit_sdk::UserMessageInput;
    /// let input = UserMessageInput::text("hello");
    /// assert_eq!(
    ///     serde_json::to_string(&input)?,
    ///     r#"{"content":[{"type":"input_text","text":"hello"}],"attachments":[],"inference_options":{}}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn text(text: impl Into<String>) -> Self {
        UserMessageInput {
            content: vec![UserMessageContent::text(text)],
            ..Default::default()
        }
    }

    /// The text parts joined together (tags contribute their text).
    pub fn plain_text(&self) -> String {
        self.content
            .iter()
            .map(UserMessageContent::text_of)
            .collect()
    }
}

/// One part of a user message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum UserMessageContent {
    /// Plain text.
    #[serde(rename = "input_text")]
    Text {
        /// The text.
        text: String,
    },
    /// An entity tag (an @-mention).
    #[serde(rename = "input_tag")]
    Tag(UserMessageTag),
}

impl UserMessageContent {
    /// A text part.
    pub fn text(text: impl Into<String>) -> Self {
        UserMessageContent::Text { text: text.into() }
    }

    fn text_of(&self) -> &str {
        match self {
            UserMessageContent::Text { text } => text,
            UserMessageContent::Tag(tag) => &tag.text,
        }
    }
}

/// An entity the user tagged in a message.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct UserMessageTag {
    /// The entity id.
    pub id: String,
    /// The text shown for the tag.
    pub text: String,
    /// Integrator data about the entity.
    pub data: Map<String, Value>,
    /// A grouping label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Whether the tag is clickable.
    #[serde(default)]
    pub interactive: bool,
}

/// Model and tool configuration for a turn.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct InferenceOptions {
    /// A tool the user explicitly picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoice>,
    /// A model the user picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

/// An explicit tool selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ToolChoice {
    /// The tool id.
    pub id: String,
}
