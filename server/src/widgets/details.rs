//! What an interrupt is about, shown readably: each key with its value, long values folded.

use chatkit_sdk::widget;
use chatkit_sdk::widget::{Col, Component, WidgetComponent};
use serde_json::Value;

/// Text values longer than this many characters are cut, with "…".
pub const FOLD_CHARS: usize = 280;
/// JSON values longer than this many lines are cut, with "…".
pub const FOLD_LINES: usize = 12;

/// Key/value pairs under each other: the key as a caption, the value as text (strings,
/// numbers) or as a JSON block (objects, lists).
///
/// ```
/// use chatkit_sdk::widget;
/// use chatkit_server::widgets::Details;
///
/// let entries = vec![("to".to_owned(), serde_json::json!("ana@example.com"))];
/// let col = widget! { <Details entries={entries} /> };
/// let json = serde_json::to_value(&col)?;
/// assert_eq!(json["children"][0]["children"][1]["value"], "ana@example.com");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    /// The pairs, in order.
    pub entries: Vec<(String, Value)>,
}

impl Component for Details {
    type Output = Col;

    fn render(self) -> Col {
        widget! {
            <Col gap=2>
                for (key, value) in self.entries {
                    <Col gap=0>
                        <Caption value={key} color="secondary" weight="medium" />
                        {shown(&value)}
                    </Col>
                }
            </Col>
        }
    }
}

/// One value: plain text for scalars, a folded JSON block for objects and lists.
fn shown(value: &Value) -> WidgetComponent {
    match value {
        Value::Object(_) | Value::Array(_) => {
            let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
            widget! { <Markdown value={format!("```json\n{}\n```", fold_lines(&pretty))} /> }.into()
        }
        other => widget! { <Text value={fold(&text(other))} size="sm" /> }.into(),
    }
}

/// A value as a person reads it: strings without quotes, the rest as JSON.
pub fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `text` cut to [`FOLD_CHARS`] characters.
pub fn fold(text: &str) -> String {
    match text.char_indices().nth(FOLD_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn fold_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= FOLD_LINES {
        return fold_block(text);
    }
    fold_block(&format!("{}\n…", lines[..FOLD_LINES].join("\n")))
}

/// A block cut to eight folds of characters (a single huge line).
fn fold_block(text: &str) -> String {
    match text.char_indices().nth(FOLD_CHARS * 8) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_folded() {
        let long = "α".repeat(FOLD_CHARS + 5);
        let folded = fold(&long);
        assert_eq!(folded.chars().count(), FOLD_CHARS + 1);
        assert!(folded.ends_with('…'));
        assert_eq!(fold("short"), "short");
        let many: Vec<String> = (0..40).map(|i| format!("line {i}")).collect();
        let folded = fold_lines(&many.join("\n"));
        assert_eq!(folded.lines().count(), FOLD_LINES + 1);
        assert!(folded.ends_with('…'));
    }

    #[test]
    fn strings_show_without_quotes_and_objects_as_json() {
        assert_eq!(text(&Value::from("hi")), "hi");
        assert_eq!(text(&serde_json::json!(3)), "3");
        let block = serde_json::to_value(shown(&serde_json::json!({"a": 1}))).unwrap_or_default();
        assert_eq!(block["type"], "Markdown");
        assert!(
            block["value"]
                .as_str()
                .unwrap_or_default()
                .contains("\"a\": 1")
        );
    }
}
