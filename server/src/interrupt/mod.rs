//! What an `interrupt()` asks, recognised by the shape of its value, and the resume value an
//! answer gives — checked against what was asked before anything is sent to LangGraph.
//!
//! | shape of the value | convention | resumed with |
//! |---|---|---|
//! | `{action_requests, review_configs}` | LangChain `HumanInTheLoopMiddleware` | `{"decisions": [...]}`, one per action, in order |
//! | `{action_request, config, description}` (or a list of them) | prebuilt `HumanInterrupt` (agent-inbox) | `{"type", "args"}` (a list of one when the value was a list) |
//! | a string, or `{question}` / `{question, options: [yes, no]}` | yes/no question | `true` / `false` (or the option's text, see [`YesNoAnswer`]); open questions also take text |
//! | `{question, options}` | a choice | the chosen option |
//! | `{question, fields}` | a form | `{field: text, ...}` |
//! | anything else | shown as it is | the text typed (JSON if it parses as JSON) |

mod other;
mod plain;
mod review;
mod words;

use chatkit_sdk::widget::{Card, Component};
use serde_json::{Map, Value};

pub use other::Other;
pub use plain::{Plain, PlainKind};
pub use review::{Decision, Flavor, Review, ReviewAction};
pub use words::yes_or_no;

use crate::widgets::Answered;

/// How a yes/no question resumes the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum YesNoAnswer {
    /// JSON `true` / `false`, so `if interrupt(...):` takes the branch the user chose.
    #[default]
    Boolean,
    /// The option's text (`"yes"` / `"no"`, or the options as the graph wrote them).
    Text,
}

/// An answer checked against its question: the resume value and what to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// What `interrupt()` returns.
    pub value: Value,
    /// One line per decision, for the answered card.
    pub lines: Vec<String>,
    /// The indexes of actions the user rejected (their tool calls show as rejected).
    pub rejected: Vec<usize>,
}

impl Resolved {
    fn single(value: Value, answer: String) -> Self {
        Resolved {
            value,
            lines: vec![format!("Answered: {answer}")],
            rejected: Vec::new(),
        }
    }
}

/// Why an answer cannot resume the run (shown to the user; the question stays open).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadAnswer(pub String);

/// What an interrupt asks.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Actions to approve, edit, reject, respond to or ignore.
    Review(Review),
    /// A yes/no question, a choice or a form.
    Plain(Plain),
    /// Anything else.
    Other(Other),
}

impl Question {
    /// The question of a pending interrupt (its value, and its answer's schema if any).
    pub fn of(pending: &crate::langgraph::PendingInterrupt) -> Question {
        Self::parse_with_schema(&pending.value, pending.schema.as_ref())
    }

    /// Recognises the convention of an interrupt's value.
    pub fn parse(value: &Value) -> Question {
        Self::parse_with_schema(value, None)
    }

    /// Recognises the convention of an interrupt's value; `schema` is the JSON schema of the
    /// answer the graph gave (the decisions a per-call review allows).
    pub fn parse_with_schema(value: &Value, schema: Option<&Value>) -> Question {
        if let Some(review) = Review::parse(value, schema) {
            return Question::Review(review);
        }
        if let Some(plain) = Plain::parse(value) {
            return Question::Plain(plain);
        }
        Question::Other(Other::new(value.clone()))
    }

    /// The question in one line (the widget's copy text and the answered card's title).
    pub fn title(&self) -> String {
        match self {
            Question::Review(review) => review.title(),
            Question::Plain(plain) => plain.question.clone(),
            Question::Other(other) => other.title(),
        }
    }

    /// The card asking it; `context` comes back with the answer.
    pub fn card(&self, context: Value) -> Card {
        match self {
            Question::Review(review) => review.form(context).render(),
            Question::Plain(plain) => plain.card(context),
            Question::Other(other) => other.form(context).render(),
        }
    }

    /// The resume value of a widget's answer: the action's type and its payload (form values
    /// beside `context`).
    pub fn resolve(
        &self,
        action: &str,
        payload: &Map<String, Value>,
        style: YesNoAnswer,
    ) -> Result<Resolved, BadAnswer> {
        match self {
            Question::Review(review) => review.resolve(action, payload),
            Question::Plain(plain) => plain.resolve(action, payload, style),
            Question::Other(other) => other.resolve(action, payload),
        }
    }

    /// The resume value of a chat message sent while the question waits, where the message
    /// cannot mean anything else: a yes or a no to a yes/no question, the name of an option,
    /// and for a single action a yes (approve), a reply (`respond`), or a no or a reason
    /// (`reject`). `None` when it must be answered in its widget (a chat message may be a
    /// question of the user's own, and typed text is truthy to `if interrupt(...)`).
    pub fn resolve_text(&self, text: &str, style: YesNoAnswer) -> Option<Resolved> {
        match self {
            Question::Review(review) => review.resolve_text(text),
            Question::Plain(plain) => plain.resolve_text(text, style),
            Question::Other(_) => None,
        }
    }

    /// The `structured_input` kind that asks this question natively, when it fits one: a
    /// choice among options with nothing else to show.
    pub fn structured(&self) -> Option<chatkit_sdk::StructuredInputKind> {
        match self {
            Question::Plain(Plain {
                kind: PlainKind::Choice { options },
                details,
                ..
            }) if details.is_empty() => Some(chatkit_sdk::StructuredInputKind::MultipleChoice {
                options: options
                    .iter()
                    .map(|o| chatkit_sdk::StructuredInputOption {
                        value: crate::widgets::text(o),
                    })
                    .collect(),
                multiple: false,
            }),
            _ => None,
        }
    }

    /// The card shown once answered.
    pub fn answered(&self, resolved: &Resolved) -> Card {
        Answered {
            title: self.title(),
            lines: resolved.lines.clone(),
        }
        .render()
    }
}

/// A payload's text field, trimmed; `None` when absent or empty.
fn field<'a>(payload: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    payload
        .get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests;
