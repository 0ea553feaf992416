use chatkit_sdk::widget;

fn main() {
    let _: chatkit_sdk::widget::Card = widget! {};
}
