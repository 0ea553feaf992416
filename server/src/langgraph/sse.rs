//! SSE bytes → [`StreamEvent`]s: CR, LF and CRLF line ends (a CRLF split across chunks too),
//! comments (heartbeats) ignored, multi-line `data`, the last `id` kept, UTF-8 checked per line.
//!
//! Our own parser, because the crates at hand search the whole buffered line again on every
//! chunk (an 8 MiB line from the upstream cost ~20 s of CPU) and none caps an event's size:
//! here each byte is searched once and copied at most once, and an event larger than the limit
//! ends the stream with [`ParseError::TooLarge`].

use bytes::Bytes;
use futures::{Stream, StreamExt};

use super::event::StreamEvent;

/// The default largest event (all its lines) accepted from LangGraph: 16 MiB.
pub const MAX_EVENT_BYTES: usize = 16 * 1024 * 1024;

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
    /// An event is larger than the limit.
    #[error("an event is larger than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

/// One event as the stream spelled it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawEvent {
    /// `event:` (empty: none given).
    pub event: String,
    /// The `data:` lines joined with `\n`.
    pub data: String,
    /// The last `id:` seen in the stream so far.
    pub id: String,
}

/// The incremental parser.
#[derive(Debug)]
pub struct SseParser {
    /// The bytes of the line being read (only when it spans chunks).
    line: Vec<u8>,
    /// The previous chunk ended with CR: an LF starting the next one ends nothing more.
    after_cr: bool,
    event: String,
    data: String,
    has_data: bool,
    last_id: String,
    /// The size of the event being read, its unfinished line included.
    size: usize,
    limit: usize,
    /// Bytes searched for line ends, for tests that check the work is linear.
    pub searched: u64,
    failed: bool,
}

impl SseParser {
    /// A parser refusing events over `limit` bytes.
    pub fn new(limit: usize) -> Self {
        SseParser {
            line: Vec::new(),
            after_cr: false,
            event: String::new(),
            data: String::new(),
            has_data: false,
            last_id: String::new(),
            size: 0,
            limit,
            searched: 0,
            failed: false,
        }
    }

    /// The events a chunk completes. After an error it reads nothing more.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<Result<RawEvent, ParseError>> {
        let mut out = Vec::new();
        if self.failed {
            return out;
        }
        let mut start = 0;
        if self.after_cr && chunk.first() == Some(&b'\n') {
            start = 1;
        }
        self.after_cr = false;
        while start < chunk.len() {
            let rest = &chunk[start..];
            let Some(at) = memchr::memchr2(b'\n', b'\r', rest) else {
                self.searched += rest.len() as u64;
                self.size += rest.len();
                if self.size > self.limit {
                    self.fail(ParseError::TooLarge { limit: self.limit }, &mut out);
                    return out;
                }
                self.line.extend_from_slice(rest);
                break;
            };
            self.searched += at as u64 + 1;
            let end = start + at;
            self.size += at + 1;
            if self.size > self.limit {
                self.fail(ParseError::TooLarge { limit: self.limit }, &mut out);
                return out;
            }
            let result = if self.line.is_empty() {
                self.line_done(&chunk[start..end], &mut out)
            } else {
                let mut line = std::mem::take(&mut self.line);
                line.extend_from_slice(&chunk[start..end]);
                let result = self.line_done(&line, &mut out);
                line.clear();
                self.line = line;
                result
            };
            if let Err(error) = result {
                self.fail(error, &mut out);
                return out;
            }
            start = end + 1;
            if chunk[end] == b'\r' {
                match chunk.get(start) {
                    Some(b'\n') => start += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
        }
        out
    }

    fn fail(&mut self, error: ParseError, out: &mut Vec<Result<RawEvent, ParseError>>) {
        self.failed = true;
        self.line = Vec::new();
        self.data = String::new();
        out.push(Err(error));
    }

    /// One whole line.
    fn line_done(
        &mut self,
        line: &[u8],
        out: &mut Vec<Result<RawEvent, ParseError>>,
    ) -> Result<(), ParseError> {
        if line.is_empty() {
            if self.has_data {
                if self.data.ends_with('\n') {
                    self.data.pop();
                }
                out.push(Ok(RawEvent {
                    event: std::mem::take(&mut self.event),
                    data: std::mem::take(&mut self.data),
                    id: self.last_id.clone(),
                }));
            }
            self.event.clear();
            self.data.clear();
            self.has_data = false;
            self.size = 0;
            return Ok(());
        }
        if line[0] == b':' {
            return Ok(());
        }
        let line = std::str::from_utf8(line)
            .map_err(|e| ParseError::Stream(format!("a line is not UTF-8: {e}")))?;
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "id" if !value.contains('\0') => value.clone_into(&mut self.last_id),
            _ => {}
        }
        Ok(())
    }
}

/// Parses a LangGraph `runs/stream` body (with the default event limit).
pub fn parse_events<S, E>(bytes: S) -> impl Stream<Item = Result<StreamEvent, ParseError>> + Unpin
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    Box::pin(parse_identified(bytes, MAX_EVENT_BYTES)).map(|event| event.map(|(_, event)| event))
}

/// Parses a `runs/stream` body with each event's SSE `id` (empty unless the run was created
/// with `stream_resumable`), for reconnecting with `Last-Event-ID`; an event over `limit` bytes
/// ends it with [`ParseError::TooLarge`].
pub fn parse_identified<S, E>(
    mut bytes: S,
    limit: usize,
) -> impl Stream<Item = Result<(String, StreamEvent), ParseError>>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    async_stream::stream! {
        let mut parser = SseParser::new(limit);
        while let Some(chunk) = bytes.next().await {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(error) => {
                    yield Err(ParseError::Stream(error.to_string()));
                    return;
                }
            };
            for event in parser.feed(&chunk) {
                match event {
                    Ok(raw) => yield StreamEvent::from_sse(&raw.event, &raw.data).map(|e| (raw.id, e)),
                    Err(error) => {
                        yield Err(error);
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(chunks: &[&[u8]]) -> Vec<RawEvent> {
        let mut parser = SseParser::new(MAX_EVENT_BYTES);
        chunks
            .iter()
            .flat_map(|c| parser.feed(c))
            .map(|e| e.unwrap_or_else(|e| panic!("{e}")))
            .collect()
    }

    fn event(event: &str, data: &str, id: &str) -> RawEvent {
        RawEvent {
            event: event.into(),
            data: data.into(),
            id: id.into(),
        }
    }

    #[test]
    fn every_line_end_and_every_split_reads_the_same() {
        let text = b"event: metadata\r\ndata: {\"a\":1}\r\nid: 7\r\n\r\n: heartbeat\n\nevent: values\rdata: x\rdata: y\r\r";
        let expected = vec![
            event("metadata", "{\"a\":1}", "7"),
            event("values", "x\ny", "7"),
        ];
        assert_eq!(all(&[text]), expected);
        for split in 1..text.len() {
            let (a, b) = text.split_at(split);
            assert_eq!(all(&[a, b]), expected, "split at {split}");
        }
        let bytes: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(all(&bytes), expected, "one byte at a time");
    }

    #[test]
    fn fields_follow_the_spec() {
        let got = all(&[b"data\n\ndata:no space\nretry: 5\nfoo: bar\n\nevent: e\n\n"]);
        // An event without data is not dispatched.
        assert_eq!(got, vec![event("", "", ""), event("", "no space", "")]);
    }

    #[test]
    fn a_long_line_is_searched_once_and_an_event_over_the_limit_ends_the_stream() {
        let mut parser = SseParser::new(MAX_EVENT_BYTES);
        let line = vec![b'x'; 8 * 1024 * 1024];
        assert!(parser.feed(b"data: ").is_empty());
        for piece in line.chunks(4096) {
            assert!(parser.feed(piece).is_empty());
        }
        let events = parser.feed(b"\n\n");
        assert_eq!(events.len(), 1);
        // Each byte was searched once: 8 MiB plus the few framing bytes, not 8 MiB × chunks.
        assert!(
            parser.searched <= 8 * 1024 * 1024 + 16,
            "{}",
            parser.searched
        );

        let mut parser = SseParser::new(1024);
        let mut errors = Vec::new();
        for _ in 0..10 {
            errors.extend(
                parser
                    .feed(&[b'y'; 200])
                    .into_iter()
                    .filter_map(Result::err),
            );
        }
        assert!(
            matches!(errors.as_slice(), [ParseError::TooLarge { limit: 1024 }]),
            "{errors:?}"
        );
        assert!(
            parser.feed(b"\n\ndata: more\n\n").is_empty(),
            "nothing after the error"
        );
        // Many small lines count towards the event too.
        let mut parser = SseParser::new(1024);
        let lines = "data: 0123456789\n".repeat(100);
        let errors: Vec<_> = parser
            .feed(lines.as_bytes())
            .into_iter()
            .filter_map(Result::err)
            .collect();
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn bad_utf8_is_an_error() {
        let mut parser = SseParser::new(MAX_EVENT_BYTES);
        let events = parser.feed(b"data: \xff\xfe\n\n");
        assert!(
            matches!(events.as_slice(), [Err(ParseError::Stream(_))]),
            "{events:?}"
        );
    }
}
