//! The server engine: takes a request body and a context, runs it against the store and the
//! integrator's [`Handler`], and gives back a JSON body or an SSE stream (PROTOCOL.md §5).
//!
//! ```
//! use chatkit_sdk::server::{ChatKitServer, EventStream, Handler, ThreadHandle};
//! use chatkit_sdk::store::{MemoryStore, RequestContext};
//! use chatkit_sdk::{AssistantMessageItem, ThreadItem, ThreadStreamEvent};
//! use std::sync::Arc;
//!
//! struct Hello;
//! impl Handler<RequestContext> for Hello {
//!     fn respond(&self, thread: ThreadHandle, _input: Option<ThreadItem>, _ctx: RequestContext) -> EventStream {
//!         let item = ThreadItem::new("msg_reply", thread.id(), AssistantMessageItem::text("Hello!"));
//!         Box::pin(futures::stream::iter([Ok(ThreadStreamEvent::ThreadItemDone { item })]))
//!     }
//! }
//!
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap_or_else(|e| panic!("{e}"));
//! # rt.block_on(async {
//! let server = ChatKitServer::new(Arc::new(MemoryStore::new()), Hello);
//! let body = br#"{"type":"threads.list","params":{}}"#;
//! let result = server.process(body, RequestContext::new("user_1")).await?;
//! assert_eq!(result.into_json().as_deref(), Some(&br#"{"data":[],"has_more":false}"#[..]));
//! # Ok::<(), chatkit_sdk::server::ProcessError>(())
//! # }).unwrap_or_else(|e| panic!("{e}"));
//! ```

mod error;
mod handler;
#[cfg(feature = "axum")]
mod http;
mod keep_alive;
mod pipeline;

pub use error::ProcessError;
pub use handler::{AudioInput, EventStream, Handler, HandlerError, ThreadHandle, error_stream};
pub use keep_alive::{KEEP_ALIVE_FRAME, keep_alive};
pub use pipeline::CANCELLED_NOTE;

use std::sync::Arc;

use base64::Engine as _;
use bytes::Bytes;
use futures::stream::{self, BoxStream};
use serde::Serialize;

use crate::attachment::Attachment;
use crate::event::{ErrorEvent, ThreadStreamEvent};
use crate::ids::IdKind;
use crate::item::{
    ClientToolCallStatus, ItemKind, StructuredInputAnswer, StructuredInputItem,
    StructuredInputKind, StructuredInputStatus, ThreadItem, UserMessageItem,
};
use crate::page::{Order, Page};
use crate::request::{
    ChatKitRequest, RequestParams, StructuredInputSubmission, SubmissionStatus,
    ThreadCustomActionParams,
};
use crate::response::EmptyResponse;
use crate::store::{PageQuery, Store, StoreContext, WriteOp};
use crate::thread::{Thread, ThreadMetadata};
use crate::timestamp::Timestamp;
use crate::user_message::UserMessageInput;
use pipeline::{Run, frame};

/// What a request produces.
pub enum ChatKitResult {
    /// A JSON document (`Content-Type: application/json`).
    Json(Vec<u8>),
    /// An SSE stream of `data: <json>\n\n` frames (`Content-Type: text/event-stream`).
    Stream(BoxStream<'static, Bytes>),
}

impl ChatKitResult {
    /// A stream with an SSE comment after each `interval` without a frame (see
    /// [`keep_alive`]); JSON as it is.
    pub fn keep_alive(self, interval: std::time::Duration) -> Self {
        match self {
            ChatKitResult::Stream(frames) => ChatKitResult::Stream(keep_alive(frames, interval)),
            json => json,
        }
    }

    /// The JSON body, if this is one.
    pub fn into_json(self) -> Option<Vec<u8>> {
        match self {
            ChatKitResult::Json(body) => Some(body),
            ChatKitResult::Stream(_) => None,
        }
    }
}

impl std::fmt::Debug for ChatKitResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChatKitResult::Json(body) => write!(f, "Json({})", String::from_utf8_lossy(body)),
            ChatKitResult::Stream(_) => f.write_str("Stream(..)"),
        }
    }
}

/// The engine: a store and a handler.
pub struct ChatKitServer<C: StoreContext + Clone + 'static, H: Handler<C>> {
    store: Arc<dyn Store<C>>,
    handler: Arc<H>,
}

impl<C: StoreContext + Clone + 'static, H: Handler<C>> std::fmt::Debug for ChatKitServer<C, H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatKitServer").finish_non_exhaustive()
    }
}

impl<C: StoreContext + Clone + 'static, H: Handler<C>> Clone for ChatKitServer<C, H> {
    fn clone(&self) -> Self {
        ChatKitServer {
            store: self.store.clone(),
            handler: self.handler.clone(),
        }
    }
}

fn json<T: Serialize>(value: &T) -> Result<ChatKitResult, ProcessError> {
    crate::to_wire_json(value)
        .map(|json| ChatKitResult::Json(json.into_bytes()))
        .map_err(|e| ProcessError::Internal(e.to_string()))
}

/// The first page of items a thread is sent with: oldest 20, hidden items left out (after
/// paging, as the reference does).
fn visible(mut page: Page<ThreadItem>) -> Page<ThreadItem> {
    page.data.retain(|item| !item.is_hidden());
    page
}

impl<C: StoreContext + Clone + 'static, H: Handler<C>> ChatKitServer<C, H> {
    /// An engine over a store and a handler.
    pub fn new(store: Arc<dyn Store<C>>, handler: H) -> Self {
        ChatKitServer {
            store,
            handler: Arc::new(handler),
        }
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store<C>> {
        &self.store
    }

    /// The handler.
    pub fn handler(&self) -> &Arc<H> {
        &self.handler
    }

    /// Handles one request body. Everything that can fail for a bad request fails here, before
    /// a stream starts; a returned stream only carries events.
    pub async fn process(&self, body: &[u8], ctx: C) -> Result<ChatKitResult, ProcessError> {
        let request = ChatKitRequest::from_slice(body)?;
        self.process_request(request, ctx).await
    }

    /// Handles a decoded request.
    pub async fn process_request(
        &self,
        request: ChatKitRequest,
        ctx: C,
    ) -> Result<ChatKitResult, ProcessError> {
        let store = self.store.as_ref();
        match request.params {
            RequestParams::ThreadsCreate(p) => self.create(p.input, ctx).await,
            RequestParams::ThreadsAddUserMessage(p) => {
                let thread = store.load_thread(&p.thread_id, &ctx).await?;
                self.user_message(thread, p.input, ctx, false).await
            }
            RequestParams::ThreadsAddClientToolOutput(p) => {
                let thread = store.load_thread(&p.thread_id, &ctx).await?;
                self.tool_output(thread, p.result, ctx).await
            }
            RequestParams::ThreadsAddStructuredInput(p) => {
                let thread = store.load_thread(&p.thread_id, &ctx).await?;
                self.structured_input(thread, &p.item_id, p.input, ctx)
                    .await
            }
            RequestParams::ThreadsRetryAfterItem(p) => {
                let thread = store.load_thread(&p.thread_id, &ctx).await?;
                self.retry(thread, &p.item_id, ctx).await
            }
            RequestParams::ThreadsCustomAction(p) => self.custom_action(p, ctx).await,
            RequestParams::ThreadsSyncCustomAction(p) => {
                let thread = store.load_thread(&p.thread_id, &ctx).await?;
                let sender = self.sender(&thread, p.item_id.as_deref(), &ctx).await?;
                if sender
                    .as_ref()
                    .is_some_and(|s| !matches!(s.kind, ItemKind::Widget(_)))
                {
                    return Err(ProcessError::BadRequest(
                        "the action's sender item is not a widget".to_owned(),
                    ));
                }
                let response = self
                    .handler
                    .sync_action(thread, p.action, sender, ctx)
                    .await?;
                json(&response)
            }
            RequestParams::ThreadsGetById(p) => {
                let thread = store.load_thread(&p.thread_id, &ctx).await?;
                let query = PageQuery::new(None, Order::Asc, None);
                let items = store.load_thread_items(&thread.id, &query, &ctx).await?;
                json(&thread.to_thread(visible(items)))
            }
            RequestParams::ThreadsList(p) => {
                let query = PageQuery::new(p.limit, p.order, p.after);
                let page = store.load_threads(&query, &ctx).await?;
                let threads: Vec<Thread> = page
                    .data
                    .iter()
                    .map(|t| t.to_thread(Page::default()))
                    .collect();
                json(&Page::new(threads, page.has_more, page.after))
            }
            RequestParams::ThreadsUpdate(p) => {
                let mut thread = store.load_thread(&p.thread_id, &ctx).await?;
                thread.title = Some(p.title);
                store.save_thread(&thread, &ctx).await?;
                self.handler.thread_updated(&thread, ctx.clone()).await;
                json(&thread.to_thread(Page::default()))
            }
            RequestParams::ThreadsDelete(p) => {
                let thread = store.load_thread(&p.thread_id, &ctx).await?;
                store.delete_thread(&p.thread_id, &ctx).await?;
                self.handler.thread_deleted(thread, ctx.clone()).await;
                json(&EmptyResponse {})
            }
            RequestParams::ItemsList(p) => {
                // Listing a missing thread fails in the store (every store checks the thread).
                let query = PageQuery::new(p.limit, p.order, p.after);
                let items = store.load_thread_items(&p.thread_id, &query, &ctx).await?;
                json(&visible(items))
            }
            RequestParams::ItemsFeedback(p) => {
                store.load_thread(&p.thread_id, &ctx).await?;
                store
                    .save_feedback(&p.thread_id, &p.item_ids, p.kind, &ctx)
                    .await?;
                self.handler
                    .add_feedback(&p.thread_id, &p.item_ids, p.kind, ctx)
                    .await?;
                json(&EmptyResponse {})
            }
            RequestParams::AttachmentsCreate(p) => {
                let attachment = self.handler.create_attachment(p, ctx.clone()).await?;
                store.save_attachment(&attachment, &ctx).await?;
                json(&attachment)
            }
            RequestParams::AttachmentsDelete(p) => {
                store.load_attachment(&p.attachment_id, &ctx).await?;
                self.handler
                    .delete_attachment(&p.attachment_id, ctx.clone())
                    .await?;
                store.delete_attachment(&p.attachment_id, &ctx).await?;
                json(&EmptyResponse {})
            }
            RequestParams::InputTranscribe(p) => {
                let data = base64::engine::general_purpose::STANDARD
                    .decode(p.audio_base64.as_bytes())
                    .map_err(|e| {
                        ProcessError::BadRequest(format!(
                            "`params.audio_base64` is not base64: {e}"
                        ))
                    })?;
                let audio = AudioInput {
                    data,
                    media_type: p.media_type().to_owned(),
                    mime_type: p.mime_type,
                };
                json(&self.handler.transcribe(audio, ctx).await?)
            }
        }
    }

    fn run(&self, thread: ThreadHandle, ctx: C) -> Run<C, H> {
        Run {
            store: self.store.clone(),
            handler: self.handler.clone(),
            thread,
            ctx,
        }
    }

    /// A turn's stream. When it starts (as the reference's, so ids and times are taken then),
    /// `prepare` gives the writes, the first events and what the handler call needs; the writes
    /// go first, all or nothing (a failure is logged as `failed` and is the stream's one event,
    /// an error), then the first events, then the handler's events
    /// (`events(handler, thread, ctx, carried)`) through the pipeline.
    fn turn<X: Send + 'static>(
        &self,
        thread: ThreadMetadata,
        ctx: C,
        failed: &'static str,
        prepare: impl FnOnce(
            &dyn Store<C>,
            &ThreadMetadata,
            &C,
        ) -> (Vec<WriteOp>, Vec<ThreadStreamEvent>, X)
        + Send
        + 'static,
        events: impl FnOnce(&H, ThreadHandle, C, X) -> EventStream + Send + 'static,
    ) -> ChatKitResult {
        let server = self.clone();
        ChatKitResult::Stream(Box::pin(async_stream::stream! {
            let (ops, first, carried) = prepare(server.store.as_ref(), &thread, &ctx);
            let written = server.store.write_batch(&thread.id, &ops, &ctx).await;
            // Not kept for the rest of the stream (the ops hold copies of items).
            drop(ops);
            if let Err(error) = written {
                tracing::error!(%error, "{failed}");
                yield frame(&ErrorEvent::stream_error(true).into());
                return;
            }
            for event in &first {
                yield frame(event);
            }
            drop(first);
            let handle = ThreadHandle::new(thread);
            let events = events(&server.handler, handle.clone(), ctx.clone(), carried);
            let mut frames = server.run(handle, ctx).stream(Vec::new(), events);
            while let Some(frame) = futures::StreamExt::next(&mut frames).await {
                yield frame;
            }
        }))
    }

    async fn attachments_of(
        &self,
        input: &UserMessageInput,
        ctx: &C,
    ) -> Result<Vec<Attachment>, ProcessError> {
        let mut attachments = Vec::with_capacity(input.attachments.len());
        for id in &input.attachments {
            attachments.push(self.store.load_attachment(id, ctx).await?);
        }
        Ok(attachments)
    }

    async fn create(&self, input: UserMessageInput, ctx: C) -> Result<ChatKitResult, ProcessError> {
        let thread = ThreadMetadata::new(self.store.generate_thread_id(&ctx));
        self.user_message(thread, input, ctx, true).await
    }

    /// `threads.create` (with `created`) and `threads.add_user_message`.
    async fn user_message(
        &self,
        thread: ThreadMetadata,
        input: UserMessageInput,
        ctx: C,
        created: bool,
    ) -> Result<ChatKitResult, ProcessError> {
        let mut attached = self.attachments_of(&input, &ctx).await?;
        for attachment in &mut attached {
            attachment.thread_id = Some(thread.id.clone());
        }
        let prepare = move |store: &dyn Store<C>, thread: &ThreadMetadata, ctx: &C| {
            let item = ThreadItem {
                id: store.generate_item_id(IdKind::Message, thread, ctx),
                thread_id: thread.id.clone(),
                created_at: Timestamp::now(),
                kind: ItemKind::UserMessage(UserMessageItem::from_input(input, attached.clone())),
            };
            // The reference's writes, in its order, all or nothing.
            let mut ops = Vec::with_capacity(attached.len() + 2);
            let mut first = Vec::with_capacity(2);
            if created {
                ops.push(WriteOp::SaveThread(thread.clone()));
                first.push(ThreadStreamEvent::ThreadCreated {
                    thread: thread.to_thread(Page::default()),
                });
            }
            ops.extend(attached.into_iter().map(WriteOp::SaveAttachment));
            ops.push(WriteOp::AddItem(item.clone()));
            first.push(ThreadStreamEvent::ThreadItemDone { item: item.clone() });
            (ops, first, item)
        };
        Ok(self.turn(
            thread,
            ctx,
            "saving the user message failed",
            prepare,
            |handler, handle, ctx, item| handler.respond(handle, Some(item), ctx),
        ))
    }

    async fn tool_output(
        &self,
        thread: ThreadMetadata,
        result: serde_json::Value,
        ctx: C,
    ) -> Result<ChatKitResult, ProcessError> {
        // The newest 20 items, once: the newest is the call answered, the rest may hold stale
        // pending calls.
        let recent = PageQuery::new(Some(20), Order::Desc, None);
        let mut newest = self
            .store
            .load_thread_items(&thread.id, &recent, &ctx)
            .await?
            .data
            .into_iter();
        let mut call = match newest.next() {
            Some(item) if matches!(&item.kind, ItemKind::ClientToolCall(c) if c.status == ClientToolCallStatus::Pending) => {
                item
            }
            _ => {
                return Err(ProcessError::BadRequest(
                    "the thread's last item is not a pending client tool call".to_owned(),
                ));
            }
        };
        if let ItemKind::ClientToolCall(c) = &mut call.kind {
            c.output = result;
            c.status = ClientToolCallStatus::Completed;
        }
        let stale: Vec<String> = newest
            .filter(|item| matches!(&item.kind, ItemKind::ClientToolCall(c) if c.status == ClientToolCallStatus::Pending))
            .map(|item| item.id)
            .collect();
        // The output, and other calls still pending dropped (as in the reference), together.
        let mut ops = vec![WriteOp::SaveItem(call)];
        ops.extend(stale.into_iter().map(WriteOp::DeleteItem));
        Ok(self.turn(
            thread,
            ctx,
            "saving the tool output failed",
            move |_, _, _| (ops, Vec::new(), ()),
            |handler, handle, ctx, ()| handler.respond(handle, None, ctx),
        ))
    }

    async fn structured_input(
        &self,
        thread: ThreadMetadata,
        item_id: &str,
        submission: StructuredInputSubmission,
        ctx: C,
    ) -> Result<ChatKitResult, ProcessError> {
        let mut item = self.store.load_item(&thread.id, item_id, &ctx).await?;
        let ItemKind::StructuredInput(questions) = &mut item.kind else {
            return Err(ProcessError::BadRequest(format!(
                "item `{item_id}` is not a structured input"
            )));
        };
        if questions.status != StructuredInputStatus::Pending {
            return Err(ProcessError::BadRequest(format!(
                "structured input `{item_id}` was already answered"
            )));
        }
        answer(questions, &submission);
        let handle = ThreadHandle::new(thread);
        let events = self
            .handler
            .structured_input(handle.clone(), item.clone(), ctx.clone());
        let replaced = ThreadStreamEvent::ThreadItemReplaced { item };
        Ok(ChatKitResult::Stream(
            self.run(handle, ctx).stream(vec![replaced], events),
        ))
    }

    async fn retry(
        &self,
        thread: ThreadMetadata,
        item_id: &str,
        ctx: C,
    ) -> Result<ChatKitResult, ProcessError> {
        // Newest first, until the retried message: everything seen before it is newer.
        let mut newer = Vec::new();
        let mut after = None;
        let target = loop {
            let query = PageQuery::new(Some(20), Order::Desc, after.take());
            let page = self
                .store
                .load_thread_items(&thread.id, &query, &ctx)
                .await?;
            let mut found = None;
            for item in page.data {
                if item.id == item_id {
                    found = Some(item);
                    break;
                }
                newer.push(item.id);
            }
            if let Some(item) = found {
                break item;
            }
            match page.after {
                Some(cursor) if page.has_more => after = Some(cursor),
                _ => {
                    return Err(ProcessError::NotFound {
                        what: "item",
                        id: item_id.to_owned(),
                    });
                }
            }
        };
        if !matches!(target.kind, ItemKind::UserMessage(_)) {
            return Err(ProcessError::BadRequest(format!(
                "item `{item_id}` is not a user message"
            )));
        }
        let ops = newer.into_iter().map(WriteOp::DeleteItem).collect();
        Ok(self.turn(
            thread,
            ctx,
            "deleting the retried turn failed",
            move |_, _, _| (ops, Vec::new(), ()),
            move |handler, handle, ctx, ()| handler.retry(handle, target, ctx),
        ))
    }

    async fn sender(
        &self,
        thread: &ThreadMetadata,
        item_id: Option<&str>,
        ctx: &C,
    ) -> Result<Option<ThreadItem>, ProcessError> {
        match item_id {
            None => Ok(None),
            Some(id) => Ok(Some(self.store.load_item(&thread.id, id, ctx).await?)),
        }
    }

    async fn custom_action(
        &self,
        p: ThreadCustomActionParams,
        ctx: C,
    ) -> Result<ChatKitResult, ProcessError> {
        let thread = self.store.load_thread(&p.thread_id, &ctx).await?;
        let sender = self.sender(&thread, p.item_id.as_deref(), &ctx).await?;
        if sender
            .as_ref()
            .is_some_and(|s| !matches!(s.kind, ItemKind::Widget(_)))
        {
            // The reference answers a non-widget sender with this one event.
            let event: ThreadStreamEvent = ErrorEvent::stream_error(false).into();
            return Ok(ChatKitResult::Stream(Box::pin(stream::iter([frame(
                &event,
            )]))));
        }
        let handle = ThreadHandle::new(thread);
        let events = self
            .handler
            .action(handle.clone(), p.action, sender, ctx.clone());
        Ok(ChatKitResult::Stream(
            self.run(handle, ctx).stream(Vec::new(), events),
        ))
    }
}

/// Applies a submission to a structured input item, as the reference does: a skipped
/// submission, a missing answer, a skipped answer or an empty one skips the question; a
/// single-choice question keeps only the first value.
fn answer(item: &mut StructuredInputItem, submission: &StructuredInputSubmission) {
    let skipped_all = submission.status == SubmissionStatus::Skipped;
    for input in &mut item.inputs {
        let given = submission.answers.get(&input.id);
        let answer = match given {
            Some(a) if !skipped_all && !a.skipped && !a.values.is_empty() => {
                let single = matches!(
                    input.kind,
                    StructuredInputKind::MultipleChoice {
                        multiple: false,
                        ..
                    }
                );
                let values = if single {
                    a.values[..1].to_vec()
                } else {
                    a.values.clone()
                };
                StructuredInputAnswer {
                    values,
                    skipped: false,
                }
            }
            _ => StructuredInputAnswer {
                values: Vec::new(),
                skipped: true,
            },
        };
        input.answer = Some(answer);
    }
    for unknown in submission
        .answers
        .keys()
        .filter(|id| !item.inputs.iter().any(|i| &i.id == *id))
    {
        tracing::warn!(input = %unknown, "answer for an unknown structured input ignored");
    }
    item.status = submission.status.into();
}
