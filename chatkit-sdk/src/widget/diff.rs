//! Streaming a widget: `diff_widget` (what changed between two states of a tree) and
//! `stream_widget` (a sequence of states → `added`, `updated`…, `done`), as the reference does.

use serde_json::Value;

use super::WidgetRoot;
use crate::event::{ThreadItemUpdate, ThreadStreamEvent};
use crate::item::{ItemKind, ThreadItem, WidgetItem};
use crate::timestamp::Timestamp;

/// Two widget states that cannot follow each other.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DiffError(String);

/// The updates that turn `before` into `after`: text appended to `Text`/`Markdown` nodes with
/// an `id` as `widget.streaming_text.value_delta`, or — when anything else changed (a type, id,
/// key, list length, any other prop, including `streaming`) — one `widget.root.updated`.
///
/// ```
/// use chatkit_sdk::widget::{diff_widget, Card, Text};
/// use chatkit_sdk::ThreadItemUpdate;
///
/// let before = Card::new().child(Text::new("Hel").id("t").streaming(true));
/// let after = Card::new().child(Text::new("Hello").id("t").streaming(true));
/// let updates = diff_widget(&before.into(), &after.into())?;
/// assert!(matches!(&updates[..], [ThreadItemUpdate::WidgetStreamingTextValueDelta { delta, done: false, .. }] if delta == "lo"));
/// # Ok::<(), chatkit_sdk::widget::DiffError>(())
/// ```
pub fn diff_widget(
    before: &WidgetRoot,
    after: &WidgetRoot,
) -> Result<Vec<ThreadItemUpdate>, DiffError> {
    let to_value =
        |root: &WidgetRoot| serde_json::to_value(root).map_err(|e| DiffError(e.to_string()));
    let (old, new) = (to_value(before)?, to_value(after)?);
    let mut deltas = Vec::new();
    if needs_replace(&old, &new, &mut deltas) {
        return Ok(vec![ThreadItemUpdate::WidgetRootUpdated {
            widget: after.clone(),
        }]);
    }
    let mut seen = Vec::new();
    collect_ids(&old, &mut seen);
    let mut now = Vec::new();
    collect_ids(&new, &mut now);
    if let Some(id) = now.iter().find(|id| !seen.contains(id)) {
        return Err(DiffError(format!(
            "component `{id}` appeared without a root update"
        )));
    }
    Ok(deltas)
}

fn collect_ids(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("id") {
                out.push(id.clone());
            }
            map.values().for_each(|v| collect_ids(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, out)),
        _ => {}
    }
}

fn is_text_node(node: &serde_json::Map<String, Value>) -> bool {
    matches!(
        node.get("type").and_then(Value::as_str),
        Some("Text" | "Markdown")
    )
}

/// Whether the change needs a full replace; collects value deltas otherwise.
fn needs_replace(old: &Value, new: &Value, deltas: &mut Vec<ThreadItemUpdate>) -> bool {
    match (old, new) {
        (Value::Object(a), Value::Object(b))
            if a.contains_key("type") || b.contains_key("type") =>
        {
            for key in ["type", "id", "key"] {
                if a.get(key) != b.get(key) {
                    return true;
                }
            }
            let keys: Vec<&String> = a
                .keys()
                .chain(b.keys().filter(|k| !a.contains_key(*k)))
                .collect();
            for key in keys {
                let (x, y) = (a.get(key), b.get(key));
                if key == "value" && is_text_node(b) {
                    let (Some(Value::String(x)), Some(Value::String(y))) = (x, y) else {
                        return x != y;
                    };
                    if x == y {
                        continue;
                    }
                    let Some(delta) = y.strip_prefix(x.as_str()) else {
                        return true;
                    };
                    if let Some(Value::String(id)) = b.get("id") {
                        let streaming = b.get("streaming") == Some(&Value::Bool(true));
                        deltas.push(ThreadItemUpdate::WidgetStreamingTextValueDelta {
                            component_id: id.clone(),
                            delta: delta.to_owned(),
                            done: !streaming,
                        });
                    }
                    continue;
                }
                let changed = match (x, y) {
                    (Some(x), Some(y)) if key == "children" => needs_replace(x, y, deltas),
                    (x, y) => x != y,
                };
                if changed {
                    return true;
                }
            }
            false
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() != b.len() || a.iter().zip(b).any(|(x, y)| needs_replace(x, y, deltas))
        }
        (x, y) => x != y,
    }
}

/// The events that stream a widget through its states: `thread.item.added` with the first,
/// `thread.item.updated` for each change, `thread.item.done` with the last (same id and
/// `created_at` throughout). One state gives a single `thread.item.done`.
pub fn stream_widget(
    thread_id: &str,
    item_id: &str,
    states: Vec<WidgetRoot>,
    copy_text: Option<String>,
) -> Result<Vec<ThreadStreamEvent>, DiffError> {
    let created_at = Timestamp::now();
    let item = |widget: WidgetRoot| ThreadItem {
        id: item_id.to_owned(),
        thread_id: thread_id.to_owned(),
        created_at,
        kind: ItemKind::Widget(WidgetItem {
            widget,
            copy_text: copy_text.clone(),
        }),
    };
    let mut states = states.into_iter();
    let Some(first) = states.next() else {
        return Err(DiffError("no widget state to stream".to_owned()));
    };
    let rest: Vec<WidgetRoot> = states.collect();
    if rest.is_empty() {
        return Ok(vec![ThreadStreamEvent::ThreadItemDone {
            item: item(first),
        }]);
    }
    let mut events = vec![ThreadStreamEvent::ThreadItemAdded {
        item: item(first.clone()),
    }];
    let mut previous = first;
    for state in rest {
        for update in diff_widget(&previous, &state)? {
            events.push(ThreadStreamEvent::ThreadItemUpdated {
                item_id: item_id.to_owned(),
                update,
            });
        }
        previous = state;
    }
    events.push(ThreadStreamEvent::ThreadItemDone {
        item: item(previous),
    });
    Ok(events)
}
