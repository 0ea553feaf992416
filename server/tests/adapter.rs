//! The LangGraph adapter behind the engine, against a fake LangGraph that replays real
//! `langgraph dev` captures: plain replies, tools, interrupt and resume, custom events, a run
//! that fails mid-stream, an agent that is down, Greek.

mod support;

use std::sync::Arc;
use std::time::Duration;

use chatkit_sdk::server::{ChatKitResult, ChatKitServer};
use chatkit_sdk::store::{MemoryStore, RequestContext, Store};
use chatkit_server::adapter::LangGraphHandler;
use chatkit_server::langgraph::{ClientConfig, LangGraphClient};
use chatkit_tests::conformance::normalize::Record;
use futures::StreamExt;
use serde_json::{Value, json};
use support::chatkit::{add, create, custom_action, deltas, done, error, progress, thread_id};

async fn fake_langgraph() -> String {
    support::fake::FakeLangGraph::start().await.url
}

fn engine(base: &str) -> ChatKitServer<RequestContext, LangGraphHandler> {
    engine_with(base, Duration::from_secs(5))
}

/// The engine over a client that gives up on a silent stream after `read_timeout`.
fn engine_with(
    base: &str,
    read_timeout: Duration,
) -> ChatKitServer<RequestContext, LangGraphHandler> {
    let mut config = ClientConfig::new(base, "chat");
    config.read_timeout = read_timeout;
    config.reconnect_backoff = Duration::from_millis(10);
    let client = LangGraphClient::new(config).unwrap_or_else(|e| panic!("{e}"));
    let store: Arc<dyn Store<RequestContext>> = Arc::new(MemoryStore::new());
    ChatKitServer::new(store.clone(), LangGraphHandler::new(client, store))
}

async fn events(
    server: &ChatKitServer<RequestContext, LangGraphHandler>,
    body: Value,
) -> Vec<Value> {
    raw(server, body).await.events()
}

/// The request and its SSE response, as a transcript record.
async fn raw(server: &ChatKitServer<RequestContext, LangGraphHandler>, body: Value) -> Record {
    let request = body.to_string().into_bytes();
    let result = server.process(&request, RequestContext::new("alice")).await;
    let Ok(ChatKitResult::Stream(mut frames)) = result else {
        panic!("expected a stream: {result:?}")
    };
    let mut bytes = Vec::new();
    while let Some(frame) = frames.next().await {
        bytes.extend_from_slice(&frame);
    }
    Record {
        method: "POST".into(),
        path: "/langgraph/chatkit".into(),
        request: Some(request),
        status: 200,
        content_type: "text/event-stream; charset=utf-8".into(),
        note: None,
        body: bytes,
    }
}

/// The last event, not counting the title update that may follow an error.
fn last_but_title(events: &[Value]) -> Value {
    events
        .iter()
        .rev()
        .find(|e| e["type"] != "thread.updated")
        .cloned()
        .unwrap_or_default()
}

fn kinds(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| match e["type"].as_str().unwrap_or_default() {
            "thread.item.added" | "thread.item.done" => format!(
                "{}:{}",
                e["type"].as_str().unwrap_or_default(),
                e["item"]["type"].as_str().unwrap_or_default()
            ),
            "thread.item.updated" => format!(
                "updated:{}",
                e["update"]["type"].as_str().unwrap_or_default()
            ),
            other => other.to_owned(),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_reply_streams_token_by_token() {
    let server = engine(&fake_langgraph().await);
    let events = events(&server, create("hello tuple")).await;
    assert!(
        deltas(&events) >= 3,
        "tokens stream as they arrive: {:?}",
        kinds(&events)
    );
    let answer = done(&events, "assistant_message");
    assert_eq!(answer.len(), 1);
    assert_eq!(answer[0]["content"][0]["text"], "You said: hello tuple");
    assert!(
        kinds(&events).contains(&"thread.updated".to_owned()),
        "the first message titles the thread"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tool_calls_become_a_workflow() {
    let server = engine(&fake_langgraph().await);
    let events = events(&server, create("use a tool to check my loan")).await;
    let workflows = done(&events, "workflow");
    assert_eq!(workflows.len(), 1, "{:?}", kinds(&events));
    let task = &workflows[0]["workflow"]["tasks"][0];
    assert_eq!(task["title"], "lookup_loan");
    assert_eq!(task["status_indicator"], "complete");
    assert!(kinds(&events).contains(&"updated:workflow.task.added".to_owned()));
    assert_eq!(
        done(&events, "assistant_message").len(),
        1,
        "the answer after the tool"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupt_asks_and_the_answer_resumes_the_run() {
    let server = engine(&fake_langgraph().await);
    let first = events(&server, create("please interrupt me")).await;
    let widgets = done(&first, "widget");
    assert_eq!(widgets.len(), 1, "{:?}", kinds(&first));
    assert_eq!(
        widgets[0]["widget"]["children"][0]["value"],
        "Pay the next installment of 250.00 EUR now?"
    );
    let yes = widgets[0]["widget"]["children"][1]["children"][0]["onClickAction"].clone();
    let answer = custom_action(
        &thread_id(&first),
        &widgets[0]["id"],
        &yes["type"],
        &yes["payload"],
    );
    let resumed = events(&server, answer).await;
    let replaced: Vec<&Value> = resumed
        .iter()
        .filter(|e| e["type"] == "thread.item.replaced")
        .collect();
    assert_eq!(replaced.len(), 1, "the question is marked answered");
    assert_eq!(
        replaced[0]["item"]["widget"]["children"][1]["value"],
        "Answered: Yes"
    );
    assert_eq!(
        support::chatkit::answer(&resumed),
        "Your answer: yes. Done.",
        "the run goes on with the answer: {:?}",
        kinds(&resumed)
    );
}

#[test]
fn the_fake_answers_a_resume_as_the_example_agent_does() {
    // The agent's own resumed run for a form's values (captured) and the fake's, derived from
    // its captured yes/no resume: the same reply, word for word.
    let text = |events: &[String]| -> String {
        events
            .iter()
            .map(|e| support::agent::parse(e))
            .filter(|(name, _)| name == "messages")
            .filter_map(|(_, data)| data[0]["content"].as_str().map(str::to_owned))
            .collect()
    };
    let value = support::agent::request("transfer-resume")["command"]["resume"].clone();
    let captured = text(&support::agent::events("transfer-resume"));
    assert_eq!(
        captured,
        r#"Your answer: {"amount": "120", "note": "Ενοίκιο"}. Done."#
    );
    assert_eq!(text(&support::agent::resume_events(&value)), captured);
    assert_eq!(
        text(&support::agent::resume_events(&serde_json::json!("no"))),
        "Your answer: no. Done."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_events_show_progress() {
    let server = engine(&fake_langgraph().await);
    let events = events(&server, create("hello custom")).await;
    assert_eq!(progress(&events), ["checking", "calling_model"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_widget_that_is_not_a_chatkit_widget_shows_a_notice_and_the_turn_goes_on() {
    let server = engine(&fake_langgraph().await);
    let events = events(&server, create("show a badwidget")).await;
    let notices: Vec<&Value> = events.iter().filter(|e| e["type"] == "notice").collect();
    assert_eq!(
        notices,
        [
            &serde_json::json!({"type": "notice", "level": "warning", "message": "The agent sent a widget that cannot be shown."})
        ]
    );
    assert!(done(&events, "widget").is_empty());
    assert_eq!(support::chatkit::answer(&events), "Here is your balance.");
    assert_eq!(error(&events), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_agent_times_out_with_a_clear_error() {
    let server = engine_with(&fake_langgraph().await, Duration::from_millis(300));
    let events = events(&server, create("a silent agent")).await;
    let last = last_but_title(&events);
    assert_eq!(
        (&last["type"], &last["message"], &last["allow_retry"]),
        (
            &serde_json::json!("error"),
            &serde_json::json!("The agent stopped responding. Please try again."),
            &serde_json::json!(true)
        )
    );
    assert_eq!(
        done(&events, "user_message").len(),
        1,
        "the user message is kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_that_ended_badly_says_how_it_ended() {
    let server = engine(&fake_langgraph().await);
    let events = events(&server, create("crash please")).await;
    assert_eq!(
        error(&events).as_deref(),
        Some("The agent's run ended with status `error`. Please try again.")
    );
    let next = self::events(&server, add(&thread_id(&events), "hello tuple")).await;
    assert_eq!(support::chatkit::answer(&next), "You said: hello tuple");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_that_cannot_find_its_checkpoint_says_so_and_starts_no_run() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let first = events(&server, create("hello tuple")).await;
    let message = done(&first, "user_message")[0]["id"].clone();
    let thread = thread_id(&first);
    fake.fail_history(true);
    let retry = serde_json::json!({"type": "threads.retry_after_item", "params": {"thread_id": thread, "item_id": message}});
    let retried = events(&server, retry).await;
    assert_eq!(
        error(&retried).as_deref(),
        Some("The agent could not go back to before this message. Please try again.")
    );
    assert_eq!(fake.runs().len(), 1, "no run started");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_action_is_refused_by_name() {
    let server = engine(&fake_langgraph().await);
    let first = events(&server, create("please interrupt me")).await;
    let widget = &done(&first, "widget")[0];
    let action = custom_action(
        &thread_id(&first),
        &widget["id"],
        &serde_json::json!("launch_rockets"),
        &serde_json::json!({}),
    );
    let refused = events(&server, action).await;
    assert_eq!(
        error(&refused).as_deref(),
        Some("Unknown action `launch_rockets`")
    );
    assert_eq!(last_but_title(&refused)["allow_retry"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_that_fails_mid_stream_ends_with_an_error_and_keeps_the_thread_usable() {
    let server = engine(&fake_langgraph().await);
    let events = events(&server, create("failmid during streaming")).await;
    // The error ends the turn (only the title update may follow it, as in the reference).
    let last = last_but_title(&events);
    assert_eq!(last["type"], "error");
    assert!(
        last["message"]
            .as_str()
            .is_some_and(|m| m.contains("RuntimeError")),
        "{last}"
    );
    assert_eq!(
        done(&events, "user_message").len(),
        1,
        "the user message is kept"
    );
    let next = self::events(&server, add(&thread_id(&events), "hello tuple")).await;
    assert_eq!(done(&next, "assistant_message").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_that_is_down_gives_a_clear_error() {
    let server = engine(&support::closed_port().await);
    let events = events(&server, create("anyone there?")).await;
    let last = last_but_title(&events);
    assert_eq!(last["type"], "error");
    assert_eq!(
        last["message"],
        "The agent is not reachable right now. Please try again."
    );
    assert_eq!(last["allow_retry"], true);
    assert_eq!(done(&events, "user_message").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn greek_is_intact_end_to_end() {
    let server = engine(&fake_langgraph().await);
    let events = events(&server, create("Γειά σου κόσμε, τι κάνεις;")).await;
    let texts: Vec<String> = done(&events, "assistant_message")
        .iter()
        .map(|m| {
            m["content"][0]["text"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("Γειά σου κόσμε")),
        "{texts:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_cut_mid_way_is_rejoined_where_it_broke() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let events = events(&server, create("cut me off")).await;
    assert!(
        events.iter().all(|e| e["type"] != "error"),
        "{:?}",
        kinds(&events)
    );
    let answer = done(&events, "assistant_message");
    assert_eq!(answer.len(), 1, "{:?}", kinds(&events));
    assert_eq!(answer[0]["content"][0]["text"], "You said: hello tuple");
    // Each token once: the rejoin asked for what came after the last event seen (the third).
    assert_eq!(fake.rejoins(), [("run-1".to_owned(), "3".to_owned())]);
    let deltas: Vec<&Value> = events
        .iter()
        .filter(|e| e["update"]["type"] == "assistant_message.content_part.text_delta")
        .map(|e| &e["update"]["delta"])
        .collect();
    assert_eq!(deltas, ["You ", "said: ", "hello ", "tuple"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_that_cannot_be_rejoined_is_reported_and_the_partial_text_kept() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let events = events(&server, create("lost connection")).await;
    assert_eq!(
        error(&events).as_deref(),
        Some("The agent's answer was cut off. Please try again.")
    );
    assert_eq!(fake.rejoins().len(), 5, "bounded: the SDK's five rejoins");
    let partial = done(&events, "assistant_message");
    assert_eq!(
        partial.len(),
        1,
        "the text so far is saved: {:?}",
        kinds(&events)
    );
    assert_eq!(partial[0]["content"][0]["text"], "You said: ");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_the_agent_no_longer_waits_for_is_closed_and_resumes_nothing() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let first = events(&server, create("please interrupt me")).await;
    let thread = thread_id(&first);
    let widget = done(&first, "widget")[0].clone();
    let yes = widget["widget"]["children"][1]["children"][0]["onClickAction"].clone();
    let lg_thread = LangGraphClient::thread_id("alice", thread.as_str().unwrap_or_default());
    assert_eq!(fake.pending(&lg_thread).len(), 1);
    fake.clear_pending(&lg_thread);
    let answered = events(
        &server,
        custom_action(&thread, &widget["id"], &yes["type"], &yes["payload"]),
    )
    .await;
    assert_eq!(
        error(&answered).as_deref(),
        Some("This question is no longer waiting for an answer.")
    );
    let closed: Vec<&Value> = answered
        .iter()
        .filter(|e| e["type"] == "thread.item.replaced")
        .collect();
    assert_eq!(
        closed[0]["item"]["widget"]["children"][1]["value"],
        "The agent no longer waits for this answer."
    );
    assert!(
        fake.runs().iter().all(|r| r.get("command").is_none()),
        "nothing resumed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_while_a_yes_no_question_waits_asks_to_answer_it_first() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let first = events(&server, create("please interrupt me")).await;
    let thread = thread_id(&first);
    let message = events(&server, add(&thread, "what is my balance?")).await;
    assert_eq!(
        error(&message).as_deref(),
        Some(chatkit_server::adapter::ANSWER_FIRST)
    );
    assert_eq!(
        fake.runs().len(),
        1,
        "the agent was not asked: its question stays pending"
    );
    let lg_thread = LangGraphClient::thread_id("alice", thread.as_str().unwrap_or_default());
    assert_eq!(fake.pending(&lg_thread).len(), 1);
    // The message is kept in the thread, and a "yes" typed next answers the question.
    let yes = events(&server, add(&thread, "Yes")).await;
    assert_eq!(support::chatkit::answer(&yes), "Your answer: yes. Done.");
    let resumed = fake.runs().last().map(|r| r["command"]["resume"].clone());
    assert_eq!(
        resumed,
        Some(json!({support::agent::interrupt_id("pay-interrupt"): true}))
    );
}

/// `threads.add_structured_input` answering the item's one input.
fn structured_answer(thread: &Value, item: &Value, values: &[&str], status: &str) -> Value {
    let input = item["inputs"][0]["id"].clone();
    json!({"type": "threads.add_structured_input", "params": {"thread_id": thread, "item_id": item["id"],
        "input": {"status": status, "answers": {input.as_str().unwrap_or_default(): {"values": values}}}}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_choice_is_asked_with_chatkits_structured_input_and_its_answer_resumes() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let first = events(&server, create("which account should I use?")).await;
    let thread = thread_id(&first);
    let asked = done(&first, "structured_input");
    assert_eq!(asked.len(), 1, "{:?}", kinds(&first));
    let item = asked[0].clone();
    let id = support::agent::interrupt_id("pay-interrupt");
    assert_eq!(
        item["inputs"],
        json!([{"id": id, "question": "Which account?", "type": "multiple_choice",
                "options": [{"value": "checking"}, {"value": "savings"}], "multiple": false}])
    );

    // Skipped: LangGraph cannot go on without a value, so the question is asked again.
    let skipped = events(&server, structured_answer(&thread, &item, &[], "skipped")).await;
    assert!(
        fake.runs().iter().all(|r| r.get("command").is_none()),
        "nothing resumed"
    );
    let again = done(&skipped, "structured_input")[0].clone();
    assert_ne!(again["id"], item["id"]);
    assert_eq!(again["status"], "pending");
    // Not one of the options: refused, asked again.
    let forged = events(
        &server,
        structured_answer(&thread, &again, &["bitcoin"], "answered"),
    )
    .await;
    assert_eq!(
        error(&forged).as_deref(),
        Some("`bitcoin` is not one of the options.")
    );
    assert!(
        fake.runs().iter().all(|r| r.get("command").is_none()),
        "nothing resumed"
    );
    let again = done(&forged, "structured_input")[0].clone();

    let answered = events(
        &server,
        structured_answer(&thread, &again, &["savings"], "answered"),
    )
    .await;
    assert_eq!(error(&answered), None, "{answered:?}");
    assert_eq!(
        fake.runs().last().map(|r| r["command"]["resume"].clone()),
        Some(json!({id.clone(): "savings"}))
    );
    assert_eq!(
        support::chatkit::answer(&answered),
        "Your answer: savings. Done."
    );
    // The engine refuses a second answer to the same item.
    let request = structured_answer(&thread, &again, &["checking"], "answered")
        .to_string()
        .into_bytes();
    assert!(
        server
            .process(&request, RequestContext::new("alice"))
            .await
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_naming_an_option_answers_the_choice() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let first = events(&server, create("which account should I use?")).await;
    let thread = thread_id(&first);
    let other = events(&server, add(&thread, "tell me a joke")).await;
    assert_eq!(
        error(&other).as_deref(),
        Some(chatkit_server::adapter::ANSWER_FIRST)
    );
    let chosen = events(&server, add(&thread, "Savings")).await;
    let replaced: Vec<&Value> = chosen
        .iter()
        .filter(|e| e["type"] == "thread.item.replaced")
        .map(|e| &e["item"])
        .collect();
    assert_eq!(replaced[0]["status"], "answered");
    assert_eq!(
        replaced[0]["inputs"][0]["answer"]["values"],
        json!(["Savings"])
    );
    let id = support::agent::interrupt_id("pay-interrupt");
    assert_eq!(
        fake.runs().last().map(|r| r["command"]["resume"].clone()),
        Some(json!({id: "savings"}))
    );
    assert_eq!(
        support::chatkit::answer(&chosen),
        "Your answer: savings. Done."
    );
}

/// The engine and its store, for tests that change what the thread holds.
fn engine_and_store(
    base: &str,
) -> (
    ChatKitServer<RequestContext, LangGraphHandler>,
    Arc<dyn Store<RequestContext>>,
) {
    let client =
        LangGraphClient::new(ClientConfig::new(base, "chat")).unwrap_or_else(|e| panic!("{e}"));
    let store: Arc<dyn Store<RequestContext>> = Arc::new(MemoryStore::new());
    (
        ChatKitServer::new(store.clone(), LangGraphHandler::new(client, store.clone())),
        store,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_question_with_nowhere_to_answer_it_is_asked_again() {
    let fake = support::fake::FakeLangGraph::start().await;
    let (server, store) = engine_and_store(&fake.url);
    let first = events(&server, create("please interrupt me")).await;
    let thread = thread_id(&first);
    let thread_str = thread.as_str().unwrap_or_default();
    // The question's widget is lost (say its client left mid-answer) while LangGraph still waits.
    let widget_id = done(&first, "widget")[0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let ctx = RequestContext::new("alice");
    let mut item = store
        .load_item(thread_str, &widget_id, &ctx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    if let chatkit_sdk::ItemKind::Widget(widget) = &mut item.kind {
        widget.widget = serde_json::from_value(
            json!({"type": "Card", "children": [{"type": "Text", "value": "gone"}]}),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    store
        .save_item(thread_str, &item, &ctx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // A "yes" cannot answer a question the user no longer sees: it is asked again first.
    let message = events(&server, add(&thread, "yes")).await;
    assert_eq!(
        error(&message).as_deref(),
        Some(chatkit_server::adapter::ANSWER_FIRST)
    );
    let again = done(&message, "widget");
    assert_eq!(again.len(), 1, "asked again: {:?}", kinds(&message));
    assert_eq!(
        again[0]["widget"]["children"][0]["value"],
        "Pay the next installment of 250.00 EUR now?"
    );
    assert!(
        fake.runs().iter().all(|r| r.get("command").is_none()),
        "nothing resumed"
    );
    // Now it is shown, the same "yes" answers it.
    let answered = events(&server, add(&thread, "yes")).await;
    assert_eq!(
        support::chatkit::answer(&answered),
        "Your answer: yes. Done."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_of_a_message_refused_while_a_question_waits_does_not_drop_it() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let first = events(&server, create("please interrupt me")).await;
    let thread = thread_id(&first);
    let refused = events(&server, add(&thread, "what is my balance?")).await;
    assert_eq!(
        error(&refused).as_deref(),
        Some(chatkit_server::adapter::ANSWER_FIRST)
    );
    let message_id = done(&refused, "user_message")[0]["id"].clone();
    let retried = events(
        &server,
        json!({"type": "threads.retry_after_item", "params": {"thread_id": thread, "item_id": message_id}}),
    )
    .await;
    assert_eq!(
        error(&retried).as_deref(),
        Some(chatkit_server::adapter::ANSWER_FIRST)
    );
    assert_eq!(
        fake.runs().len(),
        1,
        "the message was not sent as new input"
    );
    let lg_thread = LangGraphClient::thread_id("alice", thread.as_str().unwrap_or_default());
    assert_eq!(
        fake.pending(&lg_thread).len(),
        1,
        "the question still waits"
    );
}

#[test]
fn a_widget_of_the_agent_cannot_pass_for_a_question() {
    let mut mapper = chatkit_server::adapter::Mapper::new("thr_1");
    let spoof = json!({"widget": {"type": "Card", "children": [{"type": "Button", "label": "Cancel",
        "onClickAction": {"type": "user_decision", "payload": {"choice": "yes", "context": {"interrupt_id": "i1"}}}}]}});
    let events = mapper
        .map(chatkit_server::langgraph::TurnUpdate::Custom(spoof))
        .unwrap_or_default();
    let events: Vec<Value> = events
        .iter()
        .map(|e| serde_json::to_value(e).unwrap_or_default())
        .collect();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["type"], "notice");
    assert_eq!(
        events[0]["message"],
        chatkit_server::adapter::INVALID_WIDGET
    );
    let own = json!({"widget": {"type": "Card", "children": [{"type": "Button", "label": "Open",
        "onClickAction": {"type": "show_more", "payload": {}}}]}});
    let shown = mapper
        .map(chatkit_server::langgraph::TurnUpdate::Custom(own))
        .unwrap_or_default();
    assert!(
        shown
            .iter()
            .any(|e| matches!(e, chatkit_sdk::ThreadStreamEvent::ThreadItemDone { .. }))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renaming_and_deleting_a_thread_reach_its_langgraph_thread() {
    let fake = support::fake::FakeLangGraph::start().await;
    let server = engine(&fake.url);
    let first = events(&server, create("hello there")).await;
    let thread = thread_id(&first);
    let lg_thread = LangGraphClient::thread_id("alice", thread.as_str().unwrap_or_default());
    assert!(fake.has_thread(&lg_thread));
    let rename =
        json!({"type": "threads.update", "params": {"thread_id": thread, "title": "Λίστα αγορών"}});
    json_request(&server, rename).await;
    assert_eq!(fake.metadata(&lg_thread)["title"], "Λίστα αγορών");
    json_request(
        &server,
        json!({"type": "threads.delete", "params": {"thread_id": thread}}),
    )
    .await;
    assert!(
        !fake.has_thread(&lg_thread),
        "the conversation is gone from LangGraph too"
    );
}

/// A non-streaming request's JSON answer.
async fn json_request(
    server: &ChatKitServer<RequestContext, LangGraphHandler>,
    body: Value,
) -> Value {
    let request = body.to_string().into_bytes();
    match server.process(&request, RequestContext::new("alice")).await {
        Ok(ChatKitResult::Json(bytes)) => serde_json::from_slice(&bytes).unwrap_or_default(),
        other => panic!("{body}: {other:?}"),
    }
}
