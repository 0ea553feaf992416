//! The delay we add between an upstream LangGraph token and the ChatKit delta it becomes.
//!
//! Each token's text is `@<unix ns> `, the moment its producer wrote it: a fast fake LangGraph in
//! this process, or the example agent under the real `langgraph dev` (its `stamp` reply). The
//! same run is read twice: straight from LangGraph (the baseline: the producer, SSE and loopback)
//! and through our `chatkit-server` binary; the difference is what we add.

use std::convert::Infallible;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use eventsource_stream::Eventsource;
use futures::{Stream, StreamExt};
use serde_json::{Value, json};

use crate::load::quantile;

fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Delays of one way of reading the tokens.
#[derive(Debug, Clone, Default)]
pub struct Delays {
    pub p50: Duration,
    pub p99: Duration,
    pub tokens: usize,
}

/// Both ways, and what we add.
#[derive(Debug, Clone, Default)]
pub struct DelayResult {
    pub upstream: String,
    pub direct: Delays,
    pub through_us: Delays,
}

impl DelayResult {
    /// Our added delay at a quantile (through us minus straight from LangGraph).
    pub fn added(&self) -> (Duration, Duration) {
        (
            self.through_us.p50.saturating_sub(self.direct.p50),
            self.through_us.p99.saturating_sub(self.direct.p99),
        )
    }
}

/// The delay of every stamped token in an SSE body, taken as each event is parsed off the wire
/// (with `eventsource-stream`, the SSE parser of our LangGraph client). `token_of` picks the
/// token text out of one event's JSON `data`.
async fn stamped_delays<S, E>(
    body: S,
    token_of: impl Fn(&Value) -> Option<&str>,
) -> anyhow::Result<Vec<Duration>>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::error::Error + Send + Sync + 'static,
{
    let mut events = body.eventsource();
    let mut delays = Vec::new();
    while let Some(event) = events.next().await {
        let arrived = now_ns();
        let event = event.map_err(|e| anyhow::anyhow!("reading the stream: {e}"))?;
        let Ok(value) = serde_json::from_str::<Value>(&event.data) else {
            continue;
        };
        let stamp = token_of(&value).and_then(|t| t.trim().strip_prefix('@')?.parse::<u128>().ok());
        if let Some(stamp) = stamp {
            let ns = arrived.saturating_sub(stamp).min(u64::MAX as u128) as u64;
            delays.push(Duration::from_nanos(ns));
        }
    }
    Ok(delays)
}

fn summarize(mut delays: Vec<Duration>) -> Delays {
    delays.sort_unstable();
    Delays {
        p50: quantile(&delays, 0.5),
        p99: quantile(&delays, 0.99),
        tokens: delays.len(),
    }
}

/// A token of LangGraph's `messages` event (`[chunk, metadata]`).
fn langgraph_token(value: &Value) -> Option<&str> {
    value[0]["content"].as_str()
}

/// A text delta of a ChatKit `thread.item.updated` event.
fn chatkit_token(value: &Value) -> Option<&str> {
    let update = &value["update"];
    (update["type"] == "assistant_message.content_part.text_delta")
        .then(|| update["delta"].as_str())
        .flatten()
}

/// Reads a run straight from LangGraph: a new thread, then `runs/stream` of `text`.
pub async fn direct(http: &reqwest::Client, langgraph: &str, text: &str) -> anyhow::Result<Delays> {
    let thread: Value = http
        .post(format!("{langgraph}/threads"))
        .json(&json!({}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let thread = thread["thread_id"].as_str().context("a thread id")?;
    let body = json!({
        "assistant_id": "agent",
        "input": {"messages": [{"role": "user", "content": text}]},
        "stream_mode": ["messages-tuple"],
    });
    let response = http
        .post(format!("{langgraph}/threads/{thread}/runs/stream"))
        .json(&body)
        .send()
        .await?
        .error_for_status()?;
    Ok(summarize(
        stamped_delays(response.bytes_stream(), langgraph_token).await?,
    ))
}

/// Reads the same kind of run through our server (`threads.create` with `text`).
pub async fn through(http: &reqwest::Client, chatkit: &str, text: &str) -> anyhow::Result<Delays> {
    let body = crate::target::create(text);
    let response = http
        .post(chatkit)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await?
        .error_for_status()?;
    Ok(summarize(
        stamped_delays(response.bytes_stream(), chatkit_token).await?,
    ))
}

/// The fake LangGraph: every run streams `tokens` stamped tokens, `interval` apart.
pub async fn fake_langgraph(tokens: usize, interval: Duration) -> anyhow::Result<String> {
    let run = move |Path(thread): Path<String>| async move {
        let stream = async_stream::stream! {
            let metadata = json!({"run_id": "run-bench", "attempt": 1});
            yield Ok::<_, Infallible>(Bytes::from(format!("event: metadata\r\ndata: {metadata}\r\n\r\n")));
            for _ in 0..tokens {
                tokio::time::sleep(interval).await;
                let chunk = json!([{"content": format!("@{} ", now_ns()), "type": "AIMessageChunk", "id": "lc_run--bench", "tool_calls": [], "tool_call_chunks": []}, {"langgraph_node": "agent"}]);
                yield Ok(Bytes::from(format!("event: messages\r\ndata: {chunk}\r\n\r\n")));
            }
            let last = json!([{"content": "", "type": "AIMessageChunk", "id": "lc_run--bench", "tool_calls": [], "tool_call_chunks": [], "chunk_position": "last"}, {"langgraph_node": "agent"}]);
            yield Ok(Bytes::from(format!("event: messages\r\ndata: {last}\r\n\r\n")));
        };
        (
            [
                (
                    header::CONTENT_TYPE,
                    "text/event-stream; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_LOCATION,
                    format!("/threads/{thread}/runs/run-bench"),
                ),
            ],
            Body::from_stream(stream),
        )
            .into_response()
    };
    let app = Router::new()
        .route("/ok", get(|| async { axum::Json(json!({"ok": true})) }))
        .route(
            "/threads",
            post(|body: axum::Json<Value>| async move {
                let id = body.0["thread_id"]
                    .as_str()
                    .unwrap_or("thr-bench")
                    .to_owned();
                axum::Json(json!({"thread_id": id}))
            }),
        )
        .route("/threads/{thread}/runs/stream", post(run))
        // Nothing ever waits for an answer: the server checks before each message.
        .route(
            "/threads/{thread}/state",
            get(|| async { axum::Json(json!({"values": {}, "tasks": [], "interrupts": []})) }),
        )
        .route(
            "/threads/{thread}/runs/{run}",
            get(|| async { axum::Json(json!({"status": "success"})) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(url)
}

/// Our binary in front of `langgraph`, on a free port with a fresh database; killed on drop.
pub struct OurServer {
    child: tokio::process::Child,
    pub chatkit: String,
    _data: tempfile::TempDir,
}

impl OurServer {
    pub async fn start(binary: &str, langgraph: &str) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let data = tempfile::tempdir()?;
        let child = tokio::process::Command::new(binary)
            .env("LANGGRAPH_API_URL", langgraph)
            .env("LANGGRAPH_ASSISTANT_ID", "agent")
            .env(
                "DATABASE_URL",
                format!("sqlite:{}", data.path().join("chatkit.db").display()),
            )
            .env("PORT", port.to_string())
            .env("HOST", "127.0.0.1")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {binary}"))?;
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        for _ in 0..200 {
            if http
                .get(format!("{base}/langgraph/health"))
                .send()
                .await
                .is_ok()
            {
                return Ok(OurServer {
                    child,
                    chatkit: format!("{base}/langgraph/chatkit"),
                    _data: data,
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::bail!("{binary} did not start on port {port}")
    }

    /// Its process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// Measures `upstream` (`fake` or `langgraph dev`) at `langgraph` both ways, `runs` runs each,
/// keeping the run with the median added p50.
pub async fn measure(
    upstream: &str,
    binary: &str,
    langgraph: &str,
    text: &str,
    runs: usize,
) -> anyhow::Result<DelayResult> {
    let http = reqwest::Client::new();
    let ours = OurServer::start(binary, langgraph).await?;
    let mut results = Vec::new();
    for _ in 0..runs.max(1) {
        let direct = direct(&http, langgraph, text).await?;
        let through_us = through(&http, &ours.chatkit, text).await?;
        anyhow::ensure!(
            direct.tokens > 0 && through_us.tokens == direct.tokens,
            "{upstream}: {} stamped tokens straight, {} through us",
            direct.tokens,
            through_us.tokens
        );
        results.push(DelayResult {
            upstream: upstream.to_owned(),
            direct,
            through_us,
        });
    }
    ours.stop().await;
    results.sort_by_key(|r| r.added().0);
    Ok(results.swap_remove(results.len() / 2))
}
