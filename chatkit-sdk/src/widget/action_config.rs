//! `ActionConfig`: the action a widget sends (button click, form submit, select change…).

use super::Str;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What happens when a widget fires an action.
///
/// The defaults (`handler: server`, `loadingBehavior: auto`, `streaming: true`) are always
/// written, as the reference does; a null payload is left out.
///
/// ```
/// use chatkit_sdk::widget::{ActionConfig, ActionHandler};
/// use serde_json::json;
///
/// let action = ActionConfig::new("user_decision").payload(json!({"choice": "yes"}));
/// assert_eq!(
///     serde_json::to_string(&action)?,
///     r#"{"type":"user_decision","payload":{"choice":"yes"},"handler":"server","loadingBehavior":"auto","streaming":true}"#
/// );
/// let link = ActionConfig::new("open_link").handler(ActionHandler::Client);
/// assert_eq!(link.handler, ActionHandler::Client);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActionConfig {
    /// The action type, e.g. `user_decision`.
    #[serde(rename = "type")]
    pub kind: Str,
    /// Integrator data sent back with the action.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub payload: Value,
    /// Who handles it: the server (`threads.custom_action`) or client code (`widgets.onAction`).
    #[serde(default)]
    pub handler: ActionHandler,
    /// Which part of the widget shows a loading state.
    #[serde(default)]
    pub loading_behavior: LoadingBehavior,
    /// `true`: sent as `threads.custom_action` (streams); `false`: `threads.sync_custom_action`.
    #[serde(default = "yes")]
    pub streaming: bool,
}

fn yes() -> bool {
    true
}

impl ActionConfig {
    /// A server action of this type, no payload, default behavior.
    pub fn new(kind: impl Into<Str>) -> Self {
        ActionConfig {
            kind: kind.into(),
            payload: Value::Null,
            handler: ActionHandler::Server,
            loading_behavior: LoadingBehavior::Auto,
            streaming: true,
        }
    }

    /// Sets the payload.
    pub fn payload(mut self, payload: impl Into<Value>) -> Self {
        self.payload = payload.into();
        self
    }

    /// Sets who handles the action.
    pub fn handler(mut self, handler: ActionHandler) -> Self {
        self.handler = handler;
        self
    }

    /// Sets the loading behavior.
    pub fn loading_behavior(mut self, loading_behavior: LoadingBehavior) -> Self {
        self.loading_behavior = loading_behavior;
        self
    }

    /// Sets whether the action streams (`custom_action`) or not (`sync_custom_action`).
    pub fn streaming(mut self, streaming: bool) -> Self {
        self.streaming = streaming;
        self
    }
}

/// Who handles an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionHandler {
    /// Client code (`widgets.onAction`); never reaches the server.
    Client,
    /// The server.
    #[default]
    Server,
}

/// Which part of a widget shows a loading state while an action runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LoadingBehavior {
    /// Let the client decide.
    #[default]
    Auto,
    /// No loading state.
    None,
    /// The control itself.
    #[serde(rename = "self")]
    SelfOnly,
    /// The enclosing container.
    Container,
}

/// Written directly: every button, select and form carries one.
impl crate::widget::WriteJson for ActionConfig {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        use crate::widget::write_json::{Object, write_str};
        // Destructured, so a new field does not compile until it is written here too.
        let ActionConfig {
            kind,
            payload,
            handler,
            loading_behavior,
            streaming,
        } = self;
        let mut object = Object::open(out);
        object.key(b"\"type\":");
        write_str(kind, object.out())?;
        if !payload.is_null() {
            object.key(b"\"payload\":");
            payload.write_json(object.out())?;
        }
        object.raw(
            b"\"handler\":",
            match handler {
                ActionHandler::Client => b"\"client\"",
                ActionHandler::Server => b"\"server\"",
            },
        );
        object.raw(
            b"\"loadingBehavior\":",
            match loading_behavior {
                LoadingBehavior::Auto => b"\"auto\"",
                LoadingBehavior::None => b"\"none\"",
                LoadingBehavior::SelfOnly => b"\"self\"",
                LoadingBehavior::Container => b"\"container\"",
            },
        );
        object.raw(
            b"\"streaming\":",
            if *streaming { b"true" } else { b"false" },
        );
        object.close();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget::WriteJson;

    #[test]
    fn the_writer_gives_serdes_bytes_for_every_setting() -> Result<(), serde_json::Error> {
        let handlers = [ActionHandler::Client, ActionHandler::Server];
        let behaviors = [
            LoadingBehavior::Auto,
            LoadingBehavior::None,
            LoadingBehavior::SelfOnly,
            LoadingBehavior::Container,
        ];
        for handler in handlers {
            for behavior in behaviors {
                for payload in [Value::Null, serde_json::json!({"id": 7, "note": null})] {
                    for streaming in [true, false] {
                        let action = ActionConfig::new("pick \"one\"")
                            .payload(payload.clone())
                            .handler(handler)
                            .loading_behavior(behavior)
                            .streaming(streaming);
                        let mut written = Vec::new();
                        action.write_json(&mut written)?;
                        assert_eq!(written, serde_json::to_vec(&action)?, "{action:?}");
                    }
                }
            }
        }
        Ok(())
    }
}
