//! The scenarios, each measured on every target.

use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::json;

use crate::load::{self, Load};
use crate::target::{Target, cpu_time, create, created_thread, send};

/// Listing a user's threads and a thread's items under load.
pub async fn lists(
    http: &reqwest::Client,
    target: &Target,
    thread: &str,
    concurrency: usize,
    duration: Duration,
) -> (Load, Load) {
    let threads = json!({"type": "threads.list", "params": {"limit": 20}});
    let items = json!({"type": "items.list", "params": {"thread_id": thread, "limit": 20}});
    (
        load::run(http, target, &threads, concurrency, duration).await,
        load::run(http, target, &items, concurrency, duration).await,
    )
}

/// One long reply at a time.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    /// Server CPU per reply.
    pub server_cpu: Duration,
    /// Median wall time of a reply (request sent → last byte).
    pub wall: Duration,
    /// SSE events per reply.
    pub events: usize,
}

/// `replies` replies of `deltas` text deltas, one after the other.
pub async fn reply(
    http: &reqwest::Client,
    target: &Target,
    deltas: usize,
    replies: usize,
) -> anyhow::Result<Reply> {
    let pid = target.pid.to_string();
    let body = create(&format!("deltas:{deltas}"));
    let before = cpu_time(&pid);
    let mut walls = Vec::new();
    let mut events = 0;
    for _ in 0..replies {
        let sent = Instant::now();
        let sse = send(http, &target.url, &body).await?;
        walls.push(sent.elapsed());
        events = sse.matches("data: ").count();
        created_thread(&sse)?;
    }
    let cpu = cpu_time(&pid).saturating_sub(before);
    walls.sort_unstable();
    Ok(Reply {
        server_cpu: cpu / replies.max(1) as u32,
        wall: load::quantile(&walls, 0.5),
        events,
    })
}

/// Streams at once, each a reply of `deltas` deltas, for `duration`.
#[derive(Debug, Clone, Default)]
pub struct Streams {
    /// SSE events received per second, over all streams.
    pub events_per_sec: f64,
    /// Server CPU per second of wall time.
    pub server_cores: f64,
    /// Load generator CPU per second of wall time.
    pub client_cores: f64,
    /// Streams that failed (refused, error status, broken body).
    pub errors: usize,
}

/// `concurrency` clients each streaming replies back to back for `duration`, counting events
/// as they arrive.
pub async fn streams(
    http: &reqwest::Client,
    target: &Target,
    deltas: usize,
    concurrency: usize,
    duration: Duration,
) -> Streams {
    let pid = target.pid.to_string();
    let (server_before, client_before) = (cpu_time(&pid), cpu_time("self"));
    let started = Instant::now();
    let deadline = started + duration;
    let body = create(&format!("deltas:{deltas}")).to_string();
    let workers = (0..concurrency).map(|_| {
        let http = http.clone();
        let url = target.url.clone();
        let body = body.clone();
        tokio::spawn(async move {
            let (mut events, mut errors) = (0usize, 0usize);
            while Instant::now() < deadline {
                let response = http
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await;
                let Ok(response) = response.and_then(reqwest::Response::error_for_status) else {
                    errors += 1;
                    continue;
                };
                let mut bytes = response.bytes_stream();
                // `data: ` may be split across chunks: keep the last bytes of each.
                let mut carry: Vec<u8> = Vec::new();
                while let Some(chunk) = bytes.next().await {
                    let Ok(chunk) = chunk else {
                        errors += 1;
                        break;
                    };
                    carry.extend_from_slice(&chunk);
                    events += carry.windows(6).filter(|w| w == b"data: ").count();
                    let keep = carry.len().min(5);
                    carry.drain(..carry.len() - keep);
                }
            }
            (events, errors)
        })
    });
    let (mut events, mut errors) = (0usize, 0usize);
    for worker in futures::future::join_all(workers).await {
        let (e, f) = worker.unwrap_or((0, 1));
        events += e;
        errors += f;
    }
    let wall = started.elapsed().as_secs_f64();
    Streams {
        events_per_sec: events as f64 / wall,
        server_cores: cpu_time(&pid).saturating_sub(server_before).as_secs_f64() / wall,
        client_cores: cpu_time("self").saturating_sub(client_before).as_secs_f64() / wall,
        errors,
    }
}
