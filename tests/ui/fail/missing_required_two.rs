use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Label size="sm" /></Card> };
}
