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
                Some(chatkit_server::adapter::BUSY_THREAD)
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
                // The agent sent it (a `custom` widget event) and goes on answering.
                assert_eq!(answer(&events), "Here are four places to visit.");
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
    let buttons = &widget["widget"]["children"][1]["children"];
    assert_eq!(
        (&buttons[0]["label"], &buttons[1]["label"]),
        (&json!("Yes"), &json!("No"))
    );
    let no = buttons[1]["onClickAction"].clone();
    let reply = custom_action(
        &thread_id(&events),
        &widget["id"],
        &no["type"],
        &no["payload"],
    );
    let resumed = browser.post(&reply).await;
    let resumed_events = resumed.events();
    let replaced: Vec<&Value> = resumed_events
        .iter()
        .filter(|e| e["type"] == "thread.item.replaced")
        .collect();
    assert_eq!(
        replaced[0]["item"]["widget"]["children"][1]["value"], "Answered: No",
        "the question shows its answer"
    );
    // The interrupt's id, as LangGraph asks when several may be pending; `false`, so
    // `if interrupt(...)` takes the no branch.
    let id = support::agent::interrupt_id("pay-interrupt");
    assert_eq!(
        fake.runs().last().map(|r| r["command"].clone()),
        Some(json!({"resume": {id: false}}))
    );
    assert_eq!(
        answer(&resumed_events),
        "Your answer: no. Done.",
        "the run goes on with the answer given"
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
async fn chatkit_yes_no_answer_text_resumes_with_the_option_text() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[("CHATKIT_YES_NO_ANSWER", "text")]);
    let mut browser = Browser::new(&binary);
    let events = browser.post(&create("please interrupt me")).await.events();
    let widget = done(&events, "widget")[0].clone();
    let no = widget["widget"]["children"][1]["children"][1]["onClickAction"].clone();
    let reply = custom_action(
        &thread_id(&events),
        &widget["id"],
        &no["type"],
        &no["payload"],
    );
    let resumed = browser.post(&reply).await.events();
    let id = support::agent::interrupt_id("pay-interrupt");
    assert_eq!(
        fake.runs().last().map(|r| r["command"].clone()),
        Some(json!({"resume": {id: "no"}})),
        "the option as the graph wrote it"
    );
    assert_eq!(answer(&resumed), "Your answer: no. Done.");
    let bad = Binary::run_to_exit(&fake.url, &[("CHATKIT_YES_NO_ANSWER", "maybe")]);
    assert!(!bad.0.success(), "an unknown style stops the binary");
    assert!(
        bad.1.contains("invalid value 'maybe'") && bad.1.contains("boolean, text"),
        "{}",
        bad.1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_events_of_every_shape_show_and_unknown_ones_as_configured() {
    let fake = FakeLangGraph::start().await;
    let documented = ["Looking up Athens", "Step 2 of 3", "Almost there"];
    let binary = Binary::start(&fake.url, &[]);
    let events = Browser::new(&binary)
        .post(&create("custom shapes please"))
        .await
        .events();
    assert_eq!(
        support::chatkit::progress(&events),
        documented,
        "the unknown one is only logged"
    );
    assert_eq!(answer(&events), "Done.");
    let showing = Binary::start(&fake.url, &[("CHATKIT_CUSTOM_EVENTS", "show")]);
    let events = Browser::new(&showing)
        .post(&create("custom shapes please"))
        .await
        .events();
    let mut expected: Vec<String> = documented.iter().map(|s| (*s).to_owned()).collect();
    expected.push(r#"{"custom_key":"Generating custom data inside node"}"#.to_owned());
    assert_eq!(support::chatkit::progress(&events), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn langgraph_multitask_strategy_goes_with_every_message() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[]);
    Browser::new(&binary).post(&create("hello")).await;
    assert_eq!(
        fake.runs()[0]["multitask_strategy"],
        "reject",
        "the default"
    );
    let enqueue = Binary::start(&fake.url, &[("LANGGRAPH_MULTITASK_STRATEGY", "enqueue")]);
    Browser::new(&enqueue).post(&create("hello")).await;
    assert_eq!(fake.runs()[1]["multitask_strategy"], "enqueue");
    let bad = Binary::run_to_exit(&fake.url, &[("LANGGRAPH_MULTITASK_STRATEGY", "queue")]);
    assert!(
        !bad.0.success() && bad.1.contains("invalid value 'queue'"),
        "{}",
        bad.1
    );
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
    let id = support::agent::interrupt_id("transfer-form");
    assert_eq!(
        fake.runs().last().map(|r| r["command"].clone()),
        Some(json!({"resume": {id: {"amount": "120", "note": "Ενοίκιο"}}}))
    );
    assert_eq!(
        answer(&resumed.events()),
        r#"Your answer: {"amount": "120", "note": "Ενοίκιο"}. Done."#,
        "the run goes on with the values given"
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
    if status == 404 {
        return chatkit_tests::skip::skip(
            "binary::the_official_page_and_the_console_are_served",
            "the server was compiled without its web pages",
            "scripts/build-web.sh, then build the server again",
        );
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
        !html.contains("onerror=") && !html.contains("<script>"),
        "no inline script (the CSP allows none): {html}"
    );
    let script = page_script(&browser, &html).await;
    for expected in [
        // The page loads the CDN runtime itself and notices a failed load at once.
        "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js",
        "chatkitCdn",
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_a_conversation_survives_a_restart() {
    let Some(url) = chatkit_tests::skip::postgres("binary (chatkit-server on Postgres)") else {
        return;
    };
    let fake = FakeLangGraph::start().await;
    let env = [("DATABASE_URL", url.as_str())];
    let mut first = Binary::start(&fake.url, &env);
    let mut browser = Browser::new(&first);
    let events = browser.events(&create("hello tuple")).await;
    assert_eq!(answer(&events), "You said: hello tuple");
    let thread = thread_id(&events);
    assert!(first.terminate().success());

    // Another process with its own (empty) SQLite file: what it shows comes from Postgres.
    let second = Binary::start(&fake.url, &env);
    browser.switch_to(&second);
    let (status, health) = browser.get("/langgraph/health").await;
    assert_eq!(status, 200, "{health}");
    assert!(health.contains(r#""store":"ok""#), "{health}");
    let threads = browser
        .post(&json!({"type": "threads.list", "params": {}}))
        .await
        .json()
        .unwrap_or_default();
    assert_eq!(threads["data"][0]["id"], thread, "{threads}");
    assert_eq!(threads["data"].as_array().map(Vec::len), Some(1));
    let items = browser
        .post(&json!({"type": "items.list", "params": {"thread_id": thread, "order": "asc"}}))
        .await
        .json()
        .unwrap_or_default();
    assert_eq!(
        items["data"][1]["content"][0]["text"],
        "You said: hello tuple"
    );
    // A stranger sees none of it.
    let stranger = Browser::new(&second)
        .post(&json!({"type": "threads.list", "params": {}}))
        .await
        .json()
        .unwrap_or_default();
    assert_eq!(stranger["data"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_allows_the_configured_origins_only() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(
        &fake.url,
        &[(
            "CORS_ALLOWED_ORIGINS",
            "https://app.example.com,https://admin.example.com",
        )],
    );
    let http = reqwest::Client::new();
    let preflight = |origin: &'static str| {
        http.request(
            reqwest::Method::OPTIONS,
            format!("{}/langgraph/chatkit", binary.url),
        )
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
    };
    for origin in ["https://app.example.com", "https://admin.example.com"] {
        let response = preflight(origin).await.unwrap_or_else(|e| panic!("{e}"));
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        assert_eq!(response.status(), 200);
        assert_eq!(
            header("access-control-allow-origin").as_deref(),
            Some(origin)
        );
        assert_eq!(
            header("access-control-allow-credentials").as_deref(),
            Some("true")
        );
        assert!(
            header("access-control-allow-methods").is_some_and(|m| m.contains("POST")),
            "{:?}",
            response.headers()
        );
    }
    let foreign = preflight("https://evil.example.com")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        foreign.headers().get("access-control-allow-origin"),
        None,
        "another origin is not allowed"
    );
    // A real request from an allowed origin is answered with the header the browser needs.
    let listed = http
        .post(format!("{}/langgraph/chatkit", binary.url))
        .header("origin", "https://app.example.com")
        .header("content-type", "application/json")
        .body(r#"{"type":"threads.list","params":{}}"#)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed.status(), 200);
    assert_eq!(
        listed
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("https://app.example.com")
    );
    // Without the setting no origin is allowed.
    let closed = Binary::start(&fake.url, &[]);
    let response = http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/langgraph/chatkit", closed.url),
        )
        .header("origin", "https://app.example.com")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.headers().get("access-control-allow-origin"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_4_mib_get_a_413() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[]);
    let http = reqwest::Client::new();
    let post = |size: usize| {
        // A threads.list padded to `size` bytes with a key the server ignores.
        let head = r#"{"type":"threads.list","params":{},"pad":""#;
        let body = format!("{head}{}\"}}", "x".repeat(size - head.len() - 2));
        assert_eq!(body.len(), size);
        http.post(format!("{}/langgraph/chatkit", binary.url))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let limit = 4 * 1024 * 1024;
    let at_limit = post(limit).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(at_limit.status(), 200, "4 MiB is allowed");
    let over = post(limit + 1).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(over.status(), 413);
    assert_eq!(
        over.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let body: Value = over.json().await.unwrap_or_default();
    assert_eq!(
        body,
        json!({"error": {"code": "payload_too_large", "message": "The request body is larger than 4 MiB, the most this server accepts."}})
    );
    // The server is still there.
    assert_eq!(post(100).await.map(|r| r.status().as_u16()).ok(), Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_key_and_the_reconnect_settings_reach_the_langgraph_client() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(
        &fake.url,
        &[
            ("LANGGRAPH_API_KEY", "lsv2-test-key"),
            ("LANGGRAPH_MAX_RECONNECTS", "2"),
            ("LANGGRAPH_RECONNECT_BACKOFF_MS", "200"),
        ],
    );
    let events = turn(&binary, "lost connection").await.events();
    assert_eq!(
        error(&events).as_deref(),
        Some("The agent's answer was cut off. Please try again.")
    );
    assert_eq!(fake.api_keys(), [Some("lsv2-test-key".to_owned())]);
    let times = fake.rejoin_times();
    assert_eq!(times.len(), 2, "LANGGRAPH_MAX_RECONNECTS=2");
    // The second rejoin waits twice the first backoff: 400 ms (plus up to 25 % jitter).
    let gap = times[1].duration_since(times[0]);
    assert!(
        gap >= std::time::Duration::from_millis(400),
        "LANGGRAPH_RECONNECT_BACKOFF_MS=200: {gap:?}"
    );
    // Without a key none is sent.
    let plain = Binary::start(&fake.url, &[]);
    turn(&plain, "hello tuple").await;
    assert_eq!(fake.api_keys().last(), Some(&None));
}

/// `threads.create` with a text message and the model the user picked.
fn create_with_model(text: &str, model: &str) -> Value {
    json!({"type": "threads.create", "params": {"input": {"content": [{"type": "input_text", "text": text}], "attachments": [], "inference_options": {"model": model}}}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_settings_reach_every_run_with_the_user_and_the_thread() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(
        &fake.url,
        &[
            (
                "LANGGRAPH_CONTEXT",
                r#"{"user_id": "{user_id}", "thread": "{thread_id}", "lang": "{locale}"}"#,
            ),
            ("LANGGRAPH_CONFIGURABLE", r#"{"owner": "{user_id}"}"#),
            ("LANGGRAPH_EXTRA_INPUT", r#"{"tone": "formal"}"#),
            ("LANGGRAPH_USER_HEADER", "x-user-id"),
            (
                "LANGGRAPH_MODELS",
                r#"{"fast": "agent_fast", "smart": null}"#,
            ),
            ("LANGGRAPH_MODEL_CONFIGURABLE", "model"),
        ],
    );
    let mut browser = Browser::new(&binary);
    browser.language = Some("fr-CA,fr;q=0.9".into());
    let events = browser.events(&create_with_model("hello", "fast")).await;
    assert_eq!(error(&events), None, "{events:?}");
    let thread = thread_id(&events);
    let run = fake.runs()[0].clone();
    let user = run["context"]["user_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!user.is_empty(), "{run}");
    assert_eq!(run["context"]["thread"], thread);
    assert_eq!(run["context"]["lang"], "fr-CA", "the browser's language");
    assert_eq!(
        run["config"]["configurable"],
        json!({"owner": user, "model": "fast"})
    );
    assert_eq!(run["input"]["tone"], "formal");
    assert_eq!(run["input"]["messages"][0]["content"], "hello");
    assert_eq!(
        run["assistant_id"], "agent_fast",
        "the picked model's assistant"
    );
    assert_eq!(fake.user_headers()[0].as_deref(), Some(user.as_str()));

    browser.events(&create_with_model("hello", "smart")).await;
    assert_eq!(
        fake.runs()[1]["assistant_id"],
        "agent",
        "null: the configured assistant"
    );
    let refused = browser.events(&create_with_model("hello", "gpt-9")).await;
    assert_eq!(
        error(&refused).as_deref(),
        Some("The model `gpt-9` is not available here. Pick another one.")
    );
    assert_eq!(fake.runs().len(), 2, "no run for a model not offered");
}

#[test]
fn bad_run_settings_and_config_files_stop_the_binary_with_a_clear_message() {
    let (status, stderr) = Binary::run_to_exit(
        "http://127.0.0.1:9",
        &[("LANGGRAPH_CONTEXT", "{\"user_id\": ")],
    );
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("Error: LANGGRAPH_CONTEXT is not JSON"),
        "{stderr}"
    );
    let dir = support::binary::scratch_dir();
    let file = dir.path().join("chatkit.toml");
    std::fs::write(&file, "langgraph_contxt = \"x\"\n").unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_string_lossy().into_owned();
    let (status, stderr) =
        Binary::run_to_exit("http://127.0.0.1:9", &[("CHATKIT_CONFIG_FILE", &path)]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("chatkit.toml: unknown setting `langgraph_contxt`"),
        "{stderr}"
    );
    let (_, stderr) =
        Binary::run_to_exit("http://127.0.0.1:9", &[("LANGGRAPH_USER_HEADER", "x user")]);
    assert!(
        stderr.contains("LANGGRAPH_USER_HEADER `x user` is not a header name"),
        "{stderr}"
    );
}

#[test]
fn settings_that_cannot_work_stop_the_binary_with_a_clear_message() {
    for (env, message) in [
        (
            [("CHATKIT_ENV", "staging"), ("PORT", "0")],
            "Error: CHATKIT_ENV must be development or production, not `staging`",
        ),
        (
            [("SESSION_SECRET_KEY", "too-short"), ("PORT", "0")],
            "Error: SESSION_SECRET_KEY must be at least 32 bytes",
        ),
        (
            [("CHATKIT_ENV", "production"), ("SESSION_SECRET_KEY", "")],
            "Error: CHATKIT_ENV=production needs SESSION_SECRET_KEY of at least 32 bytes (e.g. `openssl rand -hex 32`)",
        ),
    ] {
        let (status, stderr) = Binary::run_to_exit("http://127.0.0.1:9", &env);
        assert_eq!(status.code(), Some(1), "{env:?}: {stderr}");
        assert_eq!(stderr.trim_end(), message, "{env:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_are_read_from_dot_env_and_the_environment_wins() {
    let fake = FakeLangGraph::start().await;
    let dir = support::binary::scratch_dir();
    std::fs::write(
        dir.path().join(".env"),
        "# settings of this deployment\nLANGGRAPH_API_KEY=key-from-dotenv\nLANGGRAPH_ASSISTANT_ID=assistant-from-dotenv\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The environment sets LANGGRAPH_ASSISTANT_ID=agent (Binary's default): it wins.
    let binary = Binary::start_in(dir, &fake.url, &[]);
    turn(&binary, "hello tuple").await;
    assert_eq!(fake.api_keys(), [Some("key-from-dotenv".to_owned())]);
    assert_eq!(fake.runs()[0]["assistant_id"], "agent");
}
