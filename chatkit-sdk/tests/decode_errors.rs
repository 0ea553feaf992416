//! Bad request bodies give a typed error that names the field, never a panic.

use chatkit_sdk::{ChatKitRequest, DecodeError, DecodeErrorKind, RequestParams};

fn decode_err(body: &str) -> DecodeError {
    match ChatKitRequest::from_slice(body.as_bytes()) {
        Ok(request) => panic!("accepted {body}: {request:?}"),
        Err(error) => error,
    }
}

#[track_caller]
fn check(body: &str, kind: DecodeErrorKind, path: Option<&str>, message_part: &str) {
    let error = decode_err(body);
    assert_eq!(error.kind(), kind, "{body}: {error}");
    assert_eq!(error.path(), path, "{body}: {error}");
    assert!(
        error.to_string().contains(message_part),
        "{body}: `{error}` lacks `{message_part}`"
    );
}

#[test]
fn empty_and_non_json_bodies() {
    check(
        "",
        DecodeErrorKind::EmptyBody,
        None,
        "request body is empty",
    );
    check(
        "  \n",
        DecodeErrorKind::EmptyBody,
        None,
        "request body is empty",
    );
    check(
        r#"{"type": "threads.list", "#,
        DecodeErrorKind::InvalidJson,
        None,
        "not valid JSON",
    );
    check(
        "nope",
        DecodeErrorKind::InvalidJson,
        None,
        "line 1 column 2",
    );
    let invalid_utf8 =
        ChatKitRequest::from_slice(b"{\"type\":\"threads.list\",\"params\":{\"after\":\"\xff\"}}");
    assert_eq!(
        invalid_utf8.err().map(|e| e.kind()),
        Some(DecodeErrorKind::InvalidJson)
    );
}

#[test]
fn non_object_bodies() {
    check("[]", DecodeErrorKind::NotAnObject, None, "found an array");
    check("42", DecodeErrorKind::NotAnObject, None, "found a number");
    check(
        "\"threads.list\"",
        DecodeErrorKind::NotAnObject,
        None,
        "found a string",
    );
    check("null", DecodeErrorKind::NotAnObject, None, "found null");
}

#[test]
fn missing_or_unknown_type() {
    check(
        r#"{"params":{}}"#,
        DecodeErrorKind::MissingField,
        Some("type"),
        "missing required field `type`",
    );
    check(
        r#"{"type":null,"params":{}}"#,
        DecodeErrorKind::MissingField,
        Some("type"),
        "`type`",
    );
    check(
        r#"{"type":7,"params":{}}"#,
        DecodeErrorKind::InvalidField,
        Some("type"),
        "expected a string, found a number",
    );
    check(
        r#"{"type":"threads.explode","params":{}}"#,
        DecodeErrorKind::UnknownType,
        Some("type"),
        "unknown request type `threads.explode`: expected one of threads.create,",
    );
}

#[test]
fn missing_params_and_fields_name_the_path() {
    check(
        r#"{"type":"threads.get_by_id"}"#,
        DecodeErrorKind::MissingField,
        Some("params"),
        "`params` for `threads.get_by_id`",
    );
    check(
        r#"{"type":"threads.get_by_id","params":null}"#,
        DecodeErrorKind::MissingField,
        Some("params"),
        "params",
    );
    check(
        r#"{"type":"threads.get_by_id","params":{}}"#,
        DecodeErrorKind::MissingField,
        Some("params.thread_id"),
        "missing required field `params.thread_id`",
    );
    check(
        r#"{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"x"}]}}}"#,
        DecodeErrorKind::MissingField,
        Some("params.input.attachments"),
        "`params.input.attachments`",
    );
    check(
        r#"{"type":"threads.add_client_tool_output","params":{"thread_id":"thr_1"}}"#,
        DecodeErrorKind::MissingField,
        Some("params.result"),
        "`params.result`",
    );
    check(
        r#"{"type":"threads.create","params":{"input":{"content":[{"type":"input_text"}],"attachments":[],"inference_options":{}}}}"#,
        DecodeErrorKind::MissingField,
        Some("params.input.content[0].text"),
        "`params.input.content[0].text`",
    );
}

#[test]
fn wrong_json_types_name_the_path() {
    check(
        r#"{"type":"threads.list","params":{"limit":"ten"}}"#,
        DecodeErrorKind::InvalidField,
        Some("params.limit"),
        "invalid type: string \"ten\"",
    );
    check(
        r#"{"type":"threads.list","params":{"limit":-1}}"#,
        DecodeErrorKind::InvalidField,
        Some("params.limit"),
        "invalid value",
    );
    check(
        r#"{"type":"threads.list","params":{"order":"sideways"}}"#,
        DecodeErrorKind::InvalidField,
        Some("params.order"),
        "unknown variant `sideways`, expected `asc` or `desc`",
    );
    check(
        r#"{"type":"threads.list","params":[]}"#,
        DecodeErrorKind::InvalidField,
        Some("params"),
        "expected an object, found an array",
    );
    check(
        r#"{"type":"items.feedback","params":{"thread_id":"t","item_ids":"msg_1","kind":"positive"}}"#,
        DecodeErrorKind::InvalidField,
        Some("params.item_ids"),
        "expected a sequence",
    );
    check(
        r#"{"type":"items.feedback","params":{"thread_id":"t","item_ids":[],"kind":"meh"}}"#,
        DecodeErrorKind::InvalidField,
        Some("params.kind"),
        "`positive` or `negative`",
    );
    check(
        r#"{"type":"threads.create","params":{"input":{"content":[{"type":"input_video"}],"attachments":[],"inference_options":{}}}}"#,
        DecodeErrorKind::InvalidField,
        Some("params.input.content[0].type"),
        "unknown variant `input_video`",
    );
    check(
        r#"{"type":"threads.list","params":{},"metadata":[1]}"#,
        DecodeErrorKind::InvalidField,
        Some("metadata"),
        "expected an object, found an array",
    );
    // An object that does not read says why (it used to say "expected an object, found an
    // object").
    check(
        r#"{"type":"threads.list","params":{},"metadata":{"n":1e400}}"#,
        DecodeErrorKind::InvalidField,
        Some("metadata"),
        "invalid `metadata`: number out of range",
    );
}

#[test]
fn unknown_keys_are_ignored_and_metadata_kept() {
    let body = r#"{"type":"threads.custom_action","params":{"thread_id":"thr_1","action":{"type":"go","handler":"client","loadingBehavior":"self"},"future":1},"metadata":{"trace":"abc"},"extra":true}"#;
    let request = ChatKitRequest::from_slice(body.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        request.metadata.get("trace").and_then(|v| v.as_str()),
        Some("abc")
    );
    let RequestParams::ThreadsCustomAction(params) = request.params else {
        panic!("wrong type")
    };
    assert_eq!(params.action.kind, "go");
    assert!(params.action.payload.is_null());
    assert!(params.item_id.is_none());
}

#[test]
fn null_tool_output_is_accepted() {
    let body =
        r#"{"type":"threads.add_client_tool_output","params":{"thread_id":"thr_1","result":null}}"#;
    assert!(ChatKitRequest::from_slice(body.as_bytes()).is_ok());
}

#[test]
fn serde_deserialize_agrees_with_from_slice() {
    // The derived `Deserialize` (for callers who embed requests in their own types) accepts
    // what `from_slice` accepts.
    for body in [
        r#"{"type":"threads.list","params":{"limit":2,"order":"asc"}}"#,
        r#"{"type":"input.transcribe","params":{"audio_base64":"AA==","mime_type":"audio/webm"},"metadata":{"a":1}}"#,
    ] {
        let ours = ChatKitRequest::from_slice(body.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let serde: ChatKitRequest = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ours, serde);
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic fuzz: every prefix of a valid body, and every single-byte mutation.
    let body = br#"{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"hi"}],"attachments":[],"inference_options":{"model":"m"}}},"metadata":{}}"#;
    for end in 0..body.len() {
        let _ = ChatKitRequest::from_slice(&body[..end]);
    }
    for i in 0..body.len() {
        for byte in [b'"', b'{', b'}', b'[', b'0', b'n', 0xff, b' '] {
            let mut mutated = body.to_vec();
            mutated[i] = byte;
            let _ = ChatKitRequest::from_slice(&mutated);
        }
    }
}
