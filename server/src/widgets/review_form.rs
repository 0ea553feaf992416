//! The review form: tool calls (or other actions) waiting for a person's decision — approve,
//! edit, reject, respond, ignore — each shown with its name, description and arguments.

use chatkit_sdk::widget;
use chatkit_sdk::widget::{
    ActionConfig, Card, Component, Input, RadioOption, Str, Textarea, WidgetComponent,
};
use serde_json::{Value, json};

use super::details::{Details, text};

/// The action the form submits (`threads.custom_action`), with payload `{"context": …}` plus
/// per action `i`: `decision_i` (the decision's wire name), `message_i` (a reason or a reply)
/// and `arg_i_NAME` (each argument, for an edit).
pub const REVIEW_ACTION: &str = "review_decisions";

/// One action to decide on.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    /// The action's name (the tool).
    pub name: String,
    /// What the agent says about it.
    pub description: Option<String>,
    /// Its arguments, in order.
    pub args: Vec<(String, Value)>,
    /// Other things the agent said about it.
    pub extra: Vec<(String, Value)>,
    /// The decisions offered: (submitted value, label); none is preselected, so sending the
    /// form without looking approves nothing.
    pub decisions: Vec<(String, String)>,
    /// Whether the arguments can be edited (an `edit` decision is offered).
    pub editable: bool,
    /// The placeholder of the message box, when a decision takes a message.
    pub message: Option<String>,
}

/// A form deciding on several actions at once, sent with one button.
///
/// ```
/// use chatkit_sdk::widget;
/// use chatkit_server::widgets::{ReviewForm, ReviewItem};
///
/// let item = ReviewItem {
///     name: "delete_file".into(),
///     description: None,
///     args: vec![("path".into(), serde_json::json!("draft.txt"))],
///     extra: vec![],
///     decisions: vec![("approve".into(), "Approve".into()), ("reject".into(), "Reject".into())],
///     editable: false,
///     message: Some("Why not? (optional)".into()),
/// };
/// let card = widget! { <ReviewForm title="Review 1 tool call" details={vec![]} items={vec![item]} context={serde_json::json!(1)} /> };
/// let json = serde_json::to_value(&card)?;
/// assert_eq!(json["children"][0]["onSubmitAction"]["type"], "review_decisions");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewForm {
    /// The question.
    pub title: String,
    /// Other things the agent said (payload keys), shown above the actions.
    pub details: Vec<(String, Value)>,
    /// The actions, in order (action `i` submits `decision_i`, …).
    pub items: Vec<ReviewItem>,
    /// Sent back with the answer, so the handler knows what was asked.
    pub context: Value,
}

fn decisions(index: usize, item: &ReviewItem) -> chatkit_sdk::widget::RadioGroup {
    let options = item
        .decisions
        .iter()
        .map(|(value, label)| RadioOption::new(label.clone(), value.clone()))
        .collect();
    let mut group = chatkit_sdk::widget::RadioGroup::new(format!("decision_{index}"));
    group.options = Some(options);
    group.aria_label = Some(format!("Decision on {}", item.name).into());
    group.direction = Some(chatkit_sdk::widget::Direction::Row);
    group.required = Some(true);
    group
}

fn message(index: usize, placeholder: &str) -> Textarea {
    let mut area = Textarea::new(format!("message_{index}"));
    area.placeholder = Some(placeholder.to_owned().into());
    area.rows = Some(2.into());
    area
}

/// Text longer than this, or on several lines, is edited in a text area.
const LONG_ARG: usize = 80;

/// The field editing one argument, holding its value as text (a text area for long or
/// multi-line values, which a single-line field would flatten).
fn arg_input(index: usize, name: &str, value: &Value) -> WidgetComponent {
    let shown = text(value);
    let field = format!("arg_{index}_{name}");
    if shown.contains('\n') || shown.chars().count() > LONG_ARG {
        let mut area = Textarea::new(field);
        area.default_value = Some(shown.into());
        area.rows = Some(4.into());
        area.into()
    } else {
        let mut input = Input::new(field);
        input.default_value = Some(shown.into());
        input.into()
    }
}

impl Component for ReviewForm {
    type Output = Card;

    fn render(self) -> Card {
        let submit = ActionConfig::new(Str::from_static(REVIEW_ACTION))
            .payload(json!({ "context": self.context }));
        let has_details = !self.details.is_empty();
        widget! {
            <Card size="md">
                <Form onSubmitAction={submit} direction="col" gap=3>
                    <Text value={self.title} weight="semibold" />
                    if has_details {
                        <Details entries={self.details} />
                    }
                    for (index, item) in self.items.into_iter().enumerate() {
                        <Divider />
                        <Col gap=2>
                            <Text value={item.name.clone()} weight="semibold" size="sm" />
                            if let Some(description) = item.description.clone() {
                                // Text, not Markdown: it may quote the model's arguments, and
                                // an approval card must not load their images or links.
                                <Text value={description} size="sm" />
                            }
                            <Details entries={item.args.clone()} />
                            if !item.extra.is_empty() {
                                <Details entries={item.extra.clone()} />
                            }
                            {decisions(index, &item)}
                            if let Some(placeholder) = item.message.clone() {
                                {message(index, &placeholder)}
                            }
                            if item.editable && !item.args.is_empty() {
                                <Col gap=1>
                                    <Caption value="Arguments, if you choose Edit" color="secondary" />
                                    for (name, value) in item.args.clone() {
                                        <Label value={name.clone()} fieldName={format!("arg_{index}_{name}")} />
                                        {arg_input(index, &name, &value)}
                                    }
                                </Col>
                            }
                        </Col>
                    }
                    <Row justify="end">
                        <Button label="Submit" submit color="primary" iconStart="check" />
                    </Row>
                </Form>
            </Card>
        }
    }
}
