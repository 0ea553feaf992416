use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Table><Table.Cell /></Table></Card> };
}
