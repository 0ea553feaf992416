use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Text value="hi" color /></Card> };
}
