//! The SQL stores keep each thread, item and attachment as one JSON document in a `data`
//! column: the helpers both stores share.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// A backend failure (database, I/O, a document that does not decode).
pub(crate) fn backend(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Backend(Box::new(error))
}

/// A value as its stored document.
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<String, StoreError> {
    crate::to_wire_json(value).map_err(backend)
}

/// A stored document as its value.
pub(crate) fn decode<T: DeserializeOwned>(data: &str) -> Result<T, StoreError> {
    serde_json::from_str(data).map_err(backend)
}
