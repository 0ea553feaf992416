//! Closed-loop load: `concurrency` clients send the same request back to back for a while; the
//! result is requests per second, latency percentiles, and the CPU both sides used.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::target::{Target, cpu_time, send};

/// What one load run measured.
#[derive(Debug, Clone, Default)]
pub struct Load {
    /// Completed requests per second.
    pub rps: f64,
    /// Median latency.
    pub p50: Duration,
    /// 99th percentile latency.
    pub p99: Duration,
    /// Server CPU per second of wall time (1.0 = one core busy).
    pub server_cores: f64,
    /// Load generator CPU per second of wall time.
    pub client_cores: f64,
    /// Requests that failed.
    pub errors: usize,
}

/// The `q` quantile of sorted latencies.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

/// Runs the load for `duration`.
pub async fn run(
    http: &reqwest::Client,
    target: &Target,
    body: &Value,
    concurrency: usize,
    duration: Duration,
) -> Load {
    let pid = target.pid.to_string();
    let (server_before, client_before) = (cpu_time(&pid), cpu_time("self"));
    let started = Instant::now();
    let deadline = started + duration;
    let workers = (0..concurrency).map(|_| {
        let http = http.clone();
        let url = target.url.clone();
        let body = body.clone();
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0;
            while Instant::now() < deadline {
                let sent = Instant::now();
                match send(&http, &url, &body).await {
                    Ok(_) => latencies.push(sent.elapsed()),
                    Err(_) => errors += 1,
                }
            }
            (latencies, errors)
        })
    });
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in futures::future::join_all(workers).await {
        let (mut l, e) = worker.unwrap_or_default();
        latencies.append(&mut l);
        errors += e;
    }
    let wall = started.elapsed();
    let server = cpu_time(&pid).saturating_sub(server_before);
    let client = cpu_time("self").saturating_sub(client_before);
    latencies.sort_unstable();
    Load {
        rps: latencies.len() as f64 / wall.as_secs_f64(),
        p50: quantile(&latencies, 0.50),
        p99: quantile(&latencies, 0.99),
        server_cores: server.as_secs_f64() / wall.as_secs_f64(),
        client_cores: client.as_secs_f64() / wall.as_secs_f64(),
        errors,
    }
}
