//! A user message while the agent waits for an answer. Sending LangGraph new input would
//! silently drop the pending interrupt, so: when exactly one question waits and it takes text
//! (a reply or rejection of a single action, an open question, a free-form value), the message
//! answers it; otherwise the turn ends with a clear message to answer the question first
//! (the message stays in the thread).

use chatkit_sdk::server::{EventStream, HandlerError, ThreadHandle};
use chatkit_sdk::store::RequestContext;
use futures::StreamExt;

use super::answer::{Asked, Decided};
use super::asking::{self, AnswerContext};
use super::run::{From, RunPlan};
use super::structured;
use super::{LangGraphHandler, unreachable_agent};
use crate::interrupt::Question;
use crate::langgraph::RunInput;
use chatkit_sdk::ThreadStreamEvent;

/// What the user reads when a message cannot answer the waiting question.
pub const ANSWER_FIRST: &str = "The agent is waiting for your answer to the question above. Answer it there, then send your message again.";

impl LangGraphHandler {
    /// A user message: a new run, or the answer to the one question waiting.
    pub(super) fn message(
        &self,
        thread: ThreadHandle,
        ctx: RequestContext,
        id: String,
        text: String,
    ) -> EventStream {
        let handler = self.clone();
        Box::pin(async_stream::stream! {
            // Titled inside the stream, so the engine sees the change and sends thread.updated.
            if thread.get().title.is_none() {
                thread.set_title(text.chars().take(60).collect::<String>());
            }
            let lg_thread = match handler.client.ensure_thread(ctx.user_id.as_str(), &thread.id()).await {
                Ok(id) => id,
                Err(error) => {
                    yield Err(unreachable_agent(&error));
                    return;
                }
            };
            let state = match handler.client.state(&lg_thread).await {
                Ok(state) => state,
                Err(error) => {
                    yield Err(unreachable_agent(&error));
                    return;
                }
            };
            if state.interrupts.is_empty() {
                let plan = RunPlan {
                    ensured: true,
                    ..RunPlan::new(RunInput::Message { id, text }, From::Latest)
                };
                let mut run = handler.run(thread, ctx.user_id.clone(), plan);
                while let Some(event) = run.next().await {
                    yield event;
                }
                return;
            }
            let decided = match state.interrupts.as_slice() {
                [pending] => {
                    let question = Question::of(pending);
                    question.resolve_text(&text, handler.yes_no).map(|resolved| (pending.clone(), question, resolved))
                }
                _ => None,
            };
            let Some((pending, question, resolved)) = decided else {
                yield Err(HandlerError::custom(ANSWER_FIRST, false));
                return;
            };
            let Some(claim) = handler.answering.claim(&pending.id) else {
                yield Err(HandlerError::custom("This question is being answered already.", false));
                return;
            };
            let open = asking::open_questions(handler.store.as_ref(), &thread.id(), &[pending.id.as_str()], &ctx).await;
            let (asked, context) = match open.into_iter().next() {
                Some((Asked::Structured(item), context)) => {
                    // ChatKit's own item shows the message as its answer.
                    let answered = structured::answered_with(&item, &text);
                    yield Ok(ThreadStreamEvent::ThreadItemReplaced { item: answered.clone() });
                    (Asked::Structured(answered), context)
                }
                Some((asked, context)) => (asked, context),
                None => (Asked::Nowhere, AnswerContext { interrupt_id: pending.id.clone(), tasks: Vec::new() }),
            };
            let decided = Decided { asked, context, pending, question, resolved, state, claim };
            let mut resumed = handler.resume(thread, ctx, decided);
            while let Some(event) = resumed.next().await {
                yield event;
            }
        })
    }
}
