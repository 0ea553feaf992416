use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <Card><Text value="a"><Text value="b" /></Text></Card> };
}
