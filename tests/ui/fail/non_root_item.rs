use chatkit_sdk::widget;
use chatkit_sdk::WidgetItem;

fn main() {
    let _ = WidgetItem::new(widget! { <Row><Text value="not in a card" /></Row> });
}
