use chatkit_sdk::widget;

fn main() {
    // `Cards` is close to `Card`: reported as a typo (a path forces a user component).
    let _ = widget! { <Card><Cards /></Card> };
}
