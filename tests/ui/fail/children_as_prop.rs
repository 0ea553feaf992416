use chatkit_sdk::widget;

fn main() {
    let kids: Vec<chatkit_sdk::WidgetComponent> = Vec::new();
    let _ = widget! { <Card children={kids}></Card> };
}
