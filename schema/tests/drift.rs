//! The committed schema files are exactly what the Rust types generate.

use chatkit_schema::{render, schema_dir, stale_files};

#[test]
fn committed_schema_files_match_the_types() {
    let stale = stale_files(&schema_dir());
    assert!(
        stale.is_empty(),
        "{stale:?} differ from the Rust types: run `cargo run -p chatkit-schema` and commit the result"
    );
}

#[test]
fn the_drift_check_notices_a_change() -> std::io::Result<()> {
    // Write the files to a scratch tree, then alter one: the check must name it.
    let scratch = std::env::temp_dir().join(format!("chatkit-schema-drift-{}", std::process::id()));
    let dir = scratch.join("schema");
    std::fs::create_dir_all(&dir)?;
    chatkit_schema::write(&dir)?;
    assert!(stale_files(&dir).is_empty());
    let widgets = dir.join(chatkit_schema::WIDGETS_FILE);
    let text = std::fs::read_to_string(&widgets)?.replace("\"semibold\"", "\"heavy\"");
    std::fs::write(&widgets, text)?;
    assert_eq!(
        stale_files(&dir),
        vec![chatkit_schema::WIDGETS_FILE.to_owned()]
    );
    std::fs::remove_dir_all(&scratch)
}

#[test]
fn the_macro_table_is_generated_from_the_committed_widget_schema()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = schema_dir();
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        dir.join(chatkit_schema::WIDGETS_FILE),
    )?)?;
    let table = std::fs::read_to_string(dir.join(chatkit_schema::MACRO_TABLE))?;
    assert!(
        chatkit_schema::macro_table::render(&schema) == table,
        "chatkit-macros/src/table.rs is not what schema/widgets.schema.json gives: run `cargo run -p chatkit-schema`"
    );
    // And it knows every element of the schema: 3 roots and 27 components.
    assert_eq!(table.matches("    Element {").count(), 30);
    Ok(())
}

#[test]
fn schema_shape() -> Result<(), serde_json::Error> {
    // The definitions each JSON schema file exports, reviewed as a snapshot (the drift test
    // above guards the full content; the macro table is Rust, guarded by the test before).
    let mut snapshots = 0;
    for (name, text) in render() {
        if !name.ends_with(".json") {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&text)?;
        let mut defs: Vec<&String> = value["$defs"]
            .as_object()
            .map(|defs| defs.keys().collect())
            .unwrap_or_default();
        defs.sort();
        assert!(defs.len() > 20, "{name} exports its definitions: {defs:?}");
        insta::assert_yaml_snapshot!(name, defs);
        snapshots += 1;
    }
    assert_eq!(
        snapshots, 2,
        "the widget and protocol schemas are both snapshotted"
    );
    Ok(())
}
