//! A user message while the agent waits for an answer. Sending LangGraph new input would
//! silently drop the pending interrupt (what agent-chat-ui does), so:
//!
//! - every pending question that has no open question item in the thread (lost with a client
//!   that left, a cut stream, an answer that failed) is asked again;
//! - when exactly one question waits, is shown, and the message can only mean an answer to it
//!   ([`Question::resolve_text`]: a yes or a no, an option's name, a reply or a reason for a
//!   single action), the message answers it;
//! - otherwise the turn ends with [`ANSWER_FIRST`] (the message stays in the thread).

use chatkit_sdk::ThreadStreamEvent;
use chatkit_sdk::server::{EventStream, HandlerError, ThreadHandle};
use chatkit_sdk::store::RequestContext;
use futures::StreamExt;

use super::asking::{self, AnswerContext};
use super::claim::BUSY;
use super::resume::{Asked, Decided};
use super::run::RunPlan;
use super::structured;
use super::{LangGraphHandler, UserText};
use crate::interrupt::Question;
use crate::langgraph::RunInput;

/// What the user reads when a message cannot answer the waiting question.
pub const ANSWER_FIRST: &str = "The agent is waiting for your answer to the question above. Answer it there, then send your message again.";

impl LangGraphHandler {
    /// A user message: a new run, or the answer to the one question waiting.
    pub(super) fn message(
        &self,
        thread: ThreadHandle,
        ctx: RequestContext,
        message: UserText,
    ) -> EventStream {
        let handler = self.clone();
        let UserText { id, text, model } = message;
        Box::pin(async_stream::stream! {
            // Titled inside the stream, so the engine sees the change and sends thread.updated.
            if thread.get().title.is_none() {
                thread.set_title(text.chars().take(60).collect::<String>());
            }
            let state = match handler.thread_state(&ctx.user_id, &thread.id(), true).await {
                Ok(state) => state,
                Err(error) => {
                    yield Err(error);
                    return;
                }
            };
            if state.interrupts.is_empty() {
                let plan = RunPlan {
                    ensured: true,
                    model,
                    ..RunPlan::new(RunInput::Message { id, text })
                };
                let mut run = handler.run(thread, &ctx, plan);
                while let Some(event) = run.next().await {
                    yield event;
                }
                return;
            }
            let thread_id = thread.id();
            let ids: Vec<&str> = state.interrupts.iter().map(|i| i.id.as_str()).collect();
            let open = asking::open_questions(handler.store.as_ref(), &thread_id, &ids, &ctx).await;
            let mut asked_again = false;
            for pending in &state.interrupts {
                if open.iter().any(|(_, context)| context.interrupt_id == pending.id) {
                    continue;
                }
                // Nowhere to answer it: ask it again (the tasks it would finish are not known).
                let question = Question::of(pending);
                let context = AnswerContext { interrupt_id: pending.id.clone(), tasks: Vec::new() };
                let item = structured::question_item(&thread_id, &question, &pending.id)
                    .unwrap_or_else(|| asking::widget(&thread_id, &question, &context));
                yield Ok(ThreadStreamEvent::ThreadItemDone { item });
                asked_again = true;
            }
            let answer = match (state.interrupts.as_slice(), asked_again) {
                ([pending], false) => {
                    let question = Question::of(pending);
                    question
                        .resolve_text(&text, handler.yes_no)
                        .map(|resolved| (pending.clone(), question, resolved))
                }
                _ => None,
            };
            let (Some((pending, question, resolved)), Some((asked, context))) = (answer, open.into_iter().next()) else {
                yield Err(HandlerError::custom(ANSWER_FIRST, false));
                return;
            };
            let Some(claim) = handler.answering.claim(&thread_id) else {
                yield Err(HandlerError::custom(BUSY, false));
                return;
            };
            let asked = match asked {
                Asked::Structured(item) => {
                    // ChatKit's own item shows the message as its answer.
                    let answered = structured::answered_with(&item, &text);
                    yield Ok(ThreadStreamEvent::ThreadItemReplaced { item: answered.clone() });
                    Asked::Structured(answered)
                }
                other => other,
            };
            let decided = Decided { asked, context, pending, question, resolved, state, claim };
            let mut resumed = handler.resume(thread, ctx, decided);
            while let Some(event) = resumed.next().await {
                yield event;
            }
        })
    }
}
