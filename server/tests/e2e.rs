//! End to end: the `chatkit-server` binary in front of the real `langgraph dev` server running
//! the example agent (`server/agent`). `scripts/test.sh` starts the agent (`scripts/agent.sh`)
//! and sets `CHATKIT_E2E_LANGGRAPH_URL`; without it these tests skip (`chatkit_tests::skip`), or
//! fail when everything must run (`CHATKIT_TEST_REQUIRE_ALL=1`, as `scripts/test.sh` sets).

mod support;

use std::time::Duration;

use futures::StreamExt;
use serde_json::{Value, json};
use support::binary::{Binary, Browser};
use support::chatkit::{
    add, answer, create, custom_action, deltas, done, error, progress, thread_id,
};

/// The agent's URL, or `None` (skip, or fail when everything must run) when it is not running.
fn agent() -> Option<String> {
    chatkit_tests::skip::agent("e2e (the binary in front of the example agent)")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_tools_widgets_and_greek() {
    let Some(agent) = agent() else { return };
    let binary = Binary::start(&agent, &[]);
    let mut browser = Browser::new(&binary);

    let hello = browser.events(&create("hello there")).await;
    assert_eq!(answer(&hello), "You said: hello there");
    assert!(deltas(&hello) >= 3, "streamed word by word");
    assert_eq!(progress(&hello), ["Reading your message", "Thinking"]);
    let thread = thread_id(&hello);

    let loans = browser.events(&add(&thread, "show my loans")).await;
    let workflow = done(&loans, "workflow");
    assert_eq!(workflow.len(), 1, "{loans:?}");
    let task = &workflow[0]["workflow"]["tasks"][0];
    assert_eq!(
        (task["title"].as_str(), task["status_indicator"].as_str()),
        (Some("list_loans"), Some("complete"))
    );
    assert!(
        task["content"]
            .as_str()
            .is_some_and(|c| c.contains("L-1001"))
    );
    assert_eq!(
        answer(&loans),
        "You have 2 loans: L-1001 (mortgage, 84250.00 EUR), L-2002 (car, 6120.50 EUR)."
    );

    let balance = browser.events(&add(&thread, "show my balance")).await;
    let widget = done(&balance, "widget");
    assert_eq!(widget.len(), 1, "{balance:?}");
    assert_eq!(widget[0]["widget"]["children"][1]["value"], "1,234.50 EUR");
    assert_eq!(widget[0]["copy_text"], "Current account: 1,234.50 EUR");
    assert_eq!(answer(&balance), "Here is your balance.");

    let greek = browser.events(&create("Πες μου για τα δάνεια μου")).await;
    assert_eq!(
        answer(&greek),
        "Έχετε 2 δάνεια: L-1001 (84250.00 €), L-2002 (6120.50 €)."
    );
    let hi = browser
        .events(&add(&thread_id(&greek), "Καλημέρα, τι κάνεις;"))
        .await;
    assert_eq!(answer(&hi), "Είπατε: Καλημέρα, τι κάνεις;");

    // Reloading the thread gives back what was streamed, Greek intact.
    let items = browser
        .post(&json!({"type": "items.list", "params": {"thread_id": thread_id(&greek), "order": "asc"}}))
        .await
        .json()
        .unwrap_or_default();
    let texts: Vec<&str> = items["data"]
        .as_array()
        .map(|d| {
            d.iter()
                .filter_map(|i| i["content"][0]["text"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        texts,
        [
            "Πες μου για τα δάνεια μου",
            "Έχετε 2 δάνεια: L-1001 (84250.00 €), L-2002 (6120.50 €).",
            "Καλημέρα, τι κάνεις;",
            "Είπατε: Καλημέρα, τι κάνεις;"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupts_are_answered_with_buttons_and_forms() {
    let Some(agent) = agent() else { return };
    let binary = Binary::start(&agent, &[]);
    let mut browser = Browser::new(&binary);

    let asked = browser.events(&create("pay my installment")).await;
    let widget = done(&asked, "widget")[0].clone();
    assert_eq!(
        widget["widget"]["children"][0]["value"],
        "Pay the next installment of 250.00 EUR now?"
    );
    let yes = widget["widget"]["children"][1]["children"][0]["onClickAction"].clone();
    let thread = thread_id(&asked);
    let resumed = browser
        .events(&custom_action(
            &thread,
            &widget["id"],
            &yes["type"],
            &yes["payload"],
        ))
        .await;
    assert_eq!(answer(&resumed), "Your answer: yes. Done.");
    assert!(resumed.iter().any(|e| e["type"] == "thread.item.replaced"));

    let asked = browser.events(&add(&thread, "transfer money")).await;
    let widget = done(&asked, "widget")[0].clone();
    let form = &widget["widget"]["children"][0];
    assert_eq!(form["type"], "Form", "{widget}");
    let mut payload = form["onSubmitAction"]["payload"].clone();
    payload["amount"] = json!("50");
    payload["note"] = json!("Ενοίκιο");
    let resumed = browser
        .events(&custom_action(
            &thread,
            &widget["id"],
            &json!("answer_form"),
            &payload,
        ))
        .await;
    assert_eq!(
        answer(&resumed),
        r#"Your answer: {"amount": "50", "note": "Ενοίκιο"}. Done."#
    );
    // A choice among options is asked with ChatKit's own structured input item.
    let asked = browser.events(&add(&thread, "which account?")).await;
    let question = done(&asked, "structured_input")[0].clone();
    assert_eq!(
        question["inputs"][0]["question"],
        "Which account should I use?"
    );
    let input = question["inputs"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let resumed = browser
        .events(&json!({"type": "threads.add_structured_input", "params": {"thread_id": thread,
            "item_id": question["id"], "input": {"status": "answered", "answers": {input: {"values": ["savings"]}}}}}))
        .await;
    assert_eq!(answer(&resumed), "Your answer: savings. Done.");
    // The run is over: the next message is an ordinary turn.
    let after = browser.events(&add(&thread, "thanks")).await;
    assert_eq!(answer(&after), "You said: thanks");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_are_reported_and_the_thread_stays_usable() {
    let Some(agent) = agent() else { return };
    let binary = Binary::start(&agent, &[]);
    let mut browser = Browser::new(&binary);

    let failed = browser.events(&create("please fail")).await;
    assert_eq!(
        error(&failed).as_deref(),
        Some("The agent failed: ValueError: this request cannot be handled (fail)")
    );
    assert_eq!(
        done(&failed, "user_message").len(),
        1,
        "the message is kept"
    );
    let thread = thread_id(&failed);

    let midway = browser.events(&add(&thread, "failmid please")).await;
    assert_eq!(answer(&midway), "You said: ", "the words so far are kept");
    assert_eq!(
        error(&midway).as_deref(),
        Some("The agent failed: RuntimeError: the model lost its connection (failmid)")
    );

    let after = browser.events(&add(&thread, "hello again")).await;
    assert_eq!(answer(&after), "You said: hello again");
    assert_eq!(error(&after), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_forgets_the_discarded_answer() {
    let Some(agent) = agent() else { return };
    let binary = Binary::start(&agent, &[]);
    let mut browser = Browser::new(&binary);
    let first = browser.events(&create("hello")).await;
    let thread = thread_id(&first);
    let asked = browser.events(&add(&thread, "what do you remember?")).await;
    assert_eq!(answer(&asked), "I remember 3 messages.");
    let message = done(&asked, "user_message")[0]["id"].clone();
    for _ in 0..2 {
        let retried = browser
            .events(&json!({"type": "threads.retry_after_item", "params": {"thread_id": thread, "item_id": message}}))
            .await;
        assert_eq!(
            answer(&retried),
            "I remember 3 messages.",
            "the agent's memory holds neither discarded answer"
        );
    }
    let next = browser.events(&add(&thread, "remember now?")).await;
    assert_eq!(answer(&next), "I remember 5 messages.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_mid_stream_cancels_the_run() {
    let Some(agent) = agent() else { return };
    let binary = Binary::start(&agent, &[]);
    let http = reqwest::Client::new();
    let response = http
        .post(format!("{}/langgraph/chatkit", binary.url))
        .header("content-type", "application/json")
        .body(create("a slow answer please").to_string())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut body = response.bytes_stream();
    let mut seen = String::new();
    while !seen.contains("text_delta") {
        match tokio::time::timeout(Duration::from_secs(10), body.next()).await {
            Ok(Some(Ok(bytes))) => seen.push_str(&String::from_utf8_lossy(&bytes)),
            other => panic!("the stream ended early: {other:?}\n{seen}"),
        }
    }
    let chatkit_thread = seen
        .split("\"thread\":{")
        .nth(1)
        .and_then(|t| t.split("\"id\":\"").nth(1))
        .and_then(|t| t.split('"').next())
        .unwrap_or_default()
        .to_owned();
    drop(body);

    // The LangGraph thread of that ChatKit thread: its run must stop well before its 3 s.
    let lg_thread =
        support::agent::lg_thread_found(&agent, &json!(chatkit_thread)).await["thread_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
    let mut status = String::new();
    for _ in 0..40 {
        let runs: Value = http
            .get(format!("{agent}/threads/{lg_thread}/runs"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .json()
            .await
            .unwrap_or_default();
        status = runs[0]["status"].as_str().unwrap_or_default().to_owned();
        if status == "interrupted" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, "interrupted", "the upstream run was cancelled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_captures_the_fake_replays_are_what_the_agent_streams_now() {
    let Some(agent) = agent() else { return };
    let http = reqwest::Client::new();
    for (name, steps) in support::agent::SCENARIOS {
        let thread = uuid::Uuid::new_v4().to_string();
        let created = http
            .post(format!("{agent}/threads"))
            .json(&json!({"thread_id": thread}))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(created.status().is_success(), "{name}: {created:?}");
        let mut body = String::new();
        for step in steps {
            body = http
                .post(format!("{agent}/threads/{thread}/runs/stream"))
                .json(&support::agent::run_body(step))
                .send()
                .await
                .and_then(|r| r.error_for_status())
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .text()
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let live: Vec<(String, Value)> = support::split_events(&body)
            .iter()
            .map(|e| support::agent::normalized(e))
            .collect();
        let captured: Vec<(String, Value)> = support::agent::events(name)
            .iter()
            .map(|e| support::agent::normalized(e))
            .collect();
        assert!(captured.len() > 2, "{name}: {captured:?}");
        assert_eq!(
            live, captured,
            "{name}: the example agent changed; refresh its captures with scripts/capture-agent.py"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renaming_and_deleting_a_thread_reach_the_langgraph_thread() {
    let Some(agent) = agent() else { return };
    let binary = Binary::start(&agent, &[]);
    let mut browser = Browser::new(&binary);
    let hello = browser.events(&create("hello there")).await;
    let thread = thread_id(&hello);
    let http = reqwest::Client::new();
    let found = support::agent::lg_thread_found(&agent, &thread).await;
    let lg_thread = found["thread_id"].as_str().unwrap_or_default().to_owned();
    let renamed = browser
        .post(&json!({"type": "threads.update", "params": {"thread_id": thread, "title": "Λίστα αγορών"}}))
        .await;
    assert_eq!(renamed.status, 200);
    assert_eq!(
        support::agent::lg_thread_found(&agent, &thread).await["metadata"]["title"],
        "Λίστα αγορών"
    );
    let deleted = browser
        .post(&json!({"type": "threads.delete", "params": {"thread_id": thread}}))
        .await;
    assert_eq!(deleted.status, 200);
    let gone = http
        .get(format!("{agent}/threads/{lg_thread}"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        gone.status().as_u16(),
        404,
        "the conversation is gone from LangGraph too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_while_the_answer_is_still_running_is_refused_clearly() {
    let Some(agent) = agent() else { return };
    let binary = Binary::start(&agent, &[]);
    let mut first = Browser::new(&binary);
    let hello = first.events(&create("hello")).await;
    let thread = thread_id(&hello);
    // The same browser session, a second connection: a slow answer, and a message meanwhile.
    let mut second = first.clone();
    let slow =
        tokio::spawn(async move { first.events(&add(&thread, "a slow answer please")).await });
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let thread = thread_id(&hello);
    let meanwhile = second.events(&add(&thread, "are you there?")).await;
    assert_eq!(
        error(&meanwhile).as_deref(),
        Some(chatkit_server::adapter::BUSY_THREAD)
    );
    let slow = slow.await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        answer(&slow).contains("word10"),
        "the first answer is not disturbed: {}",
        answer(&slow)
    );
}
