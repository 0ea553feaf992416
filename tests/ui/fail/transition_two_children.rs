use chatkit_sdk::widget;

fn main() {
    let _ = widget! {
        <Card>
            <Transition><Text value="a" /><Text value="b" /></Transition>
        </Card>
    };
}
