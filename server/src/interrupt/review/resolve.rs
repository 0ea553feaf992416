//! Checking the decisions of a review answer and building the resume value of its convention.

use serde_json::{Map, Value, json};

use super::edit::edited;
use super::{Decision, Flavor, Review};
use crate::interrupt::{BadAnswer, Resolved, field, yes_or_no};
use crate::widgets::REVIEW_ACTION;

impl Review {
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
        let allows = |d: Decision| action.allowed.contains(&d);
        let said = yes_or_no(text);
        let decision = if said == Some(true) && allows(Decision::Approve) {
            (Decision::Approve, None)
        } else if said == Some(false) && allows(Decision::Reject) {
            (Decision::Reject, None)
        } else if allows(Decision::Respond) {
            (Decision::Respond, Some(text.trim().to_owned()))
        } else if said.is_none() && allows(Decision::Reject) {
            // A reason is a rejection's message; a "yes" that cannot approve is not one.
            (Decision::Reject, Some(text.trim().to_owned()))
        } else {
            return None;
        };
        Some(self.resolved(vec![(decision.0, decision.1, None)]))
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
