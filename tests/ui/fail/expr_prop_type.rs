use chatkit_sdk::widget;

fn main() {
    // A `{expr}` prop is type-checked by rustc, at the expression.
    let lines = "three";
    let _ = widget! { <Card><Text value="hi" maxLines={lines} /></Card> };
}
