//! The events of a LangGraph run stream (langgraph-api 0.16.7), typed.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::sse::ParseError;

/// One event of `POST /threads/{id}/runs/stream`.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamEvent {
    /// The first event: which run this is.
    Metadata {
        /// The run id.
        run_id: String,
    },
    /// `messages` (stream mode `messages-tuple`): a message chunk or a whole message, with its
    /// metadata (`langgraph_node`, …).
    Message {
        /// The subgraph path (`inner:<task>`), empty at the root.
        namespace: Vec<String>,
        /// The message.
        message: Box<LcMessage>,
        /// Where it comes from.
        metadata: Map<String, Value>,
    },
    /// `updates`: `{node: what it returned}`; an interrupt is `{"__interrupt__": [...]}`.
    Updates {
        /// The subgraph path.
        namespace: Vec<String>,
        /// The update.
        data: Map<String, Value>,
    },
    /// `values`: the whole state after a step.
    Values {
        /// The subgraph path.
        namespace: Vec<String>,
        /// The state.
        data: Value,
    },
    /// `custom`: whatever the graph wrote with `get_stream_writer()`.
    Custom {
        /// The subgraph path.
        namespace: Vec<String>,
        /// The payload.
        data: Value,
    },
    /// The run failed (HTTP stays 200); the stream ends after it.
    Error {
        /// The exception class.
        error: String,
        /// Its message.
        message: String,
    },
    /// `end` (older servers): the run is over.
    End,
    /// Any other event, kept as is.
    Other {
        /// The event name.
        event: String,
        /// Its data.
        data: Value,
    },
}

/// A LangChain message as LangGraph serializes it.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct LcMessage {
    /// `AIMessageChunk`, `ai`, `tool`, `human`, `system`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The message id (all chunks of one model call share it).
    #[serde(default)]
    pub id: Option<String>,
    /// A string, or a list of content blocks.
    #[serde(default)]
    pub content: Value,
    /// Tool-call fragments of a chunk.
    #[serde(default)]
    pub tool_call_chunks: Vec<ToolCallChunk>,
    /// Parsed tool calls (whole messages; unreliable on chunks).
    #[serde(default)]
    pub tool_calls: Vec<ToolCall>,
    /// `"last"` on the final chunk of a model call.
    #[serde(default)]
    pub chunk_position: Option<String>,
    /// For tool messages: the call answered.
    #[serde(default)]
    pub tool_call_id: Option<String>,
    /// For tool messages: the tool.
    #[serde(default)]
    pub name: Option<String>,
    /// For tool messages: `success` or `error`.
    #[serde(default)]
    pub status: Option<String>,
    /// Provider extras (`reasoning_content` of OpenAI-compatible reasoning models).
    #[serde(default)]
    pub additional_kwargs: Value,
}

impl LcMessage {
    /// The text of the content: the string, or the text blocks joined (`text`, and the
    /// `output_text` of OpenAI's Responses API); reasoning and tool-use blocks are not text.
    pub fn text(&self) -> String {
        match &self.content {
            Value::String(text) => text.clone(),
            Value::Array(blocks) => blocks
                .iter()
                .filter_map(|b| match b {
                    Value::String(text) => Some(text.as_str()),
                    _ if matches!(block_type(b), "text" | "output_text") => {
                        b.get("text").and_then(Value::as_str)
                    }
                    _ => None,
                })
                .collect(),
            _ => String::new(),
        }
    }

    /// The reasoning in the content: Anthropic's `thinking` blocks, LangChain's standard
    /// `reasoning` blocks (and OpenAI's reasoning `summary` parts), or the
    /// `reasoning_content` of OpenAI-compatible reasoning models.
    pub fn reasoning(&self) -> String {
        let mut out = String::new();
        if let Value::Array(blocks) = &self.content {
            for block in blocks {
                match block_type(block) {
                    "thinking" => push_str(&mut out, block.get("thinking")),
                    "reasoning" => {
                        push_str(&mut out, block.get("reasoning"));
                        for part in block
                            .get("summary")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                        {
                            push_str(&mut out, part.get("text"));
                        }
                    }
                    _ => {}
                }
            }
        }
        push_str(&mut out, self.additional_kwargs.get("reasoning_content"));
        out
    }

    /// Whether this is a streamed chunk of a model call.
    pub fn is_chunk(&self) -> bool {
        self.kind == "AIMessageChunk"
    }
}

/// The `type` of a content block.
fn block_type(block: &Value) -> &str {
    block
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// Appends a string value.
fn push_str(out: &mut String, value: Option<&Value>) {
    if let Some(text) = value.and_then(Value::as_str) {
        out.push_str(text);
    }
}

/// A fragment of a streamed tool call; fragments with the same `index` add up.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ToolCallChunk {
    /// The tool (first fragment only).
    #[serde(default)]
    pub name: Option<String>,
    /// A piece of the JSON arguments.
    #[serde(default)]
    pub args: Option<String>,
    /// The call id (first fragment only).
    #[serde(default)]
    pub id: Option<String>,
    /// Which call of the message.
    #[serde(default)]
    pub index: Option<u64>,
}

/// A parsed tool call.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ToolCall {
    /// The tool.
    #[serde(default)]
    pub name: String,
    /// The arguments.
    #[serde(default)]
    pub args: Value,
    /// The call id.
    #[serde(default)]
    pub id: Option<String>,
}

impl StreamEvent {
    /// The event for an SSE `event`/`data` pair. Event names carry the subgraph namespace
    /// after `|` (`messages|inner:…`).
    pub fn from_sse(event: &str, data: &str) -> Result<Self, ParseError> {
        let mut parts = event.split('|');
        let mode = parts.next().unwrap_or_default();
        let namespace: Vec<String> = parts.map(str::to_owned).collect();
        let bad = |message: String| ParseError::Data {
            event: event.to_owned(),
            message,
        };
        let json: Value = if data.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(data).map_err(|e| bad(e.to_string()))?
        };
        Ok(match mode {
            "metadata" => StreamEvent::Metadata {
                run_id: json["run_id"].as_str().unwrap_or_default().to_owned(),
            },
            "messages" => {
                let Value::Array(pair) = json else {
                    return Err(bad("expected [message, metadata]".to_owned()));
                };
                let mut pair = pair.into_iter();
                let message: LcMessage = serde_json::from_value(pair.next().unwrap_or_default())
                    .map_err(|e| bad(e.to_string()))?;
                let metadata = match pair.next() {
                    Some(Value::Object(map)) => map,
                    _ => Map::new(),
                };
                StreamEvent::Message {
                    namespace,
                    message: Box::new(message),
                    metadata,
                }
            }
            "updates" => StreamEvent::Updates {
                namespace,
                data: match json {
                    Value::Object(map) => map,
                    _ => Map::new(),
                },
            },
            "values" => StreamEvent::Values {
                namespace,
                data: json,
            },
            "custom" => StreamEvent::Custom {
                namespace,
                data: json,
            },
            "error" => StreamEvent::Error {
                error: json["error"].as_str().unwrap_or("Error").to_owned(),
                message: json["message"].as_str().unwrap_or_default().to_owned(),
            },
            "end" => StreamEvent::End,
            other => StreamEvent::Other {
                event: other.to_owned(),
                data: json,
            },
        })
    }
}
