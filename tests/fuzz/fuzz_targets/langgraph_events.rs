//! Any LangGraph `runs/stream` body, cut into chunks anywhere: the SSE parser finds the same
//! events (or the same error) whatever the cuts, never panics and stops at its event limit; the
//! events go through the turn accumulator and the ChatKit mapper, whose events all encode.
//!
//! The first byte chooses the chunk size; the rest is the body.
#![no_main]

use chatkit_server::adapter::Mapper;
use chatkit_server::langgraph::{ParseError, RawEvent, SseParser, StreamEvent, Turn};
use libfuzzer_sys::fuzz_target;

/// Small, so that bodies of libFuzzer's sizes reach it.
const LIMIT: usize = 2048;

fn parse(body: &[u8], chunk: usize) -> Vec<Result<RawEvent, String>> {
    let mut parser = SseParser::new(LIMIT);
    let mut events = Vec::new();
    for piece in body.chunks(chunk) {
        events.extend(
            parser
                .feed(piece)
                .into_iter()
                .map(|e| e.map_err(|e: ParseError| e.to_string())),
        );
    }
    assert!(
        parser.searched <= body.len() as u64,
        "searched {} bytes of {}",
        parser.searched,
        body.len()
    );
    events
}

fuzz_target!(|data: &[u8]| {
    let Some((&cut, body)) = data.split_first() else {
        return;
    };
    let whole = parse(body, body.len().max(1));
    let chunked = parse(body, usize::from(cut % 64) + 1);
    assert_eq!(whole, chunked, "the cuts changed what was parsed");

    let mut turn = Turn::new();
    let mut mapper = Mapper::new("thr_fuzz");
    let mut updates = Vec::new();
    for raw in whole {
        let Ok(raw) = raw else { break };
        if let Ok(event) = StreamEvent::from_sse(&raw.event, &raw.data) {
            updates.extend(turn.push(&event));
        }
    }
    updates.extend(turn.finish());
    let mut events = Vec::new();
    for update in updates {
        if let Ok(mapped) = mapper.map(update) {
            events.extend(mapped);
        }
    }
    events.extend(mapper.finish());
    for event in &events {
        serde_json::to_vec(event).expect("a mapped event encodes");
    }
});
