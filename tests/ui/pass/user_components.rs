use chatkit_sdk::widget;
use chatkit_sdk::widget::{ActionConfig, Component, WidgetComponent};

/// A component with props.
struct Heading {
    title: String,
    level: u8,
}

impl Component for Heading {
    type Output = WidgetComponent;
    fn render(self) -> WidgetComponent {
        let size = if self.level == 1 { "xl" } else { "md" };
        let _ = size;
        widget! { <Title value={self.title} /> }.into()
    }
}

/// A component with children and a flag.
struct Panel {
    children: Vec<WidgetComponent>,
    dense: bool,
}

impl Component for Panel {
    type Output = chatkit_sdk::widget::Col;
    fn render(self) -> Self::Output {
        let gap = if self.dense { 1 } else { 4 };
        widget! { <Col gap={gap}>{self.children}</Col> }
    }
}

mod ui {
    use chatkit_sdk::widget;
    use chatkit_sdk::widget::Component;

    /// A component that renders several components.
    pub struct Choices {
        pub options: Vec<&'static str>,
    }

    impl Component for Choices {
        type Output = Vec<chatkit_sdk::widget::Button>;
        fn render(self) -> Self::Output {
            self.options
                .into_iter()
                .map(|o| widget! { <Button label={o} onClickAction={chatkit_sdk::widget::ActionConfig::new(o)} /> })
                .collect()
        }
    }
}

fn main() {
    let _ = ActionConfig::new("unused");
    let card = widget! {
        <Card>
            <Heading title="Loans" level=1 />
            <Panel dense>
                <Text value="inside the panel" />
            </Panel>
            <ui::Choices options={vec!["yes", "no"]} />
            <self::Heading title={String::from("by path")} level=2 />
        </Card>
    };
    assert_eq!(card.children.len(), 5);
    assert_eq!(card.children[1].type_name(), "Col");
    assert_eq!(card.children[3].type_name(), "Button");
}
