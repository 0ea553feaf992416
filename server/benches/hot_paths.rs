//! The hot paths of a streamed reply, for review-time regressions (`cargo bench -p
//! chatkit-server --bench hot_paths`): serializing one event, a whole 2,000-delta reply through
//! the engine (pipeline, SSE framing, memory store), mapping a LangGraph token to ChatKit events,
//! and paging a thread's items.

use std::hint::black_box;
use std::sync::Arc;

use chatkit_sdk::server::{ChatKitResult, ChatKitServer, EventStream, Handler, ThreadHandle};
use chatkit_sdk::store::{MemoryStore, PageQuery, RequestContext, Store};
use chatkit_sdk::{
    AssistantMessageContent, AssistantMessageItem, Order, ThreadItem, ThreadItemUpdate,
    ThreadMetadata, ThreadStreamEvent,
};
use chatkit_server::adapter::Mapper;
use chatkit_server::langgraph::TurnUpdate;
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

criterion_group!(
    benches,
    serialize_event,
    engine_reply,
    adapter_mapping,
    store_paging
);
criterion_main!(benches);
