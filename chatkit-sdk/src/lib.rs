//! # chatkit-sdk
//!
//! The ChatKit server protocol (as `openai-chatkit` 1.6.5 puts it on the wire) for Rust:
//! requests, stream events, thread items, threads and pages, attachments, and every widget with a
//! builder.
//!
//! The types follow the reference byte for byte: compact JSON, `null`s left out, non-null
//! defaults always written, keys in the reference's order, naive microsecond timestamps and raw
//! UTF-8. Unknown keys are ignored on input.
//!
//! ```
//! use chatkit_sdk::{ChatKitRequest, RequestParams};
//!
//! let body = r#"{"type":"threads.create","params":{"input":{
//!     "content":[{"type":"input_text","text":"Γειά σου"}],"attachments":[],"inference_options":{}}}}"#;
//! let request = ChatKitRequest::from_slice(body.as_bytes())?;
//! assert!(request.is_streaming());
//! let RequestParams::ThreadsCreate(params) = request.params else { unreachable!() };
//! assert_eq!(params.input.plain_text(), "Γειά σου");
//! # Ok::<(), chatkit_sdk::DecodeError>(())
//! ```

extern crate self as chatkit_sdk;

mod action;
mod attachment;
mod event;
mod feedback;
mod icon;
mod ids;
mod item;
mod page;
mod request;
mod response;
pub mod server;
pub mod store;
mod thread;
mod timestamp;
mod user_message;
pub mod widget;
pub mod wire;

pub use action::Action;
pub use attachment::{Attachment, AttachmentKind, UploadDescriptor, UploadMethod};
pub use event::{
    ErrorCode, ErrorEvent, NoticeLevel, StreamOptions, ThreadItemUpdate, ThreadStreamEvent,
};
pub use feedback::FeedbackKind;
pub use icon::{IconName, UnknownIcon};
pub use ids::IdKind;
pub use item::*;
pub use page::{Order, Page};
pub use request::*;
pub use response::{EmptyResponse, SyncCustomActionResponse, TranscriptionResult};
pub use thread::{Thread, ThreadMetadata, ThreadStatus};
pub use timestamp::{Timestamp, TimestampError};
pub use user_message::{
    InferenceOptions, ToolChoice, UserMessageContent, UserMessageInput, UserMessageTag,
};
pub use widget::{WidgetComponent, WidgetRoot};

#[doc(inline)]
pub use chatkit_macros::widget;

/// Serializes a value the way the reference does on the wire: compact JSON, raw UTF-8.
///
/// The bytes are `serde_json::to_string`'s; widgets inside are written directly by
/// [`widget::WriteJson`] rather than field by field through serde (several times faster for a
/// large widget).
///
/// ```
/// use chatkit_sdk::{to_wire_json, UserMessageContent};
/// let part = UserMessageContent::text("héllo ✓");
/// assert_eq!(to_wire_json(&part)?, r#"{"type":"input_text","text":"héllo ✓"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn to_wire_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut json = Vec::with_capacity(128);
    widget::splice::to_writer(value, &mut json)?;
    // The serializer writes only UTF-8 (what serde_json::to_string relies on too).
    String::from_utf8(json).map_err(serde::ser::Error::custom)
}

/// One SSE frame as the reference writes it: `data: <compact json>\n\n`.
///
/// ```
/// use chatkit_sdk::{sse_frame, ThreadStreamEvent};
/// let event = ThreadStreamEvent::ThreadItemRemoved { item_id: "msg_1".into() };
/// assert_eq!(sse_frame(&event)?, "data: {\"type\":\"thread.item.removed\",\"item_id\":\"msg_1\"}\n\n");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn sse_frame(event: &ThreadStreamEvent) -> Result<String, serde_json::Error> {
    let mut frame = Vec::with_capacity(256);
    frame.extend_from_slice(b"data: ");
    widget::splice::to_writer(event, &mut frame)?;
    frame.extend_from_slice(b"\n\n");
    String::from_utf8(frame).map_err(serde::ser::Error::custom)
}
