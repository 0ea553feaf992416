//! Questions asked with ChatKit's own `structured_input` item (the official UI renders it
//! natively and answers with `threads.add_structured_input`): a choice among options with
//! nothing else to show. The input's id is the interrupt's id, so the answered item says which
//! interrupt it answers; the engine has checked that the item was pending in the user's thread.

use chatkit_sdk::server::{EventStream, HandlerError, ThreadHandle};
use chatkit_sdk::store::RequestContext;
use chatkit_sdk::{
    IdKind, ItemKind, NoticeLevel, StructuredInput, StructuredInputAnswer, StructuredInputItem,
    StructuredInputStatus, ThreadItem, ThreadStreamEvent,
};
use futures::StreamExt;
use serde_json::{Map, json};

use super::LangGraphHandler;
use super::asking::AnswerContext;
use super::claim::BUSY;
use super::resume::{Asked, Decided};
use crate::interrupt::Question;
use crate::widgets::ANSWER_ACTION;

/// The `structured_input` item asking a question, when the question fits one.
pub fn question_item(
    thread_id: &str,
    question: &Question,
    interrupt_id: &str,
) -> Option<ThreadItem> {
    let kind = question.structured()?;
    Some(ThreadItem::new(
        IdKind::Message.generate(),
        thread_id,
        StructuredInputItem {
            status: StructuredInputStatus::Pending,
            inputs: vec![StructuredInput {
                id: interrupt_id.to_owned(),
                question: question.title(),
                answer: None,
                kind,
            }],
        },
    ))
}

/// The same question as a new pending item (after a skip or a failed resume).
pub fn asked_again(item: &ThreadItem) -> ThreadItem {
    let mut again = item.clone();
    again.id = IdKind::Message.generate();
    again.created_at = chatkit_sdk::Timestamp::now();
    if let ItemKind::StructuredInput(questions) = &mut again.kind {
        questions.status = StructuredInputStatus::Pending;
        questions.inputs.iter_mut().for_each(|i| i.answer = None);
    }
    again
}

/// The item answered with a chat message's text.
pub fn answered_with(item: &ThreadItem, text: &str) -> ThreadItem {
    let mut answered = item.clone();
    if let ItemKind::StructuredInput(questions) = &mut answered.kind {
        questions.status = StructuredInputStatus::Answered;
        for input in &mut questions.inputs {
            input.answer = Some(StructuredInputAnswer {
                values: vec![text.to_owned()],
                skipped: false,
            });
        }
    }
    answered
}

/// The interrupt a pending structured input asks, if it is one of ours.
pub fn asks(item: &ThreadItem) -> Option<&str> {
    match &item.kind {
        ItemKind::StructuredInput(questions)
            if questions.status == StructuredInputStatus::Pending =>
        {
            questions.inputs.first().map(|i| i.id.as_str())
        }
        _ => None,
    }
}

impl LangGraphHandler {
    /// The user answered (or skipped) a structured input item.
    pub(super) fn structured(
        &self,
        thread: ThreadHandle,
        item: ThreadItem,
        ctx: RequestContext,
    ) -> EventStream {
        let handler = self.clone();
        Box::pin(async_stream::stream! {
            let ItemKind::StructuredInput(questions) = &item.kind else {
                return;
            };
            let Some(input) = questions.inputs.first().cloned() else {
                return;
            };
            // The engine saved the item answered: on every way out without a resume, the
            // question is asked again, so it never looks answered while LangGraph still waits.
            let again = ThreadStreamEvent::ThreadItemDone { item: asked_again(&item) };
            let Some(claim) = handler.answering.claim(&thread.id()) else {
                yield Ok(again);
                yield Err(HandlerError::custom(BUSY, false));
                return;
            };
            let state = match handler.thread_state(&ctx.user_id, &thread.id(), false).await {
                Ok(state) => state,
                Err(error) => {
                    yield Ok(again);
                    yield Err(error);
                    return;
                }
            };
            let Some(pending) = state.pending(&input.id).cloned() else {
                yield Err(HandlerError::custom("This question is no longer waiting for an answer.", false));
                return;
            };
            let question = Question::of(&pending);
            let answer = input.answer.as_ref().filter(|a| !a.skipped).and_then(|a| a.values.first());
            let Some(answer) = answer else {
                // LangGraph cannot go on without a value: ask again.
                yield Ok(ThreadStreamEvent::Notice {
                    level: NoticeLevel::Info,
                    message: "The agent needs this answer to go on.".to_owned(),
                    title: None,
                });
                yield Ok(again);
                return;
            };
            let payload = Map::from_iter([("choice".to_owned(), json!(answer))]);
            let resolved = match question.resolve(ANSWER_ACTION, &payload, handler.yes_no) {
                Ok(resolved) => resolved,
                Err(bad) => {
                    yield Ok(again);
                    yield Err(HandlerError::custom(bad.0, false));
                    return;
                }
            };
            let context = AnswerContext { interrupt_id: pending.id.clone(), tasks: Vec::new() };
            let decided = Decided { asked: Asked::Structured(item.clone()), context, pending, question, resolved, state, claim };
            let mut resumed = handler.resume(thread, ctx, decided);
            while let Some(event) = resumed.next().await {
                yield event;
            }
        })
    }
}
