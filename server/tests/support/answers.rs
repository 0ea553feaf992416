//! Answering questions as a client does: the actions a widget offers, a form submitted with
//! values, a button clicked, and what the thread then holds (`items.list`).

use serde_json::{Value, json};

use super::chatkit::custom_action;

/// `items.list` of a thread, oldest first.
pub fn items_list(thread: &Value) -> Value {
    json!({"type": "items.list", "params": {"thread_id": thread, "limit": 100, "order": "asc"}})
}

/// The items of an `items.list` answer.
pub fn page_items(body: &[u8]) -> Vec<Value> {
    let page: Value = serde_json::from_slice(body).unwrap_or_default();
    page["data"].as_array().cloned().unwrap_or_default()
}

/// Every action a widget offers: (type, payload).
pub fn actions(widget: &Value) -> Vec<(Value, Value)> {
    let mut out = Vec::new();
    fn walk(value: &Value, out: &mut Vec<(Value, Value)>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    if key == "onClickAction" || key == "onSubmitAction" {
                        out.push((v["type"].clone(), v["payload"].clone()));
                    }
                    walk(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(widget, &mut out);
    out
}

/// The `custom_action` a client sends when the user submits the widget's form with `values`.
pub fn submit(thread: &Value, item: &Value, values: Value) -> Value {
    let (kind, mut payload) = actions(&item["widget"])
        .into_iter()
        .find(|(kind, _)| kind == "review_decisions" || kind == "answer_form")
        .unwrap_or_else(|| panic!("no form in {item}"));
    for (k, v) in values.as_object().into_iter().flatten() {
        payload[k] = v.clone();
    }
    custom_action(thread, &item["id"], &kind, &payload)
}

/// The `custom_action` of the widget's button labelled `label`.
pub fn click(thread: &Value, item: &Value, label: &str) -> Value {
    let mut found = None;
    fn walk<'a>(value: &'a Value, label: &str, found: &mut Option<&'a Value>) {
        match value {
            Value::Object(map) => {
                if map.get("label").and_then(Value::as_str) == Some(label)
                    && map.contains_key("onClickAction")
                {
                    *found = map.get("onClickAction");
                }
                map.values().for_each(|v| walk(v, label, found));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, label, found)),
            _ => {}
        }
    }
    walk(&item["widget"], label, &mut found);
    let action = found.unwrap_or_else(|| panic!("no button {label} in {item}"));
    custom_action(thread, &item["id"], &action["type"], &action["payload"])
}

pub fn replaced(events: &[Value]) -> Vec<&Value> {
    events
        .iter()
        .filter(|e| e["type"] == "thread.item.replaced")
        .map(|e| &e["item"])
        .collect()
}

/// Every task of every stored workflow: (title, status).
pub fn stored_tasks(items: &[Value]) -> Vec<(String, String)> {
    items
        .iter()
        .filter(|i| i["type"] == "workflow")
        .flat_map(|i| {
            i["workflow"]["tasks"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|t| {
            (
                t["title"].as_str().unwrap_or_default().to_owned(),
                t["status_indicator"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}
