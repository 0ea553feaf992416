//! Threads: the stored `ThreadMetadata`, the wire `Thread`, and `ThreadStatus`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::item::ThreadItem;
use crate::page::Page;
use crate::timestamp::Timestamp;

/// A thread as the store keeps it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ThreadMetadata {
    /// The title, set by the integrator's handler (the SDK never makes one up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The thread id (`thr_…`).
    pub id: String,
    /// When the thread was created.
    pub created_at: Timestamp,
    /// Active, locked or closed.
    #[serde(default)]
    pub status: ThreadStatus,
    /// Image domains the client may load from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_image_domains: Option<Vec<String>>,
    /// Server-private data. Never sent: wire threads always carry `{}`.
    #[serde(default)]
    pub metadata: Map<String, Value>,
}

impl ThreadMetadata {
    /// A new active thread created now.
    pub fn new(id: impl Into<String>) -> Self {
        ThreadMetadata {
            id: id.into(),
            created_at: Timestamp::now(),
            ..Default::default()
        }
    }

    /// The wire form with the given items. As in the reference, the private `metadata` is not
    /// copied: it goes out as `{}`.
    pub fn to_thread(&self, items: Page<ThreadItem>) -> Thread {
        Thread {
            title: self.title.clone(),
            id: self.id.clone(),
            created_at: self.created_at,
            status: self.status.clone(),
            allowed_image_domains: self.allowed_image_domains.clone(),
            metadata: Map::new(),
            items,
        }
    }
}

/// A thread on the wire: the metadata fields plus a page of items.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Thread {
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The thread id.
    pub id: String,
    /// When the thread was created.
    pub created_at: Timestamp,
    /// Active, locked or closed.
    #[serde(default)]
    pub status: ThreadStatus,
    /// Image domains the client may load from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_image_domains: Option<Vec<String>>,
    /// Always `{}` when the server sends a thread.
    #[serde(default)]
    pub metadata: Map<String, Value>,
    /// A page of the thread's items (empty in `threads.list`, `threads.update` and events).
    pub items: Page<ThreadItem>,
}

/// Whether a thread takes new messages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ThreadStatus {
    /// Open for messages.
    #[default]
    Active,
    /// Temporarily locked.
    Locked {
        /// Why, shown to the user.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Closed for good.
    Closed {
        /// Why, shown to the user.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}
