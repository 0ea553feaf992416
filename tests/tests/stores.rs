//! The store conformance suite on every store: memory, SQLite (in memory and on disk) and
//! Postgres (the database `CHATKIT_TEST_POSTGRES_URL` names; see `chatkit_tests::skip`), plus
//! concurrent writers.

use std::sync::Arc;

use chatkit_sdk::store::{
    MemoryStore, PageQuery, PostgresStore, RequestContext, SqliteStore, Store, suite,
};
use chatkit_sdk::{AssistantMessageItem, Order, ThreadItem, ThreadMetadata};

async fn passes(name: &str, store: &dyn Store<RequestContext>) {
    match suite::run(store).await {
        Ok(report) => assert_eq!(report.passed, 13, "{name}"),
        Err(failures) => panic!("{name} failed the store suite:\n{failures}"),
    }
}

#[tokio::test]
async fn memory() {
    passes("MemoryStore", &MemoryStore::new()).await;
}

#[tokio::test]
async fn sqlite_in_memory() {
    let store = SqliteStore::in_memory()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    passes("SqliteStore (memory)", &store).await;
}

fn scratch_file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("chatkit-stores-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir.join("chatkit.db")
}

#[tokio::test]
async fn sqlite_file_survives_reopening() {
    let path = scratch_file("reopen");
    let url = path.display().to_string();
    let ctx = RequestContext::new("u");
    {
        let store = SqliteStore::open(&url)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        passes("SqliteStore (file)", &store).await;
        store
            .save_thread(&ThreadMetadata::new("thr_keep"), &ctx)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        store.close();
    }
    let store = SqliteStore::open(&url)
        .await
        .unwrap_or_else(|e| panic!("reopen: {e}"));
    assert!(
        store.load_thread("thr_keep", &ctx).await.is_ok(),
        "data lost on reopen"
    );
    // WAL mode: a write goes to the `-wal` file beside the database.
    store
        .save_thread(&ThreadMetadata::new("thr_more"), &ctx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let wal = path.with_file_name("chatkit.db-wal");
    assert!(wal.exists(), "no {} beside the database", wal.display());
}

#[tokio::test]
async fn postgres() {
    let Some(url) = chatkit_tests::skip::postgres("stores::postgres (the Postgres store suite)")
    else {
        return;
    };
    let store = PostgresStore::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    passes("PostgresStore", &store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_writers_on_one_sqlite_file() {
    let path = scratch_file("concurrent");
    let store = Arc::new(
        SqliteStore::open(&path.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let ctx = RequestContext::new("u");
    let thread = ThreadMetadata::new("thr_busy");
    store
        .save_thread(&thread, &ctx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let writers: Vec<_> = (0..50)
        .map(|n| {
            let (store, ctx) = (store.clone(), ctx.clone());
            tokio::spawn(async move {
                for k in 0..4 {
                    let item = ThreadItem::new(
                        format!("msg_{n:04}_{k}"),
                        "thr_busy",
                        AssistantMessageItem::text(format!("{n}/{k}")),
                    );
                    store.add_thread_item("thr_busy", &item, &ctx).await?;
                }
                Ok::<_, chatkit_sdk::store::StoreError>(())
            })
        })
        .collect();
    for writer in writers {
        writer
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let page = store
        .load_thread_items(
            "thr_busy",
            &PageQuery::new(Some(500), Order::Asc, None),
            &ctx,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut ids: Vec<&str> = page.data.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 200, "items lost or duplicated");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 200, "duplicated items");
}
