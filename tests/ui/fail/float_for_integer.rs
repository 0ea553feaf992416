use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Text value="hi" maxLines=1.5 /></Card> };
}
