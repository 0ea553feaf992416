//! Engine behaviour beyond the reference run: user isolation for every request type, a client
//! that goes away mid-stream, over-large bodies.

use std::sync::Arc;

use chatkit_sdk::server::ChatKitServer;
use chatkit_sdk::store::{RequestContext, Store};
use chatkit_tests::conformance::app::{BODY_LIMIT, router};
use chatkit_tests::conformance::driver::{first_id, req, send_as, user_input};
use chatkit_tests::conformance::reference::{Counter, ReferenceHandler, counting_store};
use serde_json::{Value, json};

fn app() -> axum::Router {
    let counter = Counter::default();
    let store: Arc<dyn Store<RequestContext>> = Arc::new(counting_store(&counter));
    router(ChatKitServer::new(
        store.clone(),
        ReferenceHandler::new(store, counter),
    ))
}

/// The id of the thread a `threads.create` answer created.
fn created_thread(record: &chatkit_tests::conformance::normalize::Record) -> Value {
    record
        .events()
        .iter()
        .find(|e| e["type"] == "thread.created")
        .map(|e| e["thread"]["id"].clone())
        .unwrap_or_default()
}

async fn as_alice(
    app: &axum::Router,
    body: Option<Vec<u8>>,
) -> chatkit_tests::conformance::normalize::Record {
    send_as(app, "alice", "POST", body, None).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_data_is_not_found_for_every_request_type() {
    let app = app();
    // Alice: a thread with a widget, a pending tool call, a question, and an attachment.
    let r = as_alice(
        &app,
        req(
            "threads.create",
            json!({"input": user_input("hello widget tool", &[])}),
        ),
    )
    .await;
    let thread = created_thread(&r);
    let user_msg = first_id(&r, "user_message");
    let widget = first_id(&r, "widget");
    let r = as_alice(
        &app,
        req(
            "threads.add_user_message",
            json!({"thread_id": thread, "input": user_input("a question", &[])}),
        ),
    )
    .await;
    let question = first_id(&r, "structured_input");
    let atc = as_alice(
        &app,
        req(
            "attachments.create",
            json!({"name": "a.txt", "size": 1, "mime_type": "text/plain"}),
        ),
    )
    .await
    .json()
    .unwrap_or_default()["id"]
        .clone();
    let before = as_alice(&app, req("threads.get_by_id", json!({"thread_id": thread}))).await;
    assert_eq!(before.status, 200);

    let attempts: Vec<(&str, Value)> = vec![
        (
            "threads.create",
            json!({"input": user_input("steal", &[atc.as_str().unwrap_or_default()])}),
        ),
        (
            "threads.add_user_message",
            json!({"thread_id": thread, "input": user_input("hi", &[])}),
        ),
        (
            "threads.add_client_tool_output",
            json!({"thread_id": thread, "result": {}}),
        ),
        (
            "threads.add_structured_input",
            json!({"thread_id": thread, "item_id": question, "input": {}}),
        ),
        (
            "threads.retry_after_item",
            json!({"thread_id": thread, "item_id": user_msg}),
        ),
        (
            "threads.custom_action",
            json!({"thread_id": thread, "item_id": widget, "action": {"type": "x"}}),
        ),
        (
            "threads.sync_custom_action",
            json!({"thread_id": thread, "item_id": widget, "action": {"type": "x"}}),
        ),
        ("threads.get_by_id", json!({"thread_id": thread})),
        (
            "threads.update",
            json!({"thread_id": thread, "title": "mine now"}),
        ),
        ("threads.delete", json!({"thread_id": thread})),
        ("items.list", json!({"thread_id": thread})),
        (
            "items.feedback",
            json!({"thread_id": thread, "item_ids": [user_msg], "kind": "negative"}),
        ),
        ("attachments.delete", json!({"attachment_id": atc})),
    ];
    for (kind, params) in &attempts {
        let r = send_as(&app, "bob", "POST", req(kind, params.clone()), None).await;
        assert_eq!(
            r.status,
            404,
            "bob's {kind} got {} {}",
            r.status,
            String::from_utf8_lossy(&r.body)
        );
    }
    // The requests that name no thread see none of Alice's data.
    let list = send_as(&app, "bob", "POST", req("threads.list", json!({})), None).await;
    assert_eq!(list.json().unwrap_or_default()["data"], json!([]));
    let own = send_as(
        &app,
        "bob",
        "POST",
        req(
            "attachments.create",
            json!({"name": "b", "size": 1, "mime_type": "text/plain"}),
        ),
        None,
    )
    .await;
    assert_eq!(own.status, 200);
    let transcribe = send_as(
        &app,
        "bob",
        "POST",
        req(
            "input.transcribe",
            json!({"audio_base64": "AA==", "mime_type": "audio/wav"}),
        ),
        None,
    )
    .await;
    assert_eq!(transcribe.status, 200);
    // Every request type was tried: the thread-scoped ones above and the three unscoped ones.
    let mut tried: Vec<&str> = attempts.iter().map(|(kind, _)| *kind).collect();
    tried.extend(["threads.list", "attachments.create", "input.transcribe"]);
    tried.sort_unstable();
    let mut all: Vec<&str> = chatkit_sdk::RequestType::ALL
        .iter()
        .map(|t| t.as_str())
        .collect();
    all.sort_unstable();
    assert_eq!(tried, all, "every request type is covered");

    let after = as_alice(&app, req("threads.get_by_id", json!({"thread_id": thread}))).await;
    assert_eq!(after.body, before.body, "alice's thread changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_leaves_mid_stream_leaves_a_consistent_thread() {
    let app = app();
    let r = as_alice(
        &app,
        req("threads.create", json!({"input": user_input("first", &[])})),
    )
    .await;
    let thread = created_thread(&r);
    let cut = send_as(
        &app,
        "alice",
        "POST",
        req(
            "threads.add_user_message",
            json!({"thread_id": thread, "input": user_input("slow answer please", &[])}),
        ),
        Some("text_delta"),
    )
    .await;
    assert!(cut.note.is_some_and(|n| n.contains("closed")));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let items = as_alice(
        &app,
        req("items.list", json!({"thread_id": thread, "order": "asc"})),
    )
    .await
    .json()
    .unwrap_or_default();
    let texts: Vec<String> = items["data"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| {
                    format!(
                        "{}:{}",
                        i["type"].as_str().unwrap_or(""),
                        i["content"][0]["text"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        texts,
        // "Echo: slow answer please" is cut in three: the first third arrived.
        [
            "user_message:first",
            "assistant_message:Echo: first",
            "user_message:slow answer please",
            "assistant_message:Echo: sl"
        ],
        "the partial answer is kept, the hidden note is not listed"
    );
    // The thread goes on: a new turn works and sees the full history.
    let next = as_alice(
        &app,
        req(
            "threads.add_user_message",
            json!({"thread_id": thread, "input": user_input("again", &[])}),
        ),
    )
    .await;
    assert_ne!(first_id(&next, "assistant_message"), "missing");
    assert!(next.events().iter().all(|e| e["type"] != "error"));
}

#[tokio::test]
async fn over_large_bodies_are_refused() {
    let app = app();
    let text = "x".repeat(BODY_LIMIT + 1);
    let r = as_alice(
        &app,
        req("threads.create", json!({"input": user_input(&text, &[])})),
    )
    .await;
    assert_eq!(r.status, 413);
    let list = as_alice(&app, req("threads.list", json!({}))).await;
    assert_eq!(
        list.json().unwrap_or_default()["data"],
        json!([]),
        "nothing was written"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_streams_on_one_sqlite_store() {
    let dir = std::env::temp_dir().join(format!("chatkit-engine-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("streams.db");
    let _ = std::fs::remove_file(&path);
    let sqlite = chatkit_sdk::store::SqliteStore::open(&path.display().to_string())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let counter = Counter::default();
    let store: Arc<dyn Store<RequestContext>> = Arc::new(
        chatkit_tests::conformance::reference::counted(sqlite, &counter),
    );
    let app = router(ChatKitServer::new(
        store.clone(),
        ReferenceHandler::new(store, counter),
    ));

    let streams: Vec<_> = (0..50)
        .map(|n| {
            let app = app.clone();
            tokio::spawn(async move {
                let body = req(
                    "threads.create",
                    json!({"input": user_input(&format!("stream {n} progress"), &[])}),
                );
                send_as(&app, "load", "POST", body, None).await
            })
        })
        .collect();
    let mut threads = Vec::new();
    for stream in streams {
        let record = stream.await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(record.status, 200);
        assert!(
            record.events().iter().all(|e| e["type"] != "error"),
            "{}",
            String::from_utf8_lossy(&record.body)
        );
        threads.push(
            record
                .events()
                .iter()
                .find(|e| e["type"] == "thread.created")
                .map(|e| e["thread"]["id"].clone())
                .unwrap_or_default(),
        );
    }
    let list = send_as(
        &app,
        "load",
        "POST",
        req("threads.list", json!({"limit": 100})),
        None,
    )
    .await;
    assert_eq!(
        list.json().unwrap_or_default()["data"]
            .as_array()
            .map(Vec::len),
        Some(50)
    );
    for thread in threads {
        let items = send_as(
            &app,
            "load",
            "POST",
            req("items.list", json!({"thread_id": thread, "order": "asc"})),
            None,
        )
        .await;
        let kinds: Vec<String> = items.json().unwrap_or_default()["data"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|i| i["type"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            kinds,
            ["user_message", "assistant_message"],
            "thread {thread}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A handler that streams forever until the client leaves, and reports when it is told.
struct Endless(tokio::sync::mpsc::UnboundedSender<(String, usize)>);

#[async_trait::async_trait]
impl chatkit_sdk::server::Handler<RequestContext> for Endless {
    fn respond(
        &self,
        thread: chatkit_sdk::server::ThreadHandle,
        _input: Option<chatkit_sdk::ThreadItem>,
        _ctx: RequestContext,
    ) -> chatkit_sdk::server::EventStream {
        use chatkit_sdk::{ThreadItemUpdate, ThreadStreamEvent};
        let item = chatkit_sdk::ThreadItem::new(
            "msg_live",
            thread.id(),
            chatkit_sdk::AssistantMessageItem { content: vec![] },
        );
        Box::pin(async_stream::stream! {
            yield Ok(ThreadStreamEvent::ThreadItemAdded { item });
            loop {
                yield Ok(ThreadStreamEvent::ThreadItemUpdated {
                    item_id: "msg_live".into(),
                    update: ThreadItemUpdate::TextDelta { content_index: 0, delta: "tick ".into() },
                });
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        })
    }

    async fn stream_cancelled(
        &self,
        thread: chatkit_sdk::ThreadMetadata,
        pending: Vec<chatkit_sdk::ThreadItem>,
        _ctx: RequestContext,
    ) {
        let _ = self.0.send((thread.id, pending.len()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_handler_is_told_when_the_client_leaves() {
    use futures::StreamExt;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let store: Arc<dyn Store<RequestContext>> = Arc::new(chatkit_sdk::store::MemoryStore::new());
    let server = ChatKitServer::new(store.clone(), Endless(tx));
    let ctx = RequestContext::new("u");
    let body = req("threads.create", json!({"input": user_input("go", &[])})).unwrap_or_default();
    let Ok(chatkit_sdk::server::ChatKitResult::Stream(mut frames)) =
        server.process(&body, ctx.clone()).await
    else {
        panic!("expected a stream");
    };
    let mut seen = 0;
    while let Some(frame) = frames.next().await {
        if String::from_utf8_lossy(&frame).contains("tick") {
            seen += 1;
            if seen == 3 {
                break;
            }
        }
    }
    drop(frames);
    let (thread_id, pending) = tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv())
        .await
        .unwrap_or_else(|_| panic!("the handler was never told"))
        .unwrap_or_default();
    assert_eq!(pending, 1, "the streaming message was pending");
    let items = store
        .load_thread_items(
            &thread_id,
            &chatkit_sdk::store::PageQuery::new(None, chatkit_sdk::Order::Asc, None),
            &ctx,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<&str> = items.data.iter().map(|i| i.type_name()).collect();
    assert_eq!(
        kinds,
        ["user_message", "assistant_message", "sdk_hidden_context"]
    );
    let chatkit_sdk::ItemKind::AssistantMessage(partial) = &items.data[1].kind else {
        panic!("not a message")
    };
    assert_eq!(partial.plain_text(), "tick tick tick ");
}

/// A handler that answers "first" and, on a retry, "again" (through `Handler::retry`).
struct Retrying;

impl Retrying {
    fn say(
        thread: &chatkit_sdk::server::ThreadHandle,
        text: &str,
    ) -> chatkit_sdk::server::EventStream {
        let item = chatkit_sdk::ThreadItem::new(
            chatkit_sdk::IdKind::Message.generate(),
            thread.id(),
            chatkit_sdk::AssistantMessageItem {
                content: vec![chatkit_sdk::AssistantMessageContent::new(text)],
            },
        );
        Box::pin(futures::stream::iter([Ok(
            chatkit_sdk::ThreadStreamEvent::ThreadItemDone { item },
        )]))
    }
}

#[async_trait::async_trait]
impl chatkit_sdk::server::Handler<RequestContext> for Retrying {
    fn respond(
        &self,
        thread: chatkit_sdk::server::ThreadHandle,
        _input: Option<chatkit_sdk::ThreadItem>,
        _ctx: RequestContext,
    ) -> chatkit_sdk::server::EventStream {
        Self::say(&thread, "first")
    }

    fn retry(
        &self,
        thread: chatkit_sdk::server::ThreadHandle,
        message: chatkit_sdk::ThreadItem,
        _ctx: RequestContext,
    ) -> chatkit_sdk::server::EventStream {
        let chatkit_sdk::ItemKind::UserMessage(user) = &message.kind else {
            return Self::say(&thread, "not a user message");
        };
        let text = match user.content.first() {
            Some(chatkit_sdk::UserMessageContent::Text { text }) => text.clone(),
            _ => String::new(),
        };
        Self::say(&thread, &format!("again: {text}"))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_goes_to_the_handlers_retry_with_the_message() {
    let store: Arc<dyn Store<RequestContext>> = Arc::new(chatkit_sdk::store::MemoryStore::new());
    let app = router(ChatKitServer::new(store, Retrying));
    let created = as_alice(
        &app,
        req("threads.create", json!({"input": user_input("hi", &[])})),
    )
    .await;
    let thread = created_thread(&created);
    let message = first_id(&created, "user_message");
    let retried = as_alice(
        &app,
        req(
            "threads.retry_after_item",
            json!({"thread_id": thread, "item_id": message}),
        ),
    )
    .await;
    let texts: Vec<Value> = retried
        .events()
        .iter()
        .filter(|e| e["type"] == "thread.item.done")
        .map(|e| e["item"]["content"][0]["text"].clone())
        .collect();
    assert_eq!(texts, [json!("again: hi")]);
}
