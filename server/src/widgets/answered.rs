//! A question once answered: what was asked and what the user decided, without controls.

use chatkit_sdk::widget;
use chatkit_sdk::widget::{Card, Component};

/// The answered form of a question.
///
/// ```
/// use chatkit_sdk::widget;
/// use chatkit_server::widgets::Answered;
///
/// let card = widget! { <Answered title="Send the email?" lines={vec!["Approved send_email".to_owned()]} /> };
/// let json = serde_json::to_value(&card)?;
/// assert_eq!(json["children"][1]["value"], "Approved send_email");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// The question.
    pub title: String,
    /// One line per decision.
    pub lines: Vec<String>,
}

impl Component for Answered {
    type Output = Card;

    fn render(self) -> Card {
        widget! {
            <Card size="sm">
                <Text value={self.title} weight="semibold" />
                for line in self.lines {
                    <Caption value={line} />
                }
            </Card>
        }
    }
}
