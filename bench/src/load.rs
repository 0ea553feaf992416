//! Closed-loop load: `concurrency` clients send the same request back to back for a while; the
//! result is requests per second, latency percentiles, and the CPU both sides used, measured by
//! `oha` (a separate, lean load generator, so the numbers are not our own client's).

use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::Value;

use crate::target::{Target, cpu_time};

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

/// Runs the load with `oha` (at `oha`, a path or a name on `PATH`) for `duration`: a closed loop
/// of `concurrency` connections, in-flight requests waited for at the deadline. Its CPU is
/// sampled from `/proc` every 50 ms while it runs (the last sample before it exits).
pub async fn oha(
    oha: &str,
    target: &Target,
    body: &Value,
    concurrency: usize,
    duration: Duration,
) -> anyhow::Result<Load> {
    let pid = target.pid.to_string();
    let server_before = cpu_time(&pid);
    let started = Instant::now();
    let mut child = tokio::process::Command::new(oha)
        .args([
            "--no-tui",
            "--output-format",
            "json",
            "--wait-ongoing-requests-after-deadline",
        ])
        .args(["-z", &format!("{}ms", duration.as_millis())])
        .args(["-c", &concurrency.to_string()])
        .args(["-m", "POST", "-H", "content-type: application/json"])
        .args(["-d", &body.to_string(), &target.url])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {oha} (scripts/bench.sh installs it)"))?;
    let child_pid = child.id().context("oha exited at once")?.to_string();
    let mut stdout = child.stdout.take().context("oha's output")?;
    let reading = tokio::spawn(async move {
        let mut text = String::new();
        tokio::io::AsyncReadExt::read_to_string(&mut stdout, &mut text)
            .await
            .map(|_| text)
    });
    let mut client = Duration::ZERO;
    let status = loop {
        client = client.max(cpu_time(&child_pid));
        tokio::select! {
            status = child.wait() => break status?,
            () = tokio::time::sleep(Duration::from_millis(50)) => {}
        }
    };
    let wall = started.elapsed();
    let server = cpu_time(&pid).saturating_sub(server_before);
    let text = reading.await??;
    anyhow::ensure!(status.success(), "oha failed ({status}): {text:.500}");
    let report: Value = serde_json::from_str(&text).context("oha's JSON report")?;
    let seconds = |v: &Value| Duration::from_secs_f64(v.as_f64().unwrap_or(0.0));
    let total: u64 = report["statusCodeDistribution"]
        .as_object()
        .map(|codes| codes.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);
    let ok = report["statusCodeDistribution"]["200"]
        .as_u64()
        .unwrap_or(0);
    let failed: u64 = report["errorDistribution"]
        .as_object()
        .map(|errors| errors.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);
    Ok(Load {
        rps: report["summary"]["requestsPerSec"].as_f64().unwrap_or(0.0),
        p50: seconds(&report["latencyPercentiles"]["p50"]),
        p99: seconds(&report["latencyPercentiles"]["p99"]),
        server_cores: server.as_secs_f64() / wall.as_secs_f64(),
        client_cores: client.as_secs_f64() / wall.as_secs_f64(),
        errors: (total - ok + failed) as usize,
    })
}
