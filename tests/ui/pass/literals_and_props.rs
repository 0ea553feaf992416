use chatkit_sdk::widget;
use chatkit_sdk::widget::{ActionConfig, ButtonColor, Card, Text};

fn main() {
    let label = String::from("Go");
    let card: Card = widget! {
        <Card key="k1" id="card" size="lg" padding=2 asForm>
            <Text value="plain" />
            <Text value={label.clone()} size="xl" maxLines=3 width=1.5 editable=false />
            <Row gap=-1 align="center" flex="1 1 auto">
                <Button label={label} color={ButtonColor::Primary} iconStart="check" iconEnd="lucide:rocket"
                        onClickAction={ActionConfig::new("go")} block disabled=false />
            </Row>
        </Card>
    };
    let json = serde_json::to_value(&card).unwrap_or_default();
    assert_eq!(json["key"], "k1");
    assert_eq!(json["children"][1]["editable"], false);
    assert_eq!(json["children"][2]["gap"], -1);
    assert_eq!(json["children"][2]["children"][0]["iconEnd"], "lucide:rocket");
    assert_eq!(json["children"][2]["children"][0]["block"], true);
    let _: Text = widget! { <Text value="a component on its own" /> };
    let list = widget! { <ListView limit=3 /> };
    assert_eq!(serde_json::to_value(&list).unwrap_or_default()["limit"], 3);
}
