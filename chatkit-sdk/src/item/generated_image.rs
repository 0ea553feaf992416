//! Images the assistant generates.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A generated image item; `image` is missing until the first partial image arrives.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct GeneratedImageItem {
    /// The (partial or final) image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<GeneratedImage>,
}

/// An image: an id and a URL (often a `data:` URL).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GeneratedImage {
    /// The image id.
    pub id: String,
    /// Where to load it.
    pub url: String,
}
