//! `chatkit-bench`: runs the benchmark scenarios against servers that are already running
//! (`scripts/bench.sh` starts the Python reference and ours side by side) and writes the
//! results as Markdown, medians of several runs.

mod load;
mod report;
mod scenarios;
mod target;

use std::time::Duration;

use clap::Parser;

use crate::report::{Measured, Row};
use crate::target::{Target, rss_kib, seed};

#[derive(Parser, Debug)]
#[command(about = "Side-by-side ChatKit server benchmarks")]
struct Args {
    /// A server: NAME=URL@PID (repeat; the first is the baseline the ratios compare with).
    #[arg(long = "target", required = true)]
    targets: Vec<Target>,
    /// Seconds per load measurement.
    #[arg(long, default_value_t = 20)]
    duration: u64,
    /// Runs of every measurement (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Threads to seed, and items per thread.
    #[arg(long, default_value_t = 200)]
    threads: usize,
    #[arg(long, default_value_t = 10)]
    items: usize,
    /// Concurrent clients for the listing load.
    #[arg(long, default_value_t = 32)]
    list_concurrency: usize,
    /// Text deltas per long reply, replies per CPU measurement, concurrent streams.
    #[arg(long, default_value_t = 2000)]
    deltas: usize,
    #[arg(long, default_value_t = 10)]
    replies: usize,
    #[arg(long, default_value_t = 16)]
    stream_concurrency: usize,
    /// Lines for the header (versions, machine).
    #[arg(long = "note")]
    notes: Vec<String>,
    /// Where to write the Markdown report.
    #[arg(long, default_value = "BENCHMARKS.md")]
    out: String,
}

fn median<T: Clone>(mut runs: Vec<T>, key: impl Fn(&T) -> f64) -> T {
    runs.sort_by(|a, b| key(a).total_cmp(&key(b)));
    runs[runs.len() / 2].clone()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    let duration = Duration::from_secs(args.duration);
    let runs = args.runs.max(1);
    let mut rows = Vec::new();
    for target in &args.targets {
        eprintln!("bench: {} at {}", target.name, target.url);
        let idle_rss = rss_kib(target.pid);
        let threads = seed(&http, target, args.threads, args.items, 8).await?;
        let first = threads.first().cloned().unwrap_or_default();
        let mut lists = Vec::new();
        let mut replies = Vec::new();
        let mut streams = Vec::new();
        for run in 1..=runs {
            eprintln!("bench: {} run {run}/{runs}", target.name);
            lists.push(
                scenarios::lists(&http, target, &first, args.list_concurrency, duration).await,
            );
            replies.push(scenarios::reply(&http, target, args.deltas, args.replies).await?);
            streams.push(
                scenarios::streams(
                    &http,
                    target,
                    args.deltas,
                    args.stream_concurrency,
                    duration,
                )
                .await,
            );
        }
        rows.push(Row {
            name: target.name.clone(),
            measured: Measured {
                threads_list: median(lists.iter().map(|l| l.0.clone()).collect(), |l| l.rps),
                items_list: median(lists.iter().map(|l| l.1.clone()).collect(), |l| l.rps),
                reply: median(replies, |r| r.server_cpu.as_secs_f64()),
                streams: median(streams, |s| s.events_per_sec),
                idle_rss_kib: idle_rss,
            },
        });
    }
    // A run with failed requests or short replies measured something else: refuse it.
    for row in &rows {
        let m = &row.measured;
        let errors = m.threads_list.errors + m.items_list.errors;
        anyhow::ensure!(errors == 0, "{}: {errors} requests failed", row.name);
        anyhow::ensure!(
            m.reply.events > args.deltas,
            "{}: a reply of {} deltas gave {} events",
            row.name,
            args.deltas,
            m.reply.events
        );
        anyhow::ensure!(
            m.streams.errors == 0 && m.streams.events_per_sec > 0.0,
            "{}: {} streams failed",
            row.name,
            m.streams.errors
        );
    }
    let markdown = report::markdown(&args_summary(&args), &args.notes, &rows);
    std::fs::write(&args.out, markdown)?;
    eprintln!("bench: wrote {}", args.out);
    Ok(())
}

fn args_summary(args: &Args) -> String {
    format!(
        "{} threads × {} items; listing load c={} for {} s; replies of {} deltas ({} per CPU sample); {} concurrent streams for {} s; median of {} runs",
        args.threads,
        args.items,
        args.list_concurrency,
        args.duration,
        args.deltas,
        args.replies,
        args.stream_concurrency,
        args.duration,
        args.runs
    )
}
