//! Every JSON body and every SSE event of the reference transcripts decodes into our types and
//! encodes back to the *identical bytes* (key order, null omission, defaults, timestamps, UTF-8).

use anyhow::{Context, Result, bail};
use chatkit_sdk::{
    Attachment, ChatKitRequest, EmptyResponse, Page, SyncCustomActionResponse, Thread, ThreadItem,
    ThreadStreamEvent, TranscriptionResult,
};
use chatkit_tests::transcript::Transcript;
use pretty_assertions::assert_eq;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes `raw` as `T` and checks the re-encoding is byte-identical.
fn roundtrip<T: DeserializeOwned + Serialize>(raw: &str, what: &str) -> Result<()> {
    let value: T = serde_json::from_str(raw).with_context(|| format!("decoding {what}: {raw}"))?;
    let encoded = serde_json::to_string(&value)?;
    assert_eq!(encoded, raw, "{what} did not round-trip byte-for-byte");
    Ok(())
}

fn response_roundtrip(t: &Transcript, request_type: &str) -> Result<()> {
    let what = format!("{} response", t.name);
    match request_type {
        "threads.get_by_id" | "threads.update" => roundtrip::<Thread>(&t.body, &what),
        "threads.list" => roundtrip::<Page<Thread>>(&t.body, &what),
        "items.list" => roundtrip::<Page<ThreadItem>>(&t.body, &what),
        "threads.delete" | "items.feedback" | "attachments.delete" => {
            roundtrip::<EmptyResponse>(&t.body, &what)
        }
        "attachments.create" => roundtrip::<Attachment>(&t.body, &what),
        "input.transcribe" => roundtrip::<TranscriptionResult>(&t.body, &what),
        "threads.sync_custom_action" => roundtrip::<SyncCustomActionResponse>(&t.body, &what),
        other => bail!("{}: no JSON response type for `{other}`", t.name),
    }
}

/// Every key/value of `sent` is in `encoded` (which may add the defaults the client left out).
fn assert_contains(encoded: &serde_json::Value, sent: &serde_json::Value, name: &str) {
    use serde_json::Value;
    match (encoded, sent) {
        (Value::Object(ours), Value::Object(theirs)) => {
            for (key, value) in theirs {
                let Some(mine) = ours.get(key) else {
                    panic!("{name}: request lost `{key}`");
                };
                assert_contains(mine, value, name);
            }
        }
        (Value::Array(ours), Value::Array(theirs)) => {
            assert_eq!(ours.len(), theirs.len(), "{name}: array length");
            for (mine, value) in ours.iter().zip(theirs) {
                assert_contains(mine, value, name);
            }
        }
        _ => assert_eq!(encoded, sent, "{name}: request value"),
    }
}

#[test]
fn every_success_body_and_event_roundtrips_byte_for_byte() -> Result<()> {
    let transcripts = Transcript::reference_raw()?;
    assert_eq!(transcripts.len(), 43, "the reference run has 43 steps");

    let (mut requests, mut events, mut json_bodies) = (0, 0, 0);
    for t in transcripts.iter().filter(|t| t.status == 200) {
        let body = t
            .request
            .as_deref()
            .context("a 200 step has a request body")?;
        let request = ChatKitRequest::from_slice(body.as_bytes())
            .with_context(|| format!("{}: decoding the request", t.name))?;
        // Requests come from Python's json.dumps (with spaces) and leave defaults out, so check
        // that our encoding keeps everything sent and decodes back to the same request.
        let sent: serde_json::Value = serde_json::from_str(body)?;
        let encoded = serde_json::to_value(&request)?;
        assert_contains(&encoded, &sent, &t.name);
        let again = ChatKitRequest::from_slice(encoded.to_string().as_bytes())?;
        assert_eq!(again, request, "{}: request re-decodes", t.name);
        assert_eq!(request.is_streaming(), t.is_sse(), "{}: streaming", t.name);
        requests += 1;

        if t.is_sse() {
            for (n, payload) in t.sse_payloads().into_iter().enumerate() {
                roundtrip::<ThreadStreamEvent>(payload, &format!("{} event {}", t.name, n + 1))?;
                events += 1;
            }
        } else {
            response_roundtrip(t, request.request_type().as_str())?;
            json_bodies += 1;
        }
    }
    // The run's fixed shape: if these drop, the loop above silently skipped something.
    assert_eq!(requests, 35, "successful steps");
    assert_eq!(events, 125, "SSE events checked");
    assert_eq!(json_bodies, 19, "JSON responses checked");
    Ok(())
}

#[test]
fn sse_frames_are_rebuilt_exactly() -> Result<()> {
    for t in Transcript::reference_raw()?
        .iter()
        .filter(|t| t.is_sse() && t.status == 200)
    {
        let mut rebuilt = String::new();
        for payload in t.sse_payloads() {
            let event: ThreadStreamEvent = serde_json::from_str(payload)?;
            rebuilt.push_str(&chatkit_sdk::sse_frame(&event)?);
        }
        // The transcript file drops the final newline of the body.
        assert_eq!(rebuilt.trim_end_matches('\n'), t.body, "{}", t.name);
    }
    Ok(())
}
