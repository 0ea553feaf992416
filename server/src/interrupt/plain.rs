//! Plain questions: a string, or `{question, options?, fields?, ...}` (other keys are shown
//! with the question).
//!
//! - A string, `{question}`, or options that are yes and no: a yes/no question, resumed with
//!   `true`/`false` (so `if interrupt(...):` takes the branch chosen), or with the option's text
//!   when configured so. Questions without options also take an answer in words (a string).
//! - Other options: a choice, resumed with the chosen option as the graph wrote it.
//! - `fields` (`[{name, label?, placeholder?, required?}]`): a form, resumed with
//!   `{name: text}`.

use chatkit_sdk::widget::{Card, Component};
use serde_json::{Map, Value, json};

use super::{BadAnswer, Resolved, YesNoAnswer, field, yes_or_no};
use crate::widgets::{ANSWER_ACTION, AnswerField, AnswerForm, YES_NO_ACTION, YesNoButtons, text};

/// What kind of plain question.
#[derive(Debug, Clone, PartialEq)]
pub enum PlainKind {
    /// Yes or no; `options` are the graph's own yes and no (for [`YesNoAnswer::Text`]).
    YesNo {
        /// The values sent for yes and for no in text mode.
        options: [Value; 2],
        /// Whether an answer in words is offered (no options were given).
        free_text: bool,
    },
    /// One of these options.
    Choice {
        /// The options, as the graph wrote them.
        options: Vec<Value>,
    },
    /// A form.
    Form {
        /// Its fields.
        fields: Vec<AnswerField>,
    },
}

/// A plain question.
#[derive(Debug, Clone, PartialEq)]
pub struct Plain {
    /// The question.
    pub question: String,
    /// The kind.
    pub kind: PlainKind,
    /// Other keys of the value, shown with the question.
    pub details: Vec<(String, Value)>,
}

fn is_word(value: &Value, word: &str) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case(word))
}

impl Plain {
    /// A plain question, if the value is one.
    pub fn parse(value: &Value) -> Option<Plain> {
        let yes_no = |free_text| PlainKind::YesNo {
            options: [json!("yes"), json!("no")],
            free_text,
        };
        match value {
            Value::String(question) => Some(Plain {
                question: question.clone(),
                kind: yes_no(true),
                details: Vec::new(),
            }),
            Value::Object(object) => {
                let question = object.get("question")?.as_str()?.to_owned();
                let options = object
                    .get("options")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let fields: Vec<AnswerField> = object
                    .get("fields")
                    .and_then(Value::as_array)
                    .map(|f| f.iter().filter_map(answer_field).collect())
                    .unwrap_or_default();
                let kind = if !fields.is_empty() {
                    PlainKind::Form { fields }
                } else if options.is_empty() {
                    yes_no(true)
                } else if let [a, b] = options.as_slice()
                    && let Some((yes, no)) = if is_word(a, "yes") && is_word(b, "no") {
                        Some((a, b))
                    } else if is_word(a, "no") && is_word(b, "yes") {
                        Some((b, a))
                    } else {
                        None
                    }
                {
                    PlainKind::YesNo {
                        options: [yes.clone(), no.clone()],
                        free_text: false,
                    }
                } else {
                    PlainKind::Choice { options }
                };
                let details = object
                    .iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "question" | "options" | "fields"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                Some(Plain {
                    question,
                    kind,
                    details,
                })
            }
            _ => None,
        }
    }

    /// The card asking it.
    pub fn card(&self, context: Value) -> Card {
        match &self.kind {
            PlainKind::YesNo { free_text, .. } => YesNoButtons {
                question: self.question.clone(),
                details: self.details.clone(),
                free_text: *free_text,
                context,
            }
            .render(),
            PlainKind::Choice { options } => AnswerForm {
                question: self.question.clone(),
                details: self.details.clone(),
                fields: Vec::new(),
                options: options.iter().map(text).collect(),
                context,
            }
            .render(),
            PlainKind::Form { fields } => AnswerForm {
                question: self.question.clone(),
                details: self.details.clone(),
                fields: fields.clone(),
                options: Vec::new(),
                context,
            }
            .render(),
        }
    }

    /// The resume value of a widget's answer.
    pub fn resolve(
        &self,
        action: &str,
        payload: &Map<String, Value>,
        style: YesNoAnswer,
    ) -> Result<Resolved, BadAnswer> {
        let wrong = || BadAnswer(format!("`{action}` does not answer this question."));
        match (&self.kind, action) {
            (PlainKind::YesNo { options, .. }, YES_NO_ACTION) => {
                let yes = match payload.get("choice").and_then(Value::as_str) {
                    Some("yes") => true,
                    Some("no") => false,
                    _ => return Err(BadAnswer("Answer yes or no.".to_owned())),
                };
                Ok(yes_no_answer(yes, options, style))
            }
            (
                PlainKind::YesNo {
                    free_text: true, ..
                },
                ANSWER_ACTION,
            ) => {
                let answer = field(payload, "answer")
                    .ok_or_else(|| BadAnswer("Write an answer.".to_owned()))?;
                Ok(self.in_words(answer, style))
            }
            (PlainKind::Choice { options }, ANSWER_ACTION) => {
                let choice = field(payload, "choice")
                    .ok_or_else(|| BadAnswer("Choose one of the options.".to_owned()))?;
                let option = options
                    .iter()
                    .find(|o| text(o) == choice)
                    .ok_or_else(|| BadAnswer(format!("`{choice}` is not one of the options.")))?;
                Ok(Resolved::single(option.clone(), choice.to_owned()))
            }
            (PlainKind::Form { fields }, ANSWER_ACTION) => {
                let mut values = Map::new();
                for field in fields {
                    let value = payload
                        .get(&field.name)
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    if field.required && value.trim().is_empty() {
                        return Err(BadAnswer(format!("Fill in {}.", field.label)));
                    }
                    values.insert(field.name.clone(), json!(value));
                }
                if let Some(unknown) = payload
                    .keys()
                    .find(|k| *k != "context" && !fields.iter().any(|f| &f.name == *k))
                {
                    return Err(BadAnswer(format!(
                        "`{unknown}` is not a field of this form."
                    )));
                }
                let line = values
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", text(v)))
                    .collect::<Vec<_>>()
                    .join(", ");
                Ok(Resolved::single(Value::Object(values), line))
            }
            _ => Err(wrong()),
        }
    }

    /// A chat message answers a yes/no question with a yes or a no, and a choice with the
    /// name of one of its options; nothing else (the question's own text box takes words).
    pub fn resolve_text(&self, text: &str, style: YesNoAnswer) -> Option<Resolved> {
        match &self.kind {
            PlainKind::YesNo { options, .. } => {
                yes_or_no(text).map(|yes| yes_no_answer(yes, options, style))
            }
            PlainKind::Choice { options } => options
                .iter()
                .find(|o| crate::widgets::text(o).eq_ignore_ascii_case(text.trim()))
                .map(|o| Resolved::single(o.clone(), crate::widgets::text(o))),
            PlainKind::Form { .. } => None,
        }
    }

    /// Words in the question's text box: a yes or a no in words is the button's answer (so
    /// `if interrupt(...)` never takes a typed "no" as true); anything else is the text.
    fn in_words(&self, text: &str, style: YesNoAnswer) -> Resolved {
        let text = text.trim();
        match (&self.kind, yes_or_no(text)) {
            (PlainKind::YesNo { options, .. }, Some(yes)) => yes_no_answer(yes, options, style),
            _ => Resolved::single(json!(text), text.to_owned()),
        }
    }
}

fn answer_field(spec: &Value) -> Option<AnswerField> {
    let name = spec.get("name")?.as_str()?.to_owned();
    Some(AnswerField {
        label: spec
            .get("label")
            .and_then(Value::as_str)
            .unwrap_or(&name)
            .to_owned(),
        placeholder: spec
            .get("placeholder")
            .and_then(Value::as_str)
            .map(str::to_owned),
        required: spec
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        name,
    })
}

/// The resume value of a yes or a no.
fn yes_no_answer(yes: bool, options: &[Value; 2], style: YesNoAnswer) -> Resolved {
    let value = match style {
        YesNoAnswer::Boolean => Value::Bool(yes),
        YesNoAnswer::Text => options[usize::from(!yes)].clone(),
    };
    Resolved::single(value, if yes { "Yes" } else { "No" }.to_owned())
}
