use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Button label="Yes" label="No" /></Card> };
}
