//! Sources cited by annotations and search/file tasks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::icon::IconName;

/// A cited source. The common fields come first on the wire, then `type` and the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The title shown.
    pub title: String,
    /// A longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A timestamp string shown with the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// A grouping label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// URL, file or entity.
    #[serde(flatten)]
    pub kind: SourceKind,
}

/// What a [`Source`] points at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SourceKind {
    /// A web page.
    Url {
        /// The address.
        url: String,
        /// Who published it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribution: Option<String>,
    },
    /// A file.
    File {
        /// The file name.
        filename: String,
    },
    /// An integrator entity.
    Entity {
        /// The entity id.
        id: String,
        /// Its icon.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icon: Option<IconName>,
        /// A label.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        /// A label shown inline.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inline_label: Option<String>,
        /// Whether it is clickable.
        #[serde(default)]
        interactive: bool,
        /// Integrator data.
        #[serde(default)]
        data: Map<String, Value>,
        /// Deprecated and ignored by clients.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        preview: Option<EntityPreview>,
    },
}

/// The only preview mode (deprecated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EntityPreview {
    /// `lazy`
    Lazy,
}
