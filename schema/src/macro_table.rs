//! Generates the `widget!` macro's element table (`chatkit-macros/src/table.rs`) from the widget
//! JSON Schema: every element with its wire type, Rust struct, root flag, children rule, and each
//! prop's Rust setter, required flag and which literals it takes.

use std::fmt::Write;

use serde_json::{Map, Value};

/// What a prop accepts as a literal in markup.
#[derive(Default)]
struct Accepts {
    /// `None`: no string literal; `Some(None)`: any string; `Some(Some((def, values)))`: one of
    /// these values of the literal enum `def`.
    string: Option<Option<(String, Vec<String>)>>,
    icon: Option<Vec<String>>,
    /// `Some(true)`: integers and floats; `Some(false)`: integers only.
    number: Option<bool>,
    /// `Some(None)`: `true`/`false`; `Some(Some(path))`: only `false`, built as `path`.
    boolean: Option<Option<String>>,
}

fn defs(schema: &Value) -> Map<String, Value> {
    schema["$defs"].as_object().cloned().unwrap_or_default()
}

fn ref_name(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

fn strings(values: &Value) -> Vec<String> {
    values
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Walks a prop schema, collecting the literals it accepts. `via` is the definition we came
/// through (the Rust type of a literal enum).
fn accepts(schema: &Value, defs: &Map<String, Value>, via: Option<&str>, out: &mut Accepts) {
    if let Some(name) = ref_name(schema) {
        if name == "IconName" {
            let named = &defs[name]["anyOf"][0]["enum"];
            out.icon = Some(strings(named));
            return;
        }
        if let Some(def) = defs.get(name) {
            accepts(def, defs, Some(name), out);
        }
        return;
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alternatives) = schema.get(key).and_then(Value::as_array) {
            for alternative in alternatives {
                accepts(alternative, defs, via, out);
            }
        }
    }
    if let Some(values) = schema.get("enum") {
        out.string = Some(Some((via.unwrap_or_default().to_owned(), strings(values))));
        return;
    }
    if let Some(Value::String(value)) = schema.get("const") {
        out.string = Some(Some((
            via.unwrap_or_default().to_owned(),
            vec![value.clone()],
        )));
        return;
    }
    if schema.get("const") == Some(&Value::Bool(false)) {
        // Only `Text.editable` has a `false` literal; its Rust value is `Editable::Disabled`.
        out.boolean = Some(Some("::chatkit_sdk::widget::Editable::Disabled".to_owned()));
        return;
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") if schema.get("format").is_none() => {
            out.string.get_or_insert(None);
        }
        Some("number") | Some("integer") => {
            // `Dimension` (and `SpacingValue` through it) converts from floats; plain numbers
            // (`serde_json::Number`) only from integers.
            let floats = via == Some("Dimension");
            out.number = Some(out.number.unwrap_or(false) || floats);
        }
        Some("boolean") => out.boolean = Some(None),
        _ => {}
    }
}

fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn children_rule(schema: Option<&Value>) -> &'static str {
    let Some(schema) = schema else {
        return "Children::None";
    };
    match ref_name(schema) {
        Some("WidgetComponent") => return "Children::Single",
        Some(_) => return "Children::None",
        None => {}
    }
    match schema.get("items").and_then(ref_name) {
        Some("WidgetComponent") => "Children::Components",
        Some("ListViewItem") => "Children::ListViewItems",
        Some("TableRow") => "Children::TableRows",
        Some("TableCell") => "Children::TableCells",
        _ => "Children::None",
    }
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Rust source of the table.
pub fn render(widgets_schema: &Value) -> String {
    let defs = defs(widgets_schema);
    let roots: Vec<&str> = widgets_schema["anyOf"]
        .as_array()
        .map(|a| a.iter().filter_map(ref_name).collect())
        .unwrap_or_default();
    let mut elements: Vec<&str> = roots.clone();
    if let Some(components) = defs
        .get("WidgetComponent")
        .and_then(|c| c["anyOf"].as_array())
    {
        elements.extend(components.iter().filter_map(ref_name));
    }

    let mut out = String::new();
    out.push_str(
        "// @generated by `cargo run -p chatkit-schema` from schema/widgets.schema.json.\n\
         // Do not edit: change the widget types, then regenerate (a drift test checks it).\n\n\
         use crate::model::{Bool, Children, Element, Num, Prop, Str};\n\n\
         /// Every element `widget!` knows: the roots first, then the components.\n\
         pub static ELEMENTS: &[Element] = &[\n",
    );
    for name in elements {
        let Some(def) = defs.get(name) else { continue };
        let tag = def["properties"]["type"]["const"].as_str().unwrap_or(name);
        let required: Vec<String> = strings(&def["required"]);
        let properties = def["properties"].as_object().cloned().unwrap_or_default();
        let children = children_rule(properties.get("children"));
        let _ = writeln!(out, "    Element {{");
        let _ = writeln!(out, "        tag: {tag:?},");
        let _ = writeln!(out, "        rust: {name:?},");
        let _ = writeln!(out, "        root: {},", roots.contains(&name));
        let _ = writeln!(out, "        children: {children},");
        let _ = writeln!(
            out,
            "        children_required: {},",
            required.iter().any(|r| r == "children")
        );
        let _ = writeln!(out, "        props: &[");
        for (prop, schema) in &properties {
            if matches!(prop.as_str(), "type" | "children") {
                continue;
            }
            let mut a = Accepts::default();
            accepts(schema, &defs, None, &mut a);
            let string = match (&a.icon, &a.string) {
                (Some(values), _) => format!("Str::Icon(&[{}])", quoted(values)),
                (None, Some(Some((def, values)))) => {
                    format!(
                        "Str::OneOf {{ rust: {def:?}, values: &[{}] }}",
                        quoted(values)
                    )
                }
                (None, Some(None)) => "Str::Any".to_owned(),
                (None, None) => "Str::No".to_owned(),
            };
            let number = match a.number {
                Some(true) => "Num::Any",
                Some(false) => "Num::Integer",
                None => "Num::No",
            };
            let boolean = match &a.boolean {
                Some(Some(path)) => format!("Bool::FalseAs({path:?})"),
                Some(None) => "Bool::Any".to_owned(),
                None => "Bool::No".to_owned(),
            };
            let _ = writeln!(
                out,
                "            Prop {{ name: {prop:?}, setter: {:?}, required: {}, string: {string}, number: {number}, boolean: {boolean} }},",
                snake_case(prop),
                required.contains(prop),
            );
        }
        let _ = writeln!(out, "        ],");
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n");
    out
}
