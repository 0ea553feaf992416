//! Actions waiting for a person's decision, in the two conventions LangChain and LangGraph
//! document:
//!
//! - LangChain 1.x `HumanInTheLoopMiddleware`: one interrupt
//!   `{"action_requests": [{name, args, description?}], "review_configs": [{action_name,
//!   allowed_decisions, args_schema?}]}`, resumed with `{"decisions": [...]}`, one decision per
//!   action in order: `{"type": "approve"}`, `{"type": "edit", "edited_action": {name, args}}`,
//!   `{"type": "reject", "message"?}`, `{"type": "respond", "message"}`.
//! - Its per-call mode (`interrupt_mode="per_call"`): one interrupt per tool call,
//!   `{"type": "tool_approval", "tool_call_id", "name", "args", "description"}` with the allowed
//!   decisions in the interrupt's `response_schema`, resumed with one decision (not wrapped).
//! - The prebuilt `HumanInterrupt` (agent-inbox): `{"action_request": {action, args}, "config":
//!   {allow_accept, allow_edit, allow_respond, allow_ignore}, "description"?}`, alone or in a
//!   list, resumed with `{"type": "accept"|"edit"|"response"|"ignore", "args"}` (edit:
//!   `{action, args}`; response: the text; a list of responses when the value was a list).

use serde_json::{Map, Value, json};

use super::{BadAnswer, Resolved, field};
use crate::widgets::{REVIEW_ACTION, ReviewForm, ReviewItem};

/// Which convention the actions came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// `HumanInTheLoopMiddleware`, batched (one interrupt for all the calls of a turn).
    Middleware,
    /// `HumanInTheLoopMiddleware` with `interrupt_mode="per_call"`.
    PerCall,
    /// `HumanInterrupt`; `list` when the value was a list.
    Inbox {
        /// Whether the value was a list (the resume is then a list too).
        list: bool,
    },
}

/// A decision on one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Run it as it is (`approve` / `accept`).
    Approve,
    /// Run it with other arguments.
    Edit,
    /// Do not run it, optionally saying why (middleware).
    Reject,
    /// Answer in its place (`respond` / `response`).
    Respond,
    /// Skip it (inbox).
    Ignore,
}

impl Decision {
    /// The decision's name on the wire in a convention.
    pub fn wire(self, flavor: Flavor) -> &'static str {
        match (self, flavor) {
            (Decision::Approve, Flavor::Middleware | Flavor::PerCall) => "approve",
            (Decision::Approve, Flavor::Inbox { .. }) => "accept",
            (Decision::Edit, _) => "edit",
            (Decision::Reject, _) => "reject",
            (Decision::Respond, Flavor::Middleware | Flavor::PerCall) => "respond",
            (Decision::Respond, Flavor::Inbox { .. }) => "response",
            (Decision::Ignore, _) => "ignore",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Decision::Approve => "Approve",
            Decision::Edit => "Edit",
            Decision::Reject => "Reject",
            Decision::Respond => "Respond",
            Decision::Ignore => "Ignore",
        }
    }

    fn from_wire(wire: &str, flavor: Flavor) -> Option<Decision> {
        [
            Decision::Approve,
            Decision::Edit,
            Decision::Reject,
            Decision::Respond,
            Decision::Ignore,
        ]
        .into_iter()
        .find(|d| d.wire(flavor) == wire)
    }
}

/// One action to decide on.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewAction {
    /// The action (tool) name.
    pub name: String,
    /// What the agent says about it.
    pub description: Option<String>,
    /// Its arguments.
    pub args: Map<String, Value>,
    /// The decisions allowed, in the order offered.
    pub allowed: Vec<Decision>,
    /// `properties` of the arguments' JSON schema, when the graph gave one.
    pub schema: Option<Map<String, Value>>,
    /// The tool call, when the convention says which.
    pub call_id: Option<String>,
}

/// Actions waiting for decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The convention.
    pub flavor: Flavor,
    /// The actions, in order.
    pub actions: Vec<ReviewAction>,
    /// Other keys of the value, shown above the actions.
    pub extra: Vec<(String, Value)>,
}

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
                    extra: extra(object, &["action_request", "config", "description"]),
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
            schema: None,
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
        })
    }

    /// "Review send_email" / "Review 2 actions".
    pub fn title(&self) -> String {
        match self.actions.as_slice() {
            [one] => format!("Review {}", one.name),
            many => format!("Review {} actions", many.len()),
        }
    }

    /// The form asking for the decisions.
    pub fn form(&self, context: Value) -> ReviewForm {
        let flavor = self.flavor;
        let items = self
            .actions
            .iter()
            .map(|action| {
                let message = if action.allowed.contains(&Decision::Respond) {
                    Some(if action.allowed.contains(&Decision::Reject) {
                        "Your reply, or why you reject it"
                    } else {
                        "Your reply"
                    })
                } else if action.allowed.contains(&Decision::Reject) {
                    Some("Why you reject it (optional)")
                } else {
                    None
                };
                ReviewItem {
                    name: action.name.clone(),
                    description: action.description.clone(),
                    args: action
                        .args
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                    decisions: action
                        .allowed
                        .iter()
                        .map(|d| (d.wire(flavor).to_owned(), d.label().to_owned()))
                        .collect(),
                    editable: action.allowed.contains(&Decision::Edit),
                    message: message.map(str::to_owned),
                }
            })
            .collect();
        ReviewForm {
            title: self.title(),
            details: self.extra.clone(),
            items,
            context,
        }
    }

    /// The resume value of the form's answer.
    pub fn resolve(
        &self,
        action: &str,
        payload: &Map<String, Value>,
    ) -> Result<Resolved, BadAnswer> {
        if action != REVIEW_ACTION {
            return Err(BadAnswer(format!(
                "`{action}` does not answer this question."
            )));
        }
        let mut decisions = Vec::new();
        for (index, review) in self.actions.iter().enumerate() {
            let Some(wire) = field(payload, &format!("decision_{index}")) else {
                return Err(BadAnswer(format!(
                    "Choose what to do with `{}`.",
                    review.name
                )));
            };
            let decision = Decision::from_wire(wire, self.flavor)
                .filter(|d| review.allowed.contains(d))
                .ok_or_else(|| {
                    BadAnswer(format!(
                        "`{wire}` is not a decision offered for `{}`.",
                        review.name
                    ))
                })?;
            let message = field(payload, &format!("message_{index}"));
            let args = if decision == Decision::Edit {
                Some(edited(index, review, payload)?)
            } else {
                None
            };
            if decision == Decision::Respond && message.is_none() {
                return Err(BadAnswer(format!("Write your reply to `{}`.", review.name)));
            }
            decisions.push((decision, message.map(str::to_owned), args));
        }
        for key in payload.keys() {
            let known = key == "context"
                || ["decision_", "message_", "arg_"]
                    .iter()
                    .any(|prefix| key.starts_with(prefix));
            if !known {
                return Err(BadAnswer(format!("`{key}` is not part of this question.")));
            }
        }
        Ok(self.resolved(decisions))
    }

    /// A chat message as the answer: on a single action, a reply where `respond` is allowed,
    /// else a rejection with the message as its reason where `reject` is.
    pub fn resolve_text(&self, text: &str) -> Option<Resolved> {
        let [action] = self.actions.as_slice() else {
            return None;
        };
        let decision = [Decision::Respond, Decision::Reject]
            .into_iter()
            .find(|d| action.allowed.contains(d))?;
        Some(self.resolved(vec![(decision, Some(text.to_owned()), None)]))
    }

    fn resolved(&self, decisions: Vec<(Decision, Option<String>, Option<Value>)>) -> Resolved {
        let mut lines = Vec::new();
        let mut rejected = Vec::new();
        let mut values = Vec::new();
        for (index, ((decision, message, args), action)) in
            decisions.into_iter().zip(&self.actions).enumerate()
        {
            let name = &action.name;
            lines.push(match (decision, &message) {
                (Decision::Approve, _) => format!("Approved {name}"),
                (Decision::Edit, _) => format!("Edited {name}"),
                (Decision::Reject, Some(why)) => format!("Rejected {name}: {why}"),
                (Decision::Reject, None) => format!("Rejected {name}"),
                (Decision::Respond, _) => {
                    format!("Replied to {name}: {}", message.as_deref().unwrap_or(""))
                }
                (Decision::Ignore, _) => format!("Ignored {name}"),
            });
            if decision == Decision::Reject {
                rejected.push(index);
            }
            let wire = decision.wire(self.flavor);
            values.push(match self.flavor {
                Flavor::Middleware | Flavor::PerCall => match decision {
                    Decision::Edit => json!({
                        "type": wire,
                        "edited_action": {"name": name, "args": args.unwrap_or_default()},
                    }),
                    Decision::Reject | Decision::Respond => match message {
                        Some(message) => json!({"type": wire, "message": message}),
                        None => json!({"type": wire}),
                    },
                    _ => json!({"type": wire}),
                },
                Flavor::Inbox { .. } => match decision {
                    Decision::Edit => json!({
                        "type": wire,
                        "args": {"action": name, "args": args.unwrap_or_default()},
                    }),
                    Decision::Respond => json!({"type": wire, "args": message}),
                    _ => json!({"type": wire, "args": null}),
                },
            });
        }
        let value = match self.flavor {
            Flavor::Middleware => json!({ "decisions": values }),
            Flavor::PerCall => values.into_iter().next().unwrap_or_default(),
            Flavor::Inbox { list: true } => Value::Array(values),
            Flavor::Inbox { list: false } => values.into_iter().next().unwrap_or_default(),
        };
        Resolved {
            value,
            lines,
            rejected,
        }
    }
}

/// The arguments of an edit: each `arg_i_NAME` field typed as the schema (or the original
/// value) says; arguments not sent keep their value; unknown ones are refused.
fn edited(
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
        let kind = declared.unwrap_or(match original {
            Some(Value::String(_)) => "string",
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => "integer",
            Some(Value::Number(_)) => "number",
            Some(Value::Bool(_)) => "boolean",
            _ => "json",
        });
        let value = typed(raw, kind).map_err(|expected| {
            BadAnswer(format!("`{name}` of `{}` must be {expected}.", action.name))
        })?;
        args.insert(name.to_owned(), value);
    }
    Ok(Value::Object(args))
}

/// A form value as the JSON type an argument has.
fn typed(raw: &Value, kind: &str) -> Result<Value, &'static str> {
    let Some(text) = raw.as_str() else {
        return Ok(raw.clone());
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
        _ => serde_json::from_str(text).map_err(|_| "JSON"),
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
