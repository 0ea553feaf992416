//! ChatKit requests and queries over the events of their answers, for the scenario tests.

use serde_json::{Value, json};

/// `threads.create` with a text message.
pub fn create(text: &str) -> Value {
    json!({"type": "threads.create", "params": {"input": {"content": [{"type": "input_text", "text": text}], "attachments": [], "inference_options": {}}}})
}

/// `threads.add_user_message` with a text message.
pub fn add(thread_id: &Value, text: &str) -> Value {
    json!({"type": "threads.add_user_message", "params": {"thread_id": thread_id, "input": {"content": [{"type": "input_text", "text": text}], "attachments": [], "inference_options": {}}}})
}

/// `threads.custom_action` from a widget item.
pub fn custom_action(thread_id: &Value, item_id: &Value, kind: &Value, payload: &Value) -> Value {
    json!({"type": "threads.custom_action", "params": {"thread_id": thread_id, "item_id": item_id, "action": {"type": kind, "payload": payload}}})
}

/// The id in `thread.created`.
pub fn thread_id(events: &[Value]) -> Value {
    events
        .iter()
        .find(|e| e["type"] == "thread.created")
        .map(|e| e["thread"]["id"].clone())
        .unwrap_or_default()
}

/// The items of `thread.item.done` events of a kind.
pub fn done<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events
        .iter()
        .filter(|e| e["type"] == "thread.item.done" && e["item"]["type"] == kind)
        .map(|e| &e["item"])
        .collect()
}

/// The texts of the finished assistant messages, joined by ` | `.
pub fn answer(events: &[Value]) -> String {
    done(events, "assistant_message")
        .iter()
        .filter_map(|m| m["content"][0]["text"].as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// How many text deltas streamed.
pub fn deltas(events: &[Value]) -> usize {
    events
        .iter()
        .filter(|e| e["update"]["type"] == "assistant_message.content_part.text_delta")
        .count()
}

/// The message of the first `error` event.
pub fn error(events: &[Value]) -> Option<String> {
    events
        .iter()
        .find(|e| e["type"] == "error")
        .and_then(|e| e["message"].as_str())
        .map(str::to_owned)
}

/// The texts of the `progress_update` events.
pub fn progress(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e["type"] == "progress_update")
        .filter_map(|e| e["text"].as_str().map(str::to_owned))
        .collect()
}
