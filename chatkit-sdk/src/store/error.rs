//! Store errors.

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The thread, item or attachment does not exist for this user.
    #[error("{what} `{id}` not found")]
    NotFound {
        /// `thread`, `item` or `attachment`.
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A paging cursor that is not in the listing.
    #[error("cursor `{0}` is not in this listing")]
    InvalidCursor(String),
    /// An insert of an id that already exists.
    #[error("{what} `{id}` already exists")]
    Conflict {
        /// What was inserted.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// The backend failed (I/O, database, serialization).
    #[error("store backend: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// A missing thread.
    pub fn thread_not_found(id: &str) -> Self {
        StoreError::NotFound {
            what: "thread",
            id: id.to_owned(),
        }
    }

    /// A missing item.
    pub fn item_not_found(id: &str) -> Self {
        StoreError::NotFound {
            what: "item",
            id: id.to_owned(),
        }
    }

    /// A missing attachment.
    pub fn attachment_not_found(id: &str) -> Self {
        StoreError::NotFound {
            what: "attachment",
            id: id.to_owned(),
        }
    }

    /// Whether this is a not-found error.
    pub fn is_not_found(&self) -> bool {
        matches!(self, StoreError::NotFound { .. })
    }
}
