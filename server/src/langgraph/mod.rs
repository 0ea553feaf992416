//! Speaking LangGraph: the `runs/stream` events as types, parsed from SSE, and the accumulator
//! that turns a run's events into what the ChatKit adapter shows (text deltas, tool calls,
//! interrupts, custom events, failures).
//!
//! The HTTP client and the ChatKit adapter build on these (server issue, in progress).

mod accumulate;
mod client;
mod event;
mod sse;
mod state;
mod visibility;

pub use accumulate::{Turn, TurnUpdate};
pub use client::{
    ClientConfig, InputFormat, InputShape, LangGraphClient, LangGraphError, MultitaskStrategy,
    RunInput, RunRequest, RunStream, THREAD_NAMESPACE,
};
pub use event::{LcMessage, StreamEvent, ToolCall, ToolCallChunk};
pub use sse::{MAX_EVENT_BYTES, ParseError, RawEvent, SseParser, parse_events};
pub use state::{PendingInterrupt, ThreadState};
pub use visibility::{Place, Visibility, writes};
