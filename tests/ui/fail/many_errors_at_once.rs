use chatkit_sdk::widget;

fn main() {
    // Every problem is reported in one pass, each at its token.
    let _ = widget! {
        <Card size="huge">
            <Buton label="Go" />
            <Text valeu="hi" />
            <Badge label="x" color="primary" pill pill />
        </Card>
    };
}
