//! Attachments: files and images a user message refers to by id.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An attachment. `metadata` is server-private and never serialized.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Attachment {
    /// The attachment id (`atc_…`).
    pub id: String,
    /// The file name.
    pub name: String,
    /// The MIME type.
    pub mime_type: String,
    /// Where the client uploads the bytes (two-phase upload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_descriptor: Option<UploadDescriptor>,
    /// The thread the attachment was sent in, once it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    /// Integrator data; kept by stores, never sent.
    #[serde(default, skip_serializing)]
    #[schemars(skip)]
    pub metadata: Option<Map<String, Value>>,
    /// File or image.
    #[serde(flatten)]
    pub kind: AttachmentKind,
}

/// What kind of attachment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum AttachmentKind {
    /// Any file.
    #[default]
    File,
    /// An image, with a preview.
    Image {
        /// URL of a preview image.
        preview_url: String,
    },
}

/// How to upload an attachment's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UploadDescriptor {
    /// The upload URL.
    pub url: String,
    /// `POST` or `PUT`.
    pub method: UploadMethod,
    /// Headers to send with the upload.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
}

/// The HTTP method of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum UploadMethod {
    /// `POST`
    Post,
    /// `PUT`
    Put,
}
