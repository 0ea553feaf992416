//! Client tool calls: tools the browser runs, answered with `threads.add_client_tool_output`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A tool call for the client to run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ClientToolCallItem {
    /// Pending until the client sends the output.
    #[serde(default)]
    pub status: ClientToolCallStatus,
    /// The model's call id.
    pub call_id: String,
    /// The tool name.
    pub name: String,
    /// The tool arguments.
    pub arguments: Map<String, Value>,
    /// The output, once the client sent it.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub output: Value,
}

/// Whether the client has answered a tool call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClientToolCallStatus {
    /// Waiting for the client.
    #[default]
    Pending,
    /// The client sent the output.
    Completed,
}
