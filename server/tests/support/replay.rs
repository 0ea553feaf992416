//! A fake LangGraph that replays one multi-step capture of the real `langgraph dev`
//! (`tests/data/langgraph/hitl/<scenario>`, written by `scripts/capture-hitl.py`): run N answers
//! with `NN-run.txt`'s response, and `GET /threads/{id}/state` with `NN-state.json` of the last
//! run served. Each run request must be the captured one (same input text, or the very same
//! `command`, interrupt ids included — the replayed stream carries the captured ids); anything
//! else gets a 400 saying what differs, so a test fails at the first wrong resume.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

/// The replay's state.
#[derive(Debug, Default)]
struct Served {
    /// Runs served so far.
    steps: usize,
    /// Every `runs/stream` body received.
    runs: Vec<Value>,
}

/// A running replay.
#[derive(Clone, Debug)]
pub struct Replay {
    /// Its base URL.
    pub url: String,
    /// The scenario.
    pub scenario: String,
    served: Arc<Mutex<Served>>,
}

/// The directory of a scenario.
pub fn dir(scenario: &str) -> PathBuf {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/langgraph");
    let graphs = data.join("graphs").join(scenario);
    if graphs.is_dir() {
        graphs
    } else {
        data.join("hitl").join(scenario)
    }
}

pub fn request(scenario: &str, n: usize) -> Value {
    let path = dir(scenario).join(format!("{n:02}-run.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let body = text
        .split_once("\n\n")
        .and_then(|(_, rest)| rest.split_once("\n### RESPONSE\n"))
        .map(|(body, _)| body)
        .unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The state after step `n`.
pub fn state(scenario: &str, n: usize) -> Value {
    let path = dir(scenario).join(format!("{n:02}-state.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The SSE events of step `n`.
pub fn events(scenario: &str, n: usize) -> Vec<String> {
    let path = dir(scenario).join(format!("{n:02}-run.txt"));
    super::split_events(&super::capture_body_at(&path))
}

type Shared = State<(String, Arc<Mutex<Served>>)>;

impl Replay {
    /// Starts replaying a scenario on a free port.
    pub async fn start(scenario: &str) -> Self {
        let served = Arc::new(Mutex::new(Served::default()));
        let app = Router::new()
            .route("/ok", get(|| async { axum::Json(json!({"ok": true})) }))
            .route("/threads", post(create_thread))
            .route("/threads/{thread}", get(thread_get))
            .route("/threads/{thread}/state", get(thread_state))
            .route("/threads/{thread}/runs/stream", post(runs_stream))
            .route(
                "/threads/{thread}/runs/{run}",
                get(|Path((_, run)): Path<(String, String)>| async move {
                    axum::Json(json!({"run_id": run, "status": "success"}))
                }),
            )
            .with_state((scenario.to_owned(), served.clone()));
        Replay {
            url: super::serve(app).await,
            scenario: scenario.to_owned(),
            served,
        }
    }

    /// The `runs/stream` bodies received so far.
    pub fn runs(&self) -> Vec<Value> {
        self.served
            .lock()
            .map(|s| s.runs.clone())
            .unwrap_or_default()
    }
}

async fn create_thread(body: axum::Json<Value>) -> axum::Json<Value> {
    axum::Json(json!({"thread_id": body.0["thread_id"], "metadata": body.0["metadata"]}))
}

async fn thread_state(State((scenario, served)): Shared, Path(_): Path<String>) -> Response {
    let steps = served.lock().map(|s| s.steps).unwrap_or_default();
    if steps == 0 {
        return axum::Json(json!({"values": {}, "next": [], "tasks": [], "interrupts": []}))
            .into_response();
    }
    axum::Json(state(&scenario, steps)).into_response()
}

/// `GET /threads/{id}`: `interrupted` while the last state served has interrupts.
async fn thread_get(State((scenario, served)): Shared, Path(thread): Path<String>) -> Response {
    let steps = served.lock().map(|s| s.steps).unwrap_or_default();
    let waiting = steps > 0
        && state(&scenario, steps)["interrupts"]
            .as_array()
            .is_some_and(|i| !i.is_empty());
    let status = if waiting { "interrupted" } else { "idle" };
    axum::Json(json!({"thread_id": thread, "status": status})).into_response()
}

/// What a run request must match: the message text, or the whole command.
/// What a run request must match of the captured one: the resume, or the input (message ids
/// aside, they are new on every run), the runtime context and `config`.
fn essence(body: &Value) -> Value {
    match body.get("command") {
        Some(command) => json!({"command": command}),
        None => {
            let mut input = body["input"].clone();
            for message in input["messages"].as_array_mut().into_iter().flatten() {
                if let Some(message) = message.as_object_mut() {
                    message.remove("id");
                }
            }
            json!({"input": input, "context": body.get("context"), "config": body.get("config")})
        }
    }
}

async fn runs_stream(
    State((scenario, served)): Shared,
    Path(thread): Path<String>,
    body: axum::Json<Value>,
) -> Response {
    let mut served = served.lock().unwrap_or_else(|p| p.into_inner());
    served.runs.push(body.0.clone());
    let step = served.steps + 1;
    if !dir(&scenario).join(format!("{step:02}-run.txt")).exists() {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"detail": format!("{scenario} has no step {step}")})),
        )
            .into_response();
    }
    let (expected, got) = (essence(&request(&scenario, step)), essence(&body.0));
    if expected != got {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"detail": format!("step {step} of {scenario}: expected {expected}, got {got}")})),
        )
            .into_response();
    }
    served.steps = step;
    super::fake::sse(
        &events(&scenario, step),
        0,
        &thread,
        &format!("run-{step}"),
        false,
    )
}
