//! The LangGraph adapter: a ChatKit [`Handler`] that answers each turn with a LangGraph run.
//!
//! Each ChatKit thread is one LangGraph thread (uuid v5 of user and thread, created on first
//! use); each user message is one run with only the new message; tokens stream live into an
//! assistant message, tool calls into a workflow, `custom` events into progress lines or
//! widgets; an `interrupt()` becomes a yes/no widget whose answer resumes the run; a failing or
//! unreachable agent ends the turn with a clear error. (Server issue: in progress.)

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
use serde_json::{Value, json};

use crate::langgraph::{LangGraphClient, LangGraphError, RunInput, StreamEvent, Turn};
use crate::widgets::{YES_NO_ACTION, YesNoButtons};

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
    fn run(&self, thread: ThreadHandle, user: String, input: RunInput) -> EventStream {
        let client = self.client.clone();
        let runs = self.runs.clone();
        Box::pin(async_stream::stream! {
            // Titled inside the stream, so the engine sees the change and sends thread.updated.
            if let RunInput::Message(text) = &input
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
            let run = match client.stream_run(&lg_thread, &input).await {
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
            let run_id = run.run_id.clone();
            let mut events = run.events;
            let mut failed = false;
            let mut ended = false;
            while let Some(event) = events.next().await {
                if matches!(event, Ok(StreamEvent::End)) {
                    ended = true;
                }
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
            // LangGraph closes the stream without a final event when a run finishes, stops at an
            // interrupt, is cancelled, or the connection is cut: the run's status tells.
            if !ended && mapper.interrupts.is_empty()
                && let Some(run_id) = &run_id
            {
                match client.run_status(&lg_thread, run_id).await {
                    Ok(status) if matches!(status.as_str(), "pending" | "running") => {
                        for event in mapper.finish() {
                            yield Ok(event);
                        }
                        yield Err(HandlerError::custom("The agent's answer was cut off. Please try again.", true));
                        return;
                    }
                    Ok(status) if matches!(status.as_str(), "error" | "timeout") => {
                        for event in mapper.finish() {
                            yield Ok(event);
                        }
                        yield Err(HandlerError::custom(format!("The agent's run ended with status `{status}`."), true));
                        return;
                    }
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "could not check the run's status"),
                }
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
                yield Ok(interrupt_widget(&thread_id, &id, &value));
            }
        })
    }
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
        LangGraphError::Protocol(_) | LangGraphError::Stream(_) => {
            "The agent's answer was cut off. Please try again.".to_owned()
        }
    };
    HandlerError::custom(message, true)
}

/// The widget for an `interrupt()`: a yes/no question whose answer resumes the run.
fn interrupt_widget(thread_id: &str, interrupt_id: &str, value: &Value) -> ThreadStreamEvent {
    let question = value
        .get("question")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| value.as_str().map(str::to_owned))
        .unwrap_or_else(|| "Continue?".to_owned());
    let card = YesNoButtons {
        question: question.clone(),
        context: json!({ "interrupt_id": interrupt_id }),
    }
    .render();
    ThreadStreamEvent::ThreadItemDone {
        item: ThreadItem::new(
            chatkit_sdk::IdKind::Message.generate(),
            thread_id,
            WidgetItem::new(card).copy_text(question),
        ),
    }
}

#[async_trait]
impl<C: StoreContext + Clone + 'static> Handler<C> for LangGraphHandler {
    fn respond(&self, thread: ThreadHandle, input: Option<ThreadItem>, ctx: C) -> EventStream {
        let Some(ThreadItem {
            kind: ItemKind::UserMessage(message),
            ..
        }) = input
        else {
            return Box::pin(futures::stream::empty());
        };
        let text: String = message
            .content
            .iter()
            .map(|part| match part {
                chatkit_sdk::UserMessageContent::Text { text } => text.as_str(),
                chatkit_sdk::UserMessageContent::Tag(tag) => tag.text.as_str(),
            })
            .collect();
        self.run(thread, ctx.user_id().to_owned(), RunInput::Message(text))
    }

    fn action(
        &self,
        thread: ThreadHandle,
        action: Action,
        sender: Option<ThreadItem>,
        ctx: C,
    ) -> EventStream {
        if action.kind != YES_NO_ACTION {
            return chatkit_sdk::server::error_stream(HandlerError::custom(
                format!("Unknown action `{}`", action.kind),
                false,
            ));
        }
        let choice = action.payload.get("choice").cloned().unwrap_or(Value::Null);
        let answered = sender.map(|mut item| {
            // The question stays, answered: its buttons go.
            if let ItemKind::Widget(widget) = &mut item.kind
                && let chatkit_sdk::widget::WidgetRoot::Card(card) = &mut widget.widget
            {
                card.children.truncate(1);
                card.children.push(
                    chatkit_sdk::widget::Caption::new(format!(
                        "Answered: {}",
                        choice.as_str().unwrap_or("?")
                    ))
                    .into(),
                );
            }
            ThreadStreamEvent::ThreadItemReplaced { item }
        });
        let resumed = self.run(thread, ctx.user_id().to_owned(), RunInput::Resume(choice));
        Box::pin(futures::stream::iter(answered.map(Ok)).chain(resumed))
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
