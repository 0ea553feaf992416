//! A retry (`threads.retry_after_item`): the turn runs again from the LangGraph checkpoint
//! before its message, so the agent forgets the discarded answer. A message that never reached
//! the agent (it was refused while a question waited, or it answered one) has no such
//! checkpoint: it is then handled as a new message, questions waiting included, rather than
//! sent as new input that would drop a pending interrupt.

use chatkit_sdk::server::{EventStream, HandlerError, ThreadHandle};
use chatkit_sdk::store::RequestContext;
use futures::StreamExt;

use super::run::RunPlan;
use super::{LangGraphHandler, UserText, unreachable_agent};
use crate::langgraph::RunInput;

impl LangGraphHandler {
    /// Runs a user message again.
    pub(super) fn retry_message(
        &self,
        thread: ThreadHandle,
        ctx: RequestContext,
        message: UserText,
    ) -> EventStream {
        let handler = self.clone();
        Box::pin(async_stream::stream! {
            let lg_thread = match handler.client(&ctx.user_id).ensure_thread(&ctx.user_id, &thread.id()).await {
                Ok(id) => id,
                Err(error) => {
                    yield Err(unreachable_agent(&error));
                    return;
                }
            };
            let mut events = match handler.client(&ctx.user_id).checkpoint_before(&lg_thread, &message.id).await {
                Ok(Some(checkpoint)) => {
                    let plan = RunPlan {
                        checkpoint: Some(checkpoint),
                        ensured: true,
                        model: message.model,
                        ..RunPlan::new(RunInput::Message { id: message.id, text: message.text })
                    };
                    handler.run(thread, &ctx, plan)
                }
                Ok(None) => handler.message(thread, ctx, message),
                Err(error) => {
                    tracing::warn!(%error, "finding the checkpoint to retry from failed");
                    yield Err(HandlerError::custom(
                        "The agent could not go back to before this message. Please try again.",
                        true,
                    ));
                    return;
                }
            };
            while let Some(event) = events.next().await {
                yield event;
            }
        })
    }
}
