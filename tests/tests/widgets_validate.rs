//! Widgets validate against the official `strict_widget_root.json`: every widget in the reference
//! transcripts and every widget of the builder gallery. The gallery covers every component type.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use chatkit_sdk::{ThreadStreamEvent, WidgetRoot};
use chatkit_tests::gallery::{component_types, gallery};
use chatkit_tests::transcript::Transcript;
use serde_json::Value;

fn official_schema() -> Result<Value> {
    let path = chatkit_tests::data_dir().join("chatkit/schema/strict_widget_root.json");
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

fn strict_root_validator() -> Result<jsonschema::Validator> {
    jsonschema::validator_for(&official_schema()?)
        .map_err(|e| anyhow::anyhow!("official schema: {e}"))
}

/// The official schema lets any component fall back to its dynamic (anything-goes) form, so a
/// root-level check alone says little about components. This validates every node whose `type`
/// has a strict definition against *that* definition too.
struct StrictComponents {
    defs: Value,
    validators: std::collections::HashMap<String, jsonschema::Validator>,
}

impl StrictComponents {
    fn new() -> Result<Self> {
        let defs = official_schema()?["$defs"].clone();
        Ok(StrictComponents {
            defs,
            validators: Default::default(),
        })
    }

    fn check(&mut self, node: &Value, what: &str) {
        match node {
            Value::Object(map) => {
                if let Some(kind) = map.get("type").and_then(Value::as_str) {
                    let def = if kind == "Basic" { "BasicRoot" } else { kind };
                    if self.defs.get(def).is_some_and(|d| {
                        d.get("properties").is_some_and(|p| p.get("type").is_some())
                    }) {
                        let defs = self.defs.clone();
                        let validator = self.validators.entry(def.to_owned()).or_insert_with(|| {
                            let schema = serde_json::json!({"$ref": format!("#/$defs/{def}"), "$defs": defs});
                            jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{def}: {e}"))
                        });
                        let errors: Vec<String> =
                            validator.iter_errors(node).map(|e| e.to_string()).collect();
                        assert!(
                            errors.is_empty(),
                            "{what}: {kind} is invalid: {errors:?}\n{node:#}"
                        );
                    }
                }
                map.values().for_each(|v| self.check(v, what));
            }
            Value::Array(items) => items.iter().for_each(|v| self.check(v, what)),
            _ => {}
        }
    }
}

fn assert_valid(validator: &jsonschema::Validator, widget: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(widget)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not a valid widget root: {errors:#?}\n{widget:#}"
    );
    match StrictComponents::new() {
        Ok(mut strict) => strict.check(widget, what),
        Err(e) => panic!("{e}"),
    }
}

/// Every `"widget"` value of a JSON document (widget items and `widget.root.updated`).
fn widgets_in(value: &Value, out: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "widget" && inner.get("type").is_some() {
                    out.push(inner.clone());
                }
                widgets_in(inner, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| widgets_in(v, out)),
        _ => {}
    }
}

#[test]
fn transcript_widgets_validate_and_decode() -> Result<()> {
    let validator = strict_root_validator()?;
    let mut found = Vec::new();
    for t in Transcript::reference_raw()?
        .iter()
        .filter(|t| t.status == 200)
    {
        let documents: Vec<&str> = if t.is_sse() {
            t.sse_payloads()
        } else {
            vec![t.body.as_str()]
        };
        for doc in documents {
            widgets_in(&serde_json::from_str(doc)?, &mut found);
        }
    }
    assert!(
        found.len() >= 10,
        "only {} widgets found in the transcripts",
        found.len()
    );
    for widget in &found {
        assert_valid(&validator, widget, "a transcript widget");
        let typed: WidgetRoot = serde_json::from_value(widget.clone())?;
        assert_eq!(&serde_json::to_value(&typed)?, widget);
    }
    Ok(())
}

#[test]
fn gallery_widgets_validate() -> Result<()> {
    let validator = strict_root_validator()?;
    for (name, root) in gallery() {
        let json = serde_json::to_value(&root)?;
        assert_valid(&validator, &json, name);
        // And they read back to the same value.
        let back: WidgetRoot = serde_json::from_value(json).context(name)?;
        assert_eq!(back, root, "{name} round trip");
    }
    Ok(())
}

#[test]
fn gallery_covers_every_component_type() -> Result<()> {
    let catalog: Value = serde_json::from_str(&std::fs::read_to_string(
        chatkit_tests::data_dir().join("chatkit/schema/widgets_catalog.json"),
    )?)?;
    let mut expected: BTreeSet<String> = catalog["components"]
        .as_object()
        .context("catalog components")?
        .values()
        .filter_map(|c| c["type"].as_str().map(str::to_owned))
        .filter(|t| !t.contains('|') && !t.contains(' ') && !t.starts_with('('))
        .collect();
    // Python calls the Basic root class BasicRoot; its type is "Basic". The TypeScript types add
    // the Table family.
    expected.extend(["Basic", "Table", "Table.Row", "Table.Cell"].map(String::from));
    expected
        .retain(|t| t != "DynamicWidgetComponent" && t != "DynamicWidgetRoot" && t != "BasicRoot");

    let seen: BTreeSet<String> = gallery()
        .iter()
        .flat_map(|(_, root)| component_types(root))
        .collect();
    let missing: Vec<_> = expected.difference(&seen).collect();
    assert!(missing.is_empty(), "gallery lacks {missing:?}");
    assert!(expected.len() >= 30, "catalog parsed to only {expected:?}");
    Ok(())
}

#[test]
fn unknown_widget_types_survive_a_round_trip() -> Result<()> {
    let raw = r#"{"type":"Card","children":[{"id":"x","type":"Carousel","children":[{"type":"Text","value":"a"}],"autoplay":true,"items":[{"src":"a.png"}]},{"type":"Text","value":"b"}]}"#;
    let root: WidgetRoot = serde_json::from_str(raw)?;
    assert_eq!(serde_json::to_string(&root)?, raw);
    let WidgetRoot::Card(card) = &root else {
        anyhow::bail!("not a card")
    };
    assert_eq!(card.children[0].type_name(), "Carousel");
    assert_eq!(card.children[0].id(), Some("x"));
    Ok(())
}

#[test]
fn widget_update_events_carry_typed_roots() -> Result<()> {
    let raw = r#"{"type":"thread.item.updated","item_id":"msg_1","update":{"type":"widget.root.updated","widget":{"type":"ListView","children":[{"type":"ListViewItem","children":[{"type":"Text","value":"x"}]}],"limit":3}}}"#;
    let event: ThreadStreamEvent = serde_json::from_str(raw)?;
    assert_eq!(serde_json::to_string(&event)?, raw);
    Ok(())
}

#[test]
fn the_official_schema_rejects_bad_widgets() -> Result<()> {
    // A guard against a validator that accepts everything.
    let validator = strict_root_validator()?;
    for bad in [
        r#"{"type":"Row","children":[]}"#,
        r#"{"type":"Card"}"#,
        r#"{"type":"Card","children":"none"}"#,
        r#"{"type":"ListView","children":[{"type":"Text","value":"x"}]}"#,
    ] {
        let value: Value = serde_json::from_str(bad)?;
        assert!(!validator.is_valid(&value), "accepted {bad}");
    }
    Ok(())
}

#[test]
fn known_types_with_bad_values_are_kept_as_dynamic() -> Result<()> {
    // Like the reference (whose union falls back to DynamicWidgetComponent), a known component
    // whose props do not fit its type is kept verbatim rather than failing the whole item.
    let raw = r#"{"type":"Card","children":[{"type":"Button","label":"x","color":"purple"}]}"#;
    let root: WidgetRoot = serde_json::from_str(raw)?;
    assert_eq!(root.children()[0].type_name(), "Button");
    assert!(matches!(
        root.children()[0],
        chatkit_sdk::WidgetComponent::Dynamic(_)
    ));
    assert_eq!(serde_json::to_string(&root)?, raw);
    // A root must be a Card, ListView or Basic; one whose props do not fit is kept as it came
    // (the reference's DynamicWidgetRoot), nulls left out.
    assert!(serde_json::from_str::<WidgetRoot>(r#"{"type":"Row","children":[]}"#).is_err());
    let loose: WidgetRoot = serde_json::from_str(r#"{"type":"Card","size":"huge","note":null}"#)?;
    assert!(matches!(loose, WidgetRoot::Dynamic(_)));
    assert_eq!(
        serde_json::to_string(&loose)?,
        r#"{"type":"Card","size":"huge"}"#
    );
    Ok(())
}

/// Keys in the order the reference writes them (its model's field order, from the catalog).
fn check_key_order(node: &Value, catalog: &Value, checked: &mut usize) {
    match node {
        Value::Object(map) => {
            if let Some(kind) = map.get("type").and_then(Value::as_str)
                && let Some(props) = catalog["components"][kind]["props"].as_object()
            {
                let order: Vec<&String> = props.keys().collect();
                let positions: Vec<usize> = map
                    .keys()
                    .filter_map(|k| order.iter().position(|o| *o == k))
                    .collect();
                assert!(
                    positions.windows(2).all(|w| w[0] < w[1]),
                    "{kind}: keys {:?} are not in the reference order {order:?}",
                    map.keys().collect::<Vec<_>>()
                );
                *checked += 1;
            }
            map.values()
                .for_each(|v| check_key_order(v, catalog, checked));
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| check_key_order(v, catalog, checked)),
        _ => {}
    }
}

#[test]
fn widget_keys_come_in_the_reference_order() -> Result<()> {
    let catalog: Value = serde_json::from_str(&std::fs::read_to_string(
        chatkit_tests::data_dir().join("chatkit/schema/widgets_catalog.json"),
    )?)?;
    let mut checked = 0;
    for (_, root) in gallery() {
        // Through a string, so the map keeps the order we wrote.
        let json: Value = serde_json::from_str(&serde_json::to_string(&root)?)?;
        check_key_order(&json, &catalog, &mut checked);
    }
    assert!(checked >= 35, "only {checked} nodes checked");
    Ok(())
}
