//! The store conformance suite: what every [`Store`] must do, run against any implementation.
//!
//! ```no_run
//! # async fn demo() -> Result<(), String> {
//! use chatkit_sdk::store::{MemoryStore, suite};
//! let report = suite::run(&MemoryStore::new()).await?;
//! println!("{} store checks passed", report.passed);
//! # Ok(()) }
//! ```
//!
//! Every check uses fresh random user and thread ids, so the suite can run repeatedly against a
//! shared database.

use serde_json::json;

use super::{PageQuery, RequestContext, Store, StoreError, WriteOp};
use crate::attachment::{Attachment, AttachmentKind};
use crate::feedback::FeedbackKind;
use crate::ids::IdKind;
use crate::item::{AssistantMessageItem, ItemKind, ThreadItem};
use crate::page::Order;
use crate::thread::{ThreadMetadata, ThreadStatus};
use crate::timestamp::Timestamp;

/// What a successful run checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The number of checks that passed (all of them).
    pub passed: usize,
}

type Store_<'a> = dyn Store<RequestContext> + 'a;
type CheckResult = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

fn fail(context: &str) -> impl Fn(StoreError) -> String + '_ {
    move |e| format!("{context}: {e}")
}

fn user() -> RequestContext {
    RequestContext::new(format!("suite_user_{}", IdKind::Message.generate()))
}

/// A timestamp `n` microseconds after a fixed base, so creation order is explicit.
fn at(n: i64) -> Timestamp {
    let base = "2026-01-01T00:00:00.000001"
        .parse::<Timestamp>()
        .unwrap_or_else(|_| Timestamp::now());
    Timestamp::naive(base.naive_local() + chrono::Duration::microseconds(n))
}

fn thread(n: i64) -> ThreadMetadata {
    ThreadMetadata {
        created_at: at(n),
        ..ThreadMetadata::new(IdKind::Thread.generate())
    }
}

fn item(thread: &ThreadMetadata, n: i64, text: &str) -> ThreadItem {
    ThreadItem {
        id: IdKind::Message.generate(),
        thread_id: thread.id.clone(),
        created_at: at(n),
        kind: ItemKind::AssistantMessage(AssistantMessageItem::text(text)),
    }
}

fn ids<T>(rows: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    rows.iter().map(|r| id(r).to_owned()).collect()
}

/// Runs every check; the error lists each failed check with its reason.
pub async fn run(store: &Store_<'_>) -> Result<Report, String> {
    let checks: Vec<(&str, CheckResult)> = vec![
        ("threads round-trip", threads_round_trip(store).await),
        ("save_thread upserts", save_thread_upserts(store).await),
        ("thread paging", thread_paging(store).await),
        ("item paging", item_paging(store).await),
        ("add_thread_item inserts once", add_is_insert(store).await),
        ("save_item upserts in place", save_item_upserts(store).await),
        ("load and delete items", load_and_delete_items(store).await),
        (
            "delete_thread removes items",
            delete_thread_cascades(store).await,
        ),
        ("missing threads", missing_threads(store).await),
        ("users are isolated", isolation(store).await),
        ("attachments", attachments(store).await),
        ("feedback", feedback(store).await),
        ("write_batch is all or nothing", write_batch(store).await),
    ];
    let failures: Vec<String> = checks
        .iter()
        .filter_map(|(name, result)| result.as_ref().err().map(|e| format!("{name}: {e}")))
        .collect();
    if failures.is_empty() {
        Ok(Report {
            passed: checks.len(),
        })
    } else {
        Err(failures.join("\n"))
    }
}

async fn threads_round_trip(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let mut t = thread(1);
    t.title = Some("Δάνεια ✓".into());
    t.status = ThreadStatus::Locked {
        reason: Some("paused".into()),
    };
    t.allowed_image_domains = Some(vec!["example.com".into()]);
    t.metadata
        .insert("langgraph_thread".into(), json!({"id": "x", "n": 1}));
    store.save_thread(&t, &ctx).await.map_err(fail("save"))?;
    let back = store.load_thread(&t.id, &ctx).await.map_err(fail("load"))?;
    ensure!(back == t, "loaded {back:?}, saved {t:?}");
    Ok(())
}

async fn save_thread_upserts(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let mut t = thread(1);
    store.save_thread(&t, &ctx).await.map_err(fail("save"))?;
    t.title = Some("renamed".into());
    store
        .save_thread(&t, &ctx)
        .await
        .map_err(fail("save again"))?;
    let page = store
        .load_threads(&PageQuery::default(), &ctx)
        .await
        .map_err(fail("list"))?;
    ensure!(
        page.data.len() == 1,
        "{} threads after two saves of one",
        page.data.len()
    );
    ensure!(
        page.data[0].title.as_deref() == Some("renamed"),
        "title not updated"
    );
    Ok(())
}

async fn thread_paging(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let threads: Vec<ThreadMetadata> = (0..5).map(thread).collect();
    for t in &threads {
        store.save_thread(t, &ctx).await.map_err(fail("save"))?;
    }
    let all = ids(&threads, |t| &t.id);
    let newest: Vec<String> = all.iter().rev().cloned().collect();

    let page = |limit, order, after: Option<&String>| PageQuery::new(limit, order, after.cloned());
    let first = store
        .load_threads(&page(Some(2), Order::Desc, None), &ctx)
        .await
        .map_err(fail("page 1"))?;
    ensure!(
        ids(&first.data, |t| &t.id) == newest[..2],
        "desc page 1 is {:?}",
        ids(&first.data, |t| &t.id)
    );
    ensure!(
        first.has_more && first.after.as_ref() == Some(&newest[1]),
        "page 1 cursor {:?}",
        first.after
    );
    let second = store
        .load_threads(&page(Some(2), Order::Desc, first.after.as_ref()), &ctx)
        .await
        .map_err(fail("page 2"))?;
    ensure!(
        ids(&second.data, |t| &t.id) == newest[2..4],
        "desc page 2 is {:?}",
        ids(&second.data, |t| &t.id)
    );
    let last = store
        .load_threads(&page(Some(2), Order::Desc, second.after.as_ref()), &ctx)
        .await
        .map_err(fail("page 3"))?;
    ensure!(
        ids(&last.data, |t| &t.id) == newest[4..] && !last.has_more && last.after.is_none(),
        "last page {last:?}"
    );

    let asc = store
        .load_threads(&page(None, Order::Asc, None), &ctx)
        .await
        .map_err(fail("asc"))?;
    ensure!(
        ids(&asc.data, |t| &t.id) == all && !asc.has_more,
        "asc is {:?}",
        ids(&asc.data, |t| &t.id)
    );
    let zero = store
        .load_threads(&page(Some(0), Order::Asc, None), &ctx)
        .await
        .map_err(fail("limit 0"))?;
    ensure!(
        zero.data.len() == 5,
        "limit 0 must mean 20, gave {}",
        zero.data.len()
    );
    let exact = store
        .load_threads(&page(Some(5), Order::Asc, None), &ctx)
        .await
        .map_err(fail("limit 5"))?;
    ensure!(
        !exact.has_more && exact.after.is_none(),
        "a full last page has no more: {exact:?}"
    );

    match store
        .load_threads(
            &page(Some(2), Order::Asc, Some(&"thr_nope".to_owned())),
            &ctx,
        )
        .await
    {
        Err(StoreError::InvalidCursor(_)) => Ok(()),
        other => Err(format!("an unknown cursor gave {other:?}")),
    }
}

async fn item_paging(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let t = thread(0);
    store
        .save_thread(&t, &ctx)
        .await
        .map_err(fail("save thread"))?;
    let items: Vec<ThreadItem> = (0..5).map(|n| item(&t, n, &format!("item {n}"))).collect();
    for i in &items {
        store
            .add_thread_item(&t.id, i, &ctx)
            .await
            .map_err(fail("add"))?;
    }
    let all = ids(&items, |i| &i.id);
    let q = |limit, order, after: Option<String>| PageQuery::new(limit, order, after);
    let p1 = store
        .load_thread_items(&t.id, &q(Some(2), Order::Asc, None), &ctx)
        .await
        .map_err(fail("asc 1"))?;
    ensure!(
        ids(&p1.data, |i| &i.id) == all[..2] && p1.has_more,
        "asc page 1 {:?}",
        ids(&p1.data, |i| &i.id)
    );
    let p2 = store
        .load_thread_items(&t.id, &q(Some(2), Order::Asc, p1.after.clone()), &ctx)
        .await
        .map_err(fail("asc 2"))?;
    ensure!(
        ids(&p2.data, |i| &i.id) == all[2..4],
        "asc page 2 {:?}",
        ids(&p2.data, |i| &i.id)
    );
    let desc = store
        .load_thread_items(&t.id, &q(Some(3), Order::Desc, None), &ctx)
        .await
        .map_err(fail("desc"))?;
    let newest: Vec<String> = all.iter().rev().take(3).cloned().collect();
    ensure!(
        ids(&desc.data, |i| &i.id) == newest,
        "desc {:?}",
        ids(&desc.data, |i| &i.id)
    );
    ensure!(desc.data[0] == items[4], "items must come back as saved");
    Ok(())
}

async fn add_is_insert(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let t = thread(0);
    store
        .save_thread(&t, &ctx)
        .await
        .map_err(fail("save thread"))?;
    let i = item(&t, 1, "once");
    store
        .add_thread_item(&t.id, &i, &ctx)
        .await
        .map_err(fail("add"))?;
    match store.add_thread_item(&t.id, &i, &ctx).await {
        Err(StoreError::Conflict { .. }) => {}
        other => return Err(format!("adding the same id twice gave {other:?}")),
    }
    let page = store
        .load_thread_items(&t.id, &PageQuery::default(), &ctx)
        .await
        .map_err(fail("list"))?;
    ensure!(
        page.data.len() == 1,
        "{} items after a duplicate insert",
        page.data.len()
    );
    Ok(())
}

async fn save_item_upserts(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let t = thread(0);
    store
        .save_thread(&t, &ctx)
        .await
        .map_err(fail("save thread"))?;
    let (a, b) = (item(&t, 1, "a"), item(&t, 2, "b"));
    store
        .add_thread_item(&t.id, &a, &ctx)
        .await
        .map_err(fail("add a"))?;
    store
        .add_thread_item(&t.id, &b, &ctx)
        .await
        .map_err(fail("add b"))?;
    let mut changed = a.clone();
    changed.kind = ItemKind::AssistantMessage(AssistantMessageItem::text("a, replaced"));
    store
        .save_item(&t.id, &changed, &ctx)
        .await
        .map_err(fail("replace"))?;
    let c = item(&t, 3, "c");
    store
        .save_item(&t.id, &c, &ctx)
        .await
        .map_err(fail("upsert new"))?;
    let page = store
        .load_thread_items(&t.id, &PageQuery::new(None, Order::Asc, None), &ctx)
        .await
        .map_err(fail("list"))?;
    ensure!(
        page.data == vec![changed, b, c],
        "after upserts: {:?}",
        page.data
    );
    Ok(())
}

async fn load_and_delete_items(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let t = thread(0);
    store
        .save_thread(&t, &ctx)
        .await
        .map_err(fail("save thread"))?;
    let i = item(&t, 1, "x");
    store
        .add_thread_item(&t.id, &i, &ctx)
        .await
        .map_err(fail("add"))?;
    let back = store
        .load_item(&t.id, &i.id, &ctx)
        .await
        .map_err(fail("load"))?;
    ensure!(back == i, "loaded {back:?}");
    store
        .delete_thread_item(&t.id, &i.id, &ctx)
        .await
        .map_err(fail("delete"))?;
    store
        .delete_thread_item(&t.id, &i.id, &ctx)
        .await
        .map_err(fail("delete again"))?;
    let gone = store.load_item(&t.id, &i.id, &ctx).await;
    ensure!(
        gone.as_ref().is_err_and(StoreError::is_not_found),
        "deleted item: {gone:?}"
    );
    Ok(())
}

async fn delete_thread_cascades(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let t = thread(0);
    store
        .save_thread(&t, &ctx)
        .await
        .map_err(fail("save thread"))?;
    store
        .add_thread_item(&t.id, &item(&t, 1, "x"), &ctx)
        .await
        .map_err(fail("add"))?;
    store
        .delete_thread(&t.id, &ctx)
        .await
        .map_err(fail("delete"))?;
    store
        .delete_thread(&t.id, &ctx)
        .await
        .map_err(fail("delete again"))?;
    let loaded = store.load_thread(&t.id, &ctx).await;
    ensure!(
        loaded.as_ref().is_err_and(StoreError::is_not_found),
        "deleted thread: {loaded:?}"
    );
    // A thread saved again under the same id starts empty.
    store
        .save_thread(&t, &ctx)
        .await
        .map_err(fail("save again"))?;
    let items = store
        .load_thread_items(&t.id, &PageQuery::default(), &ctx)
        .await
        .map_err(fail("list"))?;
    ensure!(
        items.data.is_empty(),
        "items survived their thread: {:?}",
        items.data
    );
    Ok(())
}

async fn missing_threads(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let t = thread(0);
    let i = item(&t, 1, "x");
    let results = [
        store.load_thread(&t.id, &ctx).await.err(),
        store
            .load_thread_items(&t.id, &PageQuery::default(), &ctx)
            .await
            .err(),
        store.add_thread_item(&t.id, &i, &ctx).await.err(),
        store.load_item(&t.id, &i.id, &ctx).await.err(),
    ];
    for (n, error) in results.iter().enumerate() {
        ensure!(
            error.as_ref().is_some_and(StoreError::is_not_found),
            "call {n} on a missing thread gave {error:?}"
        );
    }
    Ok(())
}

async fn isolation(store: &Store_<'_>) -> CheckResult {
    let (alice, bob) = (user(), user());
    let t = thread(0);
    store.save_thread(&t, &alice).await.map_err(fail("save"))?;
    let i = item(&t, 1, "alice's");
    store
        .add_thread_item(&t.id, &i, &alice)
        .await
        .map_err(fail("add"))?;

    ensure!(
        store.load_thread(&t.id, &bob).await.is_err(),
        "bob loaded alice's thread"
    );
    ensure!(
        store.load_item(&t.id, &i.id, &bob).await.is_err(),
        "bob loaded alice's item"
    );
    ensure!(
        store
            .load_thread_items(&t.id, &PageQuery::default(), &bob)
            .await
            .is_err(),
        "bob listed alice's items"
    );
    let bobs = store
        .load_threads(&PageQuery::default(), &bob)
        .await
        .map_err(fail("bob's list"))?;
    ensure!(bobs.data.is_empty(), "bob sees threads: {:?}", bobs.data);
    let mut hijack = i.clone();
    hijack.kind = ItemKind::AssistantMessage(AssistantMessageItem::text("bob was here"));
    ensure!(
        store.save_item(&t.id, &hijack, &bob).await.is_err(),
        "bob wrote into alice's thread"
    );
    // Deletes by bob touch nothing of alice's.
    let _ = store.delete_thread_item(&t.id, &i.id, &bob).await;
    let _ = store.delete_thread(&t.id, &bob).await;
    let still = store
        .load_item(&t.id, &i.id, &alice)
        .await
        .map_err(fail("alice's item after bob"))?;
    ensure!(still == i, "alice's item changed: {still:?}");
    Ok(())
}

async fn attachments(store: &Store_<'_>) -> CheckResult {
    let (alice, bob) = (user(), user());
    let mut a = Attachment {
        id: IdKind::Attachment.generate(),
        name: "σημειώσεις.txt".into(),
        mime_type: "text/plain".into(),
        kind: AttachmentKind::File,
        ..Default::default()
    };
    a.metadata = Some(serde_json::Map::from_iter([(
        "bucket".to_owned(),
        json!("b1"),
    )]));
    store
        .save_attachment(&a, &alice)
        .await
        .map_err(fail("save"))?;
    let back = store
        .load_attachment(&a.id, &alice)
        .await
        .map_err(fail("load"))?;
    ensure!(back == a, "loaded {back:?} (metadata must be kept)");
    ensure!(
        store.load_attachment(&a.id, &bob).await.is_err(),
        "bob loaded alice's attachment"
    );
    a.thread_id = Some("thr_x".into());
    store
        .save_attachment(&a, &alice)
        .await
        .map_err(fail("update"))?;
    let back = store
        .load_attachment(&a.id, &alice)
        .await
        .map_err(fail("load updated"))?;
    ensure!(
        back.thread_id.as_deref() == Some("thr_x"),
        "update lost: {back:?}"
    );
    store
        .delete_attachment(&a.id, &alice)
        .await
        .map_err(fail("delete"))?;
    ensure!(
        store.load_attachment(&a.id, &alice).await.is_err(),
        "deleted attachment still loads"
    );
    Ok(())
}

async fn feedback(store: &Store_<'_>) -> CheckResult {
    let (alice, bob) = (user(), user());
    let t = thread(0);
    store.save_thread(&t, &alice).await.map_err(fail("save"))?;
    let (a, b) = (item(&t, 1, "a"), item(&t, 2, "b"));
    store
        .add_thread_item(&t.id, &a, &alice)
        .await
        .map_err(fail("add a"))?;
    store
        .add_thread_item(&t.id, &b, &alice)
        .await
        .map_err(fail("add b"))?;
    let none = store
        .load_feedback(&t.id, &a.id, &alice)
        .await
        .map_err(fail("load none"))?;
    ensure!(none.is_none(), "feedback before any: {none:?}");
    let both = [a.id.clone(), b.id.clone()];
    store
        .save_feedback(&t.id, &both, FeedbackKind::Positive, &alice)
        .await
        .map_err(fail("save"))?;
    store
        .save_feedback(&t.id, &both[..1], FeedbackKind::Negative, &alice)
        .await
        .map_err(fail("save again"))?;
    let fa = store
        .load_feedback(&t.id, &a.id, &alice)
        .await
        .map_err(fail("load a"))?;
    let fb = store
        .load_feedback(&t.id, &b.id, &alice)
        .await
        .map_err(fail("load b"))?;
    ensure!(
        fa == Some(FeedbackKind::Negative) && fb == Some(FeedbackKind::Positive),
        "feedback {fa:?} {fb:?}"
    );
    let missing = store
        .save_feedback(
            &t.id,
            &["msg_nope".to_owned()],
            FeedbackKind::Positive,
            &alice,
        )
        .await;
    ensure!(
        missing.as_ref().is_err_and(StoreError::is_not_found),
        "feedback on a missing item: {missing:?}"
    );
    ensure!(
        store
            .save_feedback(&t.id, &both, FeedbackKind::Negative, &bob)
            .await
            .is_err(),
        "bob rated alice's items"
    );
    Ok(())
}

async fn write_batch(store: &Store_<'_>) -> CheckResult {
    let ctx = user();
    let t = thread(0);
    let (a, b) = (item(&t, 1, "a"), item(&t, 2, "b"));
    // A new thread with its first item, in one go.
    let ops = [WriteOp::SaveThread(t.clone()), WriteOp::AddItem(a.clone())];
    store
        .write_batch(&t.id, &ops, &ctx)
        .await
        .map_err(fail("batch"))?;
    let items = store
        .load_thread_items(&t.id, &PageQuery::default(), &ctx)
        .await
        .map_err(fail("list"))?;
    ensure!(
        items.data == vec![a.clone()],
        "after the batch: {:?}",
        items.data
    );
    // A failing batch (a duplicate insert last) leaves nothing of itself behind.
    let mut renamed = t.clone();
    renamed.title = Some("not saved".into());
    let failing = [
        WriteOp::SaveThread(renamed),
        WriteOp::DeleteItem(a.id.clone()),
        WriteOp::AddItem(b.clone()),
        WriteOp::AddItem(b.clone()),
    ];
    let result = store.write_batch(&t.id, &failing, &ctx).await;
    ensure!(
        matches!(result, Err(StoreError::Conflict { .. })),
        "a duplicate in a batch gave {result:?}"
    );
    let items = store
        .load_thread_items(&t.id, &PageQuery::default(), &ctx)
        .await
        .map_err(fail("list after"))?;
    ensure!(
        items.data == vec![a],
        "a failed batch changed the items: {:?}",
        items.data
    );
    let back = store.load_thread(&t.id, &ctx).await.map_err(fail("load"))?;
    ensure!(
        back.title.is_none(),
        "a failed batch changed the thread: {back:?}"
    );
    // Another user's thread is not found inside a batch either.
    let other = user();
    let stolen = store
        .write_batch(&t.id, &[WriteOp::AddItem(item(&t, 3, "x"))], &other)
        .await;
    ensure!(
        stolen.as_ref().is_err_and(StoreError::is_not_found),
        "a batch on another user's thread: {stolen:?}"
    );
    Ok(())
}
