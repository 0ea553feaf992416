use chatkit_sdk::widget;

fn main() {
    let _ = widget! { <ListView><Text value="not a row" /></ListView> };
}
