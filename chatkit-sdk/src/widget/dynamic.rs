//! The pass-through component: a widget type this SDK does not know survives load/save intact.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::WidgetComponent;
use crate::wire::OneOrMany;

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
    pub props: Map<String, Value>,
}
