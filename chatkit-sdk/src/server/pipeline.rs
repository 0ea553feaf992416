//! The event pipeline: what happens to every event a handler streams (the reference's
//! `_process_events`). Store writes come before the event is sent; title changes become
//! `thread.updated`; handler errors end the stream with an `error` event; a client that goes
//! away leaves its partial answer saved.

use std::sync::Arc;

use bytes::Bytes;
use futures::StreamExt;
use futures::stream::BoxStream;
use indexmap::IndexMap;

use super::handler::{EventStream, Handler, HandlerError, ThreadHandle};
use crate::event::{ErrorEvent, ThreadItemUpdate, ThreadStreamEvent};
use crate::ids::IdKind;
use crate::item::{AssistantMessageContent, ItemKind, SdkHiddenContextItem, ThreadItem};
use crate::page::Page;
use crate::store::{Store, StoreContext, StoreError};
use crate::thread::ThreadMetadata;
use crate::timestamp::Timestamp;

/// The note the reference stores after a cancelled stream, for the model's next turn.
pub const CANCELLED_NOTE: &str =
    "The user cancelled the stream. Stop responding to the prior request.";

/// One SSE frame (see [`crate::sse_frame`]).
pub(crate) fn frame(event: &ThreadStreamEvent) -> Bytes {
    match crate::sse_frame(event) {
        Ok(text) => Bytes::from(text),
        // Our own types always serialize; if one ever did not, the client still gets an error.
        Err(_) => Bytes::from_static(
            b"data: {\"type\":\"error\",\"code\":\"stream.error\",\"allow_retry\":true}\n\n",
        ),
    }
}

pub(crate) fn error_event(error: &HandlerError) -> ThreadStreamEvent {
    match error {
        HandlerError::Custom {
            message,
            allow_retry,
        } => ErrorEvent::custom(message.clone(), *allow_retry).into(),
        HandlerError::Stream { allow_retry } => ErrorEvent::stream_error(*allow_retry).into(),
        other => {
            tracing::error!(error = %other, "handler failed");
            ErrorEvent::stream_error(true).into()
        }
    }
}

/// Everything a pipeline run needs.
pub(crate) struct Run<C: StoreContext + Clone + 'static, H: Handler<C>> {
    pub store: Arc<dyn Store<C>>,
    pub handler: Arc<H>,
    pub thread: ThreadHandle,
    pub ctx: C,
}

impl<C: StoreContext + Clone + 'static, H: Handler<C>> Run<C, H> {
    /// Runs `events` (after the `before` events, which count as the handler's) into SSE frames.
    pub fn stream(
        self,
        before: Vec<ThreadStreamEvent>,
        events: EventStream,
    ) -> BoxStream<'static, Bytes> {
        Box::pin(async_stream::stream! {
            let Run { store, handler, thread, ctx } = self;
            let mut last = thread.get();
            let options = handler.stream_options(&last, &ctx);
            yield frame(&ThreadStreamEvent::StreamOptions { stream_options: options });

            let mut guard = CancelGuard {
                store: store.clone(),
                handler: handler.clone(),
                thread: thread.clone(),
                ctx: ctx.clone(),
                pending: IndexMap::new(),
                finished: false,
            };
            let mut events = futures::stream::iter(before.into_iter().map(Ok)).chain(events);
            while let Some(next) = events.next().await {
                let event = match next {
                    Ok(event) => event,
                    Err(error) => {
                        yield frame(&error_event(&error));
                        break;
                    }
                };
                match persist(store.as_ref(), &last.id, &event, &mut guard.pending, &ctx).await {
                    Ok(true) => yield frame(&event),
                    Ok(false) => {}
                    Err(error) => {
                        tracing::error!(%error, event = event.type_name(), "store write failed");
                        yield frame(&ErrorEvent::stream_error(true).into());
                        break;
                    }
                }
                match thread_update(store.as_ref(), &thread, &mut last, &ctx).await {
                    Ok(Some(update)) => yield frame(&update),
                    Ok(None) => {}
                    Err(error) => tracing::error!(%error, "saving the thread failed"),
                }
            }
            match thread_update(store.as_ref(), &thread, &mut last, &ctx).await {
                Ok(Some(update)) => yield frame(&update),
                Ok(None) => {}
                Err(error) => tracing::error!(%error, "saving the thread failed"),
            }
            guard.finished = true;
        })
    }
}

/// Writes what an event means to the store; `Ok(false)` when it must not be sent.
async fn persist<C: StoreContext + ?Sized>(
    store: &dyn Store<C>,
    thread_id: &str,
    event: &ThreadStreamEvent,
    pending: &mut IndexMap<String, ThreadItem>,
    ctx: &C,
) -> Result<bool, StoreError> {
    match event {
        ThreadStreamEvent::ThreadItemAdded { item } => {
            pending.insert(item.id.clone(), item.clone());
        }
        ThreadStreamEvent::ThreadItemDone { item } => {
            store.add_thread_item(thread_id, item, ctx).await?;
            pending.shift_remove(&item.id);
            return Ok(!item.is_hidden());
        }
        ThreadStreamEvent::ThreadItemRemoved { item_id } => {
            store.delete_thread_item(thread_id, item_id, ctx).await?;
            pending.shift_remove(item_id);
        }
        ThreadStreamEvent::ThreadItemReplaced { item } => {
            store.save_item(thread_id, item, ctx).await?;
            pending.shift_remove(&item.id);
        }
        ThreadStreamEvent::ThreadItemUpdated { item_id, update } => {
            if let Some(item) = pending.get_mut(item_id) {
                apply_update(item, update);
            }
        }
        _ => {}
    }
    Ok(true)
}

/// Tracks an update on the pending copy (assistant messages and workflows, as the reference).
fn apply_update(item: &mut ThreadItem, update: &ThreadItemUpdate) {
    match (&mut item.kind, update) {
        (ItemKind::AssistantMessage(message), update) => {
            let content = &mut message.content;
            match update {
                ThreadItemUpdate::ContentPartAdded {
                    content_index,
                    content: new,
                }
                | ThreadItemUpdate::ContentPartDone {
                    content_index,
                    content: new,
                } => {
                    *part(content, *content_index) = new.clone();
                }
                ThreadItemUpdate::TextDelta {
                    content_index,
                    delta,
                } => {
                    part(content, *content_index).text.push_str(delta);
                }
                ThreadItemUpdate::AnnotationAdded {
                    content_index,
                    annotation_index,
                    annotation,
                } => {
                    let annotations = &mut part(content, *content_index).annotations;
                    let at = (*annotation_index).min(annotations.len());
                    annotations.insert(at, annotation.clone());
                }
                _ => {}
            }
        }
        (ItemKind::Workflow(workflow), ThreadItemUpdate::WorkflowTaskAdded { task, .. }) => {
            workflow.workflow.tasks.push(task.clone());
        }
        (
            ItemKind::Workflow(workflow),
            ThreadItemUpdate::WorkflowTaskUpdated { task_index, task },
        ) => {
            if let Some(slot) = workflow.workflow.tasks.get_mut(*task_index) {
                *slot = task.clone();
            }
        }
        _ => {}
    }
}

/// The content part at `index`, padding with empty parts as the reference does.
fn part(content: &mut Vec<AssistantMessageContent>, index: usize) -> &mut AssistantMessageContent {
    while content.len() <= index {
        content.push(AssistantMessageContent::new(""));
    }
    &mut content[index]
}

/// Saves the thread and makes `thread.updated` if the handler changed it.
async fn thread_update<C: StoreContext + ?Sized>(
    store: &dyn Store<C>,
    thread: &ThreadHandle,
    last: &mut ThreadMetadata,
    ctx: &C,
) -> Result<Option<ThreadStreamEvent>, StoreError> {
    if !thread.take_changed() {
        return Ok(None);
    }
    let current = thread.get();
    if current == *last {
        return Ok(None);
    }
    if let Err(error) = store.save_thread(&current, ctx).await {
        thread.mark_changed();
        return Err(error);
    }
    let event = ThreadStreamEvent::ThreadUpdated {
        thread: current.to_thread(Page::default()),
    };
    *last = current;
    Ok(Some(event))
}

/// Runs the reference's cancellation handling when a stream is dropped before it finished
/// (the client went away): saves pending assistant messages that have text, adds the hidden
/// "cancelled" note, then tells the handler.
struct CancelGuard<C: StoreContext + Clone + 'static, H: Handler<C>> {
    store: Arc<dyn Store<C>>,
    handler: Arc<H>,
    thread: ThreadHandle,
    ctx: C,
    pending: IndexMap<String, ThreadItem>,
    finished: bool,
}

impl<C: StoreContext + Clone + 'static, H: Handler<C>> Drop for CancelGuard<C, H> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!("stream cancelled outside a tokio runtime: partial answer not saved");
            return;
        };
        let (store, handler, ctx) = (self.store.clone(), self.handler.clone(), self.ctx.clone());
        let thread = self.thread.get();
        let pending: Vec<ThreadItem> = std::mem::take(&mut self.pending).into_values().collect();
        runtime.spawn(async move {
            for item in &pending {
                let ItemKind::AssistantMessage(message) = &item.kind else {
                    continue;
                };
                if message.plain_text().trim().is_empty() {
                    continue;
                }
                if let Err(error) = store.add_thread_item(&thread.id, item, &ctx).await {
                    tracing::error!(%error, "saving a cancelled answer failed");
                }
            }
            let note = ThreadItem {
                id: store.generate_item_id(IdKind::SdkHiddenContext, &thread, &ctx),
                thread_id: thread.id.clone(),
                created_at: Timestamp::now(),
                kind: ItemKind::SdkHiddenContext(SdkHiddenContextItem {
                    content: CANCELLED_NOTE.to_owned(),
                }),
            };
            if let Err(error) = store.add_thread_item(&thread.id, &note, &ctx).await {
                tracing::error!(%error, "saving the cancellation note failed");
            }
            handler.stream_cancelled(thread, pending, ctx).await;
        });
    }
}
