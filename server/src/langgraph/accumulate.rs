//! Turning a run's events into what a chat shows: text that streams per message, tool calls
//! whose arguments arrive in fragments, tool results, interrupts, custom events and failures.

use std::collections::HashSet;

use serde_json::Value;

use super::event::{LcMessage, StreamEvent};

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
    /// The call's arguments so far (a JSON text that completes as fragments arrive).
    ToolCallArguments {
        /// The call id.
        call_id: String,
        /// The arguments received so far.
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

    /// What one event changes.
    pub fn push(&mut self, event: &StreamEvent) -> Vec<TurnUpdate> {
        let mut out = Vec::new();
        match event {
            StreamEvent::Metadata { run_id } => self.run_id = Some(run_id.clone()),
            StreamEvent::Message { message, .. } => self.message(message, &mut out),
            StreamEvent::Updates { data, .. } => {
                if let Some(interrupts) = data.get("__interrupt__") {
                    self.interrupts_from(interrupts, &mut out);
                }
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
        out
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

    fn message(&mut self, message: &LcMessage, out: &mut Vec<TurnUpdate>) {
        let id = message.id.clone().unwrap_or_default();
        if !id.is_empty() && self.seen.contains(&id) {
            return;
        }
        match message.kind.as_str() {
            "AIMessageChunk" => {
                if self.text.as_ref().is_some_and(|(open, _)| *open != id) {
                    self.close_text(out);
                }
                self.append_text(&id, &message.text(), out);
                for chunk in &message.tool_call_chunks {
                    let index = chunk.index.unwrap_or_default();
                    let position = self
                        .calls
                        .iter()
                        .position(|c| c.message_id == id && c.index == index);
                    let call = match position {
                        Some(p) => &mut self.calls[p],
                        None => {
                            let call_id =
                                chunk.id.clone().unwrap_or_else(|| format!("{id}:{index}"));
                            out.push(TurnUpdate::ToolCallStarted {
                                call_id: call_id.clone(),
                                name: chunk.name.clone().unwrap_or_default(),
                            });
                            self.calls.push(OpenCall {
                                message_id: id.clone(),
                                index,
                                call_id,
                                arguments: String::new(),
                            });
                            let last = self.calls.len() - 1;
                            &mut self.calls[last]
                        }
                    };
                    if let Some(args) = chunk.args.as_deref().filter(|a| !a.is_empty()) {
                        call.arguments.push_str(args);
                        out.push(TurnUpdate::ToolCallArguments {
                            call_id: call.call_id.clone(),
                            arguments: call.arguments.clone(),
                        });
                    }
                }
                if message.chunk_position.as_deref() == Some("last") {
                    self.close_text(out);
                }
            }
            "ai" => {
                // A whole message (a node that did not stream, or a subgraph's answer).
                self.close_text(out);
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
                    out.push(TurnUpdate::ToolCallArguments {
                        call_id,
                        arguments: call.args.to_string(),
                    });
                }
            }
            "tool" => {
                self.close_text(out);
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
