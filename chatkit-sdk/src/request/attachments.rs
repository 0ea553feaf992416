//! Params of the `attachments.*` requests.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `attachments.create`: register an upload (two-phase upload).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct AttachmentCreateParams {
    /// The file name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// The MIME type.
    pub mime_type: String,
}

/// `attachments.delete`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct AttachmentDeleteParams {
    /// The attachment.
    pub attachment_id: String,
}
