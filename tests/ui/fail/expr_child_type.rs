use chatkit_sdk::widget;

fn main() {
    let label = "just text";
    let _ = widget! { <Card>{label}</Card> };
}
