//! End to end, human in the loop: the `chatkit-server` binary in front of the real
//! `langgraph dev` running graphs written the way the LangGraph and LangChain docs write them
//! (`server/agent/hitl`: `create_agent` + `HumanInTheLoopMiddleware`, the prebuilt
//! `HumanInterrupt` convention, `if interrupt(...)`, an `interrupt()` inside a tool, two
//! parallel branches). Each test checks the SSE, the stored items (`items.list`) and the
//! LangGraph thread's state after each decision. Needs the agent like `e2e.rs`
//! (`scripts/test.sh` starts it); skips or fails as `chatkit_tests::skip` says.

mod support;

use serde_json::{Value, json};
use support::answers::{click, items_list, page_items, replaced, stored_tasks, submit};
use support::binary::{Binary, Browser};
use support::chatkit::{add, answer, create, done, error, thread_id};

fn agent() -> Option<String> {
    chatkit_tests::skip::agent("e2e (the binary in front of the docs-style HITL graphs)")
}

/// The binary in front of one graph of the agent server, and a browser on it.
fn serve(agent: &str, graph: &str) -> (Binary, Browser) {
    let binary = Binary::start(agent, &[("LANGGRAPH_ASSISTANT_ID", graph)]);
    let browser = Browser::new(&binary);
    (binary, browser)
}

/// The LangGraph state of a ChatKit thread.
async fn lg_state(agent: &str, thread: &Value) -> Value {
    support::agent::lg_thread(agent, thread).await.1
}

fn pending(state: &Value) -> usize {
    state["interrupts"].as_array().map_or(0, Vec::len)
}

/// The tool messages of the state: (tool call id, status, content).
fn tool_messages(state: &Value) -> Vec<(String, String, String)> {
    state["values"]["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["type"] == "tool")
        .map(|m| {
            (
                m["tool_call_id"].as_str().unwrap_or_default().to_owned(),
                m["status"].as_str().unwrap_or_default().to_owned(),
                m["content"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

async fn stored(browser: &mut Browser, thread: &Value) -> Vec<(String, String)> {
    stored_tasks(&page_items(&browser.post(&items_list(thread)).await.body))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn middleware_approve_one_call_and_reject_the_other_with_a_message() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "hitl_agent");
    let asked = browser
        .events(&create("email Ana and delete the draft"))
        .await;
    let thread = thread_id(&asked);
    let state = lg_state(&agent, &thread).await;
    assert_eq!(pending(&state), 1, "one interrupt for both calls: {state}");
    assert_eq!(
        state["interrupts"][0]["value"]["action_requests"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let question = done(&asked, "widget")[0].clone();
    let decided = browser
        .events(&submit(&thread, &question, json!({"decision_0": "approve", "decision_1": "reject", "message_1": "Keep the draft."})))
        .await;
    assert_eq!(error(&decided), None, "{decided:?}");
    assert_eq!(
        answer(&decided),
        "Skipped delete_file. Email sent to ana@example.com with the subject 'Lunch on Friday'."
    );
    let state = lg_state(&agent, &thread).await;
    assert_eq!(pending(&state), 0);
    let tools = tool_messages(&state);
    assert!(
        tools.contains(&(
            "call_delete".into(),
            "error".into(),
            "User rejected the tool call for `delete_file` with reason: Keep the draft.".into()
        )),
        "{tools:?}"
    );
    assert!(
        tools
            .iter()
            .any(|(id, status, _)| id == "call_email" && status == "success"),
        "{tools:?}"
    );
    assert_eq!(
        stored(&mut browser, &thread).await,
        [
            ("send_email".to_owned(), "complete".to_owned()),
            ("delete_file rejected".to_owned(), "complete".to_owned())
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn middleware_edit_and_respond() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "hitl_agent");
    let asked = browser.events(&create("email Ana")).await;
    let thread = thread_id(&asked);
    let question = done(&asked, "widget")[0].clone();
    let edited = browser
        .events(&submit(
            &thread,
            &question,
            json!({"decision_0": "edit", "arg_0_subject": "Lunch on Saturday"}),
        ))
        .await;
    assert_eq!(
        answer(&edited),
        "Email sent to ana@example.com with the subject 'Lunch on Saturday'."
    );
    let state = lg_state(&agent, &thread).await;
    assert_eq!(
        state["values"]["hitl_edited_tool_calls"]["call_email"]["args"]["subject"],
        "Lunch on Saturday",
        "{state}"
    );
    assert_eq!(
        stored(&mut browser, &thread).await,
        [("send_email".to_owned(), "complete".to_owned())]
    );

    // The ask-user tool takes a reply: the next chat message is it.
    let asked = browser
        .events(&add(&thread, "book a meeting with Ana"))
        .await;
    assert_eq!(done(&asked, "widget").len(), 1);
    assert_eq!(pending(&lg_state(&agent, &thread).await), 1);
    let replied = browser.events(&add(&thread, "Tuesday works for me.")).await;
    assert_eq!(error(&replied), None, "{replied:?}");
    assert_eq!(answer(&replied), "Noted your answer: Tuesday works for me.");
    let state = lg_state(&agent, &thread).await;
    assert_eq!(pending(&state), 0);
    assert!(tool_messages(&state).contains(&(
        "call_ask".into(),
        "success".into(),
        "Tuesday works for me.".into()
    )));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_convention_accepts_and_ignores() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "inbox_agent");
    for (decision, reply) in [
        (
            "accept",
            "The booking tool answered: Successfully booked a stay at McKittrick Hotel.",
        ),
        (
            "ignore",
            "The booking tool answered: The user skipped book_hotel; it did not run.",
        ),
    ] {
        let asked = browser.events(&create("book a hotel")).await;
        let thread = thread_id(&asked);
        let question = done(&asked, "widget")[0].clone();
        let decided = browser
            .events(&submit(&thread, &question, json!({"decision_0": decision})))
            .await;
        assert_eq!(error(&decided), None, "{decision}: {decided:?}");
        assert_eq!(answer(&decided), reply);
        assert_eq!(pending(&lg_state(&agent, &thread).await), 0);
        assert_eq!(
            stored(&mut browser, &thread).await,
            [("book_hotel".to_owned(), "complete".to_owned())]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn if_interrupt_answered_no_takes_the_reject_branch() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "approval_graph");
    let asked = browser.events(&create("write the report email")).await;
    let thread = thread_id(&asked);
    let question = done(&asked, "widget")[0].clone();
    let decided = browser.events(&click(&thread, &question, "No")).await;
    assert_eq!(answer(&decided), "Rejected: the email was not sent.");
    assert_eq!(pending(&lg_state(&agent, &thread).await), 0);
    // Typed in the chat, "no" is a no too.
    let asked = browser
        .events(&add(&thread, "write the report email"))
        .await;
    assert_eq!(done(&asked, "widget").len(), 1);
    let typed = browser.events(&add(&thread, "No.")).await;
    assert_eq!(answer(&typed), "Rejected: the email was not sent.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupt_inside_a_tool_completes_its_task() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "tool_interrupt_agent");
    let asked = browser.events(&create("transfer 50 euros to Ana")).await;
    let thread = thread_id(&asked);
    assert_eq!(
        stored(&mut browser, &thread).await,
        [("transfer_money".to_owned(), "loading".to_owned())]
    );
    let question = done(&asked, "widget")[0].clone();
    let decided = browser.events(&click(&thread, &question, "Yes")).await;
    assert_eq!(answer(&decided), "Done. Transferred 50.00 EUR to Ana.");
    assert!(replaced(&decided).iter().any(|i| i["type"] == "workflow"));
    assert_eq!(
        stored(&mut browser, &thread).await,
        [("transfer_money".to_owned(), "complete".to_owned())]
    );
    let state = lg_state(&agent, &thread).await;
    assert_eq!(pending(&state), 0);
    assert!(
        tool_messages(&state)
            .iter()
            .any(|(id, _, content)| id == "call_transfer" && content.contains("Transferred"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_parallel_branches_each_interrupting() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "parallel_graph");
    let asked = browser.events(&create("buy 3 laptops")).await;
    let thread = thread_id(&asked);
    let questions = done(&asked, "widget");
    assert_eq!(questions.len(), 2);
    assert_eq!(pending(&lg_state(&agent, &thread).await), 2);
    let first = browser
        .events(&submit(
            &thread,
            questions[0],
            json!({"answer": "Go ahead."}),
        ))
        .await;
    assert_eq!(error(&first), None, "{first:?}");
    assert_eq!(
        done(&first, "widget").len(),
        0,
        "the other question is not asked again"
    );
    assert_eq!(
        pending(&lg_state(&agent, &thread).await),
        1,
        "the other one still waits"
    );
    let second = browser
        .events(&submit(
            &thread,
            questions[1],
            json!({"answer": "Go ahead."}),
        ))
        .await;
    assert_eq!(error(&second), None, "{second:?}");
    assert!(
        answer(&second).contains("Both answered."),
        "{}",
        answer(&second)
    );
    assert_eq!(pending(&lg_state(&agent, &thread).await), 0);
    // Answering the first again resumes nothing.
    let again = browser
        .events(&submit(&thread, questions[0], json!({"answer": "Again"})))
        .await;
    assert_eq!(
        error(&again).as_deref(),
        Some("This question was already answered.")
    );
}

/// The live id of the pending interrupt that asks what `captured_id` asked in the capture.
fn live_id(captured_state: &Value, live_state: &Value, captured_id: &str) -> String {
    let asked = captured_state["interrupts"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["id"] == captured_id)
        .map(|i| i["value"].clone())
        .unwrap_or_else(|| panic!("{captured_id} is not pending in the capture"));
    live_state["interrupts"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["value"] == asked)
        .and_then(|i| i["id"].as_str())
        .unwrap_or_else(|| panic!("nothing pending asks {asked}: {live_state}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hitl_captures_the_replay_serves_are_what_the_graphs_stream_now() {
    let Some(agent) = agent() else { return };
    // A resume is keyed by the live id of the interrupt that asks what the captured one asked.
    let prepare = |scenario: &str, step: usize, body: &mut Value, live_state: &Value| {
        if let Some(resume) = body["command"]["resume"].as_object().cloned() {
            let captured_state = support::replay::state(scenario, step - 1);
            let keyed: serde_json::Map<String, Value> = resume
                .into_iter()
                .map(|(id, value)| (live_id(&captured_state, live_state, &id), value))
                .collect();
            body["command"]["resume"] = Value::Object(keyed);
        }
        true
    };
    let rerun = support::drift::Rerun {
        folder: "hitl",
        script: "scripts/capture-hitl.py",
        unordered: true,
        prepare: &prepare,
    };
    support::drift::check(&agent, rerun).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_call_reviews_are_answered_one_by_one() {
    let Some(agent) = agent() else { return };
    let (_binary, mut browser) = serve(&agent, "hitl_per_call_agent");
    let asked = browser
        .events(&create("email Ana and delete the draft"))
        .await;
    let thread = thread_id(&asked);
    assert_eq!(pending(&lg_state(&agent, &thread).await), 2);
    let questions = done(&asked, "widget");
    assert_eq!(questions.len(), 2);
    let email = questions
        .iter()
        .find(|q| q["copy_text"] == "Review send_email")
        .map(|q| (*q).clone())
        .unwrap_or_default();
    let delete = questions
        .iter()
        .find(|q| q["copy_text"] == "Review delete_file")
        .map(|q| (*q).clone())
        .unwrap_or_default();
    let one = browser
        .events(&submit(&thread, &email, json!({"decision_0": "approve"})))
        .await;
    assert_eq!(error(&one), None, "{one:?}");
    assert_eq!(pending(&lg_state(&agent, &thread).await), 1);
    // A decision delete_file's schema does not allow is refused before anything is sent.
    let forged = browser
        .events(&submit(
            &thread,
            &delete,
            json!({"decision_0": "edit", "arg_0_path": "/etc/passwd"}),
        ))
        .await;
    assert_eq!(
        error(&forged).as_deref(),
        Some("`edit` is not a decision offered for `delete_file`.")
    );
    assert_eq!(pending(&lg_state(&agent, &thread).await), 1);
    let two = browser
        .events(&submit(
            &thread,
            &delete,
            json!({"decision_0": "reject", "message_0": "Keep the draft."}),
        ))
        .await;
    assert_eq!(error(&two), None, "{two:?}");
    assert_eq!(
        answer(&two),
        "Email sent to ana@example.com with the subject 'Lunch on Friday'. Skipped delete_file."
    );
    let state = lg_state(&agent, &thread).await;
    assert_eq!(pending(&state), 0);
    assert!(tool_messages(&state).contains(&(
        "call_delete".into(),
        "error".into(),
        "User rejected the tool call for `delete_file` with reason: Keep the draft.".into()
    )));
    assert_eq!(
        stored(&mut browser, &thread).await,
        [
            ("send_email".to_owned(), "complete".to_owned()),
            ("delete_file rejected".to_owned(), "complete".to_owned())
        ]
    );
}
