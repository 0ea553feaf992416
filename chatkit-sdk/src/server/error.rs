//! Request failures and the HTTP answers they become.

use serde_json::json;

use super::handler::HandlerError;
use crate::request::DecodeError;
use crate::store::StoreError;

/// Why a request failed before (or instead of) a response. Each maps to an HTTP status and a
/// JSON body `{"error": {"code", "message", "path"?}}` — where the reference answers a bare 500
/// or drops the stream.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProcessError {
    /// The body is not a valid request (400).
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The request is well-formed but cannot apply (400), e.g. retrying an assistant message.
    #[error("{0}")]
    BadRequest(String),
    /// A thread, item or attachment that does not exist for this user (404).
    #[error("{what} `{id}` not found")]
    NotFound {
        /// `thread`, `item` or `attachment`.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// The handler does not implement this request (501).
    #[error("{0} is not implemented by this server")]
    NotImplemented(&'static str),
    /// The store or the handler failed (500).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ProcessError {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            ProcessError::Decode(_) | ProcessError::BadRequest(_) => 400,
            ProcessError::NotFound { .. } => 404,
            ProcessError::NotImplemented(_) => 501,
            ProcessError::Internal(_) => 500,
        }
    }

    /// A short machine-readable code.
    pub fn code(&self) -> String {
        match self {
            ProcessError::Decode(e) => e.kind().to_string(),
            ProcessError::BadRequest(_) => "bad_request".to_owned(),
            ProcessError::NotFound { what, .. } => format!("{what}_not_found"),
            ProcessError::NotImplemented(_) => "not_implemented".to_owned(),
            ProcessError::Internal(_) => "internal".to_owned(),
        }
    }

    /// The JSON body.
    pub fn to_json(&self) -> Vec<u8> {
        let mut error = json!({ "code": self.code(), "message": self.to_string() });
        if let ProcessError::Decode(e) = self
            && let Some(path) = e.path()
        {
            error["path"] = json!(path);
        }
        serde_json::to_vec(&json!({ "error": error })).unwrap_or_default()
    }
}

impl From<StoreError> for ProcessError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { what, id } => ProcessError::NotFound { what, id },
            StoreError::InvalidCursor(cursor) => ProcessError::BadRequest(format!(
                "`after` cursor `{cursor}` is not in this listing"
            )),
            other => {
                tracing::error!(error = %other, "store failed");
                ProcessError::Internal(other.to_string())
            }
        }
    }
}

impl From<HandlerError> for ProcessError {
    fn from(error: HandlerError) -> Self {
        match error {
            HandlerError::NotImplemented(what) => ProcessError::NotImplemented(what),
            HandlerError::Custom { message, .. } => ProcessError::BadRequest(message),
            other => {
                tracing::error!(error = %other, "handler failed");
                ProcessError::Internal(other.to_string())
            }
        }
    }
}
