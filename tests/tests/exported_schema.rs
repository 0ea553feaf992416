//! Our exported schemas (schema/*.schema.json) describe what we actually put on the wire: every
//! reference transcript document validates against protocol.schema.json, and every widget
//! (transcripts and the builder gallery) against widgets.schema.json.

use anyhow::{Context, Result, anyhow};
use chatkit_tests::gallery::gallery;
use chatkit_tests::transcript::Transcript;
use serde_json::{Value, json};

fn load(file: &str) -> Result<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schema")
        .join(file);
    Ok(serde_json::from_str(
        &std::fs::read_to_string(&path).with_context(|| path.display().to_string())?,
    )?)
}

/// A validator for one definition of a schema file.
fn validator(file: &str, def: &str) -> Result<jsonschema::Validator> {
    let schema = load(file)?;
    let wrapped = json!({"$ref": format!("#/$defs/{def}"), "$defs": schema["$defs"]});
    jsonschema::validator_for(&wrapped).map_err(|e| anyhow!("{file}#{def}: {e}"))
}

fn check(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn transcripts_validate_against_the_protocol_schema() -> Result<()> {
    let file = "protocol.schema.json";
    let events = validator(file, "ThreadStreamEvent")?;
    let request = validator(file, "ChatKitRequest")?;
    let mut checked = 0;
    for t in Transcript::reference_raw()?
        .iter()
        .filter(|t| t.status == 200)
    {
        let body = t.request.as_deref().context("request")?;
        check(
            &request,
            &serde_json::from_str(body)?,
            &format!("{} request", t.name),
        );
        if t.is_sse() {
            for payload in t.sse_payloads() {
                check(
                    &events,
                    &serde_json::from_str(payload)?,
                    &format!("{} event", t.name),
                );
                checked += 1;
            }
            continue;
        }
        let def = match t.request_type().as_deref() {
            Some("threads.get_by_id" | "threads.update") => "Thread",
            Some("threads.list") => "PageThread",
            Some("items.list") => "PageThreadItem",
            Some("attachments.create") => "Attachment",
            Some("input.transcribe") => "TranscriptionResult",
            Some("threads.sync_custom_action") => "SyncCustomActionResponse",
            _ => continue,
        };
        check(
            &validator(file, def)?,
            &serde_json::from_str(&t.body)?,
            &format!("{} response", t.name),
        );
        checked += 1;
    }
    assert!(checked > 130, "only {checked} documents checked");
    Ok(())
}

#[test]
fn the_protocol_schema_rejects_wrong_documents() -> Result<()> {
    let events = validator("protocol.schema.json", "ThreadStreamEvent")?;
    for bad in [
        json!({"type": "thread.item.delta", "item_id": "x"}),
        json!({"type": "thread.item.done"}),
        json!({"type": "error", "code": "boom"}),
        json!({"type": "thread.item.done", "item": {"id": "m", "thread_id": "t", "created_at": "2025-01-01T00:00:00", "type": "user_message"}}),
    ] {
        assert!(!events.is_valid(&bad), "accepted {bad}");
    }
    Ok(())
}

#[test]
fn widgets_validate_against_the_widgets_schema() -> Result<()> {
    let roots = validator("widgets.schema.json", "WidgetRoot")?;
    for (name, root) in gallery() {
        check(&roots, &serde_json::to_value(&root)?, name);
    }
    let bad = json!({"type": "Card", "children": [{"type": "Button", "color": "purple"}]});
    assert!(
        !roots.is_valid(&bad),
        "our schema is strict about known components"
    );
    Ok(())
}
