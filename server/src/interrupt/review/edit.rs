//! The arguments of an edit, typed as the tool takes them.

use serde_json::{Map, Value};

use super::ReviewAction;
use crate::interrupt::BadAnswer;

/// The arguments of an edit: each `arg_i_NAME` field typed as the schema (or the original
/// value) says; arguments not sent, or sent as shown (unchanged), keep their value exactly;
/// unknown ones are refused.
pub(super) fn edited(
    index: usize,
    action: &ReviewAction,
    payload: &Map<String, Value>,
) -> Result<Value, BadAnswer> {
    let prefix = format!("arg_{index}_");
    let mut args = action.args.clone();
    for (key, raw) in payload {
        let Some(name) = key.strip_prefix(&prefix) else {
            continue;
        };
        let declared = action
            .schema
            .as_ref()
            .and_then(|s| s.get(name))
            .and_then(|p| p.get("type"))
            .and_then(Value::as_str);
        let original = action.args.get(name);
        if declared.is_none() && original.is_none() {
            return Err(BadAnswer(format!(
                "`{name}` is not an argument of `{}`.",
                action.name
            )));
        }
        if let (Some(original), Some(sent)) = (original, raw.as_str())
            && crate::widgets::text(original) == sent
        {
            continue;
        }
        let kind = declared.unwrap_or(match original {
            Some(Value::String(_)) => "string",
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => "integer",
            Some(Value::Number(_)) => "number",
            Some(Value::Bool(_)) => "boolean",
            Some(Value::Array(_)) => "array",
            Some(Value::Object(_)) => "object",
            _ => "json",
        });
        let value = typed(raw, kind).map_err(|expected| {
            BadAnswer(format!("`{name}` of `{}` must be {expected}.", action.name))
        })?;
        args.insert(name.to_owned(), value);
    }
    Ok(Value::Object(args))
}

/// Whether a JSON value is of a JSON-schema type (`json`: any).
fn is_kind(value: &Value, kind: &str) -> bool {
    match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        _ => true,
    }
}

/// What a value of a kind must be, in words.
fn expected(kind: &str) -> &'static str {
    match kind {
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "object" => "a JSON object",
        "array" => "a JSON list",
        "null" => "null",
        _ => "JSON",
    }
}

/// A form value as the JSON type an argument has.
fn typed(raw: &Value, kind: &str) -> Result<Value, &'static str> {
    let Some(text) = raw.as_str() else {
        // Sent as JSON already (not by a form): it must be of the argument's type.
        return if is_kind(raw, kind) {
            Ok(raw.clone())
        } else {
            Err(expected(kind))
        };
    };
    let text = text.trim();
    match kind {
        "string" => Ok(Value::String(raw.as_str().unwrap_or_default().to_owned())),
        "integer" => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| "a whole number"),
        "number" => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or("a number"),
        "boolean" => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err("true or false"),
        },
        _ => serde_json::from_str(text)
            .ok()
            .filter(|value| is_kind(value, kind))
            .ok_or(expected(kind)),
    }
}
