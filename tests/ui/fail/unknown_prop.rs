use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Button label="Go" colr="primary" /></Card> };
}
