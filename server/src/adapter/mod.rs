//! The LangGraph adapter: a ChatKit [`Handler`] that answers each turn with a LangGraph run.
//!
//! Each ChatKit thread is one LangGraph thread (uuid v5 of user and thread, created on first
//! use); each user message is one run with only the new message; tokens stream live into an
//! assistant message, tool calls into a workflow, `custom` events into progress lines or
//! widgets; an `interrupt()` becomes a yes/no widget or a form whose answer resumes the run; a
//! retry reruns the turn from the checkpoint before it; a failing or unreachable agent ends the
//! turn with a clear error. "carousel" in a message shows the demo image carousel.

mod interrupt;
mod mapping;

pub use mapping::Mapper;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chatkit_sdk::server::{EventStream, Handler, HandlerError, ThreadHandle};
use chatkit_sdk::store::StoreContext;
use chatkit_sdk::widget::Component;
use chatkit_sdk::{Action, ItemKind, ThreadItem, ThreadMetadata, ThreadStreamEvent, WidgetItem};
use futures::StreamExt;

use crate::langgraph::{LangGraphClient, LangGraphError, RunInput, Turn};
use crate::widgets::ImageCarousel;

/// Where a run starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum From {
    /// The thread's latest state.
    Latest,
    /// The checkpoint before the run's user message entered the thread (a retry).
    BeforeMessage,
}

/// The adapter.
#[derive(Debug, Clone)]
pub struct LangGraphHandler {
    client: LangGraphClient,
    /// The run in progress per ChatKit thread, to cancel it when the client leaves.
    runs: Arc<Mutex<HashMap<String, (String, String)>>>,
}

impl LangGraphHandler {
    /// An adapter over a LangGraph client.
    pub fn new(client: LangGraphClient) -> Self {
        LangGraphHandler {
            client,
            runs: Arc::default(),
        }
    }

    /// Streams one run into ChatKit events.
    fn run(&self, thread: ThreadHandle, user: String, input: RunInput, from: From) -> EventStream {
        let client = self.client.clone();
        let runs = self.runs.clone();
        Box::pin(async_stream::stream! {
            // Titled inside the stream, so the engine sees the change and sends thread.updated.
            if let RunInput::Message { text, .. } = &input
                && thread.get().title.is_none()
            {
                thread.set_title(text.chars().take(60).collect::<String>());
            }
            let thread_id = thread.id();
            let lg_thread = match client.ensure_thread(&user, &thread_id).await {
                Ok(id) => id,
                Err(error) => {
                    yield Err(unreachable_agent(&error));
                    return;
                }
            };
            let checkpoint = match (&input, from) {
                (RunInput::Message { id, .. }, From::BeforeMessage) => {
                    match client.checkpoint_before(&lg_thread, id).await {
                        Ok(checkpoint) => checkpoint,
                        Err(error) => {
                            tracing::warn!(%error, "finding the checkpoint to retry from failed");
                            yield Err(HandlerError::custom(
                                "The agent could not go back to before this message. Please try again.",
                                true,
                            ));
                            return;
                        }
                    }
                }
                _ => None,
            };
            let run = match client.stream_run(&lg_thread, &input, checkpoint.as_deref()).await {
                Ok(run) => run,
                Err(error) => {
                    yield Err(unreachable_agent(&error));
                    return;
                }
            };
            if let Some(run_id) = &run.run_id {
                runs.lock().unwrap_or_else(|p| p.into_inner()).insert(thread_id.clone(), (lg_thread.clone(), run_id.clone()));
            }
            let mut turn = Turn::new();
            let mut mapper = Mapper::new(thread_id.clone());
            let mut events = run.events;
            let mut failed = false;
            while let Some(event) = events.next().await {
                let event = match event {
                    Ok(event) => event,
                    Err(error) => {
                        for event in mapper.finish() {
                            yield Ok(event);
                        }
                        yield Err(unreachable_agent(&error));
                        failed = true;
                        break;
                    }
                };
                for update in turn.push(&event) {
                    match mapper.map(update) {
                        Ok(events) => for event in events { yield Ok(event) },
                        Err(error) => {
                            yield Err(error);
                            failed = true;
                        }
                    }
                }
                if failed {
                    break;
                }
            }
            runs.lock().unwrap_or_else(|p| p.into_inner()).remove(&thread_id);
            if failed {
                return;
            }
            for update in turn.finish() {
                if let Ok(events) = mapper.map(update) {
                    for event in events { yield Ok(event) }
                }
            }
            for event in mapper.finish() {
                yield Ok(event);
            }
            for (id, value) in std::mem::take(&mut mapper.interrupts) {
                yield Ok(interrupt::widget(&thread_id, &id, &value));
            }
        })
    }
}

/// The client-handled action of the carousel's buttons.
const OPEN_LINK: &str = "open_link";

/// The id and text of a user message.
fn user_text(input: Option<ThreadItem>) -> Option<(String, String)> {
    let ThreadItem {
        id,
        kind: ItemKind::UserMessage(message),
        ..
    } = input?
    else {
        return None;
    };
    let text = message
        .content
        .iter()
        .map(|part| match part {
            chatkit_sdk::UserMessageContent::Text { text } => text.as_str(),
            chatkit_sdk::UserMessageContent::Tag(tag) => tag.text.as_str(),
        })
        .collect();
    Some((id, text))
}

/// The demo image carousel, answered by the server itself (the agent is not asked).
fn carousel(thread: &ThreadHandle, text: &str) -> EventStream {
    if thread.get().title.is_none() {
        thread.set_title(text.chars().take(60).collect::<String>());
    }
    let thread_id = thread.id();
    let widget = ThreadItem::new(
        chatkit_sdk::IdKind::Message.generate(),
        &thread_id,
        WidgetItem::new(ImageCarousel::demo().render()).copy_text("Four places to visit"),
    );
    Box::pin(futures::stream::iter([Ok(
        ThreadStreamEvent::ThreadItemDone { item: widget },
    )]))
}

/// What the user sees when LangGraph cannot answer.
fn unreachable_agent(error: &LangGraphError) -> HandlerError {
    tracing::warn!(%error, "LangGraph run failed");
    let message = match error {
        LangGraphError::Unreachable { .. } => {
            "The agent is not reachable right now. Please try again.".to_owned()
        }
        LangGraphError::Timeout(_) => "The agent stopped responding. Please try again.".to_owned(),
        LangGraphError::Status { status, detail } => {
            format!("The agent refused the request ({status}): {detail}")
        }
        LangGraphError::Protocol(_) | LangGraphError::Stream(_) | LangGraphError::Cut { .. } => {
            "The agent's answer was cut off. Please try again.".to_owned()
        }
        LangGraphError::RunEnded(status) => {
            format!("The agent's run ended with status `{status}`. Please try again.")
        }
    };
    HandlerError::custom(message, true)
}

#[async_trait]
impl<C: StoreContext + Clone + 'static> Handler<C> for LangGraphHandler {
    fn respond(&self, thread: ThreadHandle, input: Option<ThreadItem>, ctx: C) -> EventStream {
        let Some((id, text)) = user_text(input) else {
            return Box::pin(futures::stream::empty());
        };
        if text.to_lowercase().contains("carousel") {
            return carousel(&thread, &text);
        }
        let input = RunInput::Message { id, text };
        self.run(thread, ctx.user_id().to_owned(), input, From::Latest)
    }

    fn retry(&self, thread: ThreadHandle, message: ThreadItem, ctx: C) -> EventStream {
        let Some((id, text)) = user_text(Some(message)) else {
            return Box::pin(futures::stream::empty());
        };
        if text.to_lowercase().contains("carousel") {
            return carousel(&thread, &text);
        }
        let input = RunInput::Message { id, text };
        self.run(thread, ctx.user_id().to_owned(), input, From::BeforeMessage)
    }

    fn action(
        &self,
        thread: ThreadHandle,
        action: Action,
        sender: Option<ThreadItem>,
        ctx: C,
    ) -> EventStream {
        if action.kind == OPEN_LINK {
            return chatkit_sdk::server::error_stream(HandlerError::custom(
                "`open_link` is handled by the client: give its button `handler: \"client\"`.",
                false,
            ));
        }
        if !interrupt::is_answer(&action) {
            return chatkit_sdk::server::error_stream(HandlerError::custom(
                format!("Unknown action `{}`", action.kind),
                false,
            ));
        }
        let (resume, answered) = match interrupt::answer(&action, sender) {
            Ok(answer) => answer,
            Err(error) => return chatkit_sdk::server::error_stream(error),
        };
        let resumed = self.run(
            thread,
            ctx.user_id().to_owned(),
            RunInput::Resume(resume),
            From::Latest,
        );
        Box::pin(futures::stream::once(async { Ok(answered) }).chain(resumed))
    }

    async fn stream_cancelled(&self, thread: ThreadMetadata, _pending: Vec<ThreadItem>, _ctx: C) {
        let run = self
            .runs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&thread.id);
        if let Some((lg_thread, run_id)) = run
            && let Err(error) = self.client.cancel_run(&lg_thread, &run_id).await
        {
            tracing::warn!(%error, "cancelling the LangGraph run failed");
        }
    }
}
