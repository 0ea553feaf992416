//! The answer form: a question with fields (or a choice of options) whose submit action
//! answers it, for `interrupt()`s that are not yes/no questions.

use chatkit_sdk::widget;
use chatkit_sdk::widget::{ActionConfig, Card, Component, Input, SelectOption, Str};
use serde_json::{Value, json};

use super::details::Details;

/// The action the form submits (`threads.custom_action`), with payload `{"context": …}` plus
/// the form's values under their field names.
pub const ANSWER_ACTION: &str = "answer_form";

/// One text field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerField {
    /// The name the value is submitted under.
    pub name: String,
    /// The label shown.
    pub label: String,
    /// Placeholder text.
    pub placeholder: Option<String>,
    /// Whether the form cannot be sent without it.
    pub required: bool,
}

/// The text field of a form field (the first one takes the focus).
fn input(field: &AnswerField, focus: bool) -> Input {
    let mut input = Input::new(field.name.clone());
    input.placeholder = field.placeholder.clone().map(Into::into);
    input.required = field.required.then_some(true);
    input.auto_focus = focus.then_some(true);
    input
}

/// A question answered with a form: text fields, or one choice among `options` (submitted as
/// `choice`).
///
/// ```
/// use chatkit_sdk::widget;
/// use chatkit_server::widgets::{AnswerField, AnswerForm};
///
/// let fields = vec![AnswerField { name: "amount".into(), label: "Amount".into(), placeholder: None, required: true }];
/// let card = widget! { <AnswerForm question="How much?" details={vec![]} fields={fields} options={vec![]} context={serde_json::json!(1)} /> };
/// let json = serde_json::to_value(&card)?;
/// assert_eq!(json["children"][0]["onSubmitAction"]["type"], "answer_form");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerForm {
    /// The question shown.
    pub question: String,
    /// What the question is about (shown under it).
    pub details: Vec<(String, Value)>,
    /// Text fields.
    pub fields: Vec<AnswerField>,
    /// Options to choose from (a select named `choice`); none for a form of fields only.
    pub options: Vec<String>,
    /// Sent back with the answer, so the handler knows what was asked.
    pub context: Value,
}

impl Component for AnswerForm {
    type Output = Card;

    fn render(self) -> Card {
        let submit = ActionConfig::new(Str::from_static(ANSWER_ACTION))
            .payload(json!({ "context": self.context }));
        let options: Vec<SelectOption> = self
            .options
            .iter()
            .map(|o| SelectOption::new(o.clone(), o.clone()))
            .collect();
        let first = self.fields.first().map(|f| f.name.clone());
        let has_details = !self.details.is_empty();
        widget! {
            <Card size="md">
                <Form onSubmitAction={submit} direction="col" gap=3>
                    <Text value={self.question} weight="semibold" />
                    if has_details {
                        <Details entries={self.details} />
                    }
                    for field in self.fields {
                        <Col gap=1>
                            <Label value={field.label.clone()} fieldName={field.name.clone()} />
                            {input(&field, first.as_deref() == Some(field.name.as_str()))}
                        </Col>
                    }
                    if !options.is_empty() {
                        <Select name="choice" options={options} placeholder="Choose…" block />
                    }
                    <Row justify="end">
                        <Button label="Submit" submit color="primary" iconStart="check" />
                    </Row>
                </Form>
            </Card>
        }
    }
}
