//! What the integrator implements: the [`Handler`] trait, and the thread handle it may change.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use futures::stream::{self, BoxStream};

use crate::action::Action;
use crate::attachment::Attachment;
use crate::event::{StreamOptions, ThreadStreamEvent};
use crate::feedback::FeedbackKind;
use crate::item::ThreadItem;
use crate::request::AttachmentCreateParams;
use crate::response::{SyncCustomActionResponse, TranscriptionResult};
use crate::store::StoreContext;
use crate::thread::ThreadMetadata;

/// The events a handler streams; an `Err` ends the stream with an `error` event.
pub type EventStream = BoxStream<'static, Result<ThreadStreamEvent, HandlerError>>;

/// Why a handler failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HandlerError {
    /// Shown to the user as is (`{"type":"error","code":"custom","message":…}`).
    #[error("{message}")]
    Custom {
        /// The message shown.
        message: String,
        /// Whether the client offers a retry.
        allow_retry: bool,
    },
    /// The client shows its own generic error (`code: "stream.error"`).
    #[error("stream error")]
    Stream {
        /// Whether the client offers a retry.
        allow_retry: bool,
    },
    /// The handler does not implement this (the reference's `NotImplementedError`).
    #[error("{0} is not implemented by this server")]
    NotImplemented(&'static str),
    /// Anything else; logged, and shown as a generic stream error.
    #[error(transparent)]
    Other(#[from] Box<dyn std::error::Error + Send + Sync>),
}

impl HandlerError {
    /// A custom error shown to the user.
    pub fn custom(message: impl Into<String>, allow_retry: bool) -> Self {
        HandlerError::Custom {
            message: message.into(),
            allow_retry,
        }
    }
}

/// Audio to transcribe (`input.transcribe`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioInput {
    /// The decoded bytes.
    pub data: Vec<u8>,
    /// The MIME type as sent (`audio/webm;codecs=opus`).
    pub mime_type: String,
    /// The MIME type without parameters (`audio/webm`).
    pub media_type: String,
}

/// The thread a handler is answering in. Changing it (e.g. setting the title) makes the server
/// save it and send `thread.updated` right after the handler's next event — the only way titles
/// change, as in the reference.
#[derive(Debug, Clone)]
pub struct ThreadHandle {
    thread: Arc<Mutex<ThreadMetadata>>,
    /// Set by every change, so the pipeline looks at the thread only after one (not on every
    /// streamed event).
    changed: Arc<AtomicBool>,
}

impl ThreadHandle {
    /// A handle on a thread.
    pub fn new(thread: ThreadMetadata) -> Self {
        ThreadHandle {
            thread: Arc::new(Mutex::new(thread)),
            changed: Arc::default(),
        }
    }

    /// A copy of the thread as it is now.
    pub fn get(&self) -> ThreadMetadata {
        self.thread
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The thread id.
    pub fn id(&self) -> String {
        self.thread
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .id
            .clone()
    }

    /// Changes the thread.
    pub fn update(&self, change: impl FnOnce(&mut ThreadMetadata)) {
        change(&mut self.thread.lock().unwrap_or_else(|p| p.into_inner()));
        self.changed.store(true, Ordering::Release);
    }

    /// Whether the thread was changed since the last call.
    pub(crate) fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }

    /// Marks the thread changed again (its save failed: try on the next event).
    pub(crate) fn mark_changed(&self) {
        self.changed.store(true, Ordering::Release);
    }

    /// Sets the title.
    pub fn set_title(&self, title: impl Into<String>) {
        let title = title.into();
        self.update(|thread| thread.title = Some(title));
    }
}

/// An empty event stream that fails with `error`.
pub fn error_stream(error: HandlerError) -> EventStream {
    Box::pin(stream::iter([Err(error)]))
}

/// The integrator's side of a ChatKit server (the reference's `ChatKitServer` subclass).
///
/// Only [`Handler::respond`] is required; every other method behaves like the reference's
/// default. `C` is the per-request context (user id plus whatever you need), passed to every
/// call.
#[async_trait]
pub trait Handler<C: StoreContext + Clone + 'static>: Send + Sync + 'static {
    /// Answers a turn: after a user message (`input` is the stored user message), or with no
    /// input after a client tool output, a structured-input answer or a retry's message.
    fn respond(&self, thread: ThreadHandle, input: Option<ThreadItem>, ctx: C) -> EventStream;

    /// Answers a user message again (`threads.retry_after_item`), after the server deleted
    /// everything that came after it. By default the same as [`Handler::respond`]; override it
    /// when the agent keeps its own memory and must forget the discarded answer.
    fn retry(&self, thread: ThreadHandle, message: ThreadItem, ctx: C) -> EventStream {
        self.respond(thread, Some(message), ctx)
    }

    /// Answers after the user answered or skipped a structured input item
    /// (`threads.add_structured_input`); `item` is that item with its answers. By default
    /// [`Handler::respond`] with no input, as in the reference; override it to know which
    /// questions were answered.
    fn structured_input(&self, thread: ThreadHandle, item: ThreadItem, ctx: C) -> EventStream {
        let _ = item;
        self.respond(thread, None, ctx)
    }

    /// Handles a widget action (`threads.custom_action`); `sender` is the widget item.
    fn action(
        &self,
        _thread: ThreadHandle,
        _action: Action,
        _sender: Option<ThreadItem>,
        _ctx: C,
    ) -> EventStream {
        error_stream(HandlerError::NotImplemented("action"))
    }

    /// Handles a non-streaming action (`threads.sync_custom_action`). The server does not save
    /// `updated_item`; save it yourself if it should persist (as in the reference).
    async fn sync_action(
        &self,
        _thread: ThreadMetadata,
        _action: Action,
        _sender: Option<ThreadItem>,
        _ctx: C,
    ) -> Result<SyncCustomActionResponse, HandlerError> {
        Err(HandlerError::NotImplemented("sync_action"))
    }

    /// Called after feedback was stored with the items.
    async fn add_feedback(
        &self,
        _thread_id: &str,
        _item_ids: &[String],
        _kind: FeedbackKind,
        _ctx: C,
    ) -> Result<(), HandlerError> {
        Ok(())
    }

    /// Creates an attachment for a two-phase upload (give it an `upload_descriptor`).
    async fn create_attachment(
        &self,
        _params: AttachmentCreateParams,
        _ctx: C,
    ) -> Result<Attachment, HandlerError> {
        Err(HandlerError::NotImplemented("attachments"))
    }

    /// Removes an attachment's bytes (its metadata is removed from the store by the server).
    async fn delete_attachment(&self, _attachment_id: &str, _ctx: C) -> Result<(), HandlerError> {
        Ok(())
    }

    /// Speech to text.
    async fn transcribe(
        &self,
        _audio: AudioInput,
        _ctx: C,
    ) -> Result<TranscriptionResult, HandlerError> {
        Err(HandlerError::NotImplemented("transcribe"))
    }

    /// The options sent at the start of every respond/action stream.
    fn stream_options(&self, _thread: &ThreadMetadata, _ctx: &C) -> StreamOptions {
        StreamOptions::default()
    }

    /// Called after the user renamed a thread (`threads.update`), with the thread as saved:
    /// mirror the change in your agent's own records here. Failures are yours to log.
    async fn thread_updated(&self, _thread: &ThreadMetadata, _ctx: C) {}

    /// Called after a thread and its items were deleted (`threads.delete`): delete what your
    /// agent keeps of the conversation here. Failures are yours to log (the thread is gone for
    /// the client either way).
    async fn thread_deleted(&self, _thread: ThreadMetadata, _ctx: C) {}

    /// Called when the client went away mid-stream, after the server saved what the reference
    /// saves (partial assistant text, a hidden "cancelled" note). Stop upstream work here.
    async fn stream_cancelled(&self, _thread: ThreadMetadata, _pending: Vec<ThreadItem>, _ctx: C) {}
}
