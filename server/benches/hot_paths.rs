//! The hot paths of a streamed reply and of a listing, for review-time regressions (`cargo bench
//! -p chatkit-server --bench hot_paths`): serializing one event, a whole 2,000-delta reply through
//! the engine (pipeline, SSE framing, memory store), parsing a LangGraph `runs/stream` body,
//! mapping a LangGraph token to ChatKit events, paging a thread's items (memory and SQLite), and a
//! whole `threads.list` / `items.list` request through the engine on SQLite.

use std::hint::black_box;
use std::sync::Arc;

use chatkit_sdk::server::{ChatKitResult, ChatKitServer, EventStream, Handler, ThreadHandle};
use chatkit_sdk::store::{MemoryStore, PageQuery, RequestContext, SqliteStore, Store, WriteOp};
use chatkit_sdk::{
    AssistantMessageContent, AssistantMessageItem, Order, ThreadItem, ThreadItemUpdate,
    ThreadMetadata, ThreadStreamEvent,
};
use chatkit_server::adapter::Mapper;
use chatkit_server::langgraph::{TurnUpdate, parse_events};
use criterion::{Criterion, criterion_group, criterion_main};
use futures::StreamExt;

/// Streams one message of `n` deltas.
struct Deltas(usize);

impl Handler<RequestContext> for Deltas {
    fn respond(
        &self,
        thread: ThreadHandle,
        _input: Option<ThreadItem>,
        _ctx: RequestContext,
    ) -> EventStream {
        let n = self.0;
        Box::pin(async_stream::stream! {
            let id = "msg_bench".to_owned();
            yield Ok(ThreadStreamEvent::ThreadItemAdded {
                item: ThreadItem::new(id.clone(), thread.id(), AssistantMessageItem::default()),
            });
            for k in 0..n {
                yield Ok(ThreadStreamEvent::ThreadItemUpdated {
                    item_id: id.clone(),
                    update: ThreadItemUpdate::TextDelta { content_index: 0, delta: format!("tok{k} ") },
                });
            }
            yield Ok(ThreadStreamEvent::ThreadItemDone {
                item: ThreadItem::new(id, thread.id(), AssistantMessageItem { content: vec![AssistantMessageContent::new("done")] }),
            });
        })
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn serialize_event(c: &mut Criterion) {
    let event = ThreadStreamEvent::ThreadItemUpdated {
        item_id: "msg_0123abcd".into(),
        update: ThreadItemUpdate::TextDelta {
            content_index: 0,
            delta: "Γειά σου ".into(),
        },
    };
    c.bench_function("event_text_delta_serialize", |b| {
        b.iter(|| {
            serde_json::to_vec(black_box(&event))
                .map(|v| v.len())
                .unwrap_or_default()
        })
    });
}

fn engine_reply(c: &mut Criterion) {
    let rt = runtime();
    let store: Arc<dyn Store<RequestContext>> = Arc::new(MemoryStore::new());
    let server = ChatKitServer::new(store, Deltas(2000));
    let body = br#"{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"go"}],"attachments":[],"inference_options":{}}}}"#;
    c.bench_function("engine_reply_2000_deltas", |b| {
        b.iter(|| {
            rt.block_on(async {
                let Ok(ChatKitResult::Stream(mut frames)) =
                    server.process(body, RequestContext::new("u")).await
                else {
                    panic!("expected a stream")
                };
                let mut bytes = 0;
                while let Some(frame) = frames.next().await {
                    bytes += frame.len();
                }
                bytes
            })
        })
    });
}

fn adapter_mapping(c: &mut Criterion) {
    c.bench_function("adapter_map_text_delta", |b| {
        let mut mapper = Mapper::new("thr_bench");
        let _ = mapper.map(TurnUpdate::TextStarted {
            message_id: "m".into(),
        });
        b.iter(|| {
            mapper
                .map(TurnUpdate::TextDelta {
                    message_id: "m".into(),
                    delta: black_box("tok ".into()),
                })
                .map(|events| events.len())
                .unwrap_or_default()
        })
    });
}

fn store_paging(c: &mut Criterion) {
    let rt = runtime();
    let store = MemoryStore::new();
    let ctx = RequestContext::new("u");
    rt.block_on(async {
        store
            .save_thread(&ThreadMetadata::new("thr_1"), &ctx)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        for n in 0..1000 {
            let item = ThreadItem::new(
                format!("msg_{n:08x}"),
                "thr_1",
                AssistantMessageItem {
                    content: vec![AssistantMessageContent::new(format!("message {n}"))],
                },
            );
            store
                .add_thread_item("thr_1", &item, &ctx)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
    });
    let query = PageQuery::new(Some(20), Order::Desc, Some("msg_000001f4".into()));
    c.bench_function("memory_store_items_page_20_of_1000", |b| {
        b.iter(|| {
            rt.block_on(store.load_thread_items("thr_1", black_box(&query), &ctx))
                .map(|p| p.data.len())
                .unwrap_or_default()
        })
    });
}

/// A SQLite file store holding `threads` threads of `items` messages each, for user `u`.
async fn sqlite_store(dir: &std::path::Path, threads: usize, items: usize) -> SqliteStore {
    let store = SqliteStore::open(&dir.join("bench.db").to_string_lossy())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let ctx = RequestContext::new("u");
    for t in 0..threads {
        let thread_id = format!("thr_{t:08x}");
        let mut ops = vec![WriteOp::SaveThread(ThreadMetadata::new(thread_id.clone()))];
        ops.extend((0..items).map(|n| {
            WriteOp::AddItem(ThreadItem::new(
                format!("msg_{t:08x}_{n:08x}"),
                thread_id.clone(),
                AssistantMessageItem {
                    content: vec![AssistantMessageContent::new(format!("message {n}"))],
                },
            ))
        }));
        store
            .write_batch(&thread_id, &ops, &ctx)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    store
}

fn sqlite_paging(c: &mut Criterion) {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = rt.block_on(sqlite_store(dir.path(), 200, 10));
    let ctx = RequestContext::new("u");
    let first = PageQuery::new(Some(20), Order::Desc, None);
    c.bench_function("sqlite_store_threads_page_20_of_200", |b| {
        b.iter(|| {
            rt.block_on(store.load_threads(black_box(&first), &ctx))
                .map(|p| p.data.len())
                .unwrap_or_default()
        })
    });
    let query = PageQuery::new(Some(20), Order::Asc, None);
    c.bench_function("sqlite_store_items_page_10", |b| {
        b.iter(|| {
            rt.block_on(store.load_thread_items("thr_00000007", black_box(&query), &ctx))
                .map(|p| p.data.len())
                .unwrap_or_default()
        })
    });
    let server = ChatKitServer::new(Arc::new(store) as Arc<dyn Store<RequestContext>>, Deltas(0));
    for (name, body) in [
        ("engine_threads_list_sqlite", &br#"{"type":"threads.list","params":{"limit":20,"order":"desc"}}"#[..]),
        ("engine_items_list_sqlite", &br#"{"type":"items.list","params":{"thread_id":"thr_00000007","limit":20,"order":"asc"}}"#[..]),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                rt.block_on(async {
                    match server.process(black_box(body), RequestContext::new("u")).await {
                        Ok(ChatKitResult::Json(bytes)) => bytes.len(),
                        _ => panic!("expected JSON"),
                    }
                })
            })
        });
    }
}

/// A LangGraph `runs/stream` body of `n` `messages` events as `langgraph dev` writes them (one
/// token each, with its metadata), parsed from 4 KiB network chunks.
fn sse_parsing(c: &mut Criterion) {
    let rt = runtime();
    let metadata = r#"{"created_by":"system","graph_id":"chat","assistant_id":"eb6db400-e3c8-5d06-a834-015cb89efe69","run_attempt":1,"thread_id":"01a20a1f-2e52-77c6-ac09-14a48603529a","run_id":"01a20a1f-37ae-772b-bab7-daccd882937f","langgraph_step":10,"langgraph_node":"agent","langgraph_triggers":["branch:to:agent"],"langgraph_path":["__pregel_pull","agent"],"ls_provider":"echochatmodel","ls_model_type":"chat"}"#;
    let mut body = String::from(
        "event: metadata\ndata: {\"run_id\":\"01a20a1f-37ae-772b-bab7-daccd882937f\",\"attempt\":1}\n\n",
    );
    for k in 0..2000 {
        body.push_str(&format!(
            "event: messages\ndata: [{{\"content\":\"tok{k} \",\"additional_kwargs\":{{}},\"response_metadata\":{{}},\"type\":\"AIMessageChunk\",\"name\":null,\"id\":\"lc_run--01a20a1f\",\"tool_calls\":[],\"invalid_tool_calls\":[],\"usage_metadata\":null,\"tool_call_chunks\":[],\"chunk_position\":null}},{metadata}]\n\n"
        ));
    }
    let chunks: Vec<bytes::Bytes> = body
        .as_bytes()
        .chunks(4096)
        .map(bytes::Bytes::copy_from_slice)
        .collect();
    c.bench_function("langgraph_sse_parse_2000_messages", |b| {
        b.iter(|| {
            rt.block_on(async {
                let source = futures::stream::iter(
                    chunks
                        .iter()
                        .cloned()
                        .map(Ok::<_, std::convert::Infallible>),
                );
                parse_events(source)
                    .fold(
                        0usize,
                        |n, event| async move { n + usize::from(event.is_ok()) },
                    )
                    .await
            })
        })
    });
}

criterion_group!(
    benches,
    serialize_event,
    engine_reply,
    sse_parsing,
    adapter_mapping,
    store_paging,
    sqlite_paging
);
criterion_main!(benches);
