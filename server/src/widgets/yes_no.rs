//! The yes/no confirmation: a question with two buttons whose server action answers it, what
//! the question is about, and (for open questions) a text box to answer in words.

use chatkit_sdk::widget;
use chatkit_sdk::widget::{ActionConfig, Card, Component, Str};
use serde_json::{Value, json};

use super::answer_form::ANSWER_ACTION;
use super::details::Details;

/// The action type both buttons send (`threads.custom_action`), with payload
/// `{"choice": "yes" | "no", "context": …}`.
pub const YES_NO_ACTION: &str = "user_decision";

/// A yes/no question.
///
/// ```
/// use chatkit_sdk::widget;
/// use chatkit_server::widgets::YesNoButtons;
///
/// let card = widget! { <YesNoButtons question="Pay the loan now?" details={vec![]} free_text=false context={serde_json::json!({"loan": 7})} /> };
/// let json = serde_json::to_value(&card)?;
/// assert_eq!(json["children"][1]["children"][0]["onClickAction"]["payload"]["choice"], "yes");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct YesNoButtons {
    /// The question shown.
    pub question: String,
    /// What the question is about (shown under it).
    pub details: Vec<(String, Value)>,
    /// Whether a text box offers to answer in words (submitted as `answer` with
    /// [`ANSWER_ACTION`]).
    pub free_text: bool,
    /// Sent back with the answer, so the handler knows what was asked.
    pub context: Value,
}

impl Component for YesNoButtons {
    type Output = Card;

    fn render(self) -> Card {
        let answer = |choice: &str| {
            ActionConfig::new(Str::from_static(YES_NO_ACTION))
                .payload(json!({ "choice": choice, "context": self.context }))
        };
        let in_words = ActionConfig::new(Str::from_static(ANSWER_ACTION))
            .payload(json!({ "context": self.context }));
        let has_details = !self.details.is_empty();
        widget! {
            <Card size="sm">
                <Text value={self.question.clone()} weight="semibold" />
                if has_details {
                    <Details entries={self.details} />
                }
                <Row gap=2 justify="end">
                    <Button label="Yes" color="success" iconStart="check" onClickAction={answer("yes")} />
                    <Button label="No" color="danger" variant="outline" onClickAction={answer("no")} />
                </Row>
                if self.free_text {
                    <Form onSubmitAction={in_words} direction="row" gap=2>
                        <Input name="answer" placeholder="Or answer in words" required />
                        <Button label="Answer" submit variant="outline" />
                    </Form>
                }
            </Card>
        }
    }
}
