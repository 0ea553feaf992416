//! A thread's state (`GET /threads/{id}/state`), as far as the adapter needs it: which
//! interrupts are pending, which messages the thread already holds, and the tool calls of its
//! last AI message.

use serde_json::Value;

use super::event::ToolCall;

/// An `interrupt()` waiting for its resume value.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingInterrupt {
    /// The interrupt id (the key of a `command.resume` map).
    pub id: String,
    /// What the graph passed to `interrupt()`.
    pub value: Value,
    /// The JSON schema of the answer, when the graph gave one.
    pub schema: Option<Value>,
}

/// The parts of a thread's state the adapter reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThreadState {
    /// The pending interrupts, in the order LangGraph lists them (each once).
    pub interrupts: Vec<PendingInterrupt>,
    /// The ids of the messages in `values.messages`.
    pub message_ids: Vec<String>,
    /// The tool calls of the last AI message in `values.messages`.
    pub tool_calls: Vec<ToolCall>,
    /// The assistant of the run that wrote the state (`metadata.assistant_id`).
    pub assistant_id: Option<String>,
}

impl ThreadState {
    /// Reads a state body. Interrupts come from the top-level `interrupts` and from
    /// `tasks[].interrupts` (subgraphs), without repeats.
    pub fn from_json(state: &Value) -> Self {
        let mut interrupts: Vec<PendingInterrupt> = Vec::new();
        let listed = state["interrupts"].as_array().into_iter().flatten();
        let in_tasks = state["tasks"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|task| task["interrupts"].as_array().into_iter().flatten());
        for interrupt in listed.chain(in_tasks) {
            let Some(id) = interrupt["id"].as_str() else {
                continue;
            };
            if !interrupts.iter().any(|known| known.id == id) {
                interrupts.push(PendingInterrupt {
                    id: id.to_owned(),
                    value: interrupt["value"].clone(),
                    schema: interrupt
                        .get("response_schema")
                        .filter(|s| !s.is_null())
                        .cloned(),
                });
            }
        }
        let messages = state["values"]["messages"].as_array();
        let message_ids = messages
            .into_iter()
            .flatten()
            .filter_map(|m| m["id"].as_str().map(str::to_owned))
            .collect();
        let tool_calls = messages
            .and_then(|m| m.iter().rev().find(|m| m["type"] == "ai"))
            .and_then(|m| m.get("tool_calls").cloned())
            .and_then(|calls| serde_json::from_value(calls).ok())
            .unwrap_or_default();
        ThreadState {
            interrupts,
            message_ids,
            tool_calls,
            assistant_id: state["metadata"]["assistant_id"]
                .as_str()
                .filter(|a| !a.is_empty())
                .map(str::to_owned),
        }
    }

    /// The pending interrupt with this id.
    pub fn pending(&self, id: &str) -> Option<&PendingInterrupt> {
        self.interrupts.iter().find(|i| i.id == id)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn interrupts_come_once_from_the_list_and_the_tasks() {
        let state = json!({
            "values": {"messages": [
                {"type": "human", "id": "h1", "content": "hi"},
                {"type": "ai", "id": "a1", "content": "", "tool_calls": [{"name": "send", "args": {"to": "Ana"}, "id": "call_1"}]},
                {"type": "ai", "id": "a2", "content": "later", "tool_calls": [{"name": "pay", "args": {}, "id": "call_2"}]},
            ]},
            "tasks": [
                {"interrupts": [{"id": "i1", "value": "one?"}]},
                {"interrupts": [{"id": "i2", "value": {"question": "two?"}}]},
            ],
            "interrupts": [{"id": "i1", "value": "one?"}],
        });
        let state = ThreadState::from_json(&state);
        let ids: Vec<&str> = state.interrupts.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["i1", "i2"]);
        assert_eq!(
            state.pending("i2").map(|i| &i.value),
            Some(&json!({"question": "two?"}))
        );
        assert_eq!(state.pending("i3"), None);
        assert_eq!(state.message_ids, ["h1", "a1", "a2"]);
        assert_eq!(state.tool_calls.len(), 1);
        assert_eq!(state.tool_calls[0].id.as_deref(), Some("call_2"));
    }

    #[test]
    fn a_fresh_thread_has_nothing_pending() {
        let state = ThreadState::from_json(
            &json!({"values": {}, "next": [], "tasks": [], "interrupts": []}),
        );
        assert_eq!(state, ThreadState::default());
    }
}
