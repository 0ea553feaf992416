//! Where threads, items and attachments live: the [`Store`] trait and its implementations.
//!
//! Every call carries the request's context, and every implementation scopes every query to the
//! context's user: another user's thread, item or attachment is simply not found.

mod context;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod document;
mod error;
mod memory;
mod paging;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;
pub mod suite;
mod with_ids;

pub use context::{RequestContext, StoreContext};
pub use error::StoreError;
pub use memory::MemoryStore;
pub use paging::PageQuery;
#[cfg(feature = "postgres")]
pub use postgres::PostgresStore;
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteStore;
pub use with_ids::WithIds;

use async_trait::async_trait;

use crate::attachment::Attachment;
use crate::feedback::FeedbackKind;
use crate::ids::IdKind;
use crate::item::ThreadItem;
use crate::page::Page;
use crate::thread::ThreadMetadata;

/// Persistence for threads, their items and attachments (the reference's `Store`).
///
/// Object-safe (`Arc<dyn Store<C>>`). Listings are ordered by creation (insertion) time and
/// paged as the reference pages them (see [`PageQuery`]). Implementations must pass
/// [`suite::run`].
#[async_trait]
pub trait Store<C: StoreContext + ?Sized = RequestContext>: Send + Sync {
    /// A new thread id (`thr_` + 8 hex).
    fn generate_thread_id(&self, _ctx: &C) -> String {
        IdKind::Thread.generate()
    }

    /// A new item id of this kind (`msg_`, `tc_`, …).
    fn generate_item_id(&self, kind: IdKind, _thread: &ThreadMetadata, _ctx: &C) -> String {
        kind.generate()
    }

    /// The thread, if the context's user owns it.
    async fn load_thread(&self, thread_id: &str, ctx: &C) -> Result<ThreadMetadata, StoreError>;

    /// Inserts or updates a thread owned by the context's user.
    async fn save_thread(&self, thread: &ThreadMetadata, ctx: &C) -> Result<(), StoreError>;

    /// A page of the user's threads.
    async fn load_threads(
        &self,
        query: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadMetadata>, StoreError>;

    /// Deletes a thread with its items. Deleting a missing thread is not an error.
    async fn delete_thread(&self, thread_id: &str, ctx: &C) -> Result<(), StoreError>;

    /// A page of a thread's items (hidden items included: the engine filters them).
    async fn load_thread_items(
        &self,
        thread_id: &str,
        query: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadItem>, StoreError>;

    /// Inserts a new item (`thread.item.done`). An id already in the thread is a conflict.
    async fn add_thread_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError>;

    /// Inserts or replaces an item by id (`thread.item.replaced`).
    async fn save_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError>;

    /// One item of a thread.
    async fn load_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<ThreadItem, StoreError>;

    /// Deletes one item. Deleting a missing item is not an error.
    async fn delete_thread_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<(), StoreError>;

    /// Records feedback on items of a thread (kept with the items; the last kind wins).
    async fn save_feedback(
        &self,
        thread_id: &str,
        item_ids: &[String],
        kind: FeedbackKind,
        ctx: &C,
    ) -> Result<(), StoreError>;

    /// The feedback recorded on an item, if any.
    async fn load_feedback(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<Option<FeedbackKind>, StoreError>;

    /// Inserts or updates an attachment's metadata.
    async fn save_attachment(&self, attachment: &Attachment, ctx: &C) -> Result<(), StoreError>;

    /// One attachment.
    async fn load_attachment(&self, attachment_id: &str, ctx: &C)
    -> Result<Attachment, StoreError>;

    /// Deletes an attachment's metadata. Deleting a missing one is not an error.
    async fn delete_attachment(&self, attachment_id: &str, ctx: &C) -> Result<(), StoreError>;

    /// Applies several writes to one thread all together or not at all (the engine uses it
    /// wherever a request writes more than once, so a failure never leaves a half-written
    /// thread). The default applies them one by one; the SQL stores use a transaction and the
    /// memory store rolls back.
    async fn write_batch(
        &self,
        thread_id: &str,
        ops: &[WriteOp],
        ctx: &C,
    ) -> Result<(), StoreError> {
        for op in ops {
            match op {
                WriteOp::SaveThread(thread) => self.save_thread(thread, ctx).await?,
                WriteOp::AddItem(item) => self.add_thread_item(thread_id, item, ctx).await?,
                WriteOp::SaveItem(item) => self.save_item(thread_id, item, ctx).await?,
                WriteOp::DeleteItem(id) => self.delete_thread_item(thread_id, id, ctx).await?,
                WriteOp::SaveAttachment(attachment) => {
                    self.save_attachment(attachment, ctx).await?
                }
            }
        }
        Ok(())
    }
}

/// One write of a [`Store::write_batch`].
#[derive(Debug, Clone, PartialEq)]
pub enum WriteOp {
    /// Insert or update the thread.
    SaveThread(ThreadMetadata),
    /// Insert an item.
    AddItem(ThreadItem),
    /// Insert or replace an item.
    SaveItem(ThreadItem),
    /// Delete an item.
    DeleteItem(String),
    /// Insert or update an attachment.
    SaveAttachment(Attachment),
}
