//! The `chatkit-server` binary, started as a process against the in-process fake LangGraph:
//! each scenario's HTTP exchanges are insta snapshots (ids and timestamps replaced by
//! `<msg:1>`, `<ts>`, …), reviewed by hand; the assertions next to them say what matters.

mod support;

use chatkit_sdk::FeedbackKind;
use chatkit_sdk::store::{RequestContext, SqliteStore, Store};
use chatkit_tests::conformance::normalize::{Normalizer, Record};
use serde_json::{Value, json};
use support::binary::{Binary, Browser};
use support::chatkit::{add, answer, create, custom_action, done, error, thread_id};
use support::fake::FakeLangGraph;

fn snapshot(name: &str, records: &[Record]) {
    let mut normalizer = Normalizer::new();
    records.iter().for_each(|r| normalizer.collect_record(r));
    let text: Vec<String> = records.iter().map(|r| normalizer.render(r)).collect();
    insta::assert_snapshot!(name, text.join("\n"));
}

/// One turn in a new thread of a new browser: its record.
async fn turn(binary: &Binary, text: &str) -> Record {
    Browser::new(binary).post(&create(text)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_turn_scenarios() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[]);
    for (name, text) in [
        ("plain_reply", "hello tuple"),
        ("tool_call", "use a tool to check my loan"),
        ("custom_progress", "hello custom"),
        ("custom_widget", "show my balance widget"),
        ("upstream_error", "please fail now"),
        ("upstream_rejected", "reject this"),
        ("failure_mid_stream", "failmid during streaming"),
        ("stream_cut_and_rejoined", "cut me off"),
        ("stream_lost", "lost connection"),
        ("greek", "Γειά σου κόσμε, τι κάνεις;"),
        ("carousel", "show me a carousel"),
    ] {
        let record = turn(&binary, text).await;
        assert_eq!(record.status, 200, "{name}");
        assert_eq!(
            record.content_type, "text/event-stream; charset=utf-8",
            "{name}"
        );
        let events = record.events();
        assert_eq!(
            done(&events, "user_message").len(),
            1,
            "{name}: the user message is kept"
        );
        match name {
            "plain_reply" => assert_eq!(answer(&events), "You said: hello tuple"),
            "tool_call" => {
                let workflow = done(&events, "workflow");
                assert_eq!(workflow[0]["workflow"]["tasks"][0]["title"], "lookup_loan");
            }
            "custom_widget" => {
                let widget = done(&events, "widget");
                assert_eq!(widget[0]["widget"]["children"][1]["value"], "1,234.50 EUR");
                assert_eq!(answer(&events), "Here is your balance.");
            }
            "upstream_error" => assert!(
                error(&events).is_some_and(|m| m.contains("ValueError")),
                "{events:?}"
            ),
            "upstream_rejected" => assert_eq!(
                error(&events).as_deref(),
                Some("The agent refused the request (409): Thread is already running a task.")
            ),
            "stream_cut_and_rejoined" => {
                assert_eq!(answer(&events), "You said: hello tuple");
                assert_eq!(error(&events), None);
            }
            "stream_lost" => assert_eq!(
                error(&events).as_deref(),
                Some("The agent's answer was cut off. Please try again.")
            ),
            "greek" => assert!(answer(&events).contains("Γειά σου κόσμε"), "{events:?}"),
            "carousel" => {
                let card = &done(&events, "widget")[0]["widget"];
                let first = &card["children"][0]["children"][0];
                assert_eq!(first["children"][0]["src"], "/langgraph/demo/acropolis.svg");
                let open = &first["children"][3]["onClickAction"];
                assert_eq!(open["type"], "open_link");
                assert_eq!(open["handler"], "client");
            }
            _ => {}
        }
        snapshot(name, &[record]);
    }
    // The carousel's pictures come from the server itself.
    let browser = Browser::new(&binary);
    let (status, svg) = browser.get("/langgraph/demo/acropolis.svg").await;
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg") && svg.contains("Acropolis"));
    assert_eq!(browser.get("/langgraph/demo/nowhere.svg").await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupt_is_answered_and_the_run_resumes() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[]);
    let mut browser = Browser::new(&binary);
    let asked = browser.post(&create("please interrupt me")).await;
    let events = asked.events();
    let widget = done(&events, "widget")[0].clone();
    let yes = widget["widget"]["children"][1]["children"][0]["onClickAction"].clone();
    let reply = custom_action(
        &thread_id(&events),
        &widget["id"],
        &yes["type"],
        &yes["payload"],
    );
    let resumed = browser.post(&reply).await;
    let resumed_events = resumed.events();
    assert!(
        resumed_events
            .iter()
            .any(|e| e["type"] == "thread.item.replaced"),
        "the question shows its answer"
    );
    assert!(!answer(&resumed_events).is_empty(), "the run goes on");
    assert_eq!(
        fake.runs().last().map(|r| r["command"].clone()),
        Some(json!({"resume": "yes"}))
    );
    // Answering twice resumes nothing.
    let again = browser.post(&reply).await.events();
    assert_eq!(
        error(&again).as_deref(),
        Some("This question was already answered.")
    );
    assert_eq!(fake.runs().len(), 2);
    snapshot("interrupt_and_resume", &[asked, resumed]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_interrupt_is_submitted_with_its_values() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[]);
    let mut browser = Browser::new(&binary);
    let asked = browser.post(&create("fill in a form")).await;
    let events = asked.events();
    let widget = done(&events, "widget")[0].clone();
    let form = &widget["widget"]["children"][0];
    assert_eq!(form["type"], "Form");
    let submit = form["onSubmitAction"].clone();
    // The client puts the form's values beside the action's payload.
    let mut payload = submit["payload"].clone();
    payload["amount"] = json!("120");
    payload["note"] = json!("Ενοίκιο");
    let reply = custom_action(
        &thread_id(&events),
        &widget["id"],
        &submit["type"],
        &payload,
    );
    let resumed = browser.post(&reply).await;
    assert_eq!(
        fake.runs().last().map(|r| r["command"].clone()),
        Some(json!({"resume": {"amount": "120", "note": "Ενοίκιο"}}))
    );
    snapshot("form_interrupt", &[asked, resumed]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_reruns_without_the_discarded_answer() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[]);
    let mut browser = Browser::new(&binary);
    let first = browser.events(&create("hello tuple")).await;
    let thread = thread_id(&first);
    let asked = browser.post(&add(&thread, "what do you remember?")).await;
    let events = asked.events();
    assert_eq!(answer(&events), "I remember 3 messages.");
    let message = done(&events, "user_message")[0]["id"].clone();
    let retry = json!({"type": "threads.retry_after_item", "params": {"thread_id": thread, "item_id": message}});
    let retried = browser.post(&retry).await;
    assert_eq!(
        answer(&retried.events()),
        "I remember 3 messages.",
        "the agent does not remember its discarded answer"
    );
    let runs = fake.runs();
    assert!(
        runs[2]["checkpoint"]["checkpoint_id"].is_string(),
        "{:?}",
        runs[2]
    );
    assert_eq!(runs[2]["input"]["messages"][0]["id"], message);
    // The thread holds one answer to the question: the new one.
    let items = browser
        .post(&json!({"type": "items.list", "params": {"thread_id": thread, "order": "asc"}}))
        .await
        .json()
        .unwrap_or_default();
    let kinds: Vec<&str> = items["data"]
        .as_array()
        .map(|d| d.iter().filter_map(|i| i["type"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        kinds,
        [
            "user_message",
            "assistant_message",
            "user_message",
            "assistant_message"
        ]
    );
    snapshot("retry", &[retried]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_that_is_down_gives_a_clear_error() {
    let binary = Binary::start(&support::closed_port().await, &[]);
    let record = turn(&binary, "anyone there?").await;
    assert_eq!(
        error(&record.events()).as_deref(),
        Some("The agent is not reachable right now. Please try again.")
    );
    let (status, health) = Browser::new(&binary).get("/langgraph/health").await;
    assert_eq!(status, 200, "the store is fine: {health}");
    let health: Value = serde_json::from_str(&health).unwrap_or_default();
    assert_eq!(health["status"], "degraded");
    snapshot("upstream_down", &[record]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedback_is_stored_with_the_item_and_sigterm_stops_the_server() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[]);
    let (status, health) = Browser::new(&binary).get("/langgraph/health").await;
    assert_eq!(
        (status, health.contains("\"upstream\":\"ok\"")),
        (200, true),
        "{health}"
    );
    let mut browser = Browser::new(&binary);
    let events = browser.events(&create("hello tuple")).await;
    let thread = thread_id(&events);
    let answer = done(&events, "assistant_message")[0]["id"].clone();
    let feedback = browser
        .post(&json!({"type": "items.feedback", "params": {"thread_id": thread, "item_ids": [answer], "kind": "positive"}}))
        .await;
    assert_eq!(feedback.status, 200);
    let database = binary.database_url();
    let mut binary = binary;
    let status = binary.terminate();
    assert!(status.success(), "graceful shutdown: {status:?}");
    // The file the binary wrote: the feedback is there, under the session's user.
    let store = SqliteStore::open(&database)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let users = store_users(&database);
    assert_eq!(users.len(), 1);
    let ctx = RequestContext::new(users[0].clone());
    let kind = store
        .load_feedback(
            thread.as_str().unwrap_or_default(),
            answer.as_str().unwrap_or_default(),
            &ctx,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kind, Some(FeedbackKind::Positive));
}

/// The user ids in the binary's SQLite file.
fn store_users(database: &str) -> Vec<String> {
    let path = database.strip_prefix("sqlite:").unwrap_or(database);
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    let mut stmt = conn
        .prepare("SELECT DISTINCT owner FROM chatkit_threads")
        .unwrap_or_else(|e| panic!("{e}"));
    stmt.query_map([], |row| row.get::<_, String>(0))
        .and_then(Iterator::collect)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The script a built page loads (`/assets/….js`).
async fn page_script(browser: &Browser, html: &str) -> String {
    let src = html
        .split("src=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|src| src.starts_with("/assets/") && src.ends_with(".js"))
        .unwrap_or_else(|| panic!("no script in {html}"));
    let (status, script) = browser.get(src).await;
    assert_eq!(status, 200, "{src}");
    script
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_page_and_the_console_are_served() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[("CHATKIT_DOMAIN_KEY", "domain_pk_test\"<x>")]);
    let browser = Browser::new(&binary);
    let (status, html) = browser.get("/").await;
    if status == 404 && std::env::var("CHATKIT_E2E_REQUIRED").as_deref() != Ok("1") {
        eprintln!("skipped: the web pages are not built (scripts/build-web.sh): {html}");
        return;
    }
    assert_eq!(status, 200, "{html}");
    // The configured domain key, escaped for its attribute; the CDN runtime with a fallback.
    assert!(
        html.contains(
            r#"<meta name="chatkit-domain-key" content="domain_pk_test&quot;&lt;x&gt;" />"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"src="https://cdn.platform.openai.com/deployments/chatkit/chatkit.js""#)
    );
    assert!(
        html.contains("onerror="),
        "a failed CDN load is noticed at once"
    );
    let script = page_script(&browser, &html).await;
    for expected in [
        "/langgraph/chatkit",
        "Πες μου για τα δάνεια μου",
        "show me a carousel",
        "feedback:!0",
        "retry:!0",
        "open_link",
        "/console",
        "The ChatKit UI could not load",
    ] {
        assert!(
            script.contains(expected),
            "the official page's script lacks {expected:?}"
        );
    }

    let (status, console) = browser.get("/console").await;
    assert_eq!(status, 200);
    let script = page_script(&browser, &console).await;
    for expected in [
        "threads.custom_action",
        "threads.retry_after_item",
        "items.feedback",
    ] {
        assert!(
            script.contains(expected),
            "the console's script lacks {expected:?}"
        );
    }
    assert!(
        !script.contains("cdn.platform.openai.com"),
        "the console needs no CDN"
    );
    assert_eq!(browser.get("/assets/nothing.js").await.0, 404);
}
