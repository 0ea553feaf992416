use chatkit_sdk::widget;

fn main() {
    let count = 42u8;
    let _ = widget! { <Card><Text value={count} /></Card> };
}
