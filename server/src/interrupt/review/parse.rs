//! Reading the review conventions out of an interrupt's value (and its answer schema).

use serde_json::{Map, Value};

use super::{Decision, Flavor, Review, ReviewAction};

fn args_of(value: &Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map.clone(),
        Value::Null => Map::new(),
        other => Map::from_iter([("value".to_owned(), other.clone())]),
    }
}

fn extra(object: &Map<String, Value>, known: &[&str]) -> Vec<(String, Value)> {
    object
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

impl Review {
    /// The actions of a value in any of the conventions; `schema` is the answer's JSON schema
    /// when the interrupt has one.
    pub fn parse(value: &Value, schema: Option<&Value>) -> Option<Review> {
        match value {
            Value::Object(object)
                if object.get("type").and_then(Value::as_str) == Some("tool_approval") =>
            {
                Self::per_call(object, schema)
            }
            Value::Object(object) if object.contains_key("action_requests") => {
                Self::middleware(object)
            }
            Value::Object(object) if object.contains_key("action_request") => {
                let action = Self::inbox_action(object)?;
                Some(Review {
                    flavor: Flavor::Inbox { list: false },
                    actions: vec![action],
                    extra: Vec::new(),
                })
            }
            Value::Array(items) if !items.is_empty() => {
                let actions = items
                    .iter()
                    .map(|item| item.as_object().and_then(Self::inbox_action))
                    .collect::<Option<Vec<_>>>()?;
                Some(Review {
                    flavor: Flavor::Inbox { list: true },
                    actions,
                    extra: Vec::new(),
                })
            }
            _ => None,
        }
    }

    fn middleware(object: &Map<String, Value>) -> Option<Review> {
        let requests = object.get("action_requests")?.as_array()?;
        let configs = object
            .get("review_configs")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let actions = requests
            .iter()
            .enumerate()
            .map(|(index, request)| {
                let name = request.get("name")?.as_str()?.to_owned();
                // One config per request, in order; else the first for the tool.
                let names =
                    |c: &&Value| c.get("action_name").and_then(Value::as_str) == Some(&name);
                let config = configs
                    .get(index)
                    .filter(names)
                    .or_else(|| configs.iter().find(names));
                let allowed: Vec<Decision> = match config
                    .and_then(|c| c.get("allowed_decisions"))
                    .and_then(Value::as_array)
                {
                    Some(listed) => listed
                        .iter()
                        .filter_map(Value::as_str)
                        .filter_map(|d| Decision::from_wire(d, Flavor::Middleware))
                        .collect(),
                    None => vec![Decision::Approve, Decision::Edit, Decision::Reject],
                };
                let schema = config
                    .and_then(|c| c.get("args_schema"))
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .cloned();
                Some(ReviewAction {
                    name,
                    description: request
                        .get("description")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    args: args_of(request.get("args").unwrap_or(&Value::Null)),
                    allowed,
                    schema,
                    call_id: None,
                    extra: request
                        .as_object()
                        .map(|r| extra(r, &["name", "args", "description"]))
                        .unwrap_or_default(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Review {
            flavor: Flavor::Middleware,
            actions,
            extra: extra(object, &["action_requests", "review_configs"]),
        })
    }

    fn per_call(object: &Map<String, Value>, schema: Option<&Value>) -> Option<Review> {
        let name = object.get("name")?.as_str()?.to_owned();
        let allowed = schema.map(allowed_by_schema).unwrap_or_default();
        let allowed = if allowed.is_empty() {
            vec![
                Decision::Approve,
                Decision::Edit,
                Decision::Reject,
                Decision::Respond,
            ]
        } else {
            allowed
        };
        let action = ReviewAction {
            name,
            description: object
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            args: args_of(object.get("args").unwrap_or(&Value::Null)),
            allowed,
            schema: schema.and_then(edited_args_schema),
            extra: Vec::new(),
            call_id: object
                .get("tool_call_id")
                .and_then(Value::as_str)
                .map(str::to_owned),
        };
        Some(Review {
            flavor: Flavor::PerCall,
            actions: vec![action],
            extra: extra(
                object,
                &["type", "tool_call_id", "name", "args", "description"],
            ),
        })
    }

    fn inbox_action(object: &Map<String, Value>) -> Option<ReviewAction> {
        let request = object.get("action_request")?.as_object()?;
        let name = request.get("action")?.as_str()?.to_owned();
        let config = object.get("config").and_then(Value::as_object);
        let allows = |key: &str| {
            config
                .and_then(|c| c.get(key))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let allowed = [
            ("allow_accept", Decision::Approve),
            ("allow_edit", Decision::Edit),
            ("allow_respond", Decision::Respond),
            ("allow_ignore", Decision::Ignore),
        ]
        .into_iter()
        .filter(|(key, _)| allows(key))
        .map(|(_, d)| d)
        .collect();
        Some(ReviewAction {
            name,
            description: object
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            args: args_of(request.get("args").unwrap_or(&Value::Null)),
            allowed,
            schema: None,
            call_id: None,
            extra: {
                let mut keys = extra(object, &["action_request", "config", "description"]);
                keys.extend(extra(request, &["action", "args"]));
                keys
            },
        })
    }
}

/// The decisions a per-call answer schema allows: the discriminator's mapping, the `type`
/// constants of its `oneOf`, or the one decision object it is.
fn allowed_by_schema(schema: &Value) -> Vec<Decision> {
    let mut names: Vec<String> = Vec::new();
    if let Some(mapping) = schema["discriminator"]["mapping"].as_object() {
        names.extend(mapping.keys().cloned());
    }
    let constant = |s: &Value| s["properties"]["type"]["const"].as_str().map(str::to_owned);
    let resolve = |s: &Value| match s["$ref"].as_str() {
        Some(reference) => reference
            .rsplit('/')
            .next()
            .and_then(|name| schema["$defs"].get(name))
            .cloned()
            .unwrap_or(Value::Null),
        None => s.clone(),
    };
    if names.is_empty() {
        match schema["oneOf"].as_array() {
            Some(options) => names.extend(options.iter().filter_map(|o| constant(&resolve(o)))),
            None => names.extend(constant(schema)),
        }
    }
    let mut allowed = Vec::new();
    for decision in [
        Decision::Approve,
        Decision::Edit,
        Decision::Reject,
        Decision::Respond,
    ] {
        if names.iter().any(|n| n == decision.wire(Flavor::PerCall)) {
            allowed.push(decision);
        }
    }
    allowed
}

/// `properties` of the tool's arguments in a per-call answer schema (`EditedAction.args`).
fn edited_args_schema(schema: &Value) -> Option<Map<String, Value>> {
    let defs = schema.get("$defs")?;
    let resolve = |s: &Value| -> Value {
        match s.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference
                .rsplit('/')
                .next()
                .and_then(|name| defs.get(name))
                .cloned()
                .unwrap_or(Value::Null),
            None => s.clone(),
        }
    };
    let args = resolve(defs.get("EditedAction")?.get("properties")?.get("args")?);
    args.get("properties")?.as_object().cloned()
}
