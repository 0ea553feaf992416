use chatkit_sdk::widget;
use chatkit_sdk::widget::{ListView, Text, WidgetComponent};

fn main() {
    // A fragment (or several nodes) makes a Vec<WidgetComponent>.
    let parts: Vec<WidgetComponent> = widget! { <><Text value="a" /><Text value="b" /></> };
    assert_eq!(parts.len(), 2);

    // `{expr}` children: one component, or any iterator of them.
    let single: WidgetComponent = Text::new("single").into();
    let many = vec![Text::new("x"), Text::new("y")];
    let nothing: Option<Text> = None;
    let mapped = (1..=3).map(|n| Text::new(format!("n{n}")));
    let card = widget! {
        <Card>
            {single}
            {many}
            {nothing}
            {mapped}
            {parts}
        </Card>
    };
    assert_eq!(card.children.len(), 1 + 2 + 3 + 2);

    // ListView children are ListViewItems, built here by nested macros.
    let list: ListView = widget! {
        <ListView>
            {(0..2).map(|n| widget! { <ListViewItem><Text value={format!("row {n}")} /></ListViewItem> })}
        </ListView>
    };
    assert_eq!(list.children.len(), 2);
}
