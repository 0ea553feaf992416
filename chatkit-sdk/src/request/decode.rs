//! Decoding request bodies with errors that say *where* the body is wrong.
//!
//! The reference answers every malformed body with a bare `500 Internal Server Error`. We decode
//! in two steps — the envelope (`type`, `params`, `metadata`), then the params of that type with
//! path tracking — so every error names the field: `params.input.attachments`, `type`, … The
//! HTTP layer turns a [`DecodeError`] into a 400 with a JSON body.

use std::fmt;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Map;
use serde_json::value::RawValue;

use super::{ChatKitRequest, RequestParams, RequestType};

/// Why a request body was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DecodeError {
    kind: DecodeErrorKind,
    path: Option<String>,
    message: String,
}

/// The class of a [`DecodeError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is empty.
    EmptyBody,
    /// The body is not JSON (or not UTF-8).
    InvalidJson,
    /// The body is JSON but not an object.
    NotAnObject,
    /// A required field is missing (`path` names it).
    MissingField,
    /// `type` names no request type.
    UnknownType,
    /// A field has the wrong JSON type or value (`path` names it).
    InvalidField,
}

impl DecodeError {
    /// The class of error.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// The dotted path of the offending field (`params.input.content[0].text`), if any.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The human-readable message (also the `Display` form).
    pub fn message(&self) -> &str {
        &self.message
    }

    fn new(kind: DecodeErrorKind, path: Option<String>, message: String) -> Self {
        DecodeError {
            kind,
            path,
            message,
        }
    }
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecodeErrorKind::EmptyBody => "empty_body",
            DecodeErrorKind::InvalidJson => "invalid_json",
            DecodeErrorKind::NotAnObject => "not_an_object",
            DecodeErrorKind::MissingField => "missing_field",
            DecodeErrorKind::UnknownType => "unknown_type",
            DecodeErrorKind::InvalidField => "invalid_field",
        })
    }
}

/// The top level of a request, with the parts left raw until `type` is known.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<&'a RawValue>,
    #[serde(borrow, default)]
    params: Option<&'a RawValue>,
    #[serde(borrow, default)]
    metadata: Option<&'a RawValue>,
}

pub(super) fn request(body: &[u8]) -> Result<ChatKitRequest, DecodeError> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let Some(&first) = first else {
        return Err(DecodeError::new(
            DecodeErrorKind::EmptyBody,
            None,
            "request body is empty: expected a JSON object like \
             {\"type\": \"threads.list\", \"params\": {}}"
                .to_owned(),
        ));
    };
    if first != b'{' {
        return Err(
            match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
                Ok(_) => DecodeError::new(
                    DecodeErrorKind::NotAnObject,
                    None,
                    format!(
                        "request body must be a JSON object, found {}",
                        json_kind_of(body)
                    ),
                ),
                Err(error) => DecodeError::new(
                    DecodeErrorKind::InvalidJson,
                    None,
                    format!("request body is not valid JSON: {error}"),
                ),
            },
        );
    }
    let envelope: Envelope<'_> = serde_json::from_slice(body).map_err(|error| {
        if error.is_data() {
            DecodeError::new(
                DecodeErrorKind::InvalidField,
                None,
                format!("invalid request: {}", message_of(&error)),
            )
        } else {
            DecodeError::new(
                DecodeErrorKind::InvalidJson,
                None,
                format!("request body is not valid JSON: {error}"),
            )
        }
    })?;

    let request_type = request_type(envelope.kind)?;
    let Some(params) = envelope.params.filter(|raw| raw.get() != "null") else {
        return Err(DecodeError::new(
            DecodeErrorKind::MissingField,
            Some("params".to_owned()),
            format!("missing required field `params` for `{request_type}`"),
        ));
    };
    if !params.get().starts_with('{') {
        return Err(DecodeError::new(
            DecodeErrorKind::InvalidField,
            Some("params".to_owned()),
            format!(
                "invalid `params`: expected an object, found {}",
                json_kind_of(params.get().as_bytes())
            ),
        ));
    }
    let params = RequestParams::decode(request_type, params.get())?;
    let metadata = match envelope.metadata.filter(|raw| raw.get() != "null") {
        None => Map::new(),
        Some(raw) => serde_json::from_str(raw.get()).map_err(|error| {
            let found = json_kind_of(raw.get().as_bytes());
            // An object that still does not read (nested too deep): say why, not its kind.
            let message = if raw.get().starts_with('{') {
                format!("invalid `metadata`: {}", message_of(&error))
            } else {
                format!("invalid `metadata`: expected an object, found {found}")
            };
            DecodeError::new(
                DecodeErrorKind::InvalidField,
                Some("metadata".to_owned()),
                message,
            )
        })?,
    };
    Ok(ChatKitRequest { params, metadata })
}

fn request_type(raw: Option<&RawValue>) -> Result<RequestType, DecodeError> {
    let Some(raw) = raw.filter(|raw| raw.get() != "null") else {
        return Err(DecodeError::new(
            DecodeErrorKind::MissingField,
            Some("type".to_owned()),
            format!(
                "missing required field `type`: expected one of {}",
                type_list()
            ),
        ));
    };
    let name: String = serde_json::from_str(raw.get()).map_err(|_| {
        DecodeError::new(
            DecodeErrorKind::InvalidField,
            Some("type".to_owned()),
            format!(
                "invalid `type`: expected a string, found {}",
                json_kind_of(raw.get().as_bytes())
            ),
        )
    })?;
    RequestType::from_name(&name).ok_or_else(|| {
        DecodeError::new(
            DecodeErrorKind::UnknownType,
            Some("type".to_owned()),
            format!(
                "unknown request type `{name}`: expected one of {}",
                type_list()
            ),
        )
    })
}

/// Decodes the params of a known request type, with the path of any error.
pub(super) fn params<P: DeserializeOwned>(raw: &str) -> Result<P, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_str(raw);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let mut path = String::from("params");
        for segment in error.path().iter() {
            use serde_path_to_error::Segment;
            match segment {
                Segment::Seq { index } => path.push_str(&format!("[{index}]")),
                Segment::Map { key } => {
                    path.push('.');
                    path.push_str(key);
                }
                Segment::Enum { .. } | Segment::Unknown => {}
            }
        }
        let message = message_of(error.inner());
        match missing_field_name(&message) {
            Some(field) => {
                let path = format!("{path}.{field}");
                DecodeError::new(
                    DecodeErrorKind::MissingField,
                    Some(path.clone()),
                    format!("missing required field `{path}`"),
                )
            }
            None => DecodeError::new(
                DecodeErrorKind::InvalidField,
                Some(path.clone()),
                format!("invalid `{path}`: {message}"),
            ),
        }
    })
}

/// serde_json's message without its " at line L column C" suffix.
fn message_of(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match full.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => full,
    }
}

fn missing_field_name(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
}

/// What kind of JSON value (already known to be valid) starts with this byte.
fn json_kind_of(json: &[u8]) -> &'static str {
    match json.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(_) => "a number",
        None => "nothing",
    }
}

fn type_list() -> String {
    RequestType::ALL
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
