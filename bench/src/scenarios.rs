//! The scenarios, each measured on every target.

use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::json;

use crate::load::{self, Load};
use crate::target::{Target, cpu_time, create, created_thread, send};

/// Listing a user's threads and a thread's items under load (with `oha`).
pub async fn lists(
    oha: &str,
    target: &Target,
    thread: &str,
    concurrency: usize,
    duration: Duration,
) -> anyhow::Result<(Load, Load)> {
    let threads = json!({"type": "threads.list", "params": {"limit": 20}});
    let items = json!({"type": "items.list", "params": {"thread_id": thread, "limit": 20}});
    Ok((
        load::oha(oha, target, &threads, concurrency, duration).await?,
        load::oha(oha, target, &items, concurrency, duration).await?,
    ))
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

/// Memory held by open streams.
#[derive(Debug, Clone, Default)]
pub struct OpenStreams {
    /// Streams open at the time of the reading.
    pub streams: usize,
    /// RSS before they opened, and with all of them open.
    pub rss_before_kib: u64,
    pub rss_open_kib: u64,
}

impl OpenStreams {
    /// RSS added per open stream.
    pub fn kib_per_stream(&self) -> f64 {
        self.rss_open_kib.saturating_sub(self.rss_before_kib) as f64 / self.streams.max(1) as f64
    }
}

/// Opens `count` streams (`hold:SECS` replies, `opening` at a time), waits until every one has
/// its first delta, reads the server's RSS, then closes them all.
pub async fn open_streams(
    target: &Target,
    count: usize,
    opening: usize,
    hold: Duration,
) -> anyhow::Result<OpenStreams> {
    // A client of its own: one connection per stream, none reused afterwards.
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()?;
    let rss_before_kib = crate::target::rss_kib(target.pid);
    let body = create(&format!("hold:{}", hold.as_secs())).to_string();
    let open = futures::stream::iter(0..count)
        .map(|_| {
            let (http, url, body) = (http.clone(), target.url.clone(), body.clone());
            async move {
                let response = http
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await?
                    .error_for_status()?;
                let mut bytes = response.bytes_stream();
                let mut seen = Vec::new();
                // Open means answered: read until the held delta has arrived.
                while !seen.windows(5).any(|w| w == b"held ") {
                    let chunk = bytes
                        .next()
                        .await
                        .ok_or_else(|| anyhow::anyhow!("the stream ended before its delta"))??;
                    seen.extend_from_slice(&chunk);
                }
                anyhow::Ok(bytes)
            }
        })
        .buffer_unordered(opening)
        .collect::<Vec<_>>()
        .await;
    let open = open.into_iter().collect::<anyhow::Result<Vec<_>>>()?;
    // Let the server settle (buffers, allocator) before reading.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_open_kib = crate::target::rss_kib(target.pid);
    let streams = open.len();
    drop(open);
    Ok(OpenStreams {
        streams,
        rss_before_kib,
        rss_open_kib,
    })
}
