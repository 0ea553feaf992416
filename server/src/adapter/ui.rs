//! LangGraph's generative UI (`push_ui_message(name, props)`, which writes
//! `{"type": "ui", "name", "props", "id", "metadata"}` to the `custom` stream) as ChatKit
//! widgets: a component registered under that name renders the props on the server (any
//! [`Component`] that deserializes from them). A UI message with no registered component, or
//! whose props do not fit it, is logged and shows nothing (a React component of that name
//! lives in a LangGraph UI bundle ChatKit cannot load).

use std::collections::HashMap;
use std::sync::Arc;

use chatkit_sdk::widget::{Component, IntoWidgetRoot, WidgetRoot};
use serde::de::DeserializeOwned;
use serde_json::Value;

type Render = dyn Fn(Value) -> Result<WidgetRoot, String> + Send + Sync;

/// The registered components, by name.
#[derive(Clone, Default)]
pub struct UiComponents {
    components: HashMap<String, Arc<Render>>,
}

impl std::fmt::Debug for UiComponents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.components.keys()).finish()
    }
}

/// A UI message read from a `custom` event.
#[derive(Debug, Clone, PartialEq)]
pub struct UiMessage {
    /// The component's name.
    pub name: String,
    /// Its props.
    pub props: Value,
}

impl UiMessage {
    /// The UI message in a `custom` event, if it is one (`remove-ui` events are not).
    pub fn read(value: &Value) -> Option<UiMessage> {
        if value.get("type").and_then(Value::as_str) != Some("ui") {
            return None;
        }
        Some(UiMessage {
            name: value.get("name")?.as_str()?.to_owned(),
            props: value.get("props").cloned().unwrap_or(Value::Null),
        })
    }
}

impl UiComponents {
    /// Registers `C` under `name`: its props deserialize into `C`, which renders the widget.
    pub fn register<C>(&mut self, name: impl Into<String>)
    where
        C: Component + DeserializeOwned + 'static,
        C::Output: IntoWidgetRoot,
    {
        let render = |props: Value| {
            serde_json::from_value::<C>(props)
                .map(|component| component.render().into_widget_root())
                .map_err(|e| e.to_string())
        };
        self.components.insert(name.into(), Arc::new(render));
    }

    /// The widget of a UI message: `None` when no component has its name; an error when its
    /// props do not fit the component.
    pub fn render(&self, message: &UiMessage) -> Option<Result<WidgetRoot, String>> {
        let render = self.components.get(&message.name)?;
        Some(render(message.props.clone()))
    }

    /// Whether none is registered.
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chatkit_sdk::widget;
    use chatkit_sdk::widget::Card;
    use serde_json::json;

    #[derive(serde::Deserialize)]
    struct Weather {
        city: String,
        temperature: i64,
    }

    impl Component for Weather {
        type Output = Card;
        fn render(self) -> Card {
            let line = format!("{}: {} °C", self.city, self.temperature);
            widget! { <Card><Text value={line} /></Card> }
        }
    }

    #[test]
    fn a_registered_component_renders_its_props() {
        let mut ui = UiComponents::default();
        ui.register::<Weather>("weather_card");
        let event = json!({"type": "ui", "id": "1", "name": "weather_card",
            "props": {"city": "Paris", "temperature": 21, "summary": "Sunny"}, "metadata": {}});
        let message = UiMessage::read(&event).unwrap_or_else(|| panic!("a UI message"));
        let widget = ui.render(&message).and_then(Result::ok);
        let json = serde_json::to_value(widget).unwrap_or_default();
        assert_eq!(json["children"][0]["value"], "Paris: 21 °C", "{json}");
        let other = UiMessage {
            name: "chart".into(),
            props: json!({}),
        };
        assert!(ui.render(&other).is_none());
        let bad = UiMessage {
            name: "weather_card".into(),
            props: json!({"city": 3}),
        };
        assert!(matches!(ui.render(&bad), Some(Err(_))));
        assert_eq!(
            UiMessage::read(&json!({"type": "remove-ui", "id": "1"})),
            None
        );
    }
}
