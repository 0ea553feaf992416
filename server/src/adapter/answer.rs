//! A widget's answer to a question: it must be an action the stored widget offers
//! ([`super::offered`]), the interrupt it names must still be pending in the LangGraph thread,
//! and the answer must fit what was asked; then the run resumes ([`super::resume`]).

use chatkit_sdk::server::{EventStream, HandlerError, ThreadHandle};
use chatkit_sdk::store::RequestContext;
use chatkit_sdk::{Action, ItemKind, ThreadItem, ThreadStreamEvent};
use futures::StreamExt;
use serde_json::{Map, Value};

use super::LangGraphHandler;
use super::claim::BUSY;
use super::offered::offered;
use super::resume::{Asked, Decided, with_card};
use crate::interrupt::Question;

impl LangGraphHandler {
    /// A widget action answering a question.
    pub(super) fn answer(
        &self,
        thread: ThreadHandle,
        action: Action,
        sender: Option<ThreadItem>,
        ctx: RequestContext,
    ) -> EventStream {
        let handler = self.clone();
        Box::pin(async_stream::stream! {
            let (item, context) = match offered(&action, sender) {
                Ok(offered) => offered,
                Err(error) => {
                    yield Err(error);
                    return;
                }
            };
            let Some(claim) = handler.answering.claim(&thread.id()) else {
                yield Err(HandlerError::custom(BUSY, false));
                return;
            };
            let state = match handler.thread_state(&ctx.user_id, &thread.id(), false).await {
                Ok(state) => state,
                Err(error) => {
                    yield Err(error);
                    return;
                }
            };
            let Some(pending) = state.pending(&context.interrupt_id).cloned() else {
                let closed = crate::widgets::Answered {
                    title: widget_title(&item),
                    lines: vec!["The agent no longer waits for this answer.".to_owned()],
                };
                yield Ok(ThreadStreamEvent::ThreadItemReplaced {
                    item: with_card(item, chatkit_sdk::widget::Component::render(closed)),
                });
                yield Err(HandlerError::custom(
                    "This question is no longer waiting for an answer.",
                    false,
                ));
                return;
            };
            let question = Question::of(&pending);
            let payload: Map<String, Value> = action.payload.as_object().cloned().unwrap_or_default();
            let resolved = match question.resolve(&action.kind, &payload, handler.yes_no) {
                Ok(resolved) => resolved,
                Err(bad) => {
                    yield Err(HandlerError::custom(bad.0, false));
                    return;
                }
            };
            let decided = Decided { asked: Asked::Widget(item), context, pending, question, resolved, state, claim };
            let mut resumed = handler.resume(thread, ctx, decided);
            while let Some(event) = resumed.next().await {
                yield event;
            }
        })
    }
}

/// The copy text of a widget item (its question).
fn widget_title(item: &ThreadItem) -> String {
    match &item.kind {
        ItemKind::Widget(widget) => widget.copy_text.clone().unwrap_or_default(),
        _ => String::new(),
    }
}
