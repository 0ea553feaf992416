//! SSE bytes → [`StreamEvent`]s, with the `eventsource-stream` parser (CR, LF and CRLF line
//! ends, comments/heartbeats ignored, multi-line data, UTF-8 split across chunks).

use bytes::Bytes;
use eventsource_stream::Eventsource;
use futures::{Stream, StreamExt};

use super::event::StreamEvent;

/// An SSE stream that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The bytes are not valid SSE/UTF-8, or the connection failed.
    #[error("reading the event stream: {0}")]
    Stream(String),
    /// An event's `data` is not the JSON its kind needs.
    #[error("event `{event}` has unexpected data: {message}")]
    Data {
        /// The event name.
        event: String,
        /// What went wrong.
        message: String,
    },
}

/// Parses a LangGraph `runs/stream` body.
pub fn parse_events<S, E>(bytes: S) -> impl Stream<Item = Result<StreamEvent, ParseError>>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    parse_identified(bytes).map(|event| event.map(|(_, event)| event))
}

/// Parses a `runs/stream` body with each event's SSE `id` (empty unless the run was created
/// with `stream_resumable`), for reconnecting with `Last-Event-ID`.
pub fn parse_identified<S, E>(
    bytes: S,
) -> impl Stream<Item = Result<(String, StreamEvent), ParseError>>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    bytes.eventsource().map(|event| match event {
        Ok(event) => StreamEvent::from_sse(&event.event, &event.data).map(|e| (event.id, e)),
        Err(error) => Err(ParseError::Stream(error.to_string())),
    })
}
