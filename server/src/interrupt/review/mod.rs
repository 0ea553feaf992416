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

mod edit;
mod parse;
mod resolve;

use serde_json::{Map, Value};

use crate::widgets::{ReviewForm, ReviewItem};

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
    /// Other keys of the action's request, shown with it.
    pub extra: Vec<(String, Value)>,
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

impl Review {
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
                    extra: action.extra.clone(),
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
}
