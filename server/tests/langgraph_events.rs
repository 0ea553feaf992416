//! Real `langgraph dev` streams (tests/data/langgraph) through the SSE parser and the turn
//! accumulator, fed in 7-byte pieces so multi-byte characters and CRLFs split across reads.

mod support;

use bytes::Bytes;
use chatkit_server::langgraph::{StreamEvent, Turn, TurnUpdate, parse_events};
use futures::StreamExt;
use serde_json::json;

fn body(name: &str) -> Vec<u8> {
    support::capture_body(name).into_bytes()
}

async fn run(name: &str) -> (Vec<StreamEvent>, Vec<TurnUpdate>) {
    let bytes = body(name);
    assert!(!bytes.is_empty(), "{name} has no body");
    let pieces: Vec<Result<Bytes, std::io::Error>> = bytes
        .chunks(7)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    let mut events = Vec::new();
    let mut parsed = parse_events(futures::stream::iter(pieces));
    while let Some(event) = parsed.next().await {
        events.push(event.unwrap_or_else(|e| panic!("{name}: {e}")));
    }
    let mut turn = Turn::new();
    let mut updates: Vec<TurnUpdate> = events.iter().flat_map(|e| turn.push(e)).collect();
    updates.extend(turn.finish());
    assert!(turn.run_id.is_some(), "{name}: no metadata event");
    (events, updates)
}

/// Every streamed message: (deltas joined, final text).
fn texts(updates: &[TurnUpdate]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for update in updates {
        match update {
            TurnUpdate::TextStarted { .. } => current.clear(),
            TurnUpdate::TextDelta { delta, .. } => current.push_str(delta),
            TurnUpdate::TextDone { text, .. } => out.push((current.clone(), text.clone())),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn plain_tokens_add_up_to_the_answer() {
    let (_, updates) = run("12-stream-messages-tuple.txt").await;
    assert_eq!(
        texts(&updates),
        [(
            "You said: hello tuple".to_owned(),
            "You said: hello tuple".to_owned()
        )]
    );
}

#[tokio::test]
async fn greek_survives_split_reads() {
    let (_, updates) = run("19-stream-greek.txt").await;
    let all = texts(&updates);
    assert!(!all.is_empty());
    for (deltas, text) in &all {
        assert_eq!(deltas, text);
    }
    assert!(
        all.iter().any(|(_, t)| t.contains("Γειά σου κόσμε")),
        "{all:?}"
    );
}

#[tokio::test]
async fn tool_calls_assemble_from_fragments() {
    let (_, updates) = run("17-stream-tool-messages-tuple.txt").await;
    let started: Vec<&TurnUpdate> = updates
        .iter()
        .filter(|u| matches!(u, TurnUpdate::ToolCallStarted { .. }))
        .collect();
    assert_eq!(started.len(), 1, "{updates:#?}");
    let TurnUpdate::ToolCallStarted { call_id, name } = started[0] else {
        unreachable!()
    };
    assert_eq!(name, "lookup_loan");
    let reported: Vec<String> = updates
        .iter()
        .filter_map(|u| match u {
            TurnUpdate::ToolCallArguments {
                call_id: id,
                arguments,
            } if id == call_id => Some(arguments.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        reported.len(),
        1,
        "the arguments are reported once, whole: {reported:?}"
    );
    let arguments = reported[0].clone();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&arguments).ok(),
        Some(json!({"loan_id": "L-42"}))
    );
    assert!(updates.iter().any(|u| matches!(u, TurnUpdate::ToolResult { call_id: id, name, .. } if id == call_id && name == "lookup_loan")));
    assert!(!texts(&updates).is_empty(), "the answer after the tool");
}

#[tokio::test]
async fn an_interrupt_is_reported_once() {
    let (_, updates) = run("24-interrupt-stream.txt").await;
    let interrupts: Vec<&TurnUpdate> = updates
        .iter()
        .filter(|u| matches!(u, TurnUpdate::Interrupt { .. }))
        .collect();
    assert_eq!(
        interrupts.len(),
        1,
        "updates and values both carry it: {updates:#?}"
    );
    let TurnUpdate::Interrupt { value, .. } = interrupts[0] else {
        unreachable!()
    };
    assert_eq!(value["question"], "Approve this request?");
    assert_eq!(value["options"], json!(["yes", "no"]));
}

#[tokio::test]
async fn custom_events_pass_through() {
    let (_, updates) = run("15-stream-custom.txt").await;
    let custom: Vec<&serde_json::Value> = updates
        .iter()
        .filter_map(|u| match u {
            TurnUpdate::Custom(v) => Some(v),
            _ => None,
        })
        .collect();
    assert_eq!(
        custom,
        [
            &json!({"node": "guard", "status": "checking", "chars": 12}),
            &json!({"node": "agent", "status": "calling_model"})
        ]
    );
}

#[tokio::test]
async fn a_failure_mid_stream_closes_the_text_then_fails() {
    let (_, updates) = run("25d-failmid-stream.txt").await;
    let n = updates.len();
    assert!(n >= 2);
    assert!(
        matches!(&updates[n - 1], TurnUpdate::Failed { error, message } if error == "RuntimeError" && message.contains("failmid"))
    );
    assert!(
        matches!(&updates[n - 2], TurnUpdate::TextDone { .. }),
        "the partial text is closed first: {updates:#?}"
    );
}

#[tokio::test]
async fn subgraph_events_keep_their_namespace() {
    let (events, _) = run("28b-subgraphs-on.txt").await;
    assert!(events.iter().any(|e| matches!(e, StreamEvent::Message { namespace, .. } if namespace.first().is_some_and(|n| n.starts_with("inner:")))), "{events:#?}");
}
