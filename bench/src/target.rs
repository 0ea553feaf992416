//! A server under test: its endpoint, its process (for CPU time and memory), and the requests
//! the scenarios send.

use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::{Value, json};

/// One server: `name=url@pid` on the command line.
#[derive(Debug, Clone)]
pub struct Target {
    /// The row label (`python`, `python-cached`, `rust-memory`, `rust-sqlite`).
    pub name: String,
    /// The ChatKit endpoint.
    pub url: String,
    /// The server's process id.
    pub pid: u32,
}

impl std::str::FromStr for Target {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> anyhow::Result<Self> {
        let (name, rest) = text.split_once('=').context("expected NAME=URL@PID")?;
        let (url, pid) = rest.rsplit_once('@').context("expected NAME=URL@PID")?;
        Ok(Target {
            name: name.to_owned(),
            url: url.to_owned(),
            pid: pid.parse().context("the PID")?,
        })
    }
}

/// CPU time a process has used so far (all its threads, from `/proc/<pid>/task/*/schedstat`,
/// nanosecond resolution). `pid` may be `self`.
pub fn cpu_time(pid: &str) -> Duration {
    let mut total = 0u64;
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            if let Ok(stat) = std::fs::read_to_string(task.path().join("schedstat")) {
                total += stat
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(0);
            }
        }
    }
    Duration::from_nanos(total)
}

/// Waits until a server is idle: its CPU time grows by less than 2% of a core over half a
/// second (at most `limit`). A server cleaning up after the last scenario (10,000 dropped
/// streams each save their partial answer) would otherwise take CPU from the next one's
/// measurement. Returns how long it took.
pub async fn settle(pid: u32, limit: Duration) -> Duration {
    let started = std::time::Instant::now();
    let pid = pid.to_string();
    let window = Duration::from_millis(500);
    let mut before = cpu_time(&pid);
    while started.elapsed() < limit {
        tokio::time::sleep(window).await;
        let now = cpu_time(&pid);
        if now.saturating_sub(before) < window / 50 {
            break;
        }
        before = now;
    }
    started.elapsed()
}

/// Resident memory of a process in KiB (`VmRSS`).
pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// `threads.create` with a text message.
pub fn create(text: &str) -> Value {
    json!({"type": "threads.create", "params": {"input": {"content": [{"type": "input_text", "text": text}], "attachments": [], "inference_options": {}}}})
}

/// `threads.add_user_message` with a text message.
pub fn add(thread: &str, text: &str) -> Value {
    json!({"type": "threads.add_user_message", "params": {"thread_id": thread, "input": {"content": [{"type": "input_text", "text": text}], "attachments": [], "inference_options": {}}}})
}

/// Sends a request; returns the body (SSE text or JSON).
pub async fn send(http: &reqwest::Client, url: &str, body: &Value) -> anyhow::Result<String> {
    let response = http
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await?;
    let status = response.status();
    let text = response.text().await?;
    if !status.is_success() {
        bail!("{url} answered {status}: {text}");
    }
    Ok(text)
}

/// The id of the thread a `threads.create` stream created.
pub fn created_thread(sse: &str) -> anyhow::Result<String> {
    for line in sse.lines() {
        if let Some(data) = line.strip_prefix("data: ") {
            let event: Value = serde_json::from_str(data)?;
            if event["type"] == "thread.created" {
                return event["thread"]["id"]
                    .as_str()
                    .map(str::to_owned)
                    .context("a thread without an id");
            }
        }
    }
    bail!("no thread.created event in {sse:.200}")
}

/// Creates `threads` threads of `items` items each (one user message and its answer per turn),
/// `concurrency` at a time; returns their ids.
pub async fn seed(
    http: &reqwest::Client,
    target: &Target,
    threads: usize,
    items: usize,
    concurrency: usize,
) -> anyhow::Result<Vec<String>> {
    use futures::StreamExt;
    let turns = (items / 2).max(1);
    let ids = futures::stream::iter(0..threads)
        .map(|n| async move {
            let thread =
                created_thread(&send(http, &target.url, &create(&format!("seed {n}"))).await?)?;
            for turn in 1..turns {
                send(http, &target.url, &add(&thread, &format!("turn {turn}"))).await?;
            }
            anyhow::Ok(thread)
        })
        .buffered(concurrency)
        .collect::<Vec<_>>()
        .await;
    ids.into_iter().collect()
}
