//! `Action`: what the client sends when a widget action fires (`threads.custom_action`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An action in a request: the `type` and `payload` copied from the widget's `ActionConfig`.
/// Other keys the client copies along (`handler`, `loadingBehavior`) are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Action {
    /// The action type, e.g. `user_decision`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Integrator data.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub payload: Value,
}

impl Action {
    /// An action with a payload.
    pub fn new(kind: impl Into<String>, payload: Value) -> Self {
        Action {
            kind: kind.into(),
            payload,
        }
    }
}
