//! End to end, graphs we did not write the adapter for: the `chatkit-server` binary (cookie
//! sessions, as the browser does) in front of the real `langgraph dev` running the docs-style
//! graphs of `server/agent/graphs` — a prebuilt ReAct agent over three turns and a retry, a
//! subgraph with custom events behind a classifier, a `deepagents` agent with to-dos and a
//! sub-agent, runtime context (set in a config file), a required extra state key, an
//! `input_schema` without messages, a reasoning model. Each test checks the SSE as it streams
//! and `items.list`. The captures the replays serve (`tests/graphs.rs`) are checked against
//! what the graphs stream now. Needs the agent like `e2e.rs` (`scripts/test.sh` starts it).

mod support;

use serde_json::{Value, json};
use support::answers::{items_list, page_items, replaced, stored_tasks};
use support::binary::{Binary, Browser, scratch_dir};
use support::chatkit::{add, answer, create, deltas, done, error, progress, thread_id};

fn agent() -> Option<String> {
    chatkit_tests::skip::agent("e2e (the binary in front of the docs-style graphs)")
}

/// The binary in front of one graph, with more settings, and a browser on it.
fn serve(agent: &str, graph: &str, env: &[(&str, &str)]) -> (Binary, Browser) {
    let mut all = vec![("LANGGRAPH_ASSISTANT_ID", graph)];
    all.extend_from_slice(env);
    let binary = Binary::start(agent, &all);
    let browser = Browser::new(&binary);
    (binary, browser)
}

async fn items(browser: &mut Browser, thread: &Value) -> Vec<Value> {
    page_items(&browser.post(&items_list(thread)).await.body)
}

fn kinds(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .map(|i| i["type"].as_str().unwrap_or_default())
        .collect()
}

fn retry(thread: &Value, item: &Value) -> Value {
    json!({"type": "threads.retry_after_item", "params": {"thread_id": thread, "item_id": item}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_react_agent_over_three_turns_and_a_retry() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "react_agent", &[]);
    let first = browser.events(&create("weather in Paris and Rome")).await;
    assert_eq!(error(&first), None, "{first:?}");
    let thread = thread_id(&first);
    assert!(deltas(&first) > 3);
    let second = browser.events(&add(&thread, "and in Rome?")).await;
    let third = browser.events(&add(&thread, "thanks")).await;
    for events in [&second, &third] {
        assert_eq!(error(events), None, "{events:?}");
        assert!(deltas(events) > 1, "{events:?}");
    }
    let stored = items(&mut browser, &thread).await;
    assert_eq!(
        stored_tasks(&stored),
        [
            ("get_weather".to_owned(), "complete".to_owned()),
            ("get_weather".to_owned(), "complete".to_owned()),
            ("get_weather".to_owned(), "complete".to_owned())
        ]
    );
    let thanks = stored
        .iter()
        .rfind(|i| i["type"] == "user_message")
        .map(|i| i["id"].clone())
        .unwrap_or_default();
    let again = browser.events(&retry(&thread, &thanks)).await;
    assert_eq!(error(&again), None, "{again:?}");
    assert_eq!(
        answer(&again),
        answer(&third),
        "the same graph answers the same"
    );
    let after = items(&mut browser, &thread).await;
    assert_eq!(after.len(), stored.len(), "the old answer was replaced");
    let (_, state) = support::agent::lg_thread(&agent, &thread).await;
    let humans: Vec<&Value> = state["values"]["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["type"] == "human")
        .collect();
    assert_eq!(
        humans.len(),
        3,
        "the retry forked before \"thanks\": {humans:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subgraph_behind_a_classifier() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "subgraph_graph", &[]);
    let events = browser
        .events(&create("Tell me about the Rust language"))
        .await;
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        progress(&events),
        ["Looking up sources", "Reading 3 sources", "Summarising"]
    );
    assert!(deltas(&events) > 5, "the subgraph's answer streams");
    let thread = thread_id(&events);
    let stored = items(&mut browser, &thread).await;
    assert_eq!(
        kinds(&stored),
        ["user_message", "widget", "assistant_message"]
    );

    // With the classifier hidden, its label never shows at all.
    let (_binary, mut browser) = serve(
        &agent,
        "subgraph_graph",
        &[("LANGGRAPH_HIDDEN_NODES", "classify")],
    );
    let events = browser
        .events(&create("Tell me about the Rust language"))
        .await;
    assert!(!events.iter().any(|e| e["type"] == "thread.item.removed"));
    assert_eq!(done(&events, "assistant_message").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_agent_with_todos_and_a_sub_agent() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "deep_agent", &[]);
    let events = browser
        .events(&create("research the history of Rust"))
        .await;
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replaced(&events).len(),
        1,
        "the to-do list is ticked off in place"
    );
    let stored = items(&mut browser, &thread_id(&events)).await;
    let tasks = stored_tasks(&stored);
    assert_eq!(
        tasks,
        [
            (
                "Find when Rust 1.0 was released".to_owned(),
                "complete".to_owned()
            ),
            (
                "Summarise the history of Rust".to_owned(),
                "complete".to_owned()
            ),
            ("Delegated to researcher".to_owned(), "complete".to_owned())
        ]
    );
    let delegation = stored
        .iter()
        .flat_map(|i| {
            i["workflow"]["tasks"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .find(|t| t["title"] == "Delegated to researcher")
        .unwrap_or_default();
    let content = delegation["content"].as_str().unwrap_or_default();
    assert!(
        content.contains("May 15, 2015"),
        "the sub-agent's answer: {content}"
    );
    assert_eq!(done(&events, "assistant_message").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_hands_off_to_two_agents() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "supervisor_graph", &[]);
    let events = browser
        .events(&create("what is 2 plus 3, and who invented Rust?"))
        .await;
    assert_eq!(error(&events), None, "{events:?}");
    let stored = items(&mut browser, &thread_id(&events)).await;
    assert_eq!(
        stored_tasks(&stored),
        [
            ("Handed off to math agent".to_owned(), "complete".to_owned()),
            (
                "Handed off to research agent".to_owned(),
                "complete".to_owned()
            )
        ]
    );
    assert_eq!(done(&events, "assistant_message").len(), 1);
    assert!(
        answer(&events).contains("Graydon Hoare"),
        "{}",
        answer(&events)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runtime_context_from_a_config_file_carries_the_session_user() {
    let Some(agent) = agent() else { return };
    let dir = scratch_dir();
    let file = dir.path().join("chatkit.toml");
    std::fs::write(
        &file,
        "langgraph_assistant_id = \"agent\"\n[langgraph_context]\nuser_id = \"{user_id}\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_string_lossy().into_owned();
    // The environment wins over the file: the assistant is the context graph.
    let binary = Binary::start_in(
        dir,
        &agent,
        &[
            ("CHATKIT_CONFIG_FILE", &path),
            ("LANGGRAPH_ASSISTANT_ID", "context_agent"),
        ],
    );
    let mut browser = Browser::new(&binary);
    let events = browser.events(&create("hi there")).await;
    assert_eq!(error(&events), None, "{events:?}");
    let (metadata, _) = support::agent::lg_thread(&agent, &thread_id(&events)).await;
    let user = metadata["user"].as_str().unwrap_or_default();
    assert!(!user.is_empty());
    assert!(
        answer(&events).starts_with(&format!("Hello {user}")),
        "{}",
        answer(&events)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_graph_that_needs_context_says_so_without_it() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "context_agent", &[]);
    let events = browser.events(&create("hi there")).await;
    let message = error(&events).unwrap_or_default();
    assert!(
        message.contains("The agent failed") && message.contains("user_id"),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_input_and_a_graph_without_messages() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(
        &agent,
        "extra_key_graph",
        &[("LANGGRAPH_EXTRA_INPUT", r#"{"tone": "formal"}"#)],
    );
    let events = browser.events(&create("how do I renew my passport?")).await;
    assert_eq!(error(&events), None, "{events:?}");
    assert!(
        answer(&events).starts_with("(formal)"),
        "{}",
        answer(&events)
    );

    let (_binary, mut browser) = serve(
        &agent,
        "question_graph",
        &[
            ("LANGGRAPH_INPUT_KEY", "question"),
            ("LANGGRAPH_INPUT_SHAPE", "text"),
            ("LANGGRAPH_OUTPUT_KEY", "answer"),
        ],
    );
    let events = browser
        .events(&create("What is the capital of France?"))
        .await;
    assert_eq!(error(&events), None, "{events:?}");
    assert!(deltas(&events) > 2);
    assert!(answer(&events).contains("Paris"), "{}", answer(&events));
    let stored = items(&mut browser, &thread_id(&events)).await;
    assert_eq!(kinds(&stored), ["user_message", "assistant_message"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reasoning_model_thinks_in_a_workflow() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "reasoning_agent", &[]);
    let events = browser
        .events(&create("think about which option is better"))
        .await;
    assert_eq!(error(&events), None, "{events:?}");
    let stored = items(&mut browser, &thread_id(&events)).await;
    assert_eq!(
        kinds(&stored),
        ["user_message", "workflow", "assistant_message"]
    );
    assert_eq!(stored[1]["workflow"]["type"], "reasoning");
    let thought = stored[1]["workflow"]["tasks"][0]["content"]
        .as_str()
        .unwrap_or_default();
    assert!(!thought.is_empty() && !answer(&events).contains(thought));
    let (_binary, mut browser) = serve(&agent, "reasoning_agent", &[("CHATKIT_REASONING", "hide")]);
    let events = browser
        .events(&create("think about which option is better"))
        .await;
    let stored = items(&mut browser, &thread_id(&events)).await;
    assert_eq!(kinds(&stored), ["user_message", "assistant_message"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_graph_captures_the_replay_serves_are_what_the_graphs_stream_now() {
    let Some(agent) = agent() else { return };
    // A retry forks from a checkpoint of the captured thread: the scenario stops there (the
    // test above retries live).
    let prepare = |_: &str, _: usize, body: &mut Value, _: &Value| body.get("checkpoint").is_none();
    let rerun = support::drift::Rerun {
        folder: "graphs",
        script: "scripts/capture-graphs.py",
        unordered: false,
        prepare: &prepare,
    };
    support::drift::check(&agent, rerun).await;
}
