use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Row><Card></Card></Row></Card> };
}
