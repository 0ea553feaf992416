//! Which model calls of a graph are the chat's text.
//!
//! The rule (the README's "Which text shows" tells it to users):
//!
//! 1. A model call inside a tool (a sub-agent a tool runs, e.g. `deepagents`' `task`; the
//!    namespace passes through a tool node, `tools` by default) is that tool's work: it shows
//!    in the tool's task, not as chat text.
//! 2. Nodes named in the hidden list never show text (neither do the subgraphs they run);
//!    when a chat list is given, only its nodes (and the subgraphs they run) do.
//! 3. Every other model call streams live. When its node finishes, its update must write the
//!    message (by id) into the state, or its text under the output key of a graph without
//!    messages; if not, the call was the node's own business — a router's or classifier's
//!    decision (even when the label is what the node writes), structured output, a summary —
//!    and the streamed message is withdrawn.

use std::collections::HashSet;

use serde_json::Value;

/// The node rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    /// When set, only these nodes' model calls are chat text.
    pub chat_nodes: Option<HashSet<String>>,
    /// These nodes' model calls are never shown.
    pub hidden_nodes: HashSet<String>,
    /// The nodes that run tools: model calls under them belong to a tool's task.
    pub tool_nodes: HashSet<String>,
}

impl Default for Visibility {
    fn default() -> Self {
        Visibility {
            chat_nodes: None,
            hidden_nodes: HashSet::new(),
            tool_nodes: HashSet::from(["tools".to_owned()]),
        }
    }
}

/// Where a model call's output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The chat.
    Chat,
    /// Nowhere (a hidden node).
    Hidden,
    /// The task of the tool call running it; the scope names that run (the namespace down to
    /// the tool node's segment).
    Tool(String),
}

/// The node name of a namespace segment (`researcher:<task id>` → `researcher`).
pub(super) fn segment_node(segment: &str) -> &str {
    segment.split_once(':').map_or(segment, |(node, _)| node)
}

impl Visibility {
    /// Where the output of a model call made in `node`, under `namespace`, goes.
    pub fn place(&self, namespace: &[String], node: Option<&str>) -> Place {
        if let Some(at) = namespace
            .iter()
            .position(|s| self.tool_nodes.contains(segment_node(s)))
        {
            return Place::Tool(namespace[..=at].join("|"));
        }
        let mut nodes = namespace.iter().map(|s| segment_node(s)).chain(node);
        if nodes.any(|n| self.hidden_nodes.contains(n)) {
            return Place::Hidden;
        }
        if let Some(chat) = &self.chat_nodes {
            let mut nodes = namespace.iter().map(|s| segment_node(s)).chain(node);
            if !nodes.any(|n| chat.contains(n)) {
                return Place::Hidden;
            }
        }
        Place::Chat
    }
}

/// How deep [`writes`] looks into an update.
const MAX_DEPTH: usize = 8;

/// Whether a node's update writes the message `id` (an object with that id, anywhere in it)
/// or its text (the string under `output_key`, surrounding spaces aside).
pub fn writes(update: &Value, id: &str, text: &str, output_key: Option<&str>) -> bool {
    fn has_id(value: &Value, id: &str, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match value {
            Value::Object(map) => {
                map.get("id").and_then(Value::as_str) == Some(id)
                    || map.values().any(|v| has_id(v, id, depth + 1))
            }
            Value::Array(items) => items.iter().any(|v| has_id(v, id, depth + 1)),
            _ => false,
        }
    }
    let text = text.trim();
    has_id(update, id, 0)
        || output_key
            .and_then(|key| update.get(key))
            .and_then(Value::as_str)
            .is_some_and(|s| !text.is_empty() && s.trim() == text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ns(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn model_calls_under_a_tool_node_belong_to_the_tool() {
        let v = Visibility::default();
        assert_eq!(v.place(&[], Some("agent")), Place::Chat);
        assert_eq!(
            v.place(&ns(&["researcher:1"]), Some("research")),
            Place::Chat
        );
        assert_eq!(
            v.place(&ns(&["tools:7", "model:9"]), Some("model")),
            Place::Tool("tools:7".into())
        );
        assert_eq!(
            v.place(&ns(&["team:1", "tools:7", "model:9"]), Some("model")),
            Place::Tool("team:1|tools:7".into())
        );
    }

    #[test]
    fn hidden_and_chat_lists_match_nodes_and_the_subgraphs_they_run() {
        let v = Visibility {
            hidden_nodes: HashSet::from(["classify".to_owned()]),
            ..Visibility::default()
        };
        assert_eq!(v.place(&[], Some("classify")), Place::Hidden);
        assert_eq!(v.place(&ns(&["classify:3"]), Some("inner")), Place::Hidden);
        assert_eq!(v.place(&[], Some("answer")), Place::Chat);
        let v = Visibility {
            chat_nodes: Some(HashSet::from(["writer".to_owned()])),
            ..Visibility::default()
        };
        assert_eq!(v.place(&[], Some("writer")), Place::Chat);
        assert_eq!(v.place(&ns(&["writer:1"]), Some("model")), Place::Chat);
        assert_eq!(v.place(&[], Some("router")), Place::Hidden);
        assert_eq!(v.place(&[], None), Place::Hidden);
    }

    #[test]
    fn an_update_writes_a_message_by_id_or_by_text() {
        let update = json!({"messages": [{"type": "ai", "id": "m1", "content": "Hi"}]});
        assert!(writes(&update, "m1", "whatever", None));
        assert!(!writes(&update, "m2", "Hello there", None));
        let answer = json!({"answer": " Paris. "});
        assert!(writes(&answer, "m3", "Paris.", Some("answer")));
        assert!(
            !writes(&answer, "m3", "Paris.", None),
            "only the output key's text counts"
        );
        // A classifier writes its label, but not as the answer.
        assert!(!writes(
            &json!({"route": "research"}),
            "m4",
            "research",
            Some("answer")
        ));
        assert!(!writes(&Value::Null, "m5", "text", None));
        assert!(!writes(&json!({"answer": ""}), "m6", "  ", Some("answer")));
    }
}
