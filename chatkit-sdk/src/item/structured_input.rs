//! Structured input: questions the user answers with `threads.add_structured_input`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A set of questions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct StructuredInputItem {
    /// Pending until answered or skipped.
    #[serde(default)]
    pub status: StructuredInputStatus,
    /// The questions.
    pub inputs: Vec<StructuredInput>,
}

/// Whether the user has answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StructuredInputStatus {
    /// Waiting for the user.
    #[default]
    Pending,
    /// Answered.
    Answered,
    /// Skipped.
    Skipped,
}

/// One question. Common fields first on the wire, then `type` and the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StructuredInput {
    /// The input id, which answers refer to.
    pub id: String,
    /// The question.
    pub question: String,
    /// The answer, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<StructuredInputAnswer>,
    /// Multiple choice or free text.
    #[serde(flatten)]
    pub kind: StructuredInputKind,
}

/// The kind of a [`StructuredInput`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StructuredInputKind {
    /// Pick from options.
    MultipleChoice {
        /// The options.
        options: Vec<StructuredInputOption>,
        /// Whether several may be picked.
        #[serde(default)]
        multiple: bool,
    },
    /// Free text.
    Freeform {
        /// A hint shown under the question.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
}

/// One option of a multiple-choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StructuredInputOption {
    /// The option value.
    pub value: String,
}

/// The answer to one question (also the shape of a submission's answers).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct StructuredInputAnswer {
    /// The chosen or typed values.
    #[serde(default)]
    pub values: Vec<String>,
    /// Whether the question was skipped.
    #[serde(default)]
    pub skipped: bool,
}
