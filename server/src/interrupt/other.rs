//! Any other interrupt value: shown as it is (its keys and values), answered in a text box;
//! the text resumes the run as JSON when it parses as JSON, else as a string.

use chatkit_sdk::widget::{Card, Component, Textarea};
use chatkit_sdk::{widget, widget::ActionConfig, widget::Str};
use serde_json::{Map, Value, json};

use super::{BadAnswer, Resolved, field};
use crate::widgets::{ANSWER_ACTION, Details, fold, text};

/// An interrupt of no known convention.
#[derive(Debug, Clone, PartialEq)]
pub struct Other {
    /// The value as the graph gave it.
    pub value: Value,
}

/// The card of an unknown interrupt.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherForm {
    title: String,
    entries: Vec<(String, Value)>,
    context: Value,
}

impl Other {
    /// Wraps a value.
    pub fn new(value: Value) -> Self {
        Other { value }
    }

    /// "The agent asks: …" with the value's message when it has one.
    pub fn title(&self) -> String {
        let said = ["message", "prompt", "description", "text"]
            .iter()
            .find_map(|k| self.value.get(*k).and_then(Value::as_str));
        match said {
            Some(text) => fold(text),
            None => "The agent is waiting for your answer".to_owned(),
        }
    }

    /// The card: the value's keys and values, and a text box.
    pub fn form(&self, context: Value) -> OtherForm {
        let entries = match &self.value {
            Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Value::Null => Vec::new(),
            other => vec![("value".to_owned(), other.clone())],
        };
        OtherForm {
            title: self.title(),
            entries,
            context,
        }
    }

    /// The typed text: JSON when it parses, else the string.
    pub fn resolve(
        &self,
        action: &str,
        payload: &Map<String, Value>,
    ) -> Result<Resolved, BadAnswer> {
        if action != ANSWER_ACTION {
            return Err(BadAnswer(format!(
                "`{action}` does not answer this question."
            )));
        }
        let answer =
            field(payload, "answer").ok_or_else(|| BadAnswer("Write an answer.".to_owned()))?;
        let value = serde_json::from_str(answer).unwrap_or_else(|_| json!(answer));
        Ok(Resolved::single(value, text(&json!(answer))))
    }
}

impl Component for OtherForm {
    type Output = Card;

    fn render(self) -> Card {
        let submit = ActionConfig::new(Str::from_static(ANSWER_ACTION))
            .payload(json!({ "context": self.context }));
        let mut answer = Textarea::new("answer");
        answer.placeholder = Some("Your answer (text, or JSON)".into());
        answer.required = Some(true);
        answer.rows = Some(2.into());
        widget! {
            <Card size="md">
                <Form onSubmitAction={submit} direction="col" gap=3>
                    <Text value={self.title} weight="semibold" />
                    <Details entries={self.entries} />
                    {answer}
                    <Row justify="end">
                        <Button label="Submit" submit color="primary" iconStart="check" />
                    </Row>
                </Form>
            </Card>
        }
    }
}
