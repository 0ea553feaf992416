//! Graphs written the way the LangGraph, LangChain and deepagents docs write them
//! (`server/agent/graphs`), through the adapter, against replays of the real `langgraph dev`
//! (`tests/data/langgraph/graphs`, captured by `scripts/capture-graphs.py`): what each shows as
//! it streams, what is stored, and reviewed snapshots of the SSE. The replay refuses a run whose
//! input, context or config is not the captured one, so the settings are checked too.

mod support;

use chatkit_sdk::widget;
use chatkit_sdk::widget::{Card, Component};
use chatkit_server::adapter::{RunSettings, ShowReasoning};
use chatkit_server::langgraph::{InputFormat, InputShape};
use chatkit_tests::conformance::normalize::{Normalizer, Record};
use serde_json::{Value, json};
use support::answers::{items_list, page_items, replaced, stored_tasks};
use support::chatkit::{add, answer, create, deltas, done, error, progress, thread_id};
use support::engine::{Engine, engine, engine_with, post_as};
use support::replay::Replay;

async fn post(server: &Engine, body: Value) -> Record {
    post_as(server, "alice", body).await
}

fn snapshot(name: &str, records: &[Record]) {
    let mut normalizer = Normalizer::new();
    records.iter().for_each(|r| normalizer.collect_record(r));
    let text: Vec<String> = records.iter().map(|r| normalizer.render(r)).collect();
    insta::assert_snapshot!(name, text.join("\n"));
}

async fn items(server: &Engine, thread: &Value) -> Vec<Value> {
    page_items(&post(server, items_list(thread)).await.body)
}

/// The stored items' types, in order.
fn kinds(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["type"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The events of a type.
fn of_type<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["type"] == kind).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prebuilt_react_agent_runs_two_tools_at_once() {
    let replay = Replay::start("react-parallel").await;
    let server = engine(&replay.url);
    let record = post(&server, create("weather in Paris and Rome")).await;
    let events = record.events();
    assert_eq!(error(&events), None, "{events:?}");
    let thread = thread_id(&events);
    let stored = items(&server, &thread).await;
    assert_eq!(
        stored_tasks(&stored),
        [
            ("get_weather".to_owned(), "complete".to_owned()),
            ("get_weather".to_owned(), "complete".to_owned())
        ]
    );
    assert!(deltas(&events) > 3, "the summary streams word by word");
    let text = answer(&events);
    assert!(text.contains("Paris") && text.contains("Rome"), "{text}");
    assert_eq!(
        kinds(&stored),
        ["user_message", "workflow", "assistant_message"]
    );
    snapshot("react_parallel", &[record]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_turns_keep_one_conversation() {
    let replay = Replay::start("react-turns").await;
    let server = engine(&replay.url);
    let first = post(&server, create("weather in Paris")).await;
    let thread = thread_id(&first.events());
    let second = post(&server, add(&thread, "and in Rome?")).await;
    let third = post(&server, add(&thread, "thanks")).await;
    for record in [&first, &second, &third] {
        let events = record.events();
        assert_eq!(error(&events), None, "{events:?}");
        assert!(deltas(&events) > 1, "{events:?}");
    }
    let runs = replay.runs();
    assert_eq!(runs.len(), 3);
    for run in &runs {
        assert_eq!(
            run["input"]["messages"].as_array().map(Vec::len),
            Some(1),
            "each run sends only its new message: {run}"
        );
    }
    let stored = items(&server, &thread).await;
    assert_eq!(
        kinds(&stored),
        [
            "user_message",
            "workflow",
            "assistant_message",
            "user_message",
            "workflow",
            "assistant_message",
            "user_message",
            "assistant_message"
        ]
    );
    snapshot("react_turns", &[first, second, third]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subgraph_streams_its_answer_and_its_custom_events_and_the_classifier_is_withdrawn() {
    let replay = Replay::start("subgraph").await;
    let server = engine(&replay.url);
    let record = post(&server, create("Tell me about the Rust language")).await;
    let events = record.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        progress(&events),
        ["Looking up sources", "Reading 3 sources", "Summarising"],
        "each documented shape is a progress line; the unknown dict is only logged"
    );
    let widgets = done(&events, "widget");
    assert_eq!(widgets.len(), 1);
    assert_eq!(widgets[0]["copy_text"], "3 sources read");
    // The classifier's label streamed, then went when its node's update did not keep it.
    let removed = of_type(&events, "thread.item.removed");
    assert_eq!(removed.len(), 1, "{events:?}");
    let messages = done(&events, "assistant_message");
    let label = messages
        .iter()
        .find(|m| m["id"] == removed[0]["item_id"])
        .map(|m| m["content"][0]["text"].clone());
    assert_eq!(label, Some(json!("research")));
    let stored = items(&server, &thread_id(&events)).await;
    assert_eq!(
        kinds(&stored),
        ["user_message", "widget", "assistant_message"]
    );
    let text = stored[2]["content"][0]["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("Here is what I found"), "{text}");
    assert!(
        deltas(&events) > 5,
        "the subgraph's answer streams token by token (stream_subgraphs)"
    );
    assert_eq!(replay.runs()[0]["stream_subgraphs"], true);
    snapshot("subgraph", &[record]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_custom_events_show_when_configured() {
    let replay = Replay::start("subgraph").await;
    let server = engine_with(
        &replay.url,
        |_| {},
        |h| h.unknown_custom(chatkit_server::adapter::UnknownCustom::Show),
    );
    let events = post(&server, create("Tell me about the Rust language"))
        .await
        .events();
    let lines = progress(&events);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[3].contains("\"step\":3"), "{lines:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hidden_nodes_never_show_and_chat_nodes_are_the_only_text() {
    let replay = Replay::start("subgraph").await;
    let visibility = chatkit_server::langgraph::Visibility {
        hidden_nodes: ["classify".to_owned()].into(),
        ..Default::default()
    };
    let server = engine_with(&replay.url, |_| {}, |h| h.visibility(visibility));
    let events = post(&server, create("Tell me about the Rust language"))
        .await
        .events();
    assert!(
        of_type(&events, "thread.item.removed").is_empty(),
        "nothing flashed"
    );
    assert_eq!(done(&events, "assistant_message").len(), 1);

    let replay = Replay::start("subgraph").await;
    let visibility = chatkit_server::langgraph::Visibility {
        chat_nodes: Some(["classify".to_owned()].into()),
        ..Default::default()
    };
    let server = engine_with(&replay.url, |_| {}, |h| h.visibility(visibility));
    let events = post(&server, create("Tell me about the Rust language"))
        .await
        .events();
    // Only the classifier may talk, and its update then withdraws it: no text at all.
    assert_eq!(answer(&events), "research");
    let stored = items(&server, &thread_id(&events)).await;
    assert_eq!(kinds(&stored), ["user_message", "widget"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_agent_shows_its_todos_and_its_sub_agent_as_tasks() {
    let replay = Replay::start("deep-agent").await;
    let server = engine(&replay.url);
    let record = post(&server, create("research the history of Rust")).await;
    let events = record.events();
    assert_eq!(error(&events), None, "{events:?}");
    // The to-do list: shown once written, replaced when the agent ticks it off.
    let todos = done(&events, "workflow")
        .into_iter()
        .find(|w| {
            w["workflow"]["summary"]["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("To-do list"))
        })
        .cloned()
        .unwrap_or_else(|| panic!("a to-do list: {events:?}"));
    let statuses = |w: &Value| -> Vec<(String, String)> { stored_tasks(std::slice::from_ref(w)) };
    assert_eq!(
        statuses(&todos),
        [
            (
                "Find when Rust 1.0 was released".to_owned(),
                "loading".to_owned()
            ),
            (
                "Summarise the history of Rust".to_owned(),
                "none".to_owned()
            )
        ]
    );
    let ticked = replaced(&events);
    assert_eq!(ticked.len(), 1);
    assert_eq!(ticked[0]["id"], todos["id"]);
    assert!(statuses(ticked[0]).iter().all(|(_, s)| s == "complete"));
    assert_eq!(
        ticked[0]["workflow"]["summary"]["title"],
        "To-do list: 2 of 2 done"
    );
    // The delegation: titled after the sub-agent, growing with its work while it runs.
    let updates: Vec<&Value> = events
        .iter()
        .filter(|e| e["update"]["type"] == "workflow.task.updated")
        .map(|e| &e["update"]["task"])
        .collect();
    assert!(
        updates
            .iter()
            .any(|t| t["title"] == "Delegated to researcher"
                && t["status_indicator"] == "loading"
                && t["content"]
                    .as_str()
                    .is_some_and(|c| c.contains("Rust 1.0"))),
        "{updates:?}"
    );
    let stored = items(&server, &thread_id(&events)).await;
    let tasks = stored_tasks(&stored);
    assert!(
        tasks.contains(&("Delegated to researcher".to_owned(), "complete".to_owned())),
        "{tasks:?}"
    );
    assert!(
        !tasks.iter().any(|(t, _)| t == "write_todos"),
        "writing the list is not a task: {tasks:?}"
    );
    // Only the main agent talks in the chat; the sub-agent's answer is in its task.
    let said = answer(&events);
    assert_eq!(done(&events, "assistant_message").len(), 1, "{said}");
    snapshot("deep_agent", &[record]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runtime_context_carries_the_user() {
    let replay = Replay::start("context-agent").await;
    let settings = RunSettings::parse(None, Some(r#"{"user_id": "{user_id}"}"#), None, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let server = engine_with(&replay.url, |_| {}, |h| h.run_settings(settings));
    let record = post(&server, create("hi there")).await;
    let events = record.events();
    assert_eq!(
        error(&events),
        None,
        "the replay checks the context: {events:?}"
    );
    assert_eq!(replay.runs()[0]["context"], json!({"user_id": "alice"}));
    assert!(
        answer(&events).starts_with("Hello alice"),
        "{}",
        answer(&events)
    );
    snapshot("context_agent", &[record]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_input_fills_a_required_state_key() {
    let replay = Replay::start("extra-key").await;
    let settings = RunSettings::parse(Some(r#"{"tone": "formal"}"#), None, None, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let server = engine_with(&replay.url, |_| {}, |h| h.run_settings(settings));
    let record = post(&server, create("how do I renew my passport?")).await;
    let events = record.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(replay.runs()[0]["input"]["tone"], "formal");
    assert!(
        answer(&events).starts_with("(formal)"),
        "{}",
        answer(&events)
    );
    snapshot("extra_key", &[record]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_graph_without_messages_takes_the_text_and_answers_from_its_output_key() {
    let replay = Replay::start("question").await;
    let server = engine_with(
        &replay.url,
        |c| {
            c.input = InputFormat {
                key: "question".into(),
                shape: InputShape::Text,
            }
        },
        |h| h.output_key(Some("answer".into())),
    );
    let record = post(&server, create("What is the capital of France?")).await;
    let events = record.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replay.runs()[0]["input"],
        json!({"question": "What is the capital of France?"})
    );
    assert!(deltas(&events) > 2, "the answer streams");
    assert_eq!(
        done(&events, "assistant_message").len(),
        1,
        "the output key repeats the streamed text: not shown twice"
    );
    assert!(
        of_type(&events, "thread.item.removed").is_empty(),
        "its node wrote the text: kept"
    );
    assert!(answer(&events).contains("Paris"), "{}", answer(&events));
    snapshot("question", &[record]);
}

/// The reasoning workflows and the answer of a reasoning scenario.
async fn reasoning(scenario: &str, text: &str, show: ShowReasoning) -> (Record, Vec<Value>) {
    let replay = Replay::start(scenario).await;
    let server = engine_with(&replay.url, |_| {}, |h| h.show_reasoning(show));
    let record = post(&server, create(text)).await;
    let events = record.events();
    assert_eq!(error(&events), None, "{events:?}");
    let stored = items(&server, &thread_id(&events)).await;
    (record, stored)
}

fn thoughts(stored: &[Value]) -> Vec<String> {
    stored
        .iter()
        .filter(|i| i["type"] == "workflow" && i["workflow"]["type"] == "reasoning")
        .flat_map(|i| {
            i["workflow"]["tasks"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|t| {
            assert_eq!(t["type"], "thought");
            t["content"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reasoning_blocks_show_as_thoughts_never_as_the_answer() {
    for (scenario, text) in [
        ("reasoning-think", "think about which option is better"),
        ("reasoning-reason", "reason about (2 + 2) * 10"),
    ] {
        let (record, stored) = reasoning(scenario, text, ShowReasoning::Show).await;
        let thought = thoughts(&stored);
        assert_eq!(thought.len(), 1, "{scenario}: {stored:?}");
        assert!(thought[0].split_whitespace().count() > 3, "{thought:?}");
        let events = record.events();
        let said = answer(&events);
        assert!(
            !said.is_empty() && !said.contains(thought[0].trim()),
            "{scenario}: {said}"
        );
        assert_eq!(
            kinds(&stored),
            ["user_message", "workflow", "assistant_message"]
        );
        let growing = events
            .iter()
            .filter(|e| e["update"]["type"] == "workflow.task.updated")
            .count();
        assert!(growing > 2, "{scenario}: the thought grows as it streams");
        snapshot(&scenario.replace('-', "_"), &[record]);
    }
    let (record, stored) = reasoning(
        "reasoning-think",
        "think about which option is better",
        ShowReasoning::Hide,
    )
    .await;
    assert!(thoughts(&stored).is_empty());
    assert_eq!(kinds(&stored), ["user_message", "assistant_message"]);
    assert!(!answer(&record.events()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reasoning_then_a_tool_with_an_artifact() {
    let (record, stored) = reasoning("reasoning-tool", "look up Rust", ShowReasoning::Show).await;
    assert_eq!(
        kinds(&stored),
        ["user_message", "workflow", "workflow", "assistant_message"]
    );
    assert_eq!(thoughts(&stored).len(), 1);
    assert_eq!(
        stored_tasks(&stored[2..]),
        [("lookup".to_owned(), "complete".to_owned())]
    );
    let said = answer(&record.events());
    assert!(
        !said.contains("input_json_delta") && !said.contains("toolu_"),
        "{said}"
    );
    snapshot("reasoning_tool", &[record]);
}

/// The `weather_card` component of the `ui` graph.
#[derive(serde::Deserialize)]
struct WeatherCard {
    city: String,
    temperature: i64,
    summary: String,
}

impl Component for WeatherCard {
    type Output = Card;
    fn render(self) -> Card {
        let line = format!("{} °C, {}", self.temperature, self.summary);
        widget! {
            <Card>
                <Title value={self.city} />
                <Text value={line} />
            </Card>
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generative_ui_renders_a_registered_component() {
    let replay = Replay::start("ui").await;
    let server = engine_with(
        &replay.url,
        |_| {},
        |h| h.ui_component::<WeatherCard>("weather_card"),
    );
    let record = post(&server, create("what is the weather in Paris?")).await;
    let events = record.events();
    assert_eq!(error(&events), None, "{events:?}");
    let widgets = done(&events, "widget");
    assert_eq!(widgets.len(), 1, "{events:?}");
    let card = widgets[0]["widget"].to_string();
    assert!(
        card.contains("Paris") && card.contains("21 °C, Sunny"),
        "{card}"
    );
    snapshot("ui", &[record]);

    // Without the component, the UI message is only logged.
    let replay = Replay::start("ui").await;
    let server = engine(&replay.url);
    let events = post(&server, create("what is the weather in Paris?"))
        .await
        .events();
    assert!(done(&events, "widget").is_empty());
    assert!(of_type(&events, "notice").is_empty());
    assert!(!answer(&events).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_hands_off_and_each_hand_off_is_a_task_with_its_agent_s_work() {
    let replay = Replay::start("supervisor").await;
    let server = engine(&replay.url);
    let record = post(&server, create("what is 2 plus 3, and who invented Rust?")).await;
    let events = record.events();
    assert_eq!(error(&events), None, "{events:?}");
    let stored = items(&server, &thread_id(&events)).await;
    assert_eq!(
        kinds(&stored),
        ["user_message", "workflow", "assistant_message"]
    );
    let tasks: Vec<Value> = stored[1]["workflow"]["tasks"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let titles: Vec<&str> = tasks.iter().filter_map(|t| t["title"].as_str()).collect();
    assert_eq!(
        titles,
        ["Handed off to math agent", "Handed off to research agent"]
    );
    let math = tasks[0]["content"].as_str().unwrap_or_default();
    assert!(math.contains("Calls `add`") && math.contains("5"), "{math}");
    let research = tasks[1]["content"].as_str().unwrap_or_default();
    assert!(research.contains("Calls `web_search`"), "{research}");
    assert!(tasks.iter().all(|t| t["status_indicator"] == "complete"));
    // Only the supervisor's final answer is chat text; it streams.
    assert_eq!(done(&events, "assistant_message").len(), 1);
    assert!(deltas(&events) > 3);
    snapshot("supervisor", &[record]);
}
