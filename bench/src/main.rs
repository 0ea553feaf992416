//! `chatkit-bench`: runs the benchmark scenarios against servers that are already running
//! (`scripts/bench.sh` starts the Python reference and ours side by side) and writes the
//! results as Markdown, medians of several runs.

mod big;
mod carousel;
mod delay;
mod load;
mod report;
mod scenarios;
mod soak;
mod target;

use std::time::Duration;

use clap::Parser;

use crate::report::{Extras, Measured, Row};
use crate::target::{Target, rss_kib, seed, settle};

#[derive(Parser, Debug)]
#[command(about = "Side-by-side ChatKit server benchmarks")]
struct Args {
    /// A server: NAME=URL@PID (repeat; the first is the baseline the ratios compare with).
    #[arg(long = "target", required_unless_present_any = ["seed_sqlite", "soak"])]
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
    /// The `oha` load generator (a path, or a name on `PATH`).
    #[arg(long, default_value = "oha")]
    oha: String,
    /// Streams held open at once for the memory reading (after the other scenarios), opened
    /// this many at a time.
    #[arg(long, default_value_t = 10_000)]
    open_streams: usize,
    #[arg(long, default_value_t = 256)]
    open_concurrency: usize,
    /// The Python of the venv with openai-chatkit, and the carousel script it runs.
    #[arg(long, default_value = "bench/python/.venv/bin/python")]
    python: String,
    #[arg(long, default_value = "bench/python/carousel.py")]
    carousel_script: String,
    /// Pictures in the carousel; seconds per carousel timing run.
    #[arg(long, default_value_t = 50)]
    carousel_items: usize,
    #[arg(long, default_value_t = 2.0)]
    carousel_seconds: f64,
    /// Our `chatkit-server` binary, for the token delay (skipped without it).
    #[arg(long)]
    delay_binary: Option<String>,
    /// Stamped tokens per run of the fake LangGraph, and the time between them.
    #[arg(long, default_value_t = 500)]
    delay_tokens: usize,
    #[arg(long, default_value_t = 2)]
    delay_interval_ms: u64,
    /// A real `langgraph dev` serving the example agent (its `stamp` reply), for the token delay.
    #[arg(long)]
    langgraph_url: Option<String>,
    /// Only write the large SQLite store at this path (`--big-threads` × `--big-items`), then exit.
    #[arg(long)]
    seed_sqlite: Option<String>,
    /// A server of ours on that large store (`URL`): its items.list latency is measured.
    #[arg(long)]
    big_url: Option<String>,
    #[arg(long, default_value_t = 10_000)]
    big_threads: usize,
    #[arg(long, default_value_t = 100)]
    big_items: usize,
    #[arg(long, default_value_t = 2_000)]
    big_requests: usize,
    /// Only the load/soak run (`soak.rs`) of `--delay-binary`, then exit: sessions per round,
    /// messages per session, sessions at once, the least time to keep going (seconds), tokens
    /// per reply, and the RSS growth allowed from the first round to the last (percent).
    #[arg(long, requires = "delay_binary")]
    soak: bool,
    #[arg(long, default_value_t = 1_000)]
    soak_sessions: usize,
    #[arg(long, default_value_t = 10)]
    soak_messages: usize,
    #[arg(long, default_value_t = 200)]
    soak_concurrency: usize,
    #[arg(long, default_value_t = 0)]
    soak_seconds: u64,
    #[arg(long, default_value_t = 10)]
    soak_tokens: usize,
    #[arg(long)]
    soak_max_rss_growth: Option<f64>,
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
    if let Some(path) = &args.seed_sqlite {
        let took = big::seed(path, args.big_threads, args.big_items).await?;
        eprintln!(
            "bench: wrote {} threads × {} items to {path} in {:.1} s",
            args.big_threads,
            args.big_items,
            took.as_secs_f64()
        );
        return Ok(());
    }
    if args.soak {
        let plan = soak::Plan {
            sessions: args.soak_sessions,
            messages: args.soak_messages,
            concurrency: args.soak_concurrency,
            duration: Duration::from_secs(args.soak_seconds),
            tokens: args.soak_tokens,
            max_rss_growth: args.soak_max_rss_growth,
        };
        let binary = args.delay_binary.as_deref().unwrap_or("chatkit-server");
        let result = soak::run(binary, &plan).await?;
        println!("{}", result.report(&plan));
        return result.verdict(&plan);
    }
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    let duration = Duration::from_secs(args.duration);
    let runs = args.runs.max(1);
    // First, while nothing else runs: the carousel needs no server.
    eprintln!("bench: carousel");
    let carousel = carousel::measure(
        &args.python,
        &args.carousel_script,
        args.carousel_items,
        args.carousel_seconds,
        runs,
    )?;
    // Then the other scenarios measured once, while every server is still idle.
    let extras = extras(&args, &http, carousel).await?;
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
                scenarios::lists(&args.oha, target, &first, args.list_concurrency, duration)
                    .await?,
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
                open_streams: scenarios::open_streams(
                    target,
                    args.open_streams,
                    args.open_concurrency,
                    Duration::from_secs(600),
                )
                .await?,
            },
        });
        // Its clean-up after the dropped streams must not run into the next server's loads.
        let took = settle(target.pid, Duration::from_secs(180)).await;
        eprintln!(
            "bench: {} idle again after {:.1} s",
            target.name,
            took.as_secs_f64()
        );
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
            m.open_streams.streams == args.open_streams,
            "{}: {} of {} streams opened",
            row.name,
            m.open_streams.streams,
            args.open_streams
        );
        anyhow::ensure!(
            m.streams.errors == 0 && m.streams.events_per_sec > 0.0,
            "{}: {} streams failed",
            row.name,
            m.streams.errors
        );
    }
    let markdown = report::markdown(&args_summary(&args), &args.notes, &rows, &extras);
    std::fs::write(&args.out, markdown)?;
    eprintln!("bench: wrote {}", args.out);
    Ok(())
}

/// The scenarios measured once, before the per-server ones: the carousel (measured first), then
/// token delay and the large SQLite store, which are ours only.
async fn extras(
    args: &Args,
    http: &reqwest::Client,
    carousel: carousel::Carousel,
) -> anyhow::Result<Extras> {
    let mut delays = Vec::new();
    if let Some(binary) = &args.delay_binary {
        eprintln!("bench: token delay (fake LangGraph)");
        let fake = delay::fake_langgraph(
            args.delay_tokens,
            Duration::from_millis(args.delay_interval_ms),
        )
        .await?;
        delays.push(
            delay::measure(
                "fake LangGraph (in the bench process)",
                binary,
                &fake,
                "stamp",
                args.runs,
            )
            .await?,
        );
        if let Some(langgraph) = &args.langgraph_url {
            eprintln!("bench: token delay (langgraph dev)");
            delays.push(
                delay::measure(
                    "langgraph dev, example agent",
                    binary,
                    langgraph,
                    "stamp",
                    args.runs,
                )
                .await?,
            );
        }
    }
    let big = match &args.big_url {
        Some(url) => {
            eprintln!("bench: large SQLite store");
            Some(
                big::pages(
                    http,
                    url,
                    args.big_threads,
                    args.big_items,
                    args.big_requests,
                )
                .await?,
            )
        }
        None => None,
    };
    Ok(Extras {
        carousel: Some(carousel),
        delays,
        big,
    })
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
