//! Load and soak: our `chatkit-server` binary (SQLite) in front of the fake LangGraph, many
//! browser sessions at once, each its own cookie, creating a thread and adding messages to it,
//! round after round for as long as asked. Every request must succeed and every count must be
//! exact: each reply streamed whole (every token of the run, one assistant message done, no
//! error event), and at the end of a session its thread holds exactly its messages and their
//! answers, in order, and the session sees exactly its one thread; then it deletes its thread.
//! The server's RSS is read after each round, once it is idle again: a soak passes when the last reading is within the
//! allowed growth of the first (after the first round: warm pools, caches and allocator).

use std::time::{Duration, Instant};

use anyhow::Context;
use futures::StreamExt;
use serde_json::{Value, json};

use crate::delay::{OurServer, fake_langgraph};
use crate::target::{add, create, rss_kib, settle};

/// What to run.
#[derive(Debug, Clone)]
pub struct Plan {
    pub sessions: usize,
    pub messages: usize,
    pub concurrency: usize,
    /// Keep starting rounds until this much time has passed (at least one round).
    pub duration: Duration,
    /// Tokens per reply of the fake LangGraph.
    pub tokens: usize,
    /// The largest growth of RSS allowed from the first round's reading to the last (percent).
    pub max_rss_growth: Option<f64>,
}

/// One round: every session once.
#[derive(Debug, Clone)]
pub struct Round {
    pub took: Duration,
    pub requests: usize,
    pub errors: Vec<String>,
    pub rss_kib: u64,
}

/// The whole soak.
#[derive(Debug, Clone)]
pub struct Soak {
    pub idle_rss_kib: u64,
    pub rounds: Vec<Round>,
}

impl Soak {
    fn requests(&self) -> usize {
        self.rounds.iter().map(|r| r.requests).sum()
    }

    fn errors(&self) -> usize {
        self.rounds.iter().map(|r| r.errors.len()).sum()
    }

    /// RSS growth from the first round's reading to the last, in percent.
    fn growth(&self) -> f64 {
        match (self.rounds.first(), self.rounds.last()) {
            (Some(first), Some(last)) if first.rss_kib > 0 => {
                (last.rss_kib as f64 - first.rss_kib as f64) * 100.0 / first.rss_kib as f64
            }
            _ => 0.0,
        }
    }

    /// A Markdown summary.
    pub fn report(&self, plan: &Plan) -> String {
        let elapsed: Duration = self.rounds.iter().map(|r| r.took).sum();
        let mut out = format!(
            "Soak: {} sessions × {} messages per round, {} at once, {} tokens per reply; \
             {} rounds in {:.0} s; {} requests, {} errors ({:.0} requests/s under load)\n\n\
             | round | took (s) | requests | errors | RSS after (MiB) |\n|---|---|---|---|---|\n",
            plan.sessions,
            plan.messages,
            plan.concurrency,
            plan.tokens,
            self.rounds.len(),
            elapsed.as_secs_f64(),
            self.requests(),
            self.errors(),
            self.requests() as f64 / elapsed.as_secs_f64().max(1e-9),
        );
        for (n, round) in self.rounds.iter().enumerate() {
            out.push_str(&format!(
                "| {} | {:.1} | {} | {} | {:.1} |\n",
                n + 1,
                round.took.as_secs_f64(),
                round.requests,
                round.errors.len(),
                round.rss_kib as f64 / 1024.0
            ));
        }
        out.push_str(&format!(
            "\nRSS idle before the load {:.1} MiB; after round 1 {:.1} MiB, after the last {:.1} MiB \
             ({:+.1} %)\n",
            self.idle_rss_kib as f64 / 1024.0,
            self.rounds.first().map_or(0, |r| r.rss_kib) as f64 / 1024.0,
            self.rounds.last().map_or(0, |r| r.rss_kib) as f64 / 1024.0,
            self.growth()
        ));
        out
    }
}

/// Runs the soak against a fresh server of `binary` (`Soak::verdict` tells whether it passed).
pub async fn run(binary: &str, plan: &Plan) -> anyhow::Result<Soak> {
    let langgraph = fake_langgraph(plan.tokens, Duration::ZERO).await?;
    let ours = OurServer::start(binary, &langgraph).await?;
    let pid = ours.pid().context("the server's pid")?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(plan.concurrency)
        .build()?;
    let idle_rss_kib = rss_kib(pid);
    let mut soak = Soak {
        idle_rss_kib,
        rounds: Vec::new(),
    };
    let started = Instant::now();
    while soak.rounds.is_empty() || started.elapsed() < plan.duration {
        let round = round(&http, &ours.chatkit, plan).await;
        settle(pid, Duration::from_secs(60)).await;
        let round = Round {
            rss_kib: rss_kib(pid),
            ..round
        };
        eprintln!(
            "soak: round {}: {} requests in {:.1} s, {} errors, RSS {:.1} MiB",
            soak.rounds.len() + 1,
            round.requests,
            round.took.as_secs_f64(),
            round.errors.len(),
            round.rss_kib as f64 / 1024.0
        );
        for error in round.errors.iter().take(5) {
            eprintln!("soak:   {error}");
        }
        soak.rounds.push(round);
    }
    ours.stop().await;
    Ok(soak)
}

impl Soak {
    /// Whether it passed: no error, and no more RSS growth than allowed.
    pub fn verdict(&self, plan: &Plan) -> anyhow::Result<()> {
        anyhow::ensure!(self.errors() == 0, "{} errors", self.errors());
        if let Some(allowed) = plan.max_rss_growth {
            anyhow::ensure!(
                self.rounds.len() >= 2,
                "a soak needs two rounds at least to compare"
            );
            anyhow::ensure!(
                self.growth() <= allowed,
                "RSS grew {:.1} % from the first round to the last (allowed {allowed} %)",
                self.growth()
            );
        }
        Ok(())
    }
}

async fn round(http: &reqwest::Client, chatkit: &str, plan: &Plan) -> Round {
    let started = Instant::now();
    let results: Vec<Result<usize, String>> = futures::stream::iter(0..plan.sessions)
        .map(|n| session(http, chatkit, n, plan.messages, plan.tokens))
        .buffer_unordered(plan.concurrency.max(1))
        .collect()
        .await;
    let mut requests = 0;
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(sent) => requests += sent,
            Err(error) => errors.push(error),
        }
    }
    Round {
        took: started.elapsed(),
        requests,
        errors,
        rss_kib: 0,
    }
}

/// One browser session: a thread and `messages` messages in it, then the checks. Returns the
/// number of requests sent.
async fn session(
    http: &reqwest::Client,
    chatkit: &str,
    n: usize,
    messages: usize,
    tokens: usize,
) -> Result<usize, String> {
    let mut cookie = None;
    let mut thread: Option<String> = None;
    let mut sent = Vec::new();
    for m in 0..messages {
        let text = format!("session {n} message {m}");
        let body = match &thread {
            None => create(&text),
            Some(thread) => add(thread, &text),
        };
        let sse = post(http, chatkit, &mut cookie, &body).await?;
        let events: Vec<Value> = sse
            .split("\n\n")
            .filter_map(|block| block.strip_prefix("data: "))
            .map(|data| serde_json::from_str(data).map_err(|e| format!("an event: {e}")))
            .collect::<Result<_, _>>()?;
        if let Some(error) = events.iter().find(|e| e["type"] == "error") {
            return Err(format!("session {n} message {m}: {error}"));
        }
        if thread.is_none() {
            thread = events
                .iter()
                .find(|e| e["type"] == "thread.created")
                .and_then(|e| e["thread"]["id"].as_str())
                .map(str::to_owned);
        }
        let answers: Vec<&Value> = events
            .iter()
            .filter(|e| e["type"] == "thread.item.done" && e["item"]["type"] == "assistant_message")
            .collect();
        let [answer] = answers[..] else {
            return Err(format!(
                "session {n} message {m}: {} answers",
                answers.len()
            ));
        };
        let words = answer["item"]["content"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .split_whitespace()
            .count();
        if words != tokens {
            return Err(format!(
                "session {n} message {m}: {words} of {tokens} tokens"
            ));
        }
        sent.push(text);
    }
    let thread = thread.ok_or_else(|| format!("session {n}: no thread.created"))?;
    let page = post(
        http,
        chatkit,
        &mut cookie,
        &json!({"type": "items.list", "params": {"thread_id": thread, "limit": 2 * messages + 1, "order": "asc"}}),
    )
    .await?;
    let page: Value = serde_json::from_str(&page).map_err(|e| format!("items.list: {e}"))?;
    let items = page["data"].as_array().cloned().unwrap_or_default();
    let kinds: Vec<&str> = items
        .iter()
        .map(|i| i["type"].as_str().unwrap_or_default())
        .collect();
    let expected: Vec<&str> = (0..messages)
        .flat_map(|_| ["user_message", "assistant_message"])
        .collect();
    if kinds != expected {
        return Err(format!("session {n}: the thread holds {kinds:?}"));
    }
    let texts: Vec<&str> = items
        .iter()
        .filter(|i| i["type"] == "user_message")
        .map(|i| i["content"][0]["text"].as_str().unwrap_or_default())
        .collect();
    if texts != sent {
        return Err(format!("session {n}: the thread's messages are {texts:?}"));
    }
    let threads = post(
        http,
        chatkit,
        &mut cookie,
        &json!({"type": "threads.list", "params": {"limit": 10}}),
    )
    .await?;
    let threads: Value =
        serde_json::from_str(&threads).map_err(|e| format!("threads.list: {e}"))?;
    let listed: Vec<&str> = threads["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["id"].as_str())
        .collect();
    if listed != [thread.as_str()] {
        return Err(format!("session {n}: it sees the threads {listed:?}"));
    }
    // Gone when the session is done: the store stays the size of one round, so what the RSS
    // shows over the rounds is the server, not SQLite's page caches filling with a growing file.
    post(
        http,
        chatkit,
        &mut cookie,
        &json!({"type": "threads.delete", "params": {"thread_id": thread}}),
    )
    .await?;
    Ok(messages + 3)
}

/// Posts as the session of `cookie` (taking the one the server sets); the body, or why not.
async fn post(
    http: &reqwest::Client,
    chatkit: &str,
    cookie: &mut Option<String>,
    body: &Value,
) -> Result<String, String> {
    let mut request = http
        .post(chatkit)
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(cookie) = cookie.as_deref() {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.map_err(|e| format!("{e}"))?;
    if let Some(set) = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
    {
        *cookie = set.split(';').next().map(str::to_owned);
    }
    let status = response.status();
    let text = response.text().await.map_err(|e| format!("{e}"))?;
    if !status.is_success() {
        return Err(format!("{} answered {status}: {text:.200}", body["type"]));
    }
    Ok(text)
}
