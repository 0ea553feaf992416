//! The LangGraph client against an in-process fake LangGraph (axum) that replays a real capture.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chatkit_server::langgraph::{
    ClientConfig, LangGraphClient, LangGraphError, RunInput, Turn, TurnUpdate,
};
use futures::StreamExt;
use serde_json::{Value, json};

/// One request the fake saw: which endpoint, the body, the `x-api-key`.
type Call = (String, Value, Option<String>);

#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<Call>>>);

async fn fake(seen: Seen) -> String {
    async fn threads(
        State(seen): State<Seen>,
        headers: HeaderMap,
        body: axum::Json<Value>,
    ) -> Response {
        let key = headers
            .get("x-api-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        seen.0.lock().unwrap_or_else(|p| p.into_inner()).push((
            "threads".into(),
            body.0.clone(),
            key,
        ));
        axum::Json(json!({"thread_id": body.0["thread_id"], "status": "idle"})).into_response()
    }
    async fn stream(
        State(seen): State<Seen>,
        Path(thread): Path<String>,
        body: axum::Json<Value>,
    ) -> Response {
        seen.0.lock().unwrap_or_else(|p| p.into_inner()).push((
            "stream".into(),
            body.0.clone(),
            None,
        ));
        match thread.as_str() {
            "missing" => (
                StatusCode::NOT_FOUND,
                axum::Json(json!({"detail": "Thread or assistant not found."})),
            )
                .into_response(),
            "silent" => {
                // Headers, one event, then nothing: the client's read timeout must end it.
                let first =
                    futures::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(
                        b"event: metadata\r\ndata: {\"run_id\":\"r1\",\"attempt\":1}\r\n\r\n",
                    ))]);
                let body = Body::from_stream(first.chain(futures::stream::pending()));
                (
                    [(header::CONTENT_TYPE, "text/event-stream; charset=utf-8")],
                    body,
                )
                    .into_response()
            }
            "huge" => {
                // One event of 2 MiB, in 64 KiB pieces.
                let head = b"event: metadata\r\ndata: {\"run_id\":\"r1\",\"attempt\":1}\r\n\r\nevent: custom\r\ndata: \"".to_vec();
                let pieces = std::iter::once(head)
                    .chain((0..32).map(|_| vec![b'x'; 64 * 1024]))
                    .chain(std::iter::once(b"\"\r\n\r\n".to_vec()))
                    .map(|piece| Ok::<_, std::io::Error>(bytes::Bytes::from(piece)));
                (
                    [
                        (
                            header::CONTENT_TYPE,
                            "text/event-stream; charset=utf-8".to_owned(),
                        ),
                        (
                            header::CONTENT_LOCATION,
                            format!("/threads/{thread}/runs/r1"),
                        ),
                    ],
                    Body::from_stream(futures::stream::iter(pieces)),
                )
                    .into_response()
            }
            _ => (
                [
                    (
                        header::CONTENT_TYPE,
                        "text/event-stream; charset=utf-8".to_owned(),
                    ),
                    (
                        header::CONTENT_LOCATION,
                        format!("/threads/{thread}/runs/run-42"),
                    ),
                ],
                support::capture_body("12-stream-messages-tuple.txt"),
            )
                .into_response(),
        }
    }
    let app = Router::new()
        .route("/ok", get(|| async { axum::Json(json!({"ok": true})) }))
        .route("/threads", post(threads))
        .route("/threads/{thread}/runs/stream", post(stream))
        .route(
            "/threads/{thread}/runs/{run}",
            get(|| async { axum::Json(json!({"status": "success"})) }),
        )
        .with_state(seen);
    support::serve(app).await
}

fn client(base: &str) -> LangGraphClient {
    let mut config = ClientConfig::new(base, "agent");
    config.api_key = Some("lsv2_test".into());
    config.read_timeout = Duration::from_millis(500);
    LangGraphClient::new(config).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn threads_are_derived_and_created_idempotently() {
    let seen = Seen::default();
    let lg = client(&fake(seen.clone()).await);
    lg.health().await.unwrap_or_else(|e| panic!("{e}"));
    let a = lg
        .ensure_thread("alice", "thr_1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let again = lg
        .ensure_thread("alice", "thr_1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let bob = LangGraphClient::thread_id("bob", "thr_1");
    assert_eq!(a, again);
    assert_ne!(
        a, bob,
        "the same ChatKit id of another user is another thread"
    );
    assert!(uuid::Uuid::parse_str(&a).is_ok_and(|u| u.get_version_num() == 5));
    let calls = seen.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].1["if_exists"], "do_nothing");
    assert_eq!(
        calls[0].1["metadata"],
        json!({"chatkit_thread_id": "thr_1", "user": "alice"})
    );
    assert_eq!(
        calls[0].2.as_deref(),
        Some("lsv2_test"),
        "x-api-key is sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_streams_into_text() {
    let seen = Seen::default();
    let lg = client(&fake(seen.clone()).await);
    let run = lg
        .stream_run(
            "t1",
            &RunInput::Message {
                id: "msg_1".into(),
                text: "hello tuple".into(),
            },
            None,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.run_id.as_deref(), Some("run-42"));
    let text = text_of(run).await;
    assert_eq!(text, "You said: hello tuple");
    let request = seen.0.lock().unwrap_or_else(|p| p.into_inner())[0]
        .1
        .clone();
    assert_eq!(
        request["input"],
        json!({"messages": [{"role": "user", "content": "hello tuple", "id": "msg_1"}]})
    );
    assert_eq!(
        request["stream_mode"],
        json!(["messages-tuple", "updates", "custom"])
    );
    assert_eq!(request["stream_resumable"], true, "a drop can be rejoined");
    assert_eq!(request["on_disconnect"], "cancel");
    assert!(request.get("checkpoint").is_none());
    let resume = lg
        .stream_run("t1", &RunInput::Resume(json!("yes")), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    drop(resume);
    let resumed = seen.0.lock().unwrap_or_else(|p| p.into_inner())[1]
        .1
        .clone();
    assert_eq!(resumed["command"], json!({"resume": "yes"}));
    assert_eq!(
        lg.run_status("t1", "run-42").await.ok().as_deref(),
        Some("success")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_typed() {
    let lg = client(&fake(Seen::default()).await);
    match lg
        .stream_run(
            "missing",
            &RunInput::Message {
                id: "msg_1".into(),
                text: "hi".into(),
            },
            None,
        )
        .await
    {
        Err(LangGraphError::Status {
            status: 404,
            detail,
        }) => assert_eq!(detail, "Thread or assistant not found."),
        other => panic!("{other:?}"),
    }
    let down = client(&support::closed_port().await);
    assert!(matches!(
        down.health().await,
        Err(LangGraphError::Unreachable { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_stream_times_out() {
    let lg = client(&fake(Seen::default()).await);
    let run = lg
        .stream_run(
            "silent",
            &RunInput::Message {
                id: "msg_1".into(),
                text: "hi".into(),
            },
            None,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut events = run.events;
    let mut results = Vec::new();
    let started = std::time::Instant::now();
    while let Ok(Some(event)) = tokio::time::timeout(Duration::from_secs(10), events.next()).await {
        results.push(event);
    }
    assert!(
        started.elapsed() < Duration::from_secs(9),
        "the read timeout never fired"
    );
    assert_eq!(results.len(), 2, "one event, then one timeout: {results:?}");
    assert!(
        results.first().is_some_and(|r| r.is_ok()),
        "the first event arrives"
    );
    assert!(
        matches!(results.last(), Some(Err(LangGraphError::Timeout(_)))),
        "{:?}",
        results.last()
    );
}

/// Drains a run, returning its text.
async fn text_of(run: chatkit_server::langgraph::RunStream) -> String {
    let mut turn = Turn::new();
    let mut text = String::new();
    let mut events = run.events;
    while let Some(event) = events.next().await {
        for update in turn.push(&event.unwrap_or_else(|e| panic!("{e}"))) {
            if let TurnUpdate::TextDelta { delta, .. } = update {
                text.push_str(&delta);
            }
        }
    }
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_reruns_from_the_checkpoint_before_its_message() {
    let fake = support::fake::FakeLangGraph::start().await;
    let lg = client(&fake.url);
    let thread = lg
        .ensure_thread("alice", "thr_1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let say = |id: &str, text: &str| RunInput::Message {
        id: id.into(),
        text: text.into(),
    };
    // Twelve turns: 25 checkpoints, more than one page of history.
    for n in 0..11 {
        let run = lg
            .stream_run(&thread, &say(&format!("msg_{n}"), "hello"), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        text_of(run).await;
    }
    let last = lg
        .stream_run(&thread, &say("msg_last", "what do you remember?"), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text_of(last).await, "I remember 23 messages.");

    let before = lg
        .checkpoint_before(&thread, "msg_last")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(before.as_deref(), Some("cp-run-11-done"));
    let first = lg
        .checkpoint_before(&thread, "msg_0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.as_deref(), Some("cp-0"), "found on the second page");
    let never = lg
        .checkpoint_before(&thread, "msg_never_sent")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(never, None, "a message the agent never saw: no fork");

    // The rerun forgets the discarded answer: the same count as the first time.
    let again = lg
        .stream_run(
            &thread,
            &say("msg_last", "what do you remember?"),
            before.as_deref(),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text_of(again).await, "I remember 23 messages.");
    let runs = fake.runs();
    assert_eq!(
        runs.last().map(|r| r["checkpoint"].clone()),
        Some(json!({"checkpoint_id": "cp-run-11-done"}))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_stream_is_rejoined_a_bounded_number_of_times() {
    let fake = support::fake::FakeLangGraph::start().await;
    let mut config = ClientConfig::new(&fake.url, "agent");
    config.max_reconnects = 3;
    config.reconnect_backoff = Duration::from_millis(5);
    let lg = LangGraphClient::new(config).unwrap_or_else(|e| panic!("{e}"));
    let thread = lg
        .ensure_thread("alice", "thr_1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let input = RunInput::Message {
        id: "msg_1".into(),
        text: "lost".into(),
    };
    let run = lg
        .stream_run(&thread, &input, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let results: Vec<_> = run.events.collect().await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        3,
        "three events arrived"
    );
    match results.last() {
        Some(Err(LangGraphError::Cut { attempts: 3, last })) => {
            assert!(last.contains("503"), "{last}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        fake.rejoins(),
        vec![("run-1".to_owned(), "3".to_owned()); 3],
        "each rejoin asks for what followed the last event seen"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_over_the_limit_ends_the_stream_without_rejoining() {
    let base = fake(Seen::default()).await;
    let mut config = ClientConfig::new(&base, "agent");
    config.max_event_bytes = 1024 * 1024;
    let lg = LangGraphClient::new(config).unwrap_or_else(|e| panic!("{e}"));
    let run = lg
        .stream_run("huge", &RunInput::Resume(json!(true)), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let events: Vec<_> = run.events.collect().await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(events[0].is_ok());
    let error = events[1]
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert_eq!(error, "an event is larger than 1048576 bytes");

    // Within the default limit (16 MiB) the same event reads.
    let lg = client(&base);
    let run = lg
        .stream_run("huge", &RunInput::Resume(json!(true)), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let events: Vec<_> = run.events.collect().await;
    assert!(
        events.iter().all(Result::is_ok),
        "{:?}",
        events
            .iter()
            .filter_map(|e| e.as_ref().err())
            .collect::<Vec<_>>()
    );
    assert_eq!(events.len(), 2);
}
