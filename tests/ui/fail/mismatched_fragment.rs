use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <><Text value="a" /></Row> };
}
