//! Requests: `{"type": "<op>", "params": {...}, "metadata"?: {...}}`, 16 types, 6 of them streaming.
//!
//! Decode a request body with [`ChatKitRequest::from_slice`]: it reports *where* a body is wrong
//! (see [`DecodeError`]), which serde's derive alone cannot do for tagged unions.

mod attachments;
mod decode;
mod items;
mod threads;
mod transcribe;

pub use attachments::{AttachmentCreateParams, AttachmentDeleteParams};
pub use decode::{DecodeError, DecodeErrorKind};
pub use items::{ItemFeedbackParams, ItemsListParams};
pub use threads::{
    StructuredInputSubmission, SubmissionStatus, ThreadAddClientToolOutputParams,
    ThreadAddStructuredInputParams, ThreadAddUserMessageParams, ThreadCreateParams,
    ThreadCustomActionParams, ThreadDeleteParams, ThreadGetByIdParams, ThreadListParams,
    ThreadRetryAfterItemParams, ThreadUpdateParams,
};
pub use transcribe::InputTranscribeParams;

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::wire::is_empty_map;

/// A request to the ChatKit endpoint.
///
/// ```
/// use chatkit_sdk::{ChatKitRequest, RequestParams, RequestType};
///
/// let body = br#"{"type":"threads.get_by_id","params":{"thread_id":"thr_1"}}"#;
/// let request = ChatKitRequest::from_slice(body)?;
/// assert_eq!(request.request_type(), RequestType::ThreadsGetById);
/// assert!(!request.is_streaming());
/// assert!(matches!(request.params, RequestParams::ThreadsGetById(ref p) if p.thread_id == "thr_1"));
/// # Ok::<(), chatkit_sdk::DecodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChatKitRequest {
    /// `type` and `params`.
    #[serde(flatten)]
    pub params: RequestParams,
    /// Integrator data; the server ignores it. Defaults to `{}`.
    #[serde(default, skip_serializing_if = "is_empty_map")]
    pub metadata: Map<String, Value>,
}

impl ChatKitRequest {
    /// A request with empty metadata.
    pub fn new(params: impl Into<RequestParams>) -> Self {
        ChatKitRequest {
            params: params.into(),
            metadata: Map::new(),
        }
    }

    /// Which of the 16 request types this is.
    pub fn request_type(&self) -> RequestType {
        self.params.request_type()
    }

    /// Whether the response is an SSE stream (6 types) rather than one JSON document.
    pub fn is_streaming(&self) -> bool {
        self.request_type().is_streaming()
    }
}

macro_rules! request_types {
    ($(
        $(#[$doc:meta])*
        $variant:ident($params:ty) = $name:literal, streaming: $streaming:literal;
    )*) => {
        /// The `type` and `params` of a request.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "type", content = "params")]
        pub enum RequestParams {
            $(
                $(#[$doc])*
                #[serde(rename = $name)]
                $variant($params),
            )*
        }

        /// The 16 request types.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RequestType {
            $(
                $(#[$doc])*
                $variant,
            )*
        }

        impl RequestType {
            /// Every request type, in the protocol's order.
            pub const ALL: &'static [RequestType] = &[$(RequestType::$variant),*];

            /// The wire name, e.g. `threads.create`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RequestType::$variant => $name,)*
                }
            }

            /// Whether the response is an SSE stream.
            pub const fn is_streaming(self) -> bool {
                match self {
                    $(RequestType::$variant => $streaming,)*
                }
            }

            /// The type with this wire name.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($name => Some(RequestType::$variant),)*
                    _ => None,
                }
            }
        }

        impl RequestParams {
            /// The request type.
            pub fn request_type(&self) -> RequestType {
                match self {
                    $(RequestParams::$variant(_) => RequestType::$variant,)*
                }
            }

            /// Decodes `params` of a known type, reporting the path of any error.
            pub(crate) fn decode(
                request_type: RequestType,
                params: &str,
            ) -> Result<Self, DecodeError> {
                match request_type {
                    $(RequestType::$variant => {
                        decode::params::<$params>(params).map(RequestParams::$variant)
                    })*
                }
            }
        }

    };
}

request_types! {
    /// Start a thread with a first message (stream).
    ThreadsCreate(ThreadCreateParams) = "threads.create", streaming: true;
    /// Add a user message (stream).
    ThreadsAddUserMessage(ThreadAddUserMessageParams) = "threads.add_user_message", streaming: true;
    /// Send a client tool's output (stream).
    ThreadsAddClientToolOutput(ThreadAddClientToolOutputParams) = "threads.add_client_tool_output", streaming: true;
    /// Answer a structured input item (stream).
    ThreadsAddStructuredInput(ThreadAddStructuredInputParams) = "threads.add_structured_input", streaming: true;
    /// Retry from a user message (stream).
    ThreadsRetryAfterItem(ThreadRetryAfterItemParams) = "threads.retry_after_item", streaming: true;
    /// A widget action (stream).
    ThreadsCustomAction(ThreadCustomActionParams) = "threads.custom_action", streaming: true;
    /// A widget action answered with JSON.
    ThreadsSyncCustomAction(ThreadCustomActionParams) = "threads.sync_custom_action", streaming: false;
    /// One thread with its first 20 items.
    ThreadsGetById(ThreadGetByIdParams) = "threads.get_by_id", streaming: false;
    /// A page of threads.
    ThreadsList(ThreadListParams) = "threads.list", streaming: false;
    /// Rename a thread.
    ThreadsUpdate(ThreadUpdateParams) = "threads.update", streaming: false;
    /// Delete a thread and its items.
    ThreadsDelete(ThreadDeleteParams) = "threads.delete", streaming: false;
    /// A page of a thread's items.
    ItemsList(ItemsListParams) = "items.list", streaming: false;
    /// Feedback on items.
    ItemsFeedback(ItemFeedbackParams) = "items.feedback", streaming: false;
    /// Register an attachment upload.
    AttachmentsCreate(AttachmentCreateParams) = "attachments.create", streaming: false;
    /// Delete an attachment.
    AttachmentsDelete(AttachmentDeleteParams) = "attachments.delete", streaming: false;
    /// Speech to text.
    InputTranscribe(InputTranscribeParams) = "input.transcribe", streaming: false;
}

macro_rules! params_from {
    ($($ty:ty => $variant:ident),* $(,)?) => {$(
        impl From<$ty> for RequestParams {
            fn from(params: $ty) -> Self {
                RequestParams::$variant(params)
            }
        }
    )*};
}

// `ThreadCustomActionParams` serves two request types, so it has no `From`.
params_from!(
    ThreadCreateParams => ThreadsCreate,
    ThreadAddUserMessageParams => ThreadsAddUserMessage,
    ThreadAddClientToolOutputParams => ThreadsAddClientToolOutput,
    ThreadAddStructuredInputParams => ThreadsAddStructuredInput,
    ThreadRetryAfterItemParams => ThreadsRetryAfterItem,
    ThreadGetByIdParams => ThreadsGetById,
    ThreadListParams => ThreadsList,
    ThreadUpdateParams => ThreadsUpdate,
    ThreadDeleteParams => ThreadsDelete,
    ItemsListParams => ItemsList,
    ItemFeedbackParams => ItemsFeedback,
    AttachmentCreateParams => AttachmentsCreate,
    AttachmentDeleteParams => AttachmentsDelete,
    InputTranscribeParams => InputTranscribe,
);

impl fmt::Display for RequestType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ChatKitRequest {
    /// Decodes a request body. Unknown keys are ignored at every level, as in the reference;
    /// everything else that is wrong comes back as a [`DecodeError`] naming the field.
    ///
    /// ```
    /// use chatkit_sdk::{ChatKitRequest, DecodeErrorKind};
    ///
    /// let body = br#"{"type":"threads.create","params":{"input":{"content":[],"attachments":[]}}}"#;
    /// let error = ChatKitRequest::from_slice(body).unwrap_err();
    /// assert_eq!(error.kind(), DecodeErrorKind::MissingField);
    /// assert_eq!(error.path(), Some("params.input.inference_options"));
    /// ```
    pub fn from_slice(body: &[u8]) -> Result<Self, DecodeError> {
        decode::request(body)
    }
}
