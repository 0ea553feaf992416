//! `WithIds`: any store, with ids from your own generator (deterministic ids in tests, other
//! id schemes in production).

use async_trait::async_trait;

use super::{PageQuery, Store, StoreContext, StoreError, WriteOp};
use crate::attachment::Attachment;
use crate::feedback::FeedbackKind;
use crate::ids::IdKind;
use crate::item::ThreadItem;
use crate::page::Page;
use crate::thread::ThreadMetadata;

/// Wraps a store so its thread and item ids come from `ids`; everything else is the inner
/// store's.
pub struct WithIds<S> {
    inner: S,
    ids: Box<dyn Fn(IdKind) -> String + Send + Sync>,
}

impl<S> WithIds<S> {
    /// `inner`, with ids from `ids`.
    pub fn new(inner: S, ids: impl Fn(IdKind) -> String + Send + Sync + 'static) -> Self {
        WithIds {
            inner,
            ids: Box::new(ids),
        }
    }

    /// The wrapped store.
    pub fn inner(&self) -> &S {
        &self.inner
    }
}

impl<S> std::fmt::Debug for WithIds<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WithIds").finish_non_exhaustive()
    }
}

#[async_trait]
impl<C: StoreContext + ?Sized, S: Store<C>> Store<C> for WithIds<S> {
    fn generate_thread_id(&self, _ctx: &C) -> String {
        (self.ids)(IdKind::Thread)
    }

    fn generate_item_id(&self, kind: IdKind, _thread: &ThreadMetadata, _ctx: &C) -> String {
        (self.ids)(kind)
    }

    async fn load_thread(&self, id: &str, ctx: &C) -> Result<ThreadMetadata, StoreError> {
        self.inner.load_thread(id, ctx).await
    }

    async fn save_thread(&self, thread: &ThreadMetadata, ctx: &C) -> Result<(), StoreError> {
        self.inner.save_thread(thread, ctx).await
    }

    async fn load_threads(
        &self,
        q: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadMetadata>, StoreError> {
        self.inner.load_threads(q, ctx).await
    }

    async fn delete_thread(&self, id: &str, ctx: &C) -> Result<(), StoreError> {
        self.inner.delete_thread(id, ctx).await
    }

    async fn load_thread_items(
        &self,
        thread: &str,
        q: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadItem>, StoreError> {
        self.inner.load_thread_items(thread, q, ctx).await
    }

    async fn add_thread_item(
        &self,
        thread: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError> {
        self.inner.add_thread_item(thread, item, ctx).await
    }

    async fn save_item(&self, thread: &str, item: &ThreadItem, ctx: &C) -> Result<(), StoreError> {
        self.inner.save_item(thread, item, ctx).await
    }

    async fn load_item(&self, thread: &str, item: &str, ctx: &C) -> Result<ThreadItem, StoreError> {
        self.inner.load_item(thread, item, ctx).await
    }

    async fn delete_thread_item(
        &self,
        thread: &str,
        item: &str,
        ctx: &C,
    ) -> Result<(), StoreError> {
        self.inner.delete_thread_item(thread, item, ctx).await
    }

    async fn save_feedback(
        &self,
        thread: &str,
        items: &[String],
        kind: FeedbackKind,
        ctx: &C,
    ) -> Result<(), StoreError> {
        self.inner.save_feedback(thread, items, kind, ctx).await
    }

    async fn load_feedback(
        &self,
        thread: &str,
        item: &str,
        ctx: &C,
    ) -> Result<Option<FeedbackKind>, StoreError> {
        self.inner.load_feedback(thread, item, ctx).await
    }

    async fn save_attachment(&self, attachment: &Attachment, ctx: &C) -> Result<(), StoreError> {
        self.inner.save_attachment(attachment, ctx).await
    }

    async fn load_attachment(&self, id: &str, ctx: &C) -> Result<Attachment, StoreError> {
        self.inner.load_attachment(id, ctx).await
    }

    async fn delete_attachment(&self, id: &str, ctx: &C) -> Result<(), StoreError> {
        self.inner.delete_attachment(id, ctx).await
    }

    async fn write_batch(&self, thread: &str, ops: &[WriteOp], ctx: &C) -> Result<(), StoreError> {
        self.inner.write_batch(thread, ops, ctx).await
    }
}
