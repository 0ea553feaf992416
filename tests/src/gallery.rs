//! A gallery of widgets built with the builders: every component type and root at least once,
//! with most props set. Tests validate it against the official schema and (later) compare it with
//! the `widget!` macro's output.

use chatkit_sdk::IconName;
use chatkit_sdk::widget::*;
use serde_json::{Map, Value, json};

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Named widget roots covering every component.
pub fn gallery() -> Vec<(&'static str, WidgetRoot)> {
    let confirm = ActionConfig::new("confirm").payload(json!({"id": 7}));
    vec![
        (
            "card_text",
            Card::new()
                .size(CardSize::Md)
                .padding(4)
                .background(ThemeColor::new("white", "gray-900"))
                .status(WidgetStatus::new("Live").icon(IconName::Bolt))
                .collapsed(false)
                .theme(Theme::Dark)
                .confirm(CardAction::new("OK", confirm.clone()))
                .cancel(CardAction::new("Cancel", ActionConfig::new("cancel")))
                .child(
                    Title::new("Γειά σου κόσμε")
                        .size(TitleSize::Xxl)
                        .weight(FontWeight::Bold)
                        .text_align(TextAlign::Center)
                        .color("primary"),
                )
                .child(
                    Caption::new("caption")
                        .size(CaptionSize::Sm)
                        .truncate(true)
                        .max_lines(2),
                )
                .child(
                    Text::new("Hello")
                        .id("body")
                        .streaming(true)
                        .italic(true)
                        .line_through(false)
                        .size(TextSize::Lg)
                        .width("50%")
                        .min_lines(1)
                        .editable(Editable::Field(EditableProps {
                            name: "body".into(),
                            placeholder: Some("Say something".into()),
                            ..Default::default()
                        })),
                )
                .child(Text::new("static").editable(Editable::Disabled))
                .child(Markdown::new("**bold** _it_").streaming(false))
                .child(
                    Label::new("Name", "name")
                        .size(TextSize::Sm)
                        .weight(FontWeight::Medium),
                )
                .into(),
        ),
        (
            "card_layout",
            Card::new()
                .as_form(true)
                .child(
                    Box::new()
                        .direction(Direction::Row)
                        .align(Alignment::Center)
                        .justify(Justification::Between)
                        .wrap(FlexWrap::WrapReverse)
                        .flex(1)
                        .gap("md")
                        .height(1.5)
                        .min_width(10)
                        .max_size("100px")
                        .padding(Spacing {
                            x: Some(2.into()),
                            top: Some("sm".into()),
                            ..Default::default()
                        })
                        .margin(0)
                        .border(Border {
                            size: 1.into(),
                            color: Some("subtle".into()),
                            style: Some(BorderStyle::Dashed),
                        })
                        .radius(Radius::Full)
                        .aspect_ratio(1.5)
                        .child(Spacer::new().min_size(8))
                        .child(
                            Divider::new()
                                .color("default")
                                .size(1)
                                .spacing(2)
                                .flush(true),
                        ),
                )
                .child(
                    Row::new()
                        .border(Borders {
                            top: Some(BorderSide::Width(2.into())),
                            bottom: Some(BorderSide::Border(Border::new(1))),
                            ..Default::default()
                        })
                        .child(
                            Badge::new("new")
                                .color(BadgeColor::Discovery)
                                .variant(BadgeVariant::Soft)
                                .size(BadgeSize::Lg)
                                .pill(true),
                        )
                        .child(
                            Icon::new(IconName::Custom("lucide:rocket".into()))
                                .size(IconSize::Xxl)
                                .color("blue-500"),
                        ),
                )
                .child(
                    Col::new().child(
                        Image::new("https://example.com/cat.png")
                            .alt("A cat")
                            .fit(ImageFit::ScaleDown)
                            .position(ImagePosition::BottomRight)
                            .radius(Radius::Percent100)
                            .frame(true)
                            .flush(false)
                            .height(120)
                            .width("100%"),
                    ),
                )
                .child(Transition::new(Text::new("fading")))
                .into(),
        ),
        (
            "card_form",
            Card::new()
                .child(
                    Form::new()
                        .on_submit_action(
                            ActionConfig::new("submit")
                                .loading_behavior(LoadingBehavior::Container),
                        )
                        .direction(Direction::Col)
                        .child(
                            Input::new("email")
                                .input_type(InputType::Email)
                                .required(true)
                                .placeholder("you@example.com")
                                .variant(InputVariant::Outline)
                                .size(ControlSize::Lg)
                                .gutter_size(GutterSize::Xs)
                                .pill(true),
                        )
                        .child(
                            Textarea::new("bio")
                                .rows(3)
                                .auto_resize(true)
                                .max_rows(8)
                                .default_value("Hi"),
                        )
                        .child(
                            Select::new(
                                "color",
                                vec![
                                    SelectOption::new("red", "Red"),
                                    SelectOption {
                                        description: Some("calm".into()),
                                        ..SelectOption::new("blue", "Blue")
                                    },
                                ],
                            )
                            .on_change_action(ActionConfig::new("pick").streaming(false))
                            .variant(ControlVariant::Soft)
                            .clearable(true)
                            .searchable(true),
                        )
                        .child(
                            Checkbox::new("agree")
                                .label("I agree")
                                .default_checked(true),
                        )
                        .child(
                            RadioGroup::new("size")
                                .options(vec![
                                    RadioOption::new("Small", "s"),
                                    RadioOption::new("Large", "l"),
                                ])
                                .direction(Direction::Row)
                                .aria_label("Size"),
                        )
                        .child(date_picker())
                        .child(
                            Button::new("Send")
                                .submit(true)
                                .style(ButtonStyle::Primary)
                                .icon_end(IconName::ChevronRight)
                                .icon_size(ButtonIconSize::Sm)
                                .color(ButtonColor::Caution)
                                .uniform(false)
                                .disabled(false)
                                .on_click_action(
                                    ActionConfig::new("open_link")
                                        .handler(ActionHandler::Client)
                                        .payload(json!({"url": "https://example.com"})),
                                ),
                        ),
                )
                .into(),
        ),
        (
            "card_chart_table",
            Card::new()
                .child(
                    Chart::new(
                        chart_rows(),
                        chart_series(),
                        XAxisConfig {
                            data_key: "month".into(),
                            hide: Some(false),
                            labels: None,
                        },
                    )
                    .show_legend(true)
                    .bar_gap(4)
                    .height(200),
                )
                .child(
                    Table::new()
                        .row(
                            TableRow::new()
                                .header(true)
                                .cell(TableCell::new(Text::new("Name")).col_size(TableColSize::Md)),
                        )
                        .row(
                            TableRow::new().cell(
                                TableCell::new(Text::new("Ada"))
                                    .align(TableCellAlign::End)
                                    .col_span(2),
                            ),
                        ),
                )
                .into(),
        ),
        (
            "list_view",
            ListView::new()
                .limit(ListViewLimit::Auto(AutoLiteral::Auto))
                .status(WidgetStatus {
                    favicon: Some("https://example.com/f.ico".into()),
                    frame: Some(true),
                    ..WidgetStatus::new("Results")
                })
                .child(
                    ListViewItem::new()
                        .on_click_action(ActionConfig::new("open").payload(json!({"n": 1})))
                        .gap(2)
                        .align(Alignment::Start)
                        .child(Text::new("First")),
                )
                .child(ListViewItem::new().child(Text::new("Second")))
                .into(),
        ),
        (
            "basic",
            Basic::new()
                .direction(Direction::Col)
                .gap(1)
                .justify(Justification::Evenly)
                .child(Caption::new("preview"))
                .into(),
        ),
    ]
}

fn date(text: &str) -> chatkit_sdk::Timestamp {
    match text.parse() {
        Ok(t) => t,
        Err(e) => panic!("gallery date: {e}"),
    }
}

fn date_picker() -> DatePicker {
    let mut picker = DatePicker::new("when")
        .side(PopoverSide::Top)
        .align(PopoverAlign::End)
        .block(true);
    // A bare date reads as midnight, as in pydantic.
    picker.default_value = Some(date("2025-01-01"));
    picker.min = Some(date("2024-06-01T08:30:00Z"));
    picker
}

/// The chart data of the gallery (shared with the markup version of it).
pub fn chart_rows() -> Vec<Map<String, Value>> {
    vec![object(json!({"month": "Jan", "sales": 3, "cost": 1.5}))]
}

/// The chart series of the gallery: one of each kind.
pub fn chart_series() -> Vec<Series> {
    vec![
        Series::bar("sales").label("Sales").into(),
        Series::Area(AreaSeries {
            label: Some("Cost".into()),
            data_key: "cost".into(),
            stack: Some("a".into()),
            color: Some("orange".into()),
            curve_type: Some(CurveType::MonotoneX),
        }),
        Series::Line(LineSeries {
            label: Some("Trend".into()),
            data_key: "sales".into(),
            color: None,
            curve_type: Some(CurveType::StepAfter),
        }),
    ]
}

/// The wire `type` of every component and root that appears in a tree.
pub fn component_types(root: &WidgetRoot) -> Vec<String> {
    fn walk(component: &WidgetComponent, out: &mut Vec<String>) {
        out.push(component.type_name().to_owned());
        if let WidgetComponent::Table(table) = component {
            for row in table.children.iter().flatten() {
                out.push("Table.Row".to_owned());
                for cell in row.children.iter().flatten() {
                    out.push("Table.Cell".to_owned());
                    for child in cell.children.iter().flatten() {
                        walk(child, out);
                    }
                }
            }
        }
        for child in component.children() {
            walk(child, out);
        }
    }
    let mut out = vec![root.type_name().to_owned()];
    if let WidgetRoot::ListView(list) = root {
        for item in &list.children {
            out.push("ListViewItem".to_owned());
            for child in &item.children {
                walk(child, &mut out);
            }
        }
    }
    for child in root.children() {
        walk(child, &mut out);
    }
    out
}
