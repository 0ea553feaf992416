//! The reference run's 43 steps (the same sequence as the reference driver), against an app in
//! process. Each step's record is what the transcripts hold.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use base64::Engine as _;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::normalize::Record;

/// One step's name (the transcript file name without the number) and record.
pub type Step = (String, Record);

/// Sends one request; for SSE, stops reading after the first frame containing `abort_on`
/// (then drops the connection, as a client pressing "stop" does).
pub async fn send(
    app: &Router,
    method: &str,
    body: Option<Vec<u8>>,
    abort_on: Option<&str>,
) -> Record {
    send_as(app, "ref", method, body, abort_on).await
}

/// [`send`] as a given user (the `x-user-id` header of the conformance app).
pub async fn send_as(
    app: &Router,
    user: &str,
    method: &str,
    body: Option<Vec<u8>>,
    abort_on: Option<&str>,
) -> Record {
    let mut request = Request::builder()
        .method(method)
        .uri("/chatkit")
        .header(super::app::USER_HEADER, user);
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let request = request
        .body(body.clone().map(Body::from).unwrap_or_else(Body::empty))
        .unwrap_or_else(|e| panic!("request: {e}"));
    let response = app
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|e| match e {});
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut record = Record {
        method: method.to_owned(),
        path: "/chatkit".to_owned(),
        request: body,
        status,
        content_type,
        note: None,
        body: Vec::new(),
    };
    let mut stream = response.into_body();
    let mut events = 0;
    while let Some(frame) = stream.frame().await {
        let Ok(frame) = frame else {
            record.note = Some("stream broken by server (no clean end of body)".to_owned());
            break;
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        record.body.extend_from_slice(&data);
        if let Some(marker) = abort_on {
            let text = String::from_utf8_lossy(&data);
            events += text.matches("data: ").count();
            if text.contains(marker) {
                record.note = Some(format!(
                    "client closed the connection after {events} event(s)"
                ));
                break;
            }
        }
    }
    record
}

/// A `UserMessageInput`.
pub fn user_input(text: &str, attachments: &[&str]) -> Value {
    json!({"content": [{"type": "input_text", "text": text}], "attachments": attachments, "inference_options": {}})
}

/// A request body.
pub fn req(kind: &str, params: Value) -> Option<Vec<u8>> {
    Some(
        json!({"type": kind, "params": params})
            .to_string()
            .into_bytes(),
    )
}

fn done_items(record: &Record, kind: &str) -> Vec<Value> {
    record
        .events()
        .into_iter()
        .filter(|e| e["type"] == "thread.item.done" && e["item"]["type"] == kind)
        .map(|e| e["item"].clone())
        .collect()
}

/// The id of the first `thread.item.done` item of a type.
pub fn first_id(record: &Record, kind: &str) -> String {
    done_items(record, kind)
        .first()
        .and_then(|i| i["id"].as_str())
        .unwrap_or("missing")
        .to_owned()
}

/// Runs the 43 steps against a freshly started app.
pub async fn run(app: &Router) -> Vec<Step> {
    run_as(app, "ref").await
}

/// [`run`] as a given user (so a shared database holds nothing else of theirs).
pub async fn run_as(app: &Router, user: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    macro_rules! step {
        ($name:expr, $body:expr) => {
            step!($name, "POST", $body, None)
        };
        ($name:expr, $method:expr, $body:expr, $abort:expr) => {{
            let record = send_as(app, user, $method, $body, $abort).await;
            steps.push(($name.to_owned(), record.clone()));
            record
        }};
    }

    let r = step!(
        "threads.create-widget",
        req(
            "threads.create",
            json!({"input": user_input("hello widget", &[])})
        )
    );
    let t1 = r
        .events()
        .iter()
        .find(|e| e["type"] == "thread.created")
        .and_then(|e| e["thread"]["id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    let user1 = first_id(&r, "user_message");
    let asst1 = first_id(&r, "assistant_message");
    let widget1 = first_id(&r, "widget");
    let r = step!(
        "threads.create-second",
        req(
            "threads.create",
            json!({"input": user_input("second thread", &[])})
        )
    );
    let t2 = r
        .events()
        .iter()
        .find(|e| e["type"] == "thread.created")
        .and_then(|e| e["thread"]["id"].as_str().map(str::to_owned))
        .unwrap_or_default();

    let r = step!(
        "threads.list-limit1",
        req("threads.list", json!({"limit": 1}))
    );
    let after = r
        .json()
        .and_then(|v| v["after"].as_str().map(str::to_owned));
    step!(
        "threads.list-page2",
        req("threads.list", json!({"limit": 1, "after": after}))
    );
    step!(
        "threads.list-asc",
        req("threads.list", json!({"order": "asc"}))
    );
    step!(
        "threads.get_by_id",
        req("threads.get_by_id", json!({"thread_id": t1}))
    );
    step!("items.list", req("items.list", json!({"thread_id": t1})));
    let r = step!(
        "items.list-asc-limit2",
        req(
            "items.list",
            json!({"thread_id": t1, "order": "asc", "limit": 2})
        )
    );
    let after = r
        .json()
        .and_then(|v| v["after"].as_str().map(str::to_owned));
    step!(
        "items.list-asc-page2",
        req(
            "items.list",
            json!({"thread_id": t1, "order": "asc", "limit": 2, "after": after})
        )
    );

    let r = step!(
        "threads.add_user_message-progress",
        req(
            "threads.add_user_message",
            json!({"thread_id": t1, "input": user_input("second message progress", &[])})
        )
    );
    let user2 = first_id(&r, "user_message");
    let asst2 = first_id(&r, "assistant_message");
    step!(
        "items.feedback",
        req(
            "items.feedback",
            json!({"thread_id": t1, "item_ids": [asst1, asst2], "kind": "positive"})
        )
    );
    step!(
        "threads.retry_after_item",
        req(
            "threads.retry_after_item",
            json!({"thread_id": t1, "item_id": user2})
        )
    );
    step!(
        "items.list-after-retry",
        req("items.list", json!({"thread_id": t1, "order": "asc"}))
    );

    let action = json!({"type": "ref.click", "payload": {"n": 1}});
    step!(
        "threads.custom_action-widget",
        req(
            "threads.custom_action",
            json!({"thread_id": t1, "item_id": widget1, "action": action})
        )
    );
    step!(
        "threads.custom_action-no-sender",
        req(
            "threads.custom_action",
            json!({"thread_id": t1, "action": {"type": "ref.noitem"}})
        )
    );
    step!(
        "threads.custom_action-non-widget-sender",
        req(
            "threads.custom_action",
            json!({"thread_id": t1, "item_id": user1, "action": action})
        )
    );
    step!(
        "threads.sync_custom_action",
        req(
            "threads.sync_custom_action",
            json!({"thread_id": t1, "item_id": widget1, "action": {"type": "ref.sync"}})
        )
    );

    step!(
        "threads.add_user_message-tool",
        req(
            "threads.add_user_message",
            json!({"thread_id": t1, "input": user_input("call the tool", &[])})
        )
    );
    step!(
        "threads.add_client_tool_output",
        req(
            "threads.add_client_tool_output",
            json!({"thread_id": t1, "result": {"ok": true}})
        )
    );
    let r = step!(
        "threads.add_user_message-question",
        req(
            "threads.add_user_message",
            json!({"thread_id": t1, "input": user_input("one question", &[])})
        )
    );
    let si = first_id(&r, "structured_input");
    step!(
        "threads.add_structured_input",
        req(
            "threads.add_structured_input",
            json!({"thread_id": t1, "item_id": si, "input": {"status": "answered", "answers": {"color": {"values": ["blue", "red"]}, "why": {"values": []}}}})
        )
    );

    let r = step!(
        "attachments.create",
        req(
            "attachments.create",
            json!({"name": "notes.txt", "size": 12, "mime_type": "text/plain"})
        )
    );
    let atc = r
        .json()
        .and_then(|v| v["id"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "atc_missing".to_owned());
    step!(
        "threads.add_user_message-attachment",
        req(
            "threads.add_user_message",
            json!({"thread_id": t1, "input": user_input("with attachment", &[&atc])})
        )
    );
    step!(
        "attachments.delete",
        req("attachments.delete", json!({"attachment_id": atc}))
    );
    let audio = base64::engine::general_purpose::STANDARD.encode(b"fake-audio-bytes");
    step!(
        "input.transcribe",
        req(
            "input.transcribe",
            json!({"audio_base64": audio, "mime_type": "audio/webm;codecs=opus"})
        )
    );

    step!(
        "threads.add_user_message-error",
        req(
            "threads.add_user_message",
            json!({"thread_id": t1, "input": user_input("trigger error", &[])})
        )
    );
    step!(
        "threads.add_user_message-slow-cancel",
        "POST",
        req(
            "threads.add_user_message",
            json!({"thread_id": t1, "input": user_input("slow reply", &[])})
        ),
        Some("content_part.text_delta")
    );
    // Let the server run its cancellation handling.
    tokio::time::sleep(Duration::from_millis(300)).await;
    step!(
        "items.list-after-cancel",
        req(
            "items.list",
            json!({"thread_id": t1, "order": "desc", "limit": 3})
        )
    );

    step!(
        "threads.update",
        req(
            "threads.update",
            json!({"thread_id": t1, "title": "Renamed thread"})
        )
    );
    step!(
        "threads.get_by_id-final",
        req("threads.get_by_id", json!({"thread_id": t1}))
    );
    step!(
        "threads.delete",
        req("threads.delete", json!({"thread_id": t2}))
    );
    step!(
        "threads.get_by_id-deleted",
        req("threads.get_by_id", json!({"thread_id": t2}))
    );
    step!("threads.list-final", req("threads.list", json!({})));

    step!(
        "bad-invalid-json",
        Some(br#"{"type": "threads.list", "#.to_vec())
    );
    step!("bad-unknown-type", req("threads.frobnicate", json!({})));
    step!(
        "bad-missing-params",
        Some(
            json!({"type": "threads.get_by_id"})
                .to_string()
                .into_bytes()
        )
    );
    step!(
        "bad-missing-input-fields",
        req(
            "threads.create",
            json!({"input": {"content": [{"type": "input_text", "text": "x"}]}})
        )
    );
    step!("bad-empty-body", Some(Vec::new()));
    step!(
        "bad-missing-thread-get",
        req(
            "threads.get_by_id",
            json!({"thread_id": "thr_doesnotexist"})
        )
    );
    step!(
        "bad-missing-thread-stream",
        req(
            "threads.add_user_message",
            json!({"thread_id": "thr_doesnotexist", "input": user_input("anyone?", &[])})
        )
    );
    step!(
        "bad-missing-thread-items.list",
        req("items.list", json!({"thread_id": "thr_doesnotexist"}))
    );
    step!(
        "bad-retry-non-user-item",
        req(
            "threads.retry_after_item",
            json!({"thread_id": t1, "item_id": asst1})
        )
    );
    step!("bad-get-method", "GET", None, None);
    steps
}
