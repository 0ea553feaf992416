//! Widget items: a widget root shown in the thread.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::widget::{IntoWidgetRoot, WidgetRoot};

/// A widget in the thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WidgetItem {
    /// The widget tree (a Card, ListView or Basic root).
    pub widget: WidgetRoot,
    /// The text the copy button copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_text: Option<String>,
}

impl WidgetItem {
    /// A widget item without copy text.
    pub fn new(widget: impl IntoWidgetRoot) -> Self {
        WidgetItem {
            widget: widget.into_widget_root(),
            copy_text: None,
        }
    }

    /// Sets the copy text.
    pub fn copy_text(mut self, text: impl Into<String>) -> Self {
        self.copy_text = Some(text.into());
        self
    }
}
