//! Any widget JSON (an agent's `custom` widget, a stored widget item): decoding a root or a
//! component never panics, from bytes or from a JSON value; and a widget decoded from a value,
//! as the adapter decodes an agent's, is written stably: what we write reads back to a widget
//! that writes the same JSON. (Not the same value: a `null` prop of an unknown component is left
//! out when written, as the reference's `exclude_none` does.)
#![no_main]

use chatkit_sdk::{WidgetComponent, WidgetRoot};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn stable<T: Serialize + DeserializeOwned>(json: &[u8]) {
    let _ = serde_json::from_slice::<T>(json);
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(json) else {
        return;
    };
    let Ok(widget) = serde_json::from_value::<T>(value) else {
        return;
    };
    let written = serde_json::to_value(&widget).expect("a decoded widget encodes");
    let again = serde_json::from_value::<T>(written.clone()).expect("what we write decodes");
    let rewritten = serde_json::to_value(&again).expect("a decoded widget encodes");
    assert_eq!(
        rewritten, written,
        "the widget is not written the same once read back"
    );
}

fuzz_target!(|json: &[u8]| {
    stable::<WidgetRoot>(json);
    stable::<WidgetComponent>(json);
});
