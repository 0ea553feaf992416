//! The pass-through component: a widget type this SDK does not know survives load/save intact.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::WidgetComponent;
use crate::wire::{ExtraProps, OneOrMany};

/// A component of a type we do not model (the reference's `DynamicWidgetComponent`): its `type`,
/// `key`, `id`, `children` and every other prop are kept as they came.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DynamicComponent {
    /// Key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The component type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Child components (one or a list on input; a list on output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<OneOrMany<WidgetComponent>>,
    /// Every other prop.
    #[serde(flatten)]
    pub props: ExtraProps,
}

/// A root (`Card`, `ListView` or `Basic`) whose props do not fit its type, kept as it came — the
/// reference's `DynamicWidgetRoot`. Any other `type` is rejected, as there.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct DynamicRoot(pub DynamicComponent);

impl<'de> Deserialize<'de> for DynamicRoot {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let component = DynamicComponent::deserialize(deserializer)?;
        match component.kind.as_str() {
            "Card" | "ListView" | "Basic" => Ok(DynamicRoot(component)),
            other => Err(serde::de::Error::custom(format!(
                "a widget root is a Card, ListView or Basic, not `{other}`"
            ))),
        }
    }
}

impl std::ops::Deref for DynamicRoot {
    type Target = DynamicComponent;
    fn deref(&self) -> &DynamicComponent {
        &self.0
    }
}
