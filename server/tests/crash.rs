//! The binary killed with `kill -9` at random points — while it streams a reply, while it
//! creates a thread, during a retry (before, while and after it deletes the retried turn) — and
//! started again on the same SQLite file, again and again. After every kill: SQLite's
//! `PRAGMA integrity_check` passes; every thread the client saw created and every item it saw as
//! done is there, as it was sent; nothing a retry deleted comes back (a retry killed before it
//! said anything deleted all of its turn or none of it); and at the end every thread still takes
//! a message.
//!
//! The kill points come from a seeded generator: the seed is printed, and
//! `CHATKIT_CRASH_SEED=<seed>` replays a run; `CHATKIT_CRASH_KILLS` sets the number of kills
//! (default 36).

mod support;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::{Value, json};
use support::answers::{items_list, page_items};
use support::binary::{Binary, Browser, scratch_dir};
use support::chatkit::{add, answer, create};
use support::fake::FakeLangGraph;

/// xorshift64*: enough randomness for kill points, and replayable from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Where to kill the binary: after the client has read this many events, or this long after
/// the request was sent.
#[derive(Debug, Clone, Copy)]
enum KillAt {
    Events(usize),
    Millis(u64),
}

/// What the client knows, to check against the store after each restart.
#[derive(Default)]
struct Seen {
    /// Threads it saw created.
    threads: Vec<Value>,
    /// Items it saw as done, by id: (thread, the item as sent).
    done: HashMap<String, (Value, Value)>,
    /// How many `thread.item.done` it read in all.
    done_events: usize,
    /// The user messages of each thread, as seen done (what a retry can name).
    user_messages: HashMap<String, Vec<String>>,
    /// Items deleted by a retry the client saw begin: they must never come back.
    gone: HashSet<String>,
    /// A retry killed before it said anything: its turn (thread, items) is all there or all gone.
    unsure: Vec<(Value, Vec<String>)>,
}

impl Seen {
    fn record(&mut self, events: &[Value]) {
        for event in events {
            match event["type"].as_str() {
                Some("thread.created") => self.threads.push(event["thread"]["id"].clone()),
                Some("thread.item.done") => {
                    self.done_events += 1;
                    let item = &event["item"];
                    let id = item["id"].as_str().unwrap_or_default().to_owned();
                    if item["type"] == "user_message" {
                        let thread = item["thread_id"].as_str().unwrap_or_default();
                        self.user_messages
                            .entry(thread.to_owned())
                            .or_default()
                            .push(id.clone());
                    }
                    self.done
                        .insert(id, (item["thread_id"].clone(), item.clone()));
                }
                _ => {}
            }
        }
    }

    fn forget(&mut self, ids: &[String]) {
        for id in ids {
            self.done.remove(id);
            self.gone.insert(id.clone());
        }
        for messages in self.user_messages.values_mut() {
            messages.retain(|m| !ids.contains(m));
        }
    }
}

/// How the kills fell, for the summary and the checks that the test did what it says.
#[derive(Debug, Default)]
struct Tally {
    kills: usize,
    mid_stream: usize,
    creates: usize,
    replies: usize,
    retries_before_any_event: usize,
    retries_after_events: usize,
    /// Retries killed before any event whose turn had items: deleted whole, or kept whole.
    unanswered_retries_deleted: usize,
    unanswered_retries_kept: usize,
}

/// Sends `body` and reads its events into `seen` until the stream ends or breaks.
async fn stream_into(mut browser: Browser, body: Value, seen: Arc<Mutex<Vec<Value>>>) {
    let Ok(response) = browser.send(&body).await else {
        return;
    };
    let mut bytes = response.bytes_stream();
    let mut buffer = String::new();
    while let Some(Ok(chunk)) = bytes.next().await {
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            if let Some(data) = block.trim_end().strip_prefix("data: ") {
                let event = serde_json::from_str(data).unwrap_or(Value::Null);
                seen.lock().unwrap_or_else(|p| p.into_inner()).push(event);
            }
        }
    }
}

/// Sends `body`, kills the binary at `at`, and returns the events the client read (and whether
/// the stream was still going at the kill).
async fn kill_during(
    binary: &mut Binary,
    browser: &Browser,
    body: Value,
    at: KillAt,
) -> (Vec<Value>, bool) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let task = tokio::spawn(stream_into(browser.clone(), body, seen.clone()));
    let start = Instant::now();
    loop {
        let read = seen.lock().unwrap_or_else(|p| p.into_inner()).len();
        let reached = match at {
            KillAt::Events(n) => read >= n,
            KillAt::Millis(ms) => start.elapsed() >= Duration::from_millis(ms),
        };
        if reached || task.is_finished() || start.elapsed() > Duration::from_secs(10) {
            break;
        }
        tokio::time::sleep(Duration::from_micros(200)).await;
    }
    let mid_stream = !task.is_finished();
    binary.kill();
    let _ = task.await;
    let events = seen.lock().unwrap_or_else(|p| p.into_inner()).clone();
    (events, mid_stream)
}

fn integrity(dir: &Path) {
    let conn = rusqlite::Connection::open(dir.join("chatkit.db")).unwrap_or_else(|e| panic!("{e}"));
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(result, "ok", "the SQLite file is damaged");
}

async fn items(browser: &mut Browser, thread: &Value) -> Vec<Value> {
    let record = browser.post(&items_list(thread)).await;
    assert_eq!(record.status, 200, "items.list of {thread}: {record:?}");
    let page: Value = serde_json::from_slice(&record.body).unwrap_or_default();
    assert_eq!(page["has_more"], false, "a thread outgrew one page");
    page_items(&record.body)
}

/// Checks the store of a restarted binary against what the client saw; counts the turns of
/// retries killed before they answered that were kept, and that were deleted.
async fn check(browser: &mut Browser, seen: &mut Seen, tally: &mut Tally) {
    let mut stored: HashMap<String, Value> = HashMap::new();
    for thread in seen.threads.clone() {
        let record = browser
            .post(&json!({"type": "threads.get_by_id", "params": {"thread_id": thread}}))
            .await;
        assert_eq!(
            record.status, 200,
            "a thread seen created is gone: {thread}"
        );
        for item in items(browser, &thread).await {
            stored.insert(item["id"].as_str().unwrap_or_default().to_owned(), item);
        }
    }
    for (thread, turn) in std::mem::take(&mut seen.unsure) {
        let kept = turn.iter().filter(|id| stored.contains_key(*id)).count();
        assert!(
            kept == 0 || kept == turn.len(),
            "a retry killed before it answered left {kept} of the {} items of {thread}'s turn",
            turn.len()
        );
        if turn.is_empty() {
            continue;
        }
        if kept == 0 {
            seen.forget(&turn);
            tally.unanswered_retries_deleted += 1;
        } else {
            tally.unanswered_retries_kept += 1;
        }
    }
    for (id, (thread, item)) in &seen.done {
        let Some(kept) = stored.get(id) else {
            panic!("item {id} of thread {thread}, seen done, is gone");
        };
        assert_eq!(kept, item, "item {id} is not stored as it was sent");
    }
    for id in &seen.gone {
        assert!(
            !stored.contains_key(id),
            "item {id}, deleted by a retry, came back"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_random_points_the_store_keeps_what_the_client_saw() {
    let fake = FakeLangGraph::start().await;
    let dir = scratch_dir();
    let seed = std::env::var("CHATKIT_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
                | 1
        });
    let kills: usize = std::env::var("CHATKIT_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(36);
    println!("crash test: seed {seed} (CHATKIT_CRASH_SEED={seed} replays it), {kills} kills");
    let mut rng = Rng(seed);
    let mut seen = Seen::default();
    let mut tally = Tally::default();

    let mut binary = Binary::start_at(dir.path(), &fake.url, &[]);
    let mut browser = Browser::new(&binary);
    // The session cookie, kept across restarts (the secret stays the same).
    browser
        .post(&json!({"type": "threads.list", "params": {}}))
        .await;

    for round in 0..kills {
        let threads = seen.threads.len() as u64;
        let retryable: Vec<(String, String)> = seen
            .user_messages
            .iter()
            .flat_map(|(t, ms)| ms.iter().map(move |m| (t.clone(), m.clone())))
            .collect();
        let choice = if threads < 2 { 0 } else { rng.below(5) };
        match choice {
            // A streaming reply, in a new thread or an old one, cut after some events.
            0 | 1 => {
                let body = if threads < 2 || choice == 0 && threads < 4 {
                    create("slow please")
                } else {
                    let thread = seen.threads[rng.below(threads) as usize].clone();
                    add(&thread, "slow again")
                };
                let at = KillAt::Events(rng.below(40) as usize);
                println!("kill {round}: {body} at {at:?}");
                let (events, mid) = kill_during(&mut binary, &browser, body, at).await;
                seen.record(&events);
                tally.replies += 1;
                tally.mid_stream += usize::from(mid);
            }
            // A retry, killed before, during or after it deletes the retried turn.
            _ if !retryable.is_empty() && choice >= 3 => {
                let (thread, message) =
                    retryable[rng.below(retryable.len() as u64) as usize].clone();
                let thread = Value::String(thread);
                let listed = items(&mut browser, &thread).await;
                let after: Vec<String> = listed
                    .iter()
                    .skip_while(|item| item["id"] != message.as_str())
                    .skip(1)
                    .filter_map(|item| item["id"].as_str().map(str::to_owned))
                    .collect();
                let body = json!({"type": "threads.retry_after_item", "params": {"thread_id": thread, "item_id": message}});
                let at = if rng.below(2) == 0 {
                    KillAt::Millis(rng.below(6))
                } else {
                    KillAt::Events(rng.below(20) as usize)
                };
                println!("kill {round}: {body} at {at:?}, deleting {after:?}");
                let (events, mid) = kill_during(&mut binary, &browser, body, at).await;
                if events.is_empty() {
                    seen.unsure.push((thread, after));
                    tally.retries_before_any_event += 1;
                } else {
                    seen.forget(&after);
                    tally.retries_after_events += 1;
                }
                seen.record(&events);
                tally.mid_stream += usize::from(mid);
            }
            // A thread being created: killed within its first milliseconds.
            _ => {
                let at = KillAt::Millis(rng.below(15));
                let (events, mid) =
                    kill_during(&mut binary, &browser, create("hello there"), at).await;
                seen.record(&events);
                tally.creates += 1;
                tally.mid_stream += usize::from(mid);
            }
        }
        tally.kills += 1;
        integrity(dir.path());
        binary = Binary::start_at(dir.path(), &fake.url, &[]);
        browser.switch_to(&binary);
        check(&mut browser, &mut seen, &mut tally).await;
        println!(
            "  after kill {round}: {} threads, {} items seen done, {} deleted by retries",
            seen.threads.len(),
            seen.done.len(),
            seen.gone.len()
        );
    }

    // Every thread still takes a message, and answers it.
    for thread in seen.threads.clone() {
        let events = browser.events(&add(&thread, "hello again")).await;
        assert_eq!(
            answer(&events),
            "You said: hello tuple",
            "thread {thread} after the kills: {events:?}"
        );
        seen.record(&events);
    }
    check(&mut browser, &mut seen, &mut tally).await;
    binary.kill();
    integrity(dir.path());

    println!("crash test: {tally:?}");
    assert!(tally.kills >= 30, "{tally:?}");
    assert!(
        tally.mid_stream >= 10,
        "too few kills came mid-stream: {tally:?}"
    );
    assert!(
        tally.retries_before_any_event + tally.retries_after_events >= 5,
        "too few kills came during retries: {tally:?}"
    );
    assert!(
        seen.done_events >= 20,
        "too little was seen done: {}",
        seen.done_events
    );
}
