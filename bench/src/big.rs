//! A large SQLite store: `threads` threads of `items` messages each for the conformance server's
//! user, written straight through the store API (the HTTP seed would take an hour), then paged
//! through the server one request at a time.

use std::time::{Duration, Instant};

use anyhow::Context;
use chatkit_sdk::store::{RequestContext, SqliteStore, Store, WriteOp};
use chatkit_sdk::{AssistantMessageContent, AssistantMessageItem, ThreadItem, ThreadMetadata};
use serde_json::{Value, json};

use crate::load::quantile;

/// The user the conformance server serves without a user header.
const USER: &str = "ref";

fn thread_id(t: usize) -> String {
    format!("thr_{t:06}")
}

fn item_id(t: usize, n: usize) -> String {
    format!("msg_{t:06}_{n:04}")
}

/// Writes the store (one transaction per thread). Returns how long it took.
pub async fn seed(path: &str, threads: usize, items: usize) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let store = SqliteStore::open(path).await?;
    let ctx = RequestContext::new(USER);
    for t in 0..threads {
        let id = thread_id(t);
        let mut ops = vec![WriteOp::SaveThread(ThreadMetadata::new(id.clone()))];
        ops.extend((0..items).map(|n| {
            WriteOp::AddItem(ThreadItem::new(
                item_id(t, n),
                id.clone(),
                AssistantMessageItem {
                    content: vec![AssistantMessageContent::new(format!(
                        "Message {n} of thread {t}: a reply of ordinary length, a sentence or two."
                    ))],
                },
            ))
        }));
        store.write_batch(&id, &ops, &ctx).await?;
    }
    store.close();
    Ok(started.elapsed())
}

/// Latencies of `items.list` pages, one request at a time.
#[derive(Debug, Clone, Default)]
pub struct BigPages {
    pub threads: usize,
    pub items: usize,
    pub requests: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

/// `requests` pages of 20 from pseudo-random threads, half of them after a cursor in the middle
/// of the thread, each checked to hold 20 items.
pub async fn pages(
    http: &reqwest::Client,
    url: &str,
    threads: usize,
    items: usize,
    requests: usize,
) -> anyhow::Result<BigPages> {
    let mut latencies = Vec::with_capacity(requests);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for k in 0..requests {
        // xorshift: the same threads on every run and server.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let t = (state % threads as u64) as usize;
        let mut params = json!({"thread_id": thread_id(t), "limit": 20, "order": "desc"});
        if k % 2 == 1 && items > 40 {
            params["after"] = json!(item_id(t, items / 2));
        }
        let body = json!({"type": "items.list", "params": params}).to_string();
        let sent = Instant::now();
        let response = http
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?
            .error_for_status()?;
        let page: Value = response.json().await?;
        latencies.push(sent.elapsed());
        let got = page["data"].as_array().map(Vec::len).context("a page")?;
        anyhow::ensure!(got == 20.min(items), "a page of {got} items: {page:.300}");
    }
    latencies.sort_unstable();
    Ok(BigPages {
        threads,
        items,
        requests,
        p50: quantile(&latencies, 0.5),
        p99: quantile(&latencies, 0.99),
        max: latencies.last().copied().unwrap_or_default(),
    })
}
