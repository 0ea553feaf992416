//! Assistant messages: output text parts with annotations.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::source::Source;
use crate::wire::{Tagged, TypeTag};

/// A message from the assistant. `content` may be empty while it streams.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct AssistantMessageItem {
    /// The output parts.
    pub content: Vec<AssistantMessageContent>,
}

impl AssistantMessageItem {
    /// A message with one text part.
    pub fn text(text: impl Into<String>) -> Self {
        AssistantMessageItem {
            content: vec![AssistantMessageContent::new(text)],
        }
    }

    /// All text parts joined.
    pub fn plain_text(&self) -> String {
        self.content.iter().map(|part| part.text.as_str()).collect()
    }
}

/// One output text part. On the wire the keys are `annotations, text, type`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct AssistantMessageContent {
    /// Sources cited by the text.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// The text.
    pub text: String,
    #[serde(rename = "type", default)]
    kind: TypeTag<Self>,
}

impl Tagged for AssistantMessageContent {
    const TAG: &'static str = "output_text";
}

impl AssistantMessageContent {
    /// A text part without annotations.
    pub fn new(text: impl Into<String>) -> Self {
        AssistantMessageContent {
            annotations: Vec::new(),
            text: text.into(),
            kind: TypeTag::new(),
        }
    }
}

/// A reference to a source, attached to assistant output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Annotation {
    #[serde(rename = "type", default)]
    kind: TypeTag<Self>,
    /// What is cited.
    pub source: Source,
    /// Where in the text the annotation sits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
}

impl Tagged for Annotation {
    const TAG: &'static str = "annotation";
}

impl Annotation {
    /// An annotation citing `source`.
    pub fn new(source: Source, index: Option<u64>) -> Self {
        Annotation {
            kind: TypeTag::new(),
            source,
            index,
        }
    }
}
