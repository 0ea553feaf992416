//! `widget!` builds exactly the trees the builders build: the whole builder gallery (every
//! component type) is written again in markup and compared, snapshotted, and validated against
//! the official schema.

use anyhow::Result;
use chatkit_sdk::IconName;
use chatkit_sdk::widget;
use chatkit_sdk::widget::*;
use chatkit_tests::gallery::{chart_rows, chart_series, gallery};
use serde_json::{Value, json};

fn markup_gallery() -> Result<Vec<(&'static str, WidgetRoot)>> {
    let confirm = ActionConfig::new("confirm").payload(json!({"id": 7}));
    let editable = Editable::Field(EditableProps {
        name: "body".into(),
        placeholder: Some("Say something".into()),
        ..Default::default()
    });
    let card_text = widget! {
        <Card size="md" padding=4 background={ThemeColor::new("white", "gray-900")}
              status={WidgetStatus::new("Live").icon(IconName::Bolt)} collapsed=false theme="dark"
              confirm={CardAction::new("OK", confirm.clone())}
              cancel={CardAction::new("Cancel", ActionConfig::new("cancel"))}>
            <Title value="Γειά σου κόσμε" size="2xl" weight="bold" textAlign="center" color="primary" />
            <Caption value="caption" size="sm" truncate maxLines=2 />
            <Text value="Hello" id="body" streaming italic lineThrough=false size="lg" width="50%"
                  minLines=1 editable={editable} />
            <Text value="static" editable=false />
            <Markdown value="**bold** _it_" streaming=false />
            <Label value="Name" fieldName="name" size="sm" weight="medium" />
        </Card>
    };
    let card_layout = widget! {
        <Card asForm>
            <Box direction="row" align="center" justify="between" wrap="wrap-reverse" flex=1 gap="md"
                 height=1.5 minWidth=10 maxSize="100px"
                 padding={Spacing { x: Some(2.into()), top: Some("sm".into()), ..Default::default() }}
                 margin=0
                 border={Border { size: 1.into(), color: Some("subtle".into()), style: Some(BorderStyle::Dashed) }}
                 radius="full" aspectRatio=1.5>
                <Spacer minSize=8 />
                <Divider color="default" size=1 spacing=2 flush />
            </Box>
            <Row border={Borders {
                    top: Some(BorderSide::Width(2.into())),
                    bottom: Some(BorderSide::Border(Border::new(1))),
                    ..Default::default()
                 }}>
                <Badge label="new" color="discovery" variant="soft" size="lg" pill />
                <Icon name="lucide:rocket" size="2xl" color="blue-500" />
            </Row>
            <Col>
                <Image src="https://example.com/cat.png" alt="A cat" fit="scale-down" position="bottom right"
                       radius="100%" frame flush=false height=120 width="100%" />
            </Col>
            <Transition><Text value="fading" /></Transition>
        </Card>
    };
    let mut picker = DatePicker::new("when")
        .side(PopoverSide::Top)
        .align(PopoverAlign::End)
        .block(true);
    picker.default_value = Some("2025-01-01".parse()?);
    picker.min = Some("2024-06-01T08:30:00Z".parse()?);
    let card_form = widget! {
        <Card>
            <Form onSubmitAction={ActionConfig::new("submit").loading_behavior(LoadingBehavior::Container)} direction="col">
                <Input name="email" inputType="email" required placeholder="you@example.com" variant="outline"
                       size="lg" gutterSize="xs" pill />
                <Textarea name="bio" rows=3 autoResize maxRows=8 defaultValue="Hi" />
                <Select name="color"
                        options={vec![SelectOption::new("red", "Red"), SelectOption { description: Some("calm".into()), ..SelectOption::new("blue", "Blue") }]}
                        onChangeAction={ActionConfig::new("pick").streaming(false)}
                        variant="soft" clearable searchable />
                <Checkbox name="agree" label="I agree" defaultChecked />
                <RadioGroup name="size" options={vec![RadioOption::new("Small", "s"), RadioOption::new("Large", "l")]}
                            direction="row" ariaLabel="Size" />
                {picker}
                <Button label="Send" submit style="primary" iconEnd="chevron-right" iconSize="sm" color="caution"
                        uniform=false disabled=false
                        onClickAction={ActionConfig::new("open_link").handler(ActionHandler::Client).payload(json!({"url": "https://example.com"}))} />
            </Form>
        </Card>
    };
    let (rows, series) = (chart_rows(), chart_series());
    let card_chart_table = widget! {
        <Card>
            <Chart data={rows} series={series}
                   xAxis={XAxisConfig { data_key: "month".into(), hide: Some(false), labels: None }}
                   showLegend barGap=4 height=200 />
            <Table>
                <Table.Row header>
                    <Table.Cell colSize="md"><Text value="Name" /></Table.Cell>
                </Table.Row>
                <Table.Row>
                    <Table.Cell align="end" colSpan=2><Text value="Ada" /></Table.Cell>
                </Table.Row>
            </Table>
        </Card>
    };
    let list_view = widget! {
        <ListView limit="auto"
                  status={WidgetStatus { favicon: Some("https://example.com/f.ico".into()), frame: Some(true), ..WidgetStatus::new("Results") }}>
            <ListViewItem onClickAction={ActionConfig::new("open").payload(json!({"n": 1}))} gap=2 align="start">
                <Text value="First" />
            </ListViewItem>
            <ListViewItem><Text value="Second" /></ListViewItem>
        </ListView>
    };
    let basic = widget! {
        <Basic direction="col" gap=1 justify="evenly"><Caption value="preview" /></Basic>
    };
    Ok(vec![
        ("card_text", card_text.into()),
        ("card_layout", card_layout.into()),
        ("card_form", card_form.into()),
        ("card_chart_table", card_chart_table.into()),
        ("list_view", list_view.into()),
        ("basic", basic.into()),
    ])
}

#[test]
fn markup_builds_the_same_trees_as_the_builders() -> Result<()> {
    let built = gallery();
    let marked = markup_gallery()?;
    assert_eq!(built.len(), marked.len());
    for ((name, by_builder), (markup_name, by_macro)) in built.iter().zip(&marked) {
        assert_eq!(name, markup_name);
        pretty_assertions::assert_eq!(by_macro, by_builder, "{name}");
        insta::assert_json_snapshot!(*name, by_macro);
    }
    Ok(())
}

#[test]
fn markup_widgets_validate_against_the_official_schema() -> Result<()> {
    let path = chatkit_tests::data_dir().join("chatkit/schema/strict_widget_root.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let validator = jsonschema::validator_for(&schema).map_err(|e| anyhow::anyhow!("{e}"))?;
    for (name, root) in markup_gallery()? {
        let json = serde_json::to_value(&root)?;
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    Ok(())
}

/// String literals in markup are kept as they are (`Str` borrows them): building allocates no
/// copy of them, whatever prop type holds them. Expressions stay owned.
#[test]
fn markup_string_literals_are_not_copied() {
    let owned = String::from("Close");
    let col = widget! {
        <Col flex="0 0 auto" width="50%">
            <Caption value="caption" color="secondary" />
            <Button label="Open" />
            <Button label={owned} />
        </Col>
    };
    assert!(
        matches!(&col.flex, Some(IntDimension::Text(text)) if text.as_static() == Some("0 0 auto"))
    );
    assert!(matches!(&col.width, Some(Dimension::Text(text)) if text.as_static() == Some("50%")));
    let children = col.children.unwrap_or_default();
    let [
        WidgetComponent::Caption(caption),
        WidgetComponent::Button(open),
        WidgetComponent::Button(close),
    ] = children.as_slice()
    else {
        panic!("unexpected children: {children:?}");
    };
    assert_eq!(caption.value.as_static(), Some("caption"));
    assert!(
        matches!(&caption.color, Some(Color::Named(text)) if text.as_static() == Some("secondary"))
    );
    assert_eq!(open.label.as_ref().and_then(Str::as_static), Some("Open"));
    assert_eq!(close.label.as_ref().map(Str::as_static), Some(None));
    assert_eq!(close.label.as_deref(), Some("Close"));
}

/// Every prop that takes any string, on every element, set from a literal exactly as `widget!`
/// sets it (the cases come from the macro's own table): it compiles into the field's type, and
/// the literal is written as the prop's value.
#[test]
fn every_string_prop_takes_a_literal() -> Result<()> {
    let cases = chatkit_macros::__every_literal_prop!("lit \"x\"");
    let mut props = std::collections::BTreeSet::new();
    for (tag, prop, write) in cases {
        let json = write().ok_or_else(|| anyhow::anyhow!("{tag} with {prop} did not serialize"))?;
        let json: Value = serde_json::from_str(&json)?;
        assert_eq!(json["type"], tag, "{json}");
        assert_eq!(json[prop], "lit \"x\"", "{tag}.{prop}: {json}");
        props.insert(prop);
    }
    // The table's string props, not an empty expansion (Chart's xAxis among them).
    assert!(props.len() >= 25 && props.contains("xAxis"), "{props:?}");
    Ok(())
}
