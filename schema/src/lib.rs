//! JSON Schemas of the ChatKit widget and protocol types, generated from the Rust types.
//!
//! `cargo run -p chatkit-schema` writes [`WIDGETS_FILE`] and [`PROTOCOL_FILE`] next to this
//! crate's manifest; `-- --check` fails when the committed files differ from the types. The files
//! are for frontend typing (json-schema-to-typescript) and for validating widgets elsewhere.
//!
//! Fields the server leaves out when empty are optional and never `null` in these schemas: they
//! describe what the server writes (`null`s are omitted on the wire).

pub mod macro_table;

use std::path::{Path, PathBuf};

use chatkit_sdk::{
    Attachment, ChatKitRequest, Page, SyncCustomActionResponse, Thread, ThreadItem, ThreadMetadata,
    ThreadStreamEvent, TranscriptionResult, WidgetComponent, WidgetRoot,
};
use schemars::generate::{Contract, SchemaSettings};
use schemars::transform::transform_subschemas;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

/// The widget schema's file name.
pub const WIDGETS_FILE: &str = "widgets.schema.json";
/// The protocol schema's file name.
pub const PROTOCOL_FILE: &str = "protocol.schema.json";

/// Where the committed schema files live (this crate's directory).
pub fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A generator for what the server writes (`Contract::Serialize`: defaults always present) or
/// what it reads (`Contract::Deserialize`: defaults may be left out).
fn generator_for(contract: Contract) -> SchemaGenerator {
    SchemaSettings::draft2020_12()
        .with(|settings| {
            settings.transforms.push(Box::new(clean_descriptions));
            // What the server writes leaves optional fields out, never null; what it reads
            // accepts null for them (as the reference does), so requests keep their nulls.
            if contract.is_serialize() {
                settings.transforms.push(Box::new(strip_null));
            }
            settings.contract = contract;
        })
        .into_generator()
}

/// Doc comments become descriptions; their Rust examples are noise for a frontend.
fn clean_descriptions(schema: &mut Schema) {
    transform_subschemas(&mut clean_descriptions, schema);
    if let Some(Value::String(text)) = schema.get_mut("description") {
        *text = without_code_blocks(text);
    }
}

fn generator() -> SchemaGenerator {
    generator_for(Contract::Serialize)
}

/// Removes `null` alternatives: our `Option`s are omitted on the wire, never written as null.
fn strip_null(schema: &mut Schema) {
    transform_subschemas(&mut strip_null, schema);
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let single = types.remove(0);
            object.insert("type".to_owned(), single);
        }
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(variants)) = object.get_mut(key) else {
            continue;
        };
        variants.retain(|v| v.get("type") != Some(&json!("null")));
        // `anyOf: [X]` (what an `Option<X>` leaves behind) is just X.
        if variants.len() == 1
            && let Some(Value::Object(only)) = variants.pop()
        {
            object.remove(key);
            for (k, v) in only {
                object.entry(k).or_insert(v);
            }
        }
    }
}

fn without_code_blocks(text: &str) -> String {
    let mut kept = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code {
            kept.push(line);
        }
    }
    kept.join("\n").trim().to_owned()
}

/// A root schema that is `anyOf` the given roots, with every definition the generator made.
fn root_of(
    mut generator: SchemaGenerator,
    title: &str,
    description: &str,
    roots: Vec<Schema>,
) -> Value {
    let defs = generator.take_definitions(true);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": description,
        "anyOf": roots,
        "$defs": defs,
    })
}

fn sub<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// The schema of widget roots; its `$defs` hold every component (`WidgetComponent` is the
/// union of components).
pub fn widgets_schema() -> Value {
    let mut generator = generator();
    let roots = vec![
        sub::<chatkit_sdk::widget::Card>(&mut generator),
        sub::<chatkit_sdk::widget::ListView>(&mut generator),
        sub::<chatkit_sdk::widget::Basic>(&mut generator),
    ];
    // Registered as definitions for frontends: the unions of roots and of components.
    sub::<WidgetRoot>(&mut generator);
    sub::<WidgetComponent>(&mut generator);
    root_of(
        generator,
        "ChatKitWidgets",
        "A ChatKit widget root (Card, ListView or Basic) and every component, as chatkit-sdk writes them.",
        roots,
    )
}

/// The schema of every protocol document: requests, stream events, items, threads and pages,
/// attachments and the other JSON responses.
pub fn protocol_schema() -> Value {
    // Requests are described as the server reads them (clients may leave defaults out); every
    // other document as the server writes it. Definitions the two views share but describe
    // differently get an `Input` suffix on the request side.
    let mut requests = generator_for(Contract::Deserialize);
    let request_root = sub::<ChatKitRequest>(&mut requests);
    let request_defs = requests.take_definitions(true);

    let mut generator = generator();
    let roots = vec![
        sub::<ThreadStreamEvent>(&mut generator),
        sub::<ThreadItem>(&mut generator),
        sub::<Thread>(&mut generator),
        sub::<Page<Thread>>(&mut generator),
        sub::<Page<ThreadItem>>(&mut generator),
        sub::<Attachment>(&mut generator),
        sub::<SyncCustomActionResponse>(&mut generator),
        sub::<TranscriptionResult>(&mut generator),
    ];
    // What stores keep; registered as a definition for integrators.
    sub::<ThreadMetadata>(&mut generator);
    let mut schema = root_of(
        generator,
        "ChatKitProtocol",
        "Any JSON document of the ChatKit server protocol (openai-chatkit 1.6.5 wire format), as chatkit-sdk reads and writes it.",
        roots,
    );
    merge_request_defs(&mut schema, request_root, request_defs);
    schema
}

/// Adds the request-side definitions to `schema`, renaming those that clash with a different
/// serialize-side definition, and puts the request root first in `anyOf`.
fn merge_request_defs(schema: &mut Value, root: Schema, defs: serde_json::Map<String, Value>) {
    let existing = schema["$defs"].as_object().cloned().unwrap_or_default();
    let renamed: Vec<String> = defs
        .iter()
        .filter(|(name, def)| existing.get(*name).is_some_and(|other| other != *def))
        .map(|(name, _)| name.clone())
        .collect();
    let rename = |mut value: Value| {
        rewrite_refs(&mut value, &renamed);
        value
    };
    if let Some(target) = schema["$defs"].as_object_mut() {
        for (name, def) in defs {
            let name = if renamed.contains(&name) {
                format!("{name}Input")
            } else {
                name
            };
            target.insert(name, rename(def));
        }
    }
    if let Some(any_of) = schema["anyOf"].as_array_mut() {
        any_of.insert(0, rename(root.to_value()));
    }
}

fn rewrite_refs(value: &mut Value, renamed: &[String]) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Some(name) = reference.strip_prefix("#/$defs/")
                && renamed.iter().any(|r| r == name)
            {
                *reference = format!("#/$defs/{name}Input");
            }
            map.values_mut().for_each(|v| rewrite_refs(v, renamed));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_refs(v, renamed)),
        _ => {}
    }
}

/// The macro table, relative to [`schema_dir`].
pub const MACRO_TABLE: &str = "../chatkit-macros/src/table.rs";

/// The files as they should be: `(path relative to [`schema_dir`], content)`: the widget
/// schema, the protocol schema, and the `widget!` macro's table generated from the widget schema.
pub fn render() -> Vec<(&'static str, String)> {
    let widgets = widgets_schema();
    let table = macro_table::render(&widgets);
    let mut files: Vec<(&'static str, String)> =
        [(WIDGETS_FILE, widgets), (PROTOCOL_FILE, protocol_schema())]
            .into_iter()
            .map(|(name, value)| {
                let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
                text.push('\n');
                (name, text)
            })
            .collect();
    files.push((MACRO_TABLE, table));
    files
}

/// Writes the files under `dir` (which holds the schema files; the table goes to
/// `dir/../chatkit-macros/src/`).
pub fn write(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    render()
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)?;
            Ok(path)
        })
        .collect()
}

/// The files under `dir` that differ from what the types generate (missing files count).
pub fn stale_files(dir: &Path) -> Vec<String> {
    render()
        .into_iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(name, _)| name.to_owned())
        .collect()
}
