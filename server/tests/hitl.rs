//! Human-in-the-loop through the adapter, against replays of the real `langgraph dev` running
//! graphs written the way the LangGraph/LangChain docs write them (`server/agent/hitl`,
//! captured by `scripts/capture-hitl.py`): each convention's question, the answer's resume
//! value (the replay refuses any other), the stored items after it, and reviewed snapshots of
//! the SSE. Forged, replayed and foreign answers resume nothing.

mod support;

use chatkit_server::adapter::ANSWER_FIRST;
use chatkit_tests::conformance::normalize::{Normalizer, Record};
use serde_json::{Value, json};
use support::answers::{actions, click, items_list, page_items, replaced, stored_tasks, submit};
use support::chatkit::{add, answer, create, custom_action, done, error, thread_id};
use support::engine::{Engine, engine, post_as};
use support::replay::{self, Replay};

async fn post(server: &Engine, body: Value) -> Record {
    post_as(server, "alice", body).await
}

fn snapshot(name: &str, records: &[Record]) {
    let mut normalizer = Normalizer::new();
    records.iter().for_each(|r| normalizer.collect_record(r));
    let text: Vec<String> = records.iter().map(|r| normalizer.render(r)).collect();
    insta::assert_snapshot!(name, text.join("\n"));
}

/// The thread's stored items (`items.list`).
async fn items(server: &Engine, thread: &Value) -> Vec<Value> {
    page_items(&post(server, items_list(thread)).await.body)
}

/// The captured resume value of step `n`.
fn captured_resume(scenario: &str, n: usize) -> Value {
    replay::request(scenario, n)["command"]["resume"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn middleware_two_calls_approve_one_reject_the_other_with_a_message() {
    let replay = Replay::start("hitl-approve-reject").await;
    let server = engine(&replay.url);
    let asked = post(&server, create("email Ana and delete the draft")).await;
    let events = asked.events();
    let thread = thread_id(&events);
    let question = done(&events, "widget")[0].clone();
    let card = question["widget"].to_string();
    for shown in [
        "send_email",
        "delete_file",
        "ana@example.com",
        "drafts/lunch.txt",
        "Lunch on Friday",
    ] {
        assert!(card.contains(shown), "the question shows {shown}: {card}");
    }
    assert!(
        card.contains("\"name\":\"arg_0_subject\""),
        "send_email can be edited"
    );
    assert!(
        !card.contains("arg_1_path"),
        "delete_file cannot: its config allows approve and reject"
    );
    assert_eq!(
        stored_tasks(&items(&server, &thread).await),
        [
            ("send_email".to_owned(), "loading".to_owned()),
            ("delete_file".to_owned(), "loading".to_owned())
        ]
    );

    let decided = post(
        &server,
        submit(&thread, &question, json!({"decision_0": "approve", "decision_1": "reject", "message_1": "Keep the draft."})),
    )
    .await;
    let events = decided.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replay.runs()[1]["command"]["resume"],
        captured_resume("hitl-approve-reject", 2)
    );
    let answered = replaced(&events)[0]["widget"].to_string();
    assert!(
        answered.contains("Approved send_email")
            && answered.contains("Rejected delete_file: Keep the draft."),
        "{answered}"
    );
    let stored = items(&server, &thread).await;
    let tasks = stored_tasks(&stored);
    assert_eq!(
        tasks.len(),
        2,
        "the interrupted turn's tasks, finished in place: {tasks:?}"
    );
    assert_eq!(tasks[0], ("send_email".to_owned(), "complete".to_owned()));
    assert_eq!(
        tasks[1],
        ("delete_file rejected".to_owned(), "complete".to_owned())
    );
    assert!(
        !answer(&events).is_empty(),
        "the agent answers after the decisions"
    );
    snapshot("middleware_approve_reject", &[asked, decided]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn middleware_edit_sends_the_edited_arguments() {
    let replay = Replay::start("hitl-edit").await;
    let server = engine(&replay.url);
    let asked = post(&server, create("email Ana")).await;
    let events = asked.events();
    let thread = thread_id(&events);
    let question = done(&events, "widget")[0].clone();
    let decided = post(
        &server,
        submit(
            &thread,
            &question,
            json!({"decision_0": "edit", "arg_0_subject": "Lunch on Saturday"}),
        ),
    )
    .await;
    let events = decided.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replay.runs()[1]["command"]["resume"],
        captured_resume("hitl-edit", 2)
    );
    assert!(
        answer(&events).contains("Lunch on Saturday"),
        "{}",
        answer(&events)
    );
    assert_eq!(
        stored_tasks(&items(&server, &thread).await),
        [("send_email".to_owned(), "complete".to_owned())]
    );
    snapshot("middleware_edit", &[asked, decided]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn middleware_reject_from_the_form() {
    let replay = Replay::start("hitl-reject").await;
    let server = engine(&replay.url);
    let events = post(&server, create("email Ana")).await.events();
    let thread = thread_id(&events);
    let question = done(&events, "widget")[0].clone();
    let events = post(
        &server,
        submit(
            &thread,
            &question,
            json!({"decision_0": "reject", "message_0": "Not now, I will write it myself."}),
        ),
    )
    .await
    .events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replay.runs()[1]["command"]["resume"],
        captured_resume("hitl-reject", 2)
    );
    assert_eq!(
        stored_tasks(&items(&server, &thread).await),
        [("send_email rejected".to_owned(), "complete".to_owned())]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_while_an_ask_user_call_waits_is_its_response() {
    let replay = Replay::start("hitl-respond").await;
    let server = engine(&replay.url);
    let asked = post(&server, create("book a meeting with Ana")).await;
    let events = asked.events();
    let thread = thread_id(&events);
    assert_eq!(done(&events, "widget").len(), 1);
    let replied = post(&server, add(&thread, "Tuesday works for me.")).await;
    let events = replied.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replay.runs()[1]["command"]["resume"],
        captured_resume("hitl-respond", 2)
    );
    let answered = replaced(&events)[0]["widget"].to_string();
    assert!(
        answered.contains("Replied to ask_user: Tuesday works for me."),
        "{answered}"
    );
    assert!(
        answer(&events).contains("Tuesday works for me."),
        "{}",
        answer(&events)
    );
    snapshot("middleware_respond_by_message", &[asked, replied]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_convention_accepts_ignores_edits_and_responds() {
    let cases = [
        ("inbox-accept", json!({"decision_0": "accept"})),
        ("inbox-ignore", json!({"decision_0": "ignore"})),
        (
            "inbox-edit",
            json!({"decision_0": "edit", "arg_0_hotel_name": "The Standard"}),
        ),
        (
            "inbox-response",
            json!({"decision_0": "response", "message_0": "Not this one: find a hotel near the park."}),
        ),
    ];
    for (scenario, values) in cases {
        let replay = Replay::start(scenario).await;
        let server = engine(&replay.url);
        let asked = post(&server, create("book a hotel")).await;
        let events = asked.events();
        let thread = thread_id(&events);
        let question = done(&events, "widget")[0].clone();
        assert!(question["widget"].to_string().contains("McKittrick Hotel"));
        let decided = post(&server, submit(&thread, &question, values)).await;
        let events = decided.events();
        assert_eq!(error(&events), None, "{scenario}: {events:?}");
        assert_eq!(
            replay.runs()[1]["command"]["resume"],
            captured_resume(scenario, 2),
            "{scenario}"
        );
        assert!(!answer(&events).is_empty(), "{scenario}");
        if scenario == "inbox-accept" || scenario == "inbox-ignore" {
            snapshot(&scenario.replace('-', "_"), &[asked, decided]);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn if_interrupt_answered_no_takes_the_reject_branch() {
    for (scenario, button, reply) in [
        ("approval-no", "No", "Rejected: the email was not sent."),
        ("approval-yes", "Yes", "Approved: the email was sent."),
    ] {
        let replay = Replay::start(scenario).await;
        let server = engine(&replay.url);
        let asked = post(&server, create("write the report email")).await;
        let events = asked.events();
        let thread = thread_id(&events);
        let question = done(&events, "widget")[0].clone();
        let card = question["widget"].to_string();
        assert!(
            card.contains("llm_output") && card.contains("Dear Ana, the report is ready"),
            "{card}"
        );
        let decided = post(&server, click(&thread, &question, button)).await;
        let events = decided.events();
        assert_eq!(
            replay.runs()[1]["command"]["resume"],
            captured_resume(scenario, 2)
        );
        assert_eq!(answer(&events), reply);
        if scenario == "approval-no" {
            snapshot("approval_no", &[asked, decided]);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupt_inside_a_tool_completes_its_task_after_the_resume() {
    let replay = Replay::start("tool-interrupt").await;
    let server = engine(&replay.url);
    let asked = post(&server, create("transfer 50 euros to Ana")).await;
    let events = asked.events();
    let thread = thread_id(&events);
    assert_eq!(
        stored_tasks(&items(&server, &thread).await),
        [("transfer_money".to_owned(), "loading".to_owned())]
    );
    let question = done(&events, "widget")[0].clone();
    let decided = post(&server, click(&thread, &question, "Yes")).await;
    let events = decided.events();
    assert_eq!(
        replay.runs()[1]["command"]["resume"],
        json!({replay_id(&replay, 1): true})
    );
    let workflow = replaced(&events)
        .into_iter()
        .find(|i| i["type"] == "workflow")
        .cloned()
        .unwrap_or_else(|| panic!("the workflow is finished in place: {events:?}"));
    assert_eq!(
        workflow["workflow"]["tasks"][0]["status_indicator"],
        "complete"
    );
    assert_eq!(
        stored_tasks(&items(&server, &thread).await),
        [("transfer_money".to_owned(), "complete".to_owned())]
    );
    assert!(answer(&events).contains("Transferred 50.00 EUR to Ana"));
    snapshot("tool_interrupt", &[asked, decided]);
}

/// The id of the first interrupt pending after step `n`.
fn replay_id(replay: &Replay, n: usize) -> String {
    replay::state(&replay.scenario, n)["interrupts"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_parallel_interrupts_are_asked_and_answered_one_by_one() {
    let replay = Replay::start("parallel").await;
    let server = engine(&replay.url);
    let asked = post(&server, create("buy 3 laptops")).await;
    let events = asked.events();
    let thread = thread_id(&events);
    let questions = done(&events, "widget");
    assert_eq!(questions.len(), 2, "each pending interrupt is asked");
    // A message cannot tell which question it answers.
    let message = post(&server, add(&thread, "yes")).await.events();
    assert_eq!(error(&message).as_deref(), Some(ANSWER_FIRST));
    assert_eq!(replay.runs().len(), 1, "nothing was sent to the agent");

    let (first, second) = order_by_resume(&questions, &captured_resume("parallel", 2));
    let one = post(
        &server,
        submit(&thread, first, json!({"answer": "Approved for Q3."})),
    )
    .await;
    let events = one.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        done(&events, "widget").len(),
        0,
        "the other question is still open, not asked again"
    );
    let two = post(
        &server,
        submit(&thread, second, json!({"answer": "Budget is fine."})),
    )
    .await;
    let events = two.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replay.runs()[2]["command"]["resume"],
        captured_resume("parallel", 3)
    );
    assert!(
        answer(&events).contains("Both answered"),
        "{}",
        answer(&events)
    );
    snapshot("parallel", &[asked, one, two]);
}

/// The two questions, the one the capture answers first first.
fn order_by_resume<'a>(questions: &[&'a Value], resume: &Value) -> (&'a Value, &'a Value) {
    let first_id = resume
        .as_object()
        .and_then(|m| m.keys().next())
        .cloned()
        .unwrap_or_default();
    if questions[0]["widget"].to_string().contains(&first_id) {
        (questions[0], questions[1])
    } else {
        (questions[1], questions[0])
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_replayed_and_foreign_answers_resume_nothing() {
    let replay = Replay::start("hitl-approve-reject").await;
    let server = engine(&replay.url);
    let events = post(&server, create("email Ana and delete the draft"))
        .await
        .events();
    let thread = thread_id(&events);
    let question = done(&events, "widget")[0].clone();
    let refused =
        |events: Vec<Value>| error(&events).unwrap_or_else(|| panic!("not refused: {events:?}"));

    // A decision the widget did not offer (delete_file allows approve and reject only).
    let forged = post(
        &server,
        submit(
            &thread,
            &question,
            json!({"decision_0": "approve", "decision_1": "edit", "arg_1_path": "/etc/passwd"}),
        ),
    )
    .await;
    assert_eq!(
        refused(forged.events()),
        "`edit` is not a decision offered for `delete_file`."
    );
    // A forged action type, and a form answer naming another interrupt.
    let (_, payload) = actions(&question["widget"]).remove(0);
    let other_type = custom_action(
        &thread,
        &question["id"],
        &json!("user_decision"),
        &json!({"choice": "yes", "context": payload["context"]}),
    );
    assert_eq!(
        refused(post(&server, other_type).await.events()),
        "This answer is not one the question offers."
    );
    let other_context = custom_action(
        &thread,
        &question["id"],
        &json!("review_decisions"),
        &json!({"context": {"interrupt_id": "0123456789abcdef0123456789abcdef"}, "decision_0": "approve", "decision_1": "approve"}),
    );
    assert_eq!(
        refused(post(&server, other_context).await.events()),
        "This answer is not one the question offers."
    );
    // Another user, and the same user from another thread.
    let answer_it = submit(
        &thread,
        &question,
        json!({"decision_0": "approve", "decision_1": "approve"}),
    );
    let foreign = post_as(&server, "mallory", answer_it.clone()).await;
    assert!(
        String::from_utf8_lossy(&foreign.body).contains("NotFound"),
        "{}",
        String::from_utf8_lossy(&foreign.body)
    );
    let elsewhere = thread_id(
        &post(&server, create("email Ana and delete the draft"))
            .await
            .events(),
    );
    let mut moved = answer_it.clone();
    moved["params"]["thread_id"] = elsewhere;
    let moved = post(&server, moved).await;
    assert!(
        String::from_utf8_lossy(&moved.body).contains("NotFound { what: \"item\""),
        "the widget is not an item of that thread: {}",
        String::from_utf8_lossy(&moved.body)
    );
    assert_eq!(
        replay
            .runs()
            .iter()
            .filter(|r| r.get("command").is_some())
            .count(),
        0,
        "nothing resumed"
    );

    // A resume the agent refuses leaves the question open: it is shown again as it was.
    let refused_resume = post(&server, answer_it).await.events();
    assert!(refused(refused_resume.clone()).starts_with("The agent refused the request (400)"));
    let reopened = replaced(&refused_resume);
    assert_eq!(
        reopened.last().map(|i| &i["widget"]),
        Some(&question["widget"]),
        "the question is open again"
    );

    // The genuine answer resumes once; the same answer again is refused.
    let genuine = submit(
        &thread,
        &question,
        json!({"decision_0": "approve", "decision_1": "reject", "message_1": "Keep the draft."}),
    );
    let events = post(&server, genuine.clone()).await.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        refused(post(&server, genuine).await.events()),
        "This question was already answered."
    );
    assert_eq!(
        replay
            .runs()
            .iter()
            .filter(|r| r.get("command").is_some())
            .count(),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_call_reviews_are_two_questions_each_resumed_by_its_id() {
    let replay = Replay::start("per-call").await;
    let server = engine(&replay.url);
    let asked = post(&server, create("email Ana and delete the draft")).await;
    let events = asked.events();
    let thread = thread_id(&events);
    let questions = done(&events, "widget");
    assert_eq!(questions.len(), 2, "one question per tool call");
    let by_title = |title: &str| {
        questions
            .iter()
            .find(|q| q["copy_text"] == title)
            .map(|q| (*q).clone())
            .unwrap_or_else(|| panic!("no question {title}: {questions:?}"))
    };
    let (email, delete) = (
        by_title("Review send_email"),
        by_title("Review delete_file"),
    );
    let offered = delete["widget"].to_string();
    assert!(
        offered.contains("\"value\":\"reject\"") && !offered.contains("\"value\":\"edit\""),
        "delete_file offers what its response schema allows: {offered}"
    );

    let one = post(
        &server,
        submit(&thread, &email, json!({"decision_0": "approve"})),
    )
    .await;
    let events = one.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replay.runs()[1]["command"]["resume"],
        captured_resume("per-call", 2)
    );
    assert_eq!(
        done(&events, "widget").len(),
        0,
        "delete_file's question stays open, not asked again"
    );
    assert_eq!(
        stored_tasks(&items(&server, &thread).await),
        [
            ("send_email".to_owned(), "complete".to_owned()),
            ("delete_file".to_owned(), "loading".to_owned())
        ]
    );

    let two = post(
        &server,
        submit(
            &thread,
            &delete,
            json!({"decision_0": "reject", "message_0": "Keep the draft."}),
        ),
    )
    .await;
    let events = two.events();
    assert_eq!(error(&events), None, "{events:?}");
    assert_eq!(
        replay.runs()[2]["command"]["resume"],
        captured_resume("per-call", 3)
    );
    assert_eq!(
        stored_tasks(&items(&server, &thread).await),
        [
            ("send_email".to_owned(), "complete".to_owned()),
            ("delete_file rejected".to_owned(), "complete".to_owned())
        ]
    );
    assert!(
        answer(&events).contains("Skipped delete_file."),
        "{}",
        answer(&events)
    );
    snapshot("per_call", &[asked, one, two]);
}
