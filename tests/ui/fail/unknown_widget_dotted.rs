use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Table><Table.Rwo /></Table></Card> };
}
