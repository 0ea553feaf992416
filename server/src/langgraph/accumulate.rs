//! Turning a run's events into what a chat shows: text that streams per message, tool calls
//! whose arguments arrive in fragments, tool results, interrupts, custom events and failures.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::event::{LcMessage, StreamEvent};
use super::visibility::{Place, Visibility, segment_node, writes};

/// What changed in the turn.
#[derive(Debug, Clone, PartialEq)]
pub enum TurnUpdate {
    /// A new assistant message starts streaming.
    TextStarted {
        /// The LangGraph message id.
        message_id: String,
    },
    /// Text appended to the message.
    TextDelta {
        /// The message.
        message_id: String,
        /// The new text.
        delta: String,
    },
    /// The message is complete.
    TextDone {
        /// The message.
        message_id: String,
        /// Its whole text.
        text: String,
    },
    /// The model calls a tool.
    ToolCallStarted {
        /// The call id.
        call_id: String,
        /// The tool.
        name: String,
    },
    /// The call's whole arguments (a JSON text), once: when the model's message is complete.
    /// Fragments add up without being copied.
    ToolCallArguments {
        /// The call id.
        call_id: String,
        /// The arguments.
        arguments: String,
    },
    /// A tool answered.
    ToolResult {
        /// The call answered.
        call_id: String,
        /// The tool.
        name: String,
        /// What it returned.
        content: String,
        /// Whether it failed.
        is_error: bool,
    },
    /// The graph stopped at `interrupt()` and waits for a resume.
    Interrupt {
        /// The interrupt id.
        id: String,
        /// What the graph asked.
        value: Value,
        /// The JSON schema of the answer, when the graph gave one
        /// (`interrupt(..., response_schema=…)`).
        schema: Option<Value>,
    },
    /// A `custom` event.
    Custom(Value),
    /// The model's reasoning (thinking) before or beside its answer.
    ReasoningDelta {
        /// The message.
        message_id: String,
        /// The new reasoning text.
        delta: String,
    },
    /// A streamed message its node did not write into the state (a router's or classifier's
    /// model call): what was shown of it goes.
    Withdrawn {
        /// The message.
        message_id: String,
        /// Its tool calls (structured output).
        calls: Vec<String>,
    },
    /// Work of a sub-agent that a tool runs, or that a hand-off started (a message it
    /// finished, a tool it calls).
    Delegated {
        /// The sub-agent's run (see [`Place::Tool`]).
        scope: String,
        /// The call it works for, when known (a hand-off).
        call: Option<String>,
        /// What it did.
        line: String,
    },
    /// The run failed.
    Failed {
        /// The exception class.
        error: String,
        /// Its message.
        message: String,
    },
}

/// One tool call being assembled from fragments.
#[derive(Debug)]
struct OpenCall {
    message_id: String,
    index: u64,
    call_id: String,
    arguments: String,
    /// Whether its arguments were reported.
    done: bool,
}

/// A message streamed as chat text, until its node's update says whether it stays.
#[derive(Debug)]
struct Streamed {
    namespace: Vec<String>,
    node: String,
    id: String,
    text: String,
    calls: Vec<String>,
}

/// The state of one run's stream.
#[derive(Debug, Default)]
pub struct Turn {
    /// The run, once the `metadata` event came.
    pub run_id: Option<String>,
    text: Option<(String, String)>,
    calls: Vec<OpenCall>,
    interrupts: HashSet<String>,
    /// Messages the thread held before this run: a resumed run streams some again (the
    /// interrupted node's output), and they were shown already.
    seen: HashSet<String>,
    /// Messages shown in this run (a whole message with the same id is not shown again).
    shown: HashSet<String>,
    /// Which model calls are chat text.
    visibility: Visibility,
    /// The state key whose value is the answer of a graph without messages.
    output_key: Option<String>,
    /// Chat messages waiting for their node's update.
    streamed: Vec<Streamed>,
    /// Texts that their nodes wrote into the state (with an output key: to show them once).
    confirmed: HashSet<String>,
    /// The text of each sub-agent's message being streamed, by message id.
    delegated: HashMap<String, String>,
    /// Hand-offs of this run (`transfer_to_<agent>`): the agent (a node) and the call.
    handoffs: Vec<(String, String)>,
    /// Tool calls answered in this run.
    answered: HashSet<String>,
}

impl Turn {
    /// A turn with nothing seen yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A turn that does not show the messages with these ids again.
    pub fn resuming(seen: impl IntoIterator<Item = String>) -> Self {
        Turn {
            seen: seen.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Sets which model calls are chat text.
    pub fn visibility(mut self, visibility: Visibility) -> Self {
        self.visibility = visibility;
        self
    }

    /// Shows the value a root node writes under `key` as the answer, unless the same text
    /// streamed already (a graph whose output has no `messages`).
    pub fn output_key(mut self, key: Option<String>) -> Self {
        self.output_key = key;
        self
    }

    /// What one event changes.
    pub fn push(&mut self, event: &StreamEvent) -> Vec<TurnUpdate> {
        let mut out = Vec::new();
        match event {
            StreamEvent::Metadata { run_id } => self.run_id = Some(run_id.clone()),
            StreamEvent::Message {
                namespace,
                message,
                metadata,
            } => self.message(namespace, message, metadata, &mut out),
            StreamEvent::Updates { namespace, data } => {
                self.complete_calls(None, &mut out);
                if let Some(interrupts) = data.get("__interrupt__") {
                    self.interrupts_from(interrupts, &mut out);
                }
                self.updates(namespace, data, &mut out);
            }
            StreamEvent::Values { data, .. } => {
                if let Some(interrupts) = data.get("__interrupt__") {
                    self.interrupts_from(interrupts, &mut out);
                }
            }
            StreamEvent::Custom { data, .. } => out.push(TurnUpdate::Custom(data.clone())),
            StreamEvent::Error { error, message } => {
                self.close_text(&mut out);
                out.push(TurnUpdate::Failed {
                    error: error.clone(),
                    message: message.clone(),
                });
            }
            StreamEvent::End | StreamEvent::Other { .. } => {}
        }
        out
    }

    /// Closes what is still open at the end of the stream.
    pub fn finish(&mut self) -> Vec<TurnUpdate> {
        let mut out = Vec::new();
        self.close_text(&mut out);
        self.complete_calls(None, &mut out);
        out
    }

    /// Reports the whole arguments of the calls of `message_id` (all: `None`) not reported yet.
    fn complete_calls(&mut self, message_id: Option<&str>, out: &mut Vec<TurnUpdate>) {
        for call in &mut self.calls {
            if call.done || message_id.is_some_and(|id| id != call.message_id) {
                continue;
            }
            call.done = true;
            out.push(TurnUpdate::ToolCallArguments {
                call_id: call.call_id.clone(),
                arguments: std::mem::take(&mut call.arguments),
            });
        }
    }

    fn close_text(&mut self, out: &mut Vec<TurnUpdate>) {
        if let Some((message_id, text)) = self.text.take() {
            out.push(TurnUpdate::TextDone { message_id, text });
        }
    }

    fn append_text(&mut self, id: &str, delta: &str, out: &mut Vec<TurnUpdate>) {
        if delta.is_empty() {
            return;
        }
        if self.text.as_ref().is_none_or(|(open, _)| open != id) {
            self.close_text(out);
            self.text = Some((id.to_owned(), String::new()));
            out.push(TurnUpdate::TextStarted {
                message_id: id.to_owned(),
            });
        }
        if let Some((_, text)) = &mut self.text {
            text.push_str(delta);
        }
        out.push(TurnUpdate::TextDelta {
            message_id: id.to_owned(),
            delta: delta.to_owned(),
        });
    }

    /// A node's update: the messages it streamed stay only if it wrote them; a root node's
    /// output key is the answer of a graph without messages.
    fn updates(
        &mut self,
        namespace: &[String],
        data: &Map<String, Value>,
        out: &mut Vec<TurnUpdate>,
    ) {
        for (node, update) in data {
            if node.starts_with("__") {
                continue;
            }
            let mut kept = Vec::new();
            for streamed in std::mem::take(&mut self.streamed) {
                if streamed.namespace != namespace || streamed.node != *node {
                    kept.push(streamed);
                } else if writes(
                    update,
                    &streamed.id,
                    &streamed.text,
                    self.output_key.as_deref(),
                ) {
                    self.confirmed.insert(streamed.text.trim().to_owned());
                } else {
                    tracing::debug!(node = %node, message = %streamed.id, "a model call its node did not write into the state: withdrawn");
                    if self
                        .text
                        .as_ref()
                        .is_some_and(|(open, _)| *open == streamed.id)
                    {
                        self.text = None;
                    }
                    out.push(TurnUpdate::Withdrawn {
                        message_id: streamed.id,
                        calls: streamed.calls,
                    });
                }
            }
            self.streamed = kept;
            self.results_in(update, out);
            if namespace.is_empty()
                && let Some(key) = &self.output_key
                && let Some(text) = update.get(key).and_then(output_text)
                && !self.confirmed.contains(text.trim())
            {
                let id = format!("output:{node}");
                self.close_text(out);
                self.append_text(&id, &text, out);
                self.close_text(out);
                self.confirmed.insert(text.trim().to_owned());
            }
        }
    }

    fn message(
        &mut self,
        namespace: &[String],
        message: &LcMessage,
        metadata: &Map<String, Value>,
        out: &mut Vec<TurnUpdate>,
    ) {
        let id = message.id.clone().unwrap_or_default();
        if !id.is_empty() && self.seen.contains(&id) {
            return;
        }
        let node = metadata.get("langgraph_node").and_then(Value::as_str);
        if let Some((scope, call)) = self.handed_off(namespace) {
            return self.delegated(scope, Some(call), &id, message, out);
        }
        match self.visibility.place(namespace, node) {
            Place::Chat => {}
            Place::Hidden => {
                if message.chunk_position.as_deref() == Some("last") || message.kind == "ai" {
                    tracing::debug!(node = ?node, ?namespace, message = %id, "a model call of a hidden node: not shown");
                }
                return;
            }
            Place::Tool(scope) => return self.delegated(scope, None, &id, message, out),
        }
        match message.kind.as_str() {
            "AIMessageChunk" => {
                if self.text.as_ref().is_some_and(|(open, _)| *open != id) {
                    self.close_text(out);
                }
                self.shown.insert(id.clone());
                reasoning(&id, message, out);
                let text = message.text();
                self.append_text(&id, &text, out);
                let started = self.chunk_calls(&id, message, out);
                self.track(namespace, node, &id, &text, started);
                if message.chunk_position.as_deref() == Some("last") {
                    self.close_text(out);
                    self.complete_calls(Some(&id), out);
                }
            }
            "ai" => {
                // A whole message (a node that did not stream, or a subgraph's answer).
                if !id.is_empty() && !self.shown.insert(id.clone()) {
                    return;
                }
                self.close_text(out);
                reasoning(&id, message, out);
                self.append_text(&id, &message.text(), out);
                self.close_text(out);
                for call in &message.tool_calls {
                    let call_id = call.id.clone().unwrap_or_default();
                    if self.calls.iter().any(|c| c.call_id == call_id) {
                        continue;
                    }
                    out.push(TurnUpdate::ToolCallStarted {
                        call_id: call_id.clone(),
                        name: call.name.clone(),
                    });
                    self.started(&call_id, &call.name);
                    self.calls.push(OpenCall {
                        message_id: id.clone(),
                        index: u64::MAX,
                        call_id: call_id.clone(),
                        arguments: String::new(),
                        done: true,
                    });
                    out.push(TurnUpdate::ToolCallArguments {
                        call_id,
                        arguments: call.args.to_string(),
                    });
                }
            }
            "tool" => {
                self.close_text(out);
                self.complete_calls(None, out);
                if let Some(call) = &message.tool_call_id {
                    self.answered.insert(call.clone());
                }
                out.push(TurnUpdate::ToolResult {
                    call_id: message.tool_call_id.clone().unwrap_or_default(),
                    name: message.name.clone().unwrap_or_default(),
                    content: message.text(),
                    is_error: message.status.as_deref() == Some("error"),
                });
            }
            _ => {}
        }
    }

    /// Remembers a streamed chat message until its node reports.
    fn track(
        &mut self,
        namespace: &[String],
        node: Option<&str>,
        id: &str,
        text: &str,
        calls: Vec<String>,
    ) {
        let Some(node) = node else { return };
        if id.is_empty() {
            return;
        }
        // The text only matters to the output key's check; without one it is not copied.
        let text = if self.output_key.is_some() { text } else { "" };
        match self.streamed.iter_mut().find(|s| s.id == id) {
            Some(streamed) => {
                streamed.text.push_str(text);
                streamed.calls.extend(calls);
            }
            None => self.streamed.push(Streamed {
                namespace: namespace.to_vec(),
                node: node.to_owned(),
                id: id.to_owned(),
                text: text.to_owned(),
                calls,
            }),
        }
    }

    /// The tool-call fragments of a chunk; returns the calls it starts.
    fn chunk_calls(
        &mut self,
        id: &str,
        message: &LcMessage,
        out: &mut Vec<TurnUpdate>,
    ) -> Vec<String> {
        let mut started = Vec::new();
        for chunk in &message.tool_call_chunks {
            let index = chunk.index.unwrap_or_default();
            let position = self
                .calls
                .iter()
                .position(|c| c.message_id == id && c.index == index);
            let call = match position {
                Some(p) => &mut self.calls[p],
                None => {
                    let call_id = chunk.id.clone().unwrap_or_else(|| format!("{id}:{index}"));
                    out.push(TurnUpdate::ToolCallStarted {
                        call_id: call_id.clone(),
                        name: chunk.name.clone().unwrap_or_default(),
                    });
                    started.push(call_id.clone());
                    self.started(&call_id, chunk.name.as_deref().unwrap_or_default());
                    self.calls.push(OpenCall {
                        message_id: id.to_owned(),
                        index,
                        call_id,
                        arguments: String::new(),
                        done: false,
                    });
                    let last = self.calls.len() - 1;
                    &mut self.calls[last]
                }
            };
            if let Some(args) = chunk.args.as_deref().filter(|a| !a.is_empty()) {
                call.arguments.push_str(args);
            }
        }
        started
    }

    /// A message of a sub-agent run by a tool: its finished messages and the tools it calls
    /// are lines of that tool's task.
    fn delegated(
        &mut self,
        scope: String,
        call: Option<String>,
        id: &str,
        message: &LcMessage,
        out: &mut Vec<TurnUpdate>,
    ) {
        let mut line = |line: String| {
            out.push(TurnUpdate::Delegated {
                scope: scope.clone(),
                call: call.clone(),
                line,
            })
        };
        match message.kind.as_str() {
            "AIMessageChunk" => {
                self.delegated
                    .entry(id.to_owned())
                    .or_default()
                    .push_str(&message.text());
                for chunk in &message.tool_call_chunks {
                    if let Some(name) = chunk.name.as_deref().filter(|n| !n.is_empty()) {
                        line(format!("Calls `{name}`"));
                    }
                }
                if message.chunk_position.as_deref() == Some("last")
                    && let Some(text) = self.delegated.remove(id)
                    && !text.trim().is_empty()
                {
                    self.shown.insert(id.to_owned());
                    line(text.trim().to_owned());
                }
            }
            "ai" if self.shown.insert(id.to_owned()) => {
                let text = message.text();
                if !text.trim().is_empty() {
                    line(text.trim().to_owned());
                }
                for call in &message.tool_calls {
                    line(format!("Calls `{}`", call.name));
                }
            }
            _ => {}
        }
    }

    /// The agent a hand-off of this run went to, when the namespace runs it: its scope and
    /// the hand-off's call (the latest hand-off to it).
    fn handed_off(&self, namespace: &[String]) -> Option<(String, String)> {
        namespace.iter().enumerate().find_map(|(at, segment)| {
            let node = segment_node(segment);
            self.handoffs
                .iter()
                .rev()
                .find(|(agent, _)| agent == node)
                .map(|(_, call)| (namespace[..=at].join("|"), call.clone()))
        })
    }

    /// Remembers a tool call of this run; a `transfer_to_<agent>` call is a hand-off.
    fn started(&mut self, call_id: &str, name: &str) {
        if let Some(agent) = name.strip_prefix("transfer_to_") {
            self.handoffs.push((agent.to_owned(), call_id.to_owned()));
        }
    }

    /// Results of this run's tool calls that arrive only in a node's update (a hand-off's
    /// `ToolMessage` travels in the `Command` it returns, never as a `messages` event).
    fn results_in(&mut self, update: &Value, out: &mut Vec<TurnUpdate>) {
        // Updates may carry the whole history: read them only while a call waits.
        if self
            .calls
            .iter()
            .all(|c| self.answered.contains(&c.call_id))
        {
            return;
        }
        let messages = update.get("messages").and_then(Value::as_array);
        for message in messages.into_iter().flatten() {
            if message.get("type").and_then(Value::as_str) != Some("tool") {
                continue;
            }
            let Some(call) = message.get("tool_call_id").and_then(Value::as_str) else {
                continue;
            };
            if self.answered.contains(call) || !self.calls.iter().any(|c| c.call_id == call) {
                continue;
            }
            let Ok(tool) = serde_json::from_value::<LcMessage>(message.clone()) else {
                continue;
            };
            self.answered.insert(call.to_owned());
            self.close_text(out);
            out.push(TurnUpdate::ToolResult {
                call_id: call.to_owned(),
                name: tool.name.clone().unwrap_or_default(),
                content: tool.text(),
                is_error: tool.status.as_deref() == Some("error"),
            });
        }
    }

    fn interrupts_from(&mut self, interrupts: &Value, out: &mut Vec<TurnUpdate>) {
        for interrupt in interrupts.as_array().into_iter().flatten() {
            let id = interrupt["id"].as_str().unwrap_or_default().to_owned();
            if self.interrupts.insert(id.clone()) {
                out.push(TurnUpdate::Interrupt {
                    id,
                    value: interrupt["value"].clone(),
                    schema: interrupt
                        .get("response_schema")
                        .filter(|s| !s.is_null())
                        .cloned(),
                });
            }
        }
    }
}

/// The reasoning of a message, if it has any.
fn reasoning(id: &str, message: &LcMessage, out: &mut Vec<TurnUpdate>) {
    let delta = message.reasoning();
    if !delta.is_empty() {
        out.push(TurnUpdate::ReasoningDelta {
            message_id: id.to_owned(),
            delta,
        });
    }
}

/// The answer in a graph's output key: a string, a message, or the last of a list of messages.
fn output_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Array(items) => items.last().and_then(output_text),
        Value::Object(message) => match message.get("content")? {
            Value::String(text) => Some(text.clone()),
            content => serde_json::from_value::<LcMessage>(serde_json::json!({
                "type": "ai",
                "content": content,
            }))
            .ok()
            .map(|m| m.text()),
        },
        _ => None,
    }
    .filter(|t| !t.trim().is_empty())
}
