//! `Page<T>`: one page of a cursor-paged listing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A page of results. `after` is the cursor to send as `params.after` for the next page; the
/// stores give it only when `has_more` is true.
///
/// ```
/// use chatkit_sdk::Page;
/// let page: Page<u32> = Page::default();
/// assert_eq!(serde_json::to_string(&page)?, r#"{"data":[],"has_more":false}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
#[schemars(rename = "Page{T}")]
pub struct Page<T> {
    /// The items of this page.
    #[serde(default)]
    pub data: Vec<T>,
    /// Whether more items follow.
    #[serde(default)]
    pub has_more: bool,
    /// The cursor for the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            data: Vec::new(),
            has_more: false,
            after: None,
        }
    }
}

impl<T> Page<T> {
    /// A page holding `data`, with the next-page cursor when there is one.
    pub fn new(data: Vec<T>, has_more: bool, after: Option<String>) -> Self {
        Page {
            data,
            has_more,
            after,
        }
    }
}

/// Listing order, by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Oldest first.
    Asc,
    /// Newest first (the default).
    #[default]
    Desc,
}
