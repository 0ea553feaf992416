use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card size="mdd"></Card> };
}
