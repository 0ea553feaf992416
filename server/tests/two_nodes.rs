//! Two `chatkit-server` processes on one Postgres database (and one session secret), with a
//! client whose successive requests alternate between them, as behind a load balancer without
//! sticky sessions: the conversation, feedback, renames, retries and deletes are the same seen
//! from either node, and a client leaving a stream on one node cancels its run there. Needs
//! `CHATKIT_TEST_POSTGRES_URL` (`scripts/test.sh` creates the database).

mod support;

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use serde_json::{Value, json};
use support::binary::{Binary, Browser};
use support::chatkit::{add, answer, create, done, thread_id};
use support::fake::FakeLangGraph;

async fn items(browser: &mut Browser, thread: &Value) -> Vec<Value> {
    support::answers::page_items(
        &browser
            .post(&support::answers::items_list(thread))
            .await
            .body,
    )
}

async fn threads(browser: &mut Browser) -> Value {
    browser
        .post(&json!({"type": "threads.list", "params": {}}))
        .await
        .json()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_alternating_between_two_nodes_see_one_conversation() {
    let Some(url) = chatkit_tests::skip::postgres("two nodes on one Postgres") else {
        return;
    };
    let fake = FakeLangGraph::start().await;
    let env = [("DATABASE_URL", url.as_str())];
    let a = Binary::start(&fake.url, &env);
    let b = Binary::start(&fake.url, &env);
    let mut browser = Browser::new(&a);

    let first = browser.events(&create("hello tuple")).await;
    assert_eq!(answer(&first), "You said: hello tuple");
    let thread = thread_id(&first);

    browser.switch_to(&b);
    let second = browser.events(&add(&thread, "what do you remember?")).await;
    assert_eq!(
        answer(&second),
        "I remember 3 messages.",
        "B continues A's thread"
    );
    let question = done(&second, "user_message")[0]["id"].clone();
    let reply = done(&second, "assistant_message")[0]["id"].clone();

    browser.switch_to(&a);
    let feedback = json!({"type": "items.feedback", "params": {"thread_id": thread, "item_ids": [reply], "kind": "positive"}});
    assert_eq!(
        browser.post(&feedback).await.status,
        200,
        "A takes feedback on B's answer"
    );
    let rename =
        json!({"type": "threads.update", "params": {"thread_id": thread, "title": "Two nodes"}});
    assert_eq!(browser.post(&rename).await.status, 200);

    browser.switch_to(&b);
    assert_eq!(threads(&mut browser).await["data"][0]["title"], "Two nodes");
    let retry = json!({"type": "threads.retry_after_item", "params": {"thread_id": thread, "item_id": question}});
    let retried = browser.post(&retry).await.events();
    assert_eq!(answer(&retried), "I remember 3 messages.");

    browser.switch_to(&a);
    let seen = items(&mut browser, &thread).await;
    let kinds: Vec<&str> = seen.iter().filter_map(|i| i["type"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "user_message",
            "assistant_message",
            "user_message",
            "assistant_message"
        ],
        "A sees B's retry: one answer to the question"
    );
    assert_ne!(
        seen[3]["id"], reply,
        "the retried answer replaced the old one"
    );

    // A stranger on either node sees nothing; deleting on A is gone on B.
    assert_eq!(threads(&mut Browser::new(&b)).await["data"], json!([]));
    let delete = json!({"type": "threads.delete", "params": {"thread_id": thread}});
    assert_eq!(browser.post(&delete).await.status, 200);
    browser.switch_to(&b);
    assert_eq!(threads(&mut browser).await["data"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_a_stream_on_one_node_cancels_its_run() {
    let Some(url) = chatkit_tests::skip::postgres("two nodes on one Postgres") else {
        return;
    };
    let fake = FakeLangGraph::start().await;
    // A silent run: the server notices the client left when its next keep-alive cannot be sent.
    let env = [
        ("DATABASE_URL", url.as_str()),
        ("CHATKIT_KEEP_ALIVE_SECS", "1"),
    ];
    let a = Binary::start(&fake.url, &env);
    let b = Binary::start(&fake.url, &env);
    let body = json!({"type": "threads.create", "params": {"input": {"content": [{"type": "input_text", "text": "silent"}], "attachments": [], "inference_options": {}}}});
    // A client on a plain socket: it reads the start of the answer, then closes.
    let address = a.url.trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&address)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let text = body.to_string();
    let request = format!(
        "POST /langgraph/chatkit HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
        text.len()
    );
    socket
        .write_all(request.as_bytes())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Until a keep-alive comes: the run is open upstream and silent.
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains(": keep-alive") {
        match tokio::time::timeout(Duration::from_secs(10), socket.read(&mut buffer)).await {
            Ok(Ok(n)) if n > 0 => seen.extend_from_slice(&buffer[..n]),
            other => panic!("the stream ended early: {other:?}"),
        }
    }
    drop(socket);
    let mut cancelled = false;
    for _ in 0..200 {
        if !fake.cancels().is_empty() {
            cancelled = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        cancelled,
        "node A cancels the run of the client that left it"
    );
    // Node B serves on meanwhile.
    let mut browser = Browser::new(&b);
    assert_eq!(
        answer(&browser.events(&create("hello tuple")).await),
        "You said: hello tuple"
    );
}
