//! An in-process fake LangGraph server (axum) that answers like `langgraph dev` does: it replays
//! real captures chosen by the words of the user message, numbers every event (`id:`, as a
//! `stream_resumable` run), lets a cut run be rejoined with `Last-Event-ID`, keeps each
//! thread's messages as checkpoints (`/history`, runs from a `checkpoint`), and records every
//! request for the tests to inspect.
//!
//! The captures are of `langgraph dev` (`tests/data/langgraph/transcripts`, the reference graph)
//! and of our example agent (`tests/data/langgraph/agent`, for what only it does: its questions,
//! its widget, its answer to a resume).
//!
//! | words                | the run                                                          |
//! |----------------------|------------------------------------------------------------------|
//! | (default)            | capture 12: "You said: hello tuple"                              |
//! | `tool`               | capture 17: a `lookup_loan` call and its answer                  |
//! | `interrupt`, `pay`   | the agent's yes/no `interrupt()` (`pay-interrupt`)               |
//! | `form`, `transfer`   | the agent's form `interrupt()` (`transfer-form`)                 |
//! | `account`            | that run asking a choice: "Which account?" checking / savings    |
//! | `carousel`           | the demo carousel as a `custom` widget, then a reply             |
//! | `shapes`             | `custom` events of every documented shape and one unknown, reply |
//! | (a resume)           | the agent's resumed run with "Your answer: <value>. Done."       |
//! | `custom`             | capture 15: progress `custom` events                             |
//! | `badwidget`          | a `custom` widget of a root type ChatKit does not have, a reply  |
//! | `widget`             | the agent's `custom` ChatKit widget, then a reply                |
//! | `failmid`            | capture 25d: `event: error` after two tokens                     |
//! | `fail`               | capture 25: `event: error` before any token                      |
//! | `reject`             | HTTP 409 with a `detail`                                         |
//! | `cut`                | closes after 3 events while the run goes on; rejoin gets the rest|
//! | `lost`               | closes after 3 events; rejoins fail (503)                        |
//! | `crash`              | closes after 3 events; the run's status is `error`               |
//! | `silent`             | the run's first event, then nothing (the connection stays open)  |
//! | `slow`               | "word1 … word30", an event every 10 ms                           |
//! | `remember`           | "I remember N messages." (N = messages in the thread's state)   |
//! | Greek                | capture 19                                                       |

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures::StreamExt;
use serde_json::{Value, json};

use super::agent;

/// What the fake saw and keeps.
#[derive(Debug, Default)]
pub struct Seen {
    /// Every `runs/stream` body, in order.
    pub runs: Vec<Value>,
    /// Every rejoin: (run id, `Last-Event-ID`).
    pub rejoins: Vec<(String, String)>,
    /// When each rejoin came.
    pub rejoin_times: Vec<Instant>,
    /// The `x-api-key` header of every `runs/stream` request.
    pub api_keys: Vec<Option<String>>,
    /// The `x-user-id` header of every `runs/stream` request.
    pub user_headers: Vec<Option<String>>,
    /// While set, `/history` answers 500 (a retry cannot find its checkpoint).
    pub history_fails: bool,
    /// Cancelled runs.
    pub cancels: Vec<String>,
    /// Per thread: its metadata as patched.
    pub metadata: HashMap<String, Value>,
    /// Per thread: checkpoints, oldest first: (checkpoint id, message ids).
    threads: HashMap<String, Vec<(String, Vec<String>)>>,
    /// Per thread: the interrupts waiting for a resume (id, value).
    pending: HashMap<String, Vec<(String, Value)>>,
    /// Per run: its events and whether it is still running.
    streams: HashMap<String, Run>,
    next: u64,
}

/// One run: its events, its status (`running`, `success`, `error`), and whether rejoining it
/// fails.
#[derive(Debug)]
struct Run {
    events: Vec<String>,
    status: &'static str,
    lost: bool,
    silent: bool,
}

/// A running fake.
#[derive(Clone, Debug)]
pub struct FakeLangGraph {
    /// Its base URL.
    pub url: String,
    /// What it saw.
    pub seen: Arc<Mutex<Seen>>,
}

impl FakeLangGraph {
    /// Starts a fake on a free port.
    pub async fn start() -> Self {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let app = Router::new()
            .route("/ok", get(|| async { axum::Json(json!({"ok": true})) }))
            .route("/threads", post(create_thread))
            .route("/threads/{thread}/history", post(history))
            .route(
                "/threads/{thread}",
                get(thread_get).delete(thread_delete).patch(thread_patch),
            )
            .route("/threads/{thread}/state", get(state))
            .route("/threads/{thread}/runs/stream", post(runs_stream))
            .route("/threads/{thread}/runs/{run}", get(run_status))
            .route("/threads/{thread}/runs/{run}/stream", get(rejoin))
            .route("/threads/{thread}/runs/{run}/cancel", post(cancel))
            .with_state(seen.clone());
        FakeLangGraph {
            url: super::serve(app).await,
            seen,
        }
    }

    /// The `runs/stream` bodies received so far.
    pub fn runs(&self) -> Vec<Value> {
        self.seen.lock().map(|s| s.runs.clone()).unwrap_or_default()
    }

    /// The rejoins received so far.
    pub fn rejoins(&self) -> Vec<(String, String)> {
        lock(&self.seen).rejoins.clone()
    }

    /// When the rejoins came.
    pub fn rejoin_times(&self) -> Vec<Instant> {
        lock(&self.seen).rejoin_times.clone()
    }

    /// The `x-api-key` of each `runs/stream` request so far.
    pub fn api_keys(&self) -> Vec<Option<String>> {
        lock(&self.seen).api_keys.clone()
    }

    /// The runs cancelled (`POST …/cancel`).
    pub fn cancels(&self) -> Vec<String> {
        lock(&self.seen).cancels.clone()
    }

    /// The `x-user-id` header of each run.
    pub fn user_headers(&self) -> Vec<Option<String>> {
        lock(&self.seen).user_headers.clone()
    }

    /// The interrupts a thread waits on.
    pub fn pending(&self, thread: &str) -> Vec<(String, Value)> {
        lock(&self.seen)
            .pending
            .get(thread)
            .cloned()
            .unwrap_or_default()
    }

    /// Whether the fake still has a LangGraph thread.
    pub fn has_thread(&self, thread: &str) -> bool {
        lock(&self.seen).threads.contains_key(thread)
    }

    /// A thread's metadata as patched.
    pub fn metadata(&self, thread: &str) -> Value {
        lock(&self.seen)
            .metadata
            .get(thread)
            .cloned()
            .unwrap_or_default()
    }

    /// Forgets what a thread waits on (as if the agent moved on without an answer).
    pub fn clear_pending(&self, thread: &str) {
        lock(&self.seen).pending.remove(thread);
    }

    /// Makes `/history` fail (500) or work again.
    pub fn fail_history(&self, fail: bool) {
        lock(&self.seen).history_fails = fail;
    }
}

type Shared = State<Arc<Mutex<Seen>>>;

fn lock(seen: &Arc<Mutex<Seen>>) -> std::sync::MutexGuard<'_, Seen> {
    seen.lock().unwrap_or_else(|p| p.into_inner())
}

async fn create_thread(State(seen): Shared, body: axum::Json<Value>) -> axum::Json<Value> {
    let id = body.0["thread_id"].as_str().unwrap_or_default().to_owned();
    let mut seen = lock(&seen);
    seen.threads
        .entry(id.clone())
        .or_insert_with(|| vec![("cp-0".to_owned(), Vec::new())]);
    axum::Json(json!({"thread_id": id, "metadata": body.0["metadata"]}))
}

async fn history(
    State(seen): Shared,
    Path(thread): Path<String>,
    body: axum::Json<Value>,
) -> Response {
    let seen = lock(&seen);
    if seen.history_fails {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({"detail": "history unavailable"})),
        )
            .into_response();
    }
    let Some(checkpoints) = seen.threads.get(&thread) else {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"detail": "Thread not found"})),
        )
            .into_response();
    };
    let limit = body.0["limit"].as_u64().unwrap_or(1) as usize;
    let before = body.0["before"]["checkpoint_id"].as_str();
    let states: Vec<Value> = checkpoints
        .iter()
        .rev()
        .skip_while(|(id, _)| before.is_some_and(|b| b != id))
        .skip(usize::from(before.is_some()))
        .take(limit)
        .map(|(id, messages)| {
            json!({
                "checkpoint": {"thread_id": thread, "checkpoint_ns": "", "checkpoint_id": id},
                "values": {"messages": messages.iter().map(|m| json!({"id": m, "type": "human", "content": ""})).collect::<Vec<_>>()},
            })
        })
        .collect();
    axum::Json(Value::Array(states)).into_response()
}

/// `DELETE /threads/{id}`: forgets the thread.
async fn thread_delete(State(seen): Shared, Path(thread): Path<String>) -> StatusCode {
    let mut seen = lock(&seen);
    seen.pending.remove(&thread);
    match seen.threads.remove(&thread) {
        Some(_) => StatusCode::NO_CONTENT,
        None => StatusCode::NOT_FOUND,
    }
}

/// `PATCH /threads/{id}`: merges `metadata`.
async fn thread_patch(
    State(seen): Shared,
    Path(thread): Path<String>,
    body: axum::Json<Value>,
) -> Response {
    let mut seen = lock(&seen);
    if !seen.threads.contains_key(&thread) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let metadata = seen
        .metadata
        .entry(thread.clone())
        .or_insert_with(|| json!({}));
    for (key, value) in body.0["metadata"].as_object().into_iter().flatten() {
        metadata[key] = value.clone();
    }
    axum::Json(json!({"thread_id": thread, "metadata": metadata})).into_response()
}

/// `GET /threads/{id}`: its status (`interrupted` while something is pending, else `idle`).
async fn thread_get(State(seen): Shared, Path(thread): Path<String>) -> Response {
    let seen = lock(&seen);
    if !seen.threads.contains_key(&thread) {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"detail": "Thread not found"})),
        )
            .into_response();
    }
    let waiting = seen.pending.get(&thread).is_some_and(|p| !p.is_empty());
    let status = if waiting { "interrupted" } else { "idle" };
    axum::Json(json!({"thread_id": thread, "status": status})).into_response()
}

/// `GET /threads/{id}/state`: the messages of the last checkpoint and the pending interrupts.
async fn state(State(seen): Shared, Path(thread): Path<String>) -> Response {
    let seen = lock(&seen);
    let Some(checkpoints) = seen.threads.get(&thread) else {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"detail": "Thread not found"})),
        )
            .into_response();
    };
    let messages: Vec<Value> = checkpoints
        .last()
        .map(|(_, m)| m.clone())
        .unwrap_or_default()
        .iter()
        .map(|m| json!({"id": m, "type": "human", "content": ""}))
        .collect();
    let interrupts: Vec<Value> = seen
        .pending
        .get(&thread)
        .into_iter()
        .flatten()
        .map(|(id, value)| json!({"id": id, "value": value}))
        .collect();
    axum::Json(json!({
        "values": {"messages": messages},
        "next": if interrupts.is_empty() { json!([]) } else { json!(["ask"]) },
        "tasks": [],
        "interrupts": interrupts,
    }))
    .into_response()
}

/// The agent's yes/no question run, asking a choice among options instead.
fn choice_events() -> Vec<String> {
    agent::events("pay-interrupt")
        .iter()
        .map(|event| {
            let (name, mut data) = agent::parse(event);
            if let Some(interrupts) = data["__interrupt__"].as_array_mut() {
                for interrupt in interrupts {
                    interrupt["value"] =
                        json!({"question": "Which account?", "options": ["checking", "savings"]});
                }
            }
            format!("event: {name}\r\ndata: {data}")
        })
        .collect()
}

/// A resume answering nothing pending: LangGraph runs nothing.
fn noop_events(run: &str) -> Vec<String> {
    vec![format!(
        "event: metadata\r\ndata: {}",
        json!({"run_id": run, "attempt": 1})
    )]
}

/// The SSE body of a capture, split into its events.
fn capture_events(name: &str) -> Vec<String> {
    super::split_events(&super::capture_body(name))
}

/// A streamed AI reply, word by word, in the `messages-tuple` form.
fn reply_events(run: &str, text: &str) -> Vec<String> {
    let chunk = |content: &str, last: bool| {
        let message = json!({"content": content, "type": "AIMessageChunk", "id": format!("lc_run--{run}"), "tool_calls": [], "tool_call_chunks": [], "chunk_position": if last { json!("last") } else { Value::Null }});
        format!(
            "event: messages\r\ndata: {}",
            json!([message, {"langgraph_node": "agent"}])
        )
    };
    let mut events = vec![format!(
        "event: metadata\r\ndata: {}",
        json!({"run_id": run, "attempt": 1})
    )];
    events.extend(text.split_inclusive(' ').map(|word| chunk(word, false)));
    events.push(chunk("", true));
    events
}

fn events_for(
    body: &Value,
    run: &str,
    messages_in_state: usize,
    pending: &mut Vec<(String, Value)>,
) -> Vec<String> {
    if let Some(command) = body.get("command") {
        // `{interrupt id: value}`, answering one pending interrupt.
        let answered = command["resume"].as_object().and_then(|map| {
            map.iter()
                .find(|(id, _)| pending.iter().any(|(p, _)| p == *id))
                .map(|(id, value)| (id.clone(), value.clone()))
        });
        return match answered {
            Some((id, value)) => {
                pending.retain(|(p, _)| *p != id);
                agent::resume_events(&value)
            }
            None => noop_events(run),
        };
    }
    // New input drops what was pending.
    pending.clear();
    let text = body["input"]["messages"][0]["content"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    let has = |word: &str| text.contains(word);
    if has("remember") {
        return reply_events(run, &format!("I remember {messages_in_state} messages."));
    }
    if has("silent") {
        return reply_events(run, "")[..1].to_vec();
    }
    if has("slow") {
        let words: Vec<String> = (1..=30).map(|n| format!("word{n}")).collect();
        return reply_events(run, &words.join(" "));
    }
    if has("badwidget") {
        let widget = json!({"widget": {"type": "Carousel", "children": []}});
        let mut events = reply_events(run, "Here is your balance.");
        events.insert(1, format!("event: custom\r\ndata: {widget}"));
        return events;
    }
    if has("account") {
        return choice_events();
    }
    if has("shapes") {
        let mut events = reply_events(run, "Done.");
        let shapes = [
            json!("Looking up Athens"),
            json!({"type": "progress", "message": "Step 2 of 3"}),
            json!({"status": "Almost there"}),
            json!({"custom_key": "Generating custom data inside node"}),
        ];
        for (i, shape) in shapes.iter().enumerate() {
            events.insert(1 + i, format!("event: custom\r\ndata: {shape}"));
        }
        return events;
    }
    if has("carousel") {
        let card =
            chatkit_sdk::widget::Component::render(chatkit_server::widgets::ImageCarousel::demo());
        let widget = json!({"widget": card, "copy_text": "Four places to visit"});
        let mut events = reply_events(run, "Here are four places to visit.");
        events.insert(1, format!("event: custom\r\ndata: {widget}"));
        return events;
    }
    let agent_capture = if has("form") || has("transfer") {
        Some("transfer-form")
    } else if has("interrupt") || has("pay") {
        Some("pay-interrupt")
    } else if has("widget") {
        Some("balance-widget")
    } else {
        None
    };
    if let Some(name) = agent_capture {
        return agent::events(name);
    }
    let capture = if has("tool") {
        "17-stream-tool-messages-tuple.txt"
    } else if has("failmid") {
        "25d-failmid-stream.txt"
    } else if has("fail") {
        "25-fail-stream.txt"
    } else if has("custom") {
        "15-stream-custom.txt"
    } else if text.chars().any(|c| ('\u{0370}'..='\u{03ff}').contains(&c)) {
        "19-stream-greek.txt"
    } else {
        "12-stream-messages-tuple.txt"
    };
    capture_events(capture)
}

/// The events from `from` on, numbered; with `hang`, the connection then stays open, silent.
pub fn sse(events: &[String], from: usize, thread: &str, run: &str, hang: bool) -> Response {
    let body: String = numbered(events, from).collect();
    let first = futures::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let body = if hang {
        Body::from_stream(first.chain(futures::stream::pending()))
    } else {
        Body::from_stream(first)
    };
    sse_response(body, thread, run)
}

/// The events numbered, from `from` on, each as it is sent.
fn numbered(events: &[String], from: usize) -> impl Iterator<Item = String> + '_ {
    events
        .iter()
        .enumerate()
        .skip(from)
        .map(|(i, e)| format!("id: {}\r\n{e}\r\n\r\n", i + 1))
}

/// The events numbered, one every 10 ms.
fn paced_sse(events: &[String], thread: &str, run: &str) -> Response {
    let events: Vec<String> = numbered(events, 0).collect();
    let body = futures::stream::iter(events).then(|event| async move {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        Ok::<_, std::convert::Infallible>(event)
    });
    sse_response(Body::from_stream(body), thread, run)
}

fn sse_response(body: Body, thread: &str, run: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/event-stream; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_LOCATION,
                format!("/threads/{thread}/runs/{run}"),
            ),
            (
                header::LOCATION,
                format!("/threads/{thread}/runs/{run}/stream"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn runs_stream(
    State(seen): Shared,
    Path(thread): Path<String>,
    headers: HeaderMap,
    body: axum::Json<Value>,
) -> Response {
    let body = body.0;
    let mut seen = lock(&seen);
    seen.runs.push(body.clone());
    let api_key = headers
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    seen.api_keys.push(api_key);
    let user = headers
        .get("x-user-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    seen.user_headers.push(user);
    let text = body["input"]["messages"][0]["content"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    if text.contains("reject") {
        return (
            StatusCode::CONFLICT,
            axum::Json(json!({"detail": "Thread is already running a task."})),
        )
            .into_response();
    }
    seen.next += 1;
    let run = format!("run-{}", seen.next);
    let Some(checkpoints) = seen.threads.get_mut(&thread) else {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"detail": format!("Thread {thread} not found")})),
        )
            .into_response();
    };
    // A run from a checkpoint forgets what came after it.
    if let Some(from) = body["checkpoint"]["checkpoint_id"].as_str()
        && let Some(at) = checkpoints.iter().position(|(id, _)| id == from)
    {
        checkpoints.truncate(at + 1);
    }
    let mut messages = checkpoints
        .last()
        .map(|(_, m)| m.clone())
        .unwrap_or_default();
    if let Some(id) = body["input"]["messages"][0]["id"].as_str() {
        messages.push(id.to_owned());
        checkpoints.push((format!("cp-{run}-input"), messages.clone()));
    }
    let mut pending = seen.pending.remove(&thread).unwrap_or_default();
    let events = events_for(&body, &run, messages.len(), &mut pending);
    pending.extend(agent::interrupts_in(&events));
    let Some(checkpoints) = seen.threads.get_mut(&thread) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    messages.push(format!("ai-{run}"));
    checkpoints.push((format!("cp-{run}-done"), messages));
    seen.pending.insert(thread.clone(), pending);
    let lost = text.contains("lost");
    let crash = text.contains("crash");
    let cut = text.contains("cut") || lost || crash;
    let silent = text.contains("silent");
    let status = if crash {
        "error"
    } else if cut || silent {
        "running"
    } else {
        "success"
    };
    seen.streams.insert(
        run.clone(),
        Run {
            events: events.clone(),
            status,
            lost,
            silent,
        },
    );
    if text.contains("slow") {
        return paced_sse(&events, &thread, &run);
    }
    let shown = if cut {
        &events[..3.min(events.len())]
    } else {
        &events[..]
    };
    sse(shown, 0, &thread, &run, silent)
}

async fn run_status(State(seen): Shared, Path((_, run)): Path<(String, String)>) -> Response {
    match lock(&seen).streams.get(&run) {
        Some(state) => axum::Json(json!({"run_id": run, "status": state.status})).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"detail": "Run not found"})),
        )
            .into_response(),
    }
}

async fn rejoin(
    State(seen): Shared,
    Path((thread, run)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let last = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut seen = lock(&seen);
    seen.rejoins.push((run.clone(), last.clone()));
    seen.rejoin_times.push(Instant::now());
    let Some(state) = seen.streams.get_mut(&run) else {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"detail": "Run not found"})),
        )
            .into_response();
    };
    if state.lost {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(json!({"detail": "rejoin unavailable"})),
        )
            .into_response();
    }
    if state.status == "running" && !state.silent {
        state.status = "success";
    }
    let from = last.parse::<usize>().unwrap_or(0);
    let (events, silent) = (state.events.clone(), state.silent);
    sse(&events, from, &thread, &run, silent)
}

async fn cancel(State(seen): Shared, Path((_, run)): Path<(String, String)>) -> StatusCode {
    lock(&seen).cancels.push(run);
    StatusCode::ACCEPTED
}
