//! The store conformance suite on `MemoryStore`, and proof that the suite catches a broken store.

use async_trait::async_trait;
use chatkit_sdk::store::{MemoryStore, PageQuery, RequestContext, Store, StoreError, suite};
use chatkit_sdk::{Attachment, FeedbackKind, Page, ThreadItem, ThreadMetadata};

#[tokio::test]
async fn memory_store_passes_the_suite() {
    match suite::run(&MemoryStore::new()).await {
        Ok(report) => assert_eq!(report.passed, 13),
        Err(failures) => panic!("MemoryStore failed:\n{failures}"),
    }
}

/// A store that forgets whose data it holds: every user shares one namespace.
struct Leaky(MemoryStore);

fn everyone() -> RequestContext {
    RequestContext::new("everyone")
}

#[async_trait]
impl Store<RequestContext> for Leaky {
    async fn load_thread(
        &self,
        id: &str,
        _: &RequestContext,
    ) -> Result<ThreadMetadata, StoreError> {
        self.0.load_thread(id, &everyone()).await
    }
    async fn save_thread(&self, t: &ThreadMetadata, _: &RequestContext) -> Result<(), StoreError> {
        self.0.save_thread(t, &everyone()).await
    }
    async fn load_threads(
        &self,
        q: &PageQuery,
        _: &RequestContext,
    ) -> Result<Page<ThreadMetadata>, StoreError> {
        self.0.load_threads(q, &everyone()).await
    }
    async fn delete_thread(&self, id: &str, _: &RequestContext) -> Result<(), StoreError> {
        self.0.delete_thread(id, &everyone()).await
    }
    async fn load_thread_items(
        &self,
        t: &str,
        q: &PageQuery,
        _: &RequestContext,
    ) -> Result<Page<ThreadItem>, StoreError> {
        self.0.load_thread_items(t, q, &everyone()).await
    }
    async fn add_thread_item(
        &self,
        t: &str,
        i: &ThreadItem,
        _: &RequestContext,
    ) -> Result<(), StoreError> {
        self.0.add_thread_item(t, i, &everyone()).await
    }
    async fn save_item(
        &self,
        t: &str,
        i: &ThreadItem,
        _: &RequestContext,
    ) -> Result<(), StoreError> {
        self.0.save_item(t, i, &everyone()).await
    }
    async fn load_item(
        &self,
        t: &str,
        i: &str,
        _: &RequestContext,
    ) -> Result<ThreadItem, StoreError> {
        self.0.load_item(t, i, &everyone()).await
    }
    async fn delete_thread_item(
        &self,
        t: &str,
        i: &str,
        _: &RequestContext,
    ) -> Result<(), StoreError> {
        self.0.delete_thread_item(t, i, &everyone()).await
    }
    async fn save_feedback(
        &self,
        t: &str,
        i: &[String],
        k: FeedbackKind,
        _: &RequestContext,
    ) -> Result<(), StoreError> {
        self.0.save_feedback(t, i, k, &everyone()).await
    }
    async fn load_feedback(
        &self,
        t: &str,
        i: &str,
        _: &RequestContext,
    ) -> Result<Option<FeedbackKind>, StoreError> {
        self.0.load_feedback(t, i, &everyone()).await
    }
    async fn save_attachment(&self, a: &Attachment, _: &RequestContext) -> Result<(), StoreError> {
        self.0.save_attachment(a, &everyone()).await
    }
    async fn load_attachment(&self, a: &str, _: &RequestContext) -> Result<Attachment, StoreError> {
        self.0.load_attachment(a, &everyone()).await
    }
    async fn delete_attachment(&self, a: &str, _: &RequestContext) -> Result<(), StoreError> {
        self.0.delete_attachment(a, &everyone()).await
    }
}

#[tokio::test]
async fn the_suite_catches_a_store_that_mixes_users() {
    let failures = suite::run(&Leaky(MemoryStore::new()))
        .await
        .err()
        .unwrap_or_default();
    assert!(failures.contains("users are isolated"), "{failures}");
    assert!(failures.contains("attachments"), "{failures}");
}

#[tokio::test]
async fn concurrent_writers_lose_nothing() {
    use std::sync::Arc;
    let store = Arc::new(MemoryStore::new());
    let ctx = RequestContext::new("u");
    let thread = ThreadMetadata::new("thr_c");
    store
        .save_thread(&thread, &ctx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let tasks: Vec<_> = (0..50)
        .map(|n| {
            let (store, ctx) = (store.clone(), ctx.clone());
            tokio::spawn(async move {
                let item = ThreadItem::new(
                    format!("msg_{n:08x}"),
                    "thr_c",
                    chatkit_sdk::AssistantMessageItem::text(format!("reply {n}")),
                );
                store.add_thread_item("thr_c", &item, &ctx).await
            })
        })
        .collect();
    for task in tasks {
        task.await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let page = store
        .load_thread_items(
            "thr_c",
            &PageQuery::new(Some(100), chatkit_sdk::Order::Asc, None),
            &ctx,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut ids: Vec<String> = page.data.iter().map(|i| i.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50);
}
