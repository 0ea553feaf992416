use chatkit_sdk::widget;

enum Status {
    Open,
    Closed { reason: &'static str },
}

fn main() {
    let items = ["a", "b", "c"];
    let maybe: Option<&str> = Some("note");
    let status = Status::Closed { reason: "done" };
    let count = 2;
    let card = widget! {
        <Card>
            for (i, item) in items.iter().enumerate() {
                if i % 2 == 0 { <Text value={item.to_string()} /> }
            }
            if let Some(note) = maybe { <Caption value={note.to_string()} /> } else { <Divider /> }
            if count > 5 { <Text value="many" /> } else if count > 1 { <Text value="some" /> } else { <Text value="few" /> }
            match status {
                Status::Open => <Badge label="open" />,
                Status::Closed { reason } if reason.is_empty() => { <Badge label="closed" /> }
                Status::Closed { reason } => {
                    <Badge label="closed" color="secondary" />
                    <Text value={reason.to_string()} />
                }
            }
            {for item in items.iter().take(1) { <Markdown value={item.to_string()} /> }}
            {if count == 2 { <Spacer /> }}
        </Card>
    };
    let types: Vec<String> = card.children.iter().map(|c| c.type_name().to_owned()).collect();
    assert_eq!(types, ["Text", "Text", "Caption", "Text", "Badge", "Text", "Markdown", "Spacer"]);
}
