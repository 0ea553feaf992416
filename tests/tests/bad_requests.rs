//! The reference answers malformed bodies with a bare `500 Internal Server Error`. For the same
//! bodies (transcripts 34–38) we produce a typed decode error naming what is wrong; the server
//! turns it into a 400 with a JSON body.

use anyhow::{Context, Result};
use chatkit_sdk::{ChatKitRequest, DecodeErrorKind};
use chatkit_tests::transcript::Transcript;

#[test]
fn reference_bad_bodies_give_precise_decode_errors() -> Result<()> {
    let transcripts = Transcript::reference_raw()?;
    let expected = [
        ("34-bad-invalid-json", DecodeErrorKind::InvalidJson, None),
        (
            "35-bad-unknown-type",
            DecodeErrorKind::UnknownType,
            Some("type"),
        ),
        (
            "36-bad-missing-params",
            DecodeErrorKind::MissingField,
            Some("params"),
        ),
        (
            "37-bad-missing-input-fields",
            DecodeErrorKind::MissingField,
            Some("params.input.attachments"),
        ),
        ("38-bad-empty-body", DecodeErrorKind::EmptyBody, None),
    ];
    for (name, kind, path) in expected {
        let t = transcripts.iter().find(|t| t.name == name).context(name)?;
        assert_eq!(t.status, 500, "{name}: the reference's answer");
        let body = t.request.as_deref().unwrap_or_default();
        let error = ChatKitRequest::from_slice(body.as_bytes())
            .err()
            .with_context(|| format!("{name} decoded"))?;
        assert_eq!(error.kind(), kind, "{name}: {error}");
        assert_eq!(error.path(), path, "{name}: {error}");
    }
    Ok(())
}

#[test]
fn reference_semantic_errors_decode_fine() -> Result<()> {
    // 39–42 are well-formed requests that fail later (missing thread, non-user retry item): they
    // must decode, so the engine can answer 404/400 itself.
    let all = Transcript::reference_raw()?;
    let later: Vec<_> = all
        .iter()
        .filter(|t| {
            ["39-", "40-", "41-", "42-"]
                .iter()
                .any(|p| t.name.starts_with(p))
        })
        .collect();
    assert_eq!(later.len(), 4);
    for t in later {
        let body = t.request.as_deref().context("body")?;
        ChatKitRequest::from_slice(body.as_bytes()).with_context(|| t.name.clone())?;
    }
    Ok(())
}
