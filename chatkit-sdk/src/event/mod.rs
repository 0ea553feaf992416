//! Stream events (`ThreadStreamEvent`): what a streaming response sends, one per SSE `data:` line.

mod error;
mod item_update;

pub use error::{ErrorCode, ErrorEvent};
pub use item_update::ThreadItemUpdate;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::icon::IconName;
use crate::item::ThreadItem;
use crate::thread::Thread;

/// One event of a streaming response.
///
/// ```
/// use chatkit_sdk::{ThreadStreamEvent, StreamOptions};
/// let event = ThreadStreamEvent::StreamOptions { stream_options: StreamOptions { allow_cancel: true } };
/// assert_eq!(
///     serde_json::to_string(&event)?,
///     r#"{"type":"stream_options","stream_options":{"allow_cancel":true}}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum ThreadStreamEvent {
    /// The thread was created (first event of `threads.create`).
    #[serde(rename = "thread.created")]
    ThreadCreated {
        /// The new thread, with an empty item page.
        thread: Thread,
    },
    /// The thread's title or status changed (already saved).
    #[serde(rename = "thread.updated")]
    ThreadUpdated {
        /// The thread, with an empty item page.
        thread: Thread,
    },
    /// An item starts; updates stream into it until `thread.item.done`.
    #[serde(rename = "thread.item.added")]
    ThreadItemAdded {
        /// The item as it starts.
        item: ThreadItem,
    },
    /// An incremental change to a streaming item.
    #[serde(rename = "thread.item.updated")]
    ThreadItemUpdated {
        /// The item being updated.
        item_id: String,
        /// The change.
        update: ThreadItemUpdate,
    },
    /// An item's final form (the server inserts it into the store).
    #[serde(rename = "thread.item.done")]
    ThreadItemDone {
        /// The complete item.
        item: ThreadItem,
    },
    /// An existing item replaced in place (the server upserts it).
    #[serde(rename = "thread.item.replaced")]
    ThreadItemReplaced {
        /// The new item, same id.
        item: ThreadItem,
    },
    /// An item was removed (the server deletes it).
    #[serde(rename = "thread.item.removed")]
    ThreadItemRemoved {
        /// The removed item's id.
        item_id: String,
    },
    /// Options for this stream; sent once at the start of every respond/action run.
    #[serde(rename = "stream_options")]
    StreamOptions {
        /// The options.
        stream_options: StreamOptions,
    },
    /// A short-lived status line.
    #[serde(rename = "progress_update")]
    ProgressUpdate {
        /// An icon.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icon: Option<IconName>,
        /// The status text.
        text: String,
    },
    /// A fire-and-forget signal to client code.
    #[serde(rename = "client_effect")]
    ClientEffect {
        /// The effect name.
        name: String,
        /// Its data.
        #[serde(default)]
        data: Map<String, Value>,
    },
    /// An error shown in the chat; the stream ends after it.
    #[serde(rename = "error")]
    Error(ErrorEvent),
    /// A banner.
    #[serde(rename = "notice")]
    Notice {
        /// Severity.
        level: NoticeLevel,
        /// Markdown text.
        message: String,
        /// A title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    },
}

impl ThreadStreamEvent {
    /// The wire `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            ThreadStreamEvent::ThreadCreated { .. } => "thread.created",
            ThreadStreamEvent::ThreadUpdated { .. } => "thread.updated",
            ThreadStreamEvent::ThreadItemAdded { .. } => "thread.item.added",
            ThreadStreamEvent::ThreadItemUpdated { .. } => "thread.item.updated",
            ThreadStreamEvent::ThreadItemDone { .. } => "thread.item.done",
            ThreadStreamEvent::ThreadItemReplaced { .. } => "thread.item.replaced",
            ThreadStreamEvent::ThreadItemRemoved { .. } => "thread.item.removed",
            ThreadStreamEvent::StreamOptions { .. } => "stream_options",
            ThreadStreamEvent::ProgressUpdate { .. } => "progress_update",
            ThreadStreamEvent::ClientEffect { .. } => "client_effect",
            ThreadStreamEvent::Error(_) => "error",
            ThreadStreamEvent::Notice { .. } => "notice",
        }
    }
}

impl From<ErrorEvent> for ThreadStreamEvent {
    fn from(error: ErrorEvent) -> Self {
        ThreadStreamEvent::Error(error)
    }
}

/// Options for a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StreamOptions {
    /// Whether the client shows a stop button.
    pub allow_cancel: bool,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions { allow_cancel: true }
    }
}

/// Severity of a notice banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NoticeLevel {
    /// Informational.
    Info,
    /// A warning.
    Warning,
    /// Something went wrong.
    Danger,
}
