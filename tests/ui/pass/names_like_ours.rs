// User types named like the widgets: markup still means the built-ins.
#[allow(dead_code)]
struct Button {
    label: String,
}
#[allow(dead_code)]
struct Card;
#[allow(dead_code)]
enum ButtonColor {
    Purple,
}
#[allow(dead_code)]
struct WidgetComponent;

fn main() {
    let card = chatkit_sdk::widget! {
        <Card><Button label="Yes" color="success" /></Card>
    };
    let json = serde_json::to_value(&card).unwrap_or_default();
    assert_eq!(json["children"][0]["color"], "success");
    let _ = Button { label: String::new() };
}
