//! The `error` stream event and its codes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An error shown in the chat.
///
/// With [`ErrorCode::StreamError`] the message is usually left out and the client shows its own
/// localized text.
///
/// ```
/// use chatkit_sdk::ErrorEvent;
/// let e = ErrorEvent::custom("Upstream timed out", true);
/// assert_eq!(
///     serde_json::to_string(&e)?,
///     r#"{"code":"custom","message":"Upstream timed out","allow_retry":true}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ErrorEvent {
    /// `custom` (with a message) or `stream.error`.
    #[serde(default)]
    pub code: ErrorCode,
    /// The message shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Whether the client offers a retry button.
    #[serde(default)]
    pub allow_retry: bool,
}

impl ErrorEvent {
    /// A `custom` error with a message.
    pub fn custom(message: impl Into<String>, allow_retry: bool) -> Self {
        ErrorEvent {
            code: ErrorCode::Custom,
            message: Some(message.into()),
            allow_retry,
        }
    }

    /// A generic `stream.error` (what the reference sends for unexpected handler failures:
    /// no message, retry allowed).
    pub fn stream_error(allow_retry: bool) -> Self {
        ErrorEvent {
            code: ErrorCode::StreamError,
            message: None,
            allow_retry,
        }
    }
}

/// Error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub enum ErrorCode {
    /// The client shows its own text.
    #[serde(rename = "stream.error")]
    StreamError,
    /// The event carries the message.
    #[default]
    #[serde(rename = "custom")]
    Custom,
}
