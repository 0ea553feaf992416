use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Buton label="Go" /></Card> };
}
