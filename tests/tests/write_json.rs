//! The wire path writes widgets directly (`WriteJson`, spliced into serde output): it must give
//! serde's bytes exactly, for every component and prop, inside events and items too.

use anyhow::{Context, Result};
use chatkit_sdk::widget::{Card, Text, WidgetComponent, WriteJson};
use chatkit_sdk::{ItemKind, ThreadItem, ThreadStreamEvent, WidgetRoot, sse_frame, to_wire_json};
use chatkit_tests::gallery::gallery;
use chatkit_tests::transcript::Transcript;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};

fn written(root: &WidgetRoot) -> Result<String> {
    let mut out = Vec::new();
    root.write_json(&mut out)?;
    Ok(String::from_utf8(out)?)
}

fn widget_item(root: WidgetRoot) -> Result<ThreadItem> {
    Ok(serde_json::from_value(json!({
        "type": "widget",
        "id": "cti_1",
        "thread_id": "thr_1",
        "created_at": "2025-01-02T03:04:05.123456",
        "widget": serde_json::to_value(&root)?,
    }))?)
}

#[test]
fn every_gallery_widget_is_written_as_serde_writes_it() -> Result<()> {
    for (name, root) in gallery() {
        let serde = serde_json::to_string(&root)?;
        assert_eq!(written(&root)?, serde, "{name}: WriteJson");
        assert_eq!(to_wire_json(&root)?, serde, "{name}: to_wire_json");

        // Inside an item and an event: the widget is spliced into serde's output in place.
        let item = widget_item(root.clone()).context(name)?;
        assert!(matches!(item.kind, ItemKind::Widget { .. }), "{name}");
        assert_eq!(
            to_wire_json(&item)?,
            serde_json::to_string(&item)?,
            "{name} item"
        );
        let event = ThreadStreamEvent::ThreadItemDone { item };
        assert_eq!(
            sse_frame(&event)?,
            format!("data: {}\n\n", serde_json::to_string(&event)?),
            "{name} event"
        );
    }
    Ok(())
}

/// Every `"widget"` value of a JSON document (widget items and `widget.root.updated`).
fn widgets_in<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "widget" && inner.get("type").is_some() {
                    out.push(inner);
                }
                widgets_in(inner, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| widgets_in(v, out)),
        _ => {}
    }
}

#[test]
fn transcript_widgets_are_written_byte_for_byte_as_the_reference() -> Result<()> {
    let mut widgets = 0;
    for t in Transcript::reference_raw()?
        .iter()
        .filter(|t| t.status == 200)
    {
        let documents = if t.is_sse() {
            t.sse_payloads()
        } else {
            vec![t.body.as_str()]
        };
        for document in documents {
            let reference: Value = serde_json::from_str(document)?;
            let mut found = Vec::new();
            widgets_in(&reference, &mut found);
            for widget in &found {
                let typed: WidgetRoot = serde_json::from_value((*widget).clone())?;
                // `Value` keeps the reference's key order, so this is the reference's text.
                assert_eq!(to_wire_json(&typed)?, serde_json::to_string(widget)?);
                widgets += 1;
            }
            if t.is_sse() && !found.is_empty() {
                let event: ThreadStreamEvent = serde_json::from_str(document)?;
                assert_eq!(
                    sse_frame(&event)?,
                    format!("data: {}\n\n", serde_json::to_string(&reference)?)
                );
            }
        }
    }
    assert!(widgets >= 10, "only {widgets} widgets in the transcripts");
    Ok(())
}

#[test]
fn unknown_components_and_kept_props_round_trip_through_the_writer() -> Result<()> {
    // A component type we do not know (kept as it came, written by serde) holding ones we do
    // (written directly again), and a Basic root with props we do not model (flattened, nulls
    // left out as the reference does).
    let card: WidgetRoot = serde_json::from_value(json!({
        "type": "Card",
        "children": [{
            "type": "Sparkline",
            "id": "s1",
            "children": [{"type": "Text", "value": "inside \"quotes\"\n", "size": "sm"}],
            "points": [1, 2.5, null],
            "style": {"tone": null, "stroke": 2},
        }],
    }))?;
    let WidgetRoot::Card(inner) = &card else {
        anyhow::bail!("not a card: {card:?}");
    };
    assert!(matches!(inner.children[0], WidgetComponent::Dynamic(_)));
    assert_eq!(to_wire_json(&card)?, serde_json::to_string(&card)?);
    assert!(to_wire_json(&card)?.contains(r#""style":{"stroke":2}"#));

    let basic: WidgetRoot = serde_json::from_value(json!({
        "type": "Basic",
        "children": {"type": "Title", "value": "One child, not a list"},
        "gap": 2,
        "entity": {"id": "e1", "note": null},
        "dropped": null,
    }))?;
    let wire = to_wire_json(&basic)?;
    assert_eq!(wire, serde_json::to_string(&basic)?);
    assert_eq!(
        wire,
        r#"{"type":"Basic","children":[{"type":"Title","value":"One child, not a list"}],"gap":2,"entity":{"id":"e1"}}"#
    );
    Ok(())
}

#[test]
fn other_serializers_get_serdes_own_output() -> Result<()> {
    let root = WidgetRoot::from(Card::new().child(Text::new("Γειά")));
    let pretty = serde_json::to_string_pretty(&root)?;
    assert!(pretty.contains("\n  \"type\": \"Card\""), "{pretty}");
    assert_eq!(serde_json::to_value(&root)?["children"][0]["value"], "Γειά");
    Ok(())
}

/// A value whose `Serialize` serializes a widget with a serializer of its own.
struct ToValueInside(WidgetRoot);

impl Serialize for ToValueInside {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = serde_json::to_value(&self.0).map_err(serde::ser::Error::custom)?;
        value.serialize(serializer)
    }
}

/// A widget under serde's adapters: flattened into a struct, inside an internally tagged enum.
#[derive(Serialize)]
struct Flattened {
    name: &'static str,
    #[serde(flatten)]
    widget: WidgetRoot,
}

#[derive(Serialize)]
#[serde(tag = "kind")]
enum Tagged {
    Shown(WidgetRoot),
}

#[test]
fn widgets_under_other_serializers_and_serde_adapters_on_the_wire_path_are_serdes_output()
-> Result<()> {
    let root = || WidgetRoot::from(Card::new().child(Text::new("hi")));
    let inside = ToValueInside(root());
    assert_eq!(to_wire_json(&inside)?, serde_json::to_string(&inside)?);
    let flattened = Flattened {
        name: "preview",
        widget: root(),
    };
    let wire = to_wire_json(&flattened)?;
    assert_eq!(wire, serde_json::to_string(&flattened)?);
    assert!(
        wire.starts_with(r#"{"name":"preview","type":"Card","#),
        "{wire}"
    );
    let tagged = Tagged::Shown(root());
    let wire = to_wire_json(&tagged)?;
    assert_eq!(wire, serde_json::to_string(&tagged)?);
    assert!(
        wire.starts_with(r#"{"kind":"Shown","type":"Card","#),
        "{wire}"
    );
    // And a widget spliced after them in the same output is still written in its place.
    let both = (flattened, root());
    assert_eq!(to_wire_json(&both)?, serde_json::to_string(&both)?);
    Ok(())
}
