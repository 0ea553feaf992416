//! Items that are stored for the model but never sent to the client.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Integrator context for the model. Filtered out of every listing and swallowed in streams.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct HiddenContextItem {
    /// Any JSON.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub content: Value,
}

/// Context the SDK adds itself, e.g. "The user cancelled the stream." after a disconnect.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct SdkHiddenContextItem {
    /// The text for the model.
    pub content: String,
}
