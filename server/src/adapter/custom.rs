//! What a graph's `custom` events (`get_stream_writer()(…)`) mean in a chat, in every shape the
//! LangGraph docs write them:
//!
//! | the graph writes | shown as |
//! |---|---|
//! | a string (`writer("Looking up Athens")`) | a progress line |
//! | `{"progress": text}`, `{"status": text}`, `{"text": text}` | a progress line |
//! | `{"type": "progress", "message"\|"text"\|"data"\|"content"\|"status": text}` | a progress line |
//! | `{"widget": <a ChatKit widget>, "copy_text"?}` or a widget root itself | a widget item |
//! | anything else | logged; ignored, or shown as a progress line with `CHATKIT_CUSTOM_EVENTS=show` |

use serde_json::Value;

use crate::widgets::fold;

/// What to do with `custom` events of no known shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum UnknownCustom {
    /// Log them (at `info`) and show nothing.
    #[default]
    Ignore,
    /// Also show them as a progress line (their JSON, folded).
    Show,
}

/// A `custom` event, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Custom {
    /// A widget candidate (still to be checked) and its copy text.
    Widget(Value, Option<String>),
    /// A progress line.
    Progress(String),
    /// No known shape.
    Unknown(Value),
}

/// Keys whose string is a progress line, in a plain object.
const PROGRESS_KEYS: [&str; 3] = ["progress", "status", "text"];

/// Keys whose string is the line of a `{"type": "progress", …}` event.
const TYPED_PROGRESS_KEYS: [&str; 5] = ["message", "text", "data", "content", "status"];

impl Custom {
    /// Reads one event.
    pub fn read(value: Value) -> Custom {
        let copy_text = || {
            value
                .get("copy_text")
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        if let Some(widget) = value.get("widget") {
            return Custom::Widget(widget.clone(), copy_text());
        }
        let kind = value.get("type").and_then(Value::as_str);
        if matches!(kind, Some("Card" | "ListView" | "Basic")) {
            let copy = copy_text();
            return Custom::Widget(value, copy);
        }
        if let Value::String(text) = &value {
            return Custom::Progress(text.clone());
        }
        let keys: &[&str] = if kind == Some("progress") {
            &TYPED_PROGRESS_KEYS
        } else {
            &PROGRESS_KEYS
        };
        match keys
            .iter()
            .find_map(|k| value.get(*k).and_then(Value::as_str))
        {
            Some(text) => Custom::Progress(text.to_owned()),
            None => Custom::Unknown(value),
        }
    }
}

/// The progress line an unknown event shows as, when shown.
pub fn unknown_line(value: &Value) -> String {
    fold(&value.to_string())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Custom;

    #[test]
    fn every_documented_shape_is_read() {
        let progress = |text: &str| Custom::Progress(text.to_owned());
        assert_eq!(
            Custom::read(json!("Looking up Athens")),
            progress("Looking up Athens")
        );
        assert_eq!(
            Custom::read(json!({"progress": "Half way"})),
            progress("Half way")
        );
        assert_eq!(
            Custom::read(json!({"status": "Searching"})),
            progress("Searching")
        );
        assert_eq!(
            Custom::read(json!({"type": "progress", "message": "Step 2"})),
            progress("Step 2")
        );
        assert_eq!(
            Custom::read(json!({"type": "progress", "data": "Step 3"})),
            progress("Step 3")
        );
        let card = json!({"type": "Card", "children": []});
        assert_eq!(
            Custom::read(card.clone()),
            Custom::Widget(card.clone(), None)
        );
        assert_eq!(
            Custom::read(json!({"widget": card, "copy_text": "A card"})),
            Custom::Widget(
                json!({"type": "Card", "children": []}),
                Some("A card".into())
            )
        );
        for unknown in [
            json!({"custom_key": "Generating"}),
            json!(42),
            json!({"type": "progress", "pct": 50}),
        ] {
            assert_eq!(Custom::read(unknown.clone()), Custom::Unknown(unknown));
        }
    }
}
