//! Resuming a run with a checked answer (`command.resume = {interrupt id: value}`): the
//! question shows as answered while the run goes on, the interrupted turn's tool calls are
//! finished in place, and if the resume fails while the interrupt is still pending (and
//! nothing runs on the thread) the question is shown open again.

use std::collections::HashSet;

use chatkit_sdk::server::{EventStream, HandlerError, ThreadHandle};
use chatkit_sdk::store::RequestContext;
use chatkit_sdk::{ItemKind, ThreadItem, ThreadStreamEvent};
use futures::StreamExt;
use serde_json::{Map, Value};

use super::LangGraphHandler;
use super::asking::AnswerContext;
use super::claim::Claim;
use super::run::RunPlan;
use crate::interrupt::{Question, Resolved};
use crate::langgraph::{LangGraphClient, PendingInterrupt, RunInput, ThreadState};

/// Where the question was asked.
#[derive(Debug, Clone)]
pub enum Asked {
    /// A widget item, as stored: shown answered while the run resumes, and as it was again if
    /// the resume fails.
    Widget(ThreadItem),
    /// A `structured_input` item (answered by the engine): asked anew if the resume fails.
    Structured(ThreadItem),
}

impl Asked {
    /// The events showing the question open again after a failed resume.
    fn reopened(&self) -> ThreadStreamEvent {
        match self {
            Asked::Widget(item) => ThreadStreamEvent::ThreadItemReplaced { item: item.clone() },
            Asked::Structured(item) => ThreadStreamEvent::ThreadItemDone {
                item: super::structured::asked_again(item),
            },
        }
    }
}

/// A checked answer, ready to resume the run.
#[derive(Debug)]
pub struct Decided {
    /// Where the question was asked.
    pub asked: Asked,
    /// What the widget carries to the resumed run.
    pub context: AnswerContext,
    /// The interrupt answered.
    pub pending: PendingInterrupt,
    /// The question.
    pub question: Question,
    /// The answer.
    pub resolved: Resolved,
    /// The thread's state before the resume.
    pub state: ThreadState,
    /// The claim on the thread, held until the resumed run ends.
    pub claim: Claim,
}

/// The stored item with its widget replaced by another card.
pub fn with_card(mut item: ThreadItem, card: chatkit_sdk::widget::Card) -> ThreadItem {
    if let ItemKind::Widget(widget) = &mut item.kind {
        widget.widget = card.into();
    }
    item
}

impl LangGraphHandler {
    /// Resumes the run with a checked answer.
    pub(super) fn resume(
        &self,
        thread: ThreadHandle,
        ctx: RequestContext,
        decided: Decided,
    ) -> EventStream {
        let handler = self.clone();
        Box::pin(async_stream::stream! {
            let Decided { asked, context, pending, question, resolved, state, claim } = decided;
            if let Asked::Widget(item) = &asked {
                yield Ok(ThreadStreamEvent::ThreadItemReplaced {
                    item: with_card(item.clone(), question.answered(&resolved)),
                });
            }
            let thread_id = thread.id();
            let mut carried = Vec::new();
            for tasks in &context.tasks {
                match handler.store.load_item(&thread_id, &tasks.item_id, &ctx).await {
                    Ok(item) => carried.push((item, tasks.calls.clone())),
                    Err(error) => tracing::warn!(%error, item = %tasks.item_id, "the interrupted turn's workflow is gone"),
                }
            }
            let rejected = rejected_calls(&question, &resolved, &state);
            let value = Value::Object(Map::from_iter([(pending.id.clone(), resolved.value.clone())]));
            let plan = RunPlan {
                input: RunInput::Resume(value),
                checkpoint: None,
                seen: state.message_ids.clone(),
                carried,
                rejected,
                asked: state
                    .interrupts
                    .iter()
                    .filter(|i| i.id != pending.id)
                    .map(|i| i.id.clone())
                    .collect(),
                // The thread's state was read to check the answer: it exists.
                ensured: true,
                // The interrupted run's assistant goes on.
                assistant_id: state.assistant_id.clone(),
                model: None,
            };
            let mut run = handler.run(thread.clone(), &ctx, plan);
            while let Some(event) = run.next().await {
                match event {
                    Ok(event) => yield Ok(event),
                    Err(error) => {
                        if handler.still_pending(&ctx, &thread_id, &pending.id).await {
                            yield Ok(asked.reopened());
                        }
                        // ChatKit's retry would rerun the previous message, not this answer:
                        // the question (open again, or asked again on the next message) is
                        // how to try again.
                        yield Err(match error {
                            HandlerError::Custom { message, .. } => HandlerError::custom(message, false),
                            other => other,
                        });
                        break;
                    }
                }
            }
            drop(claim);
        })
    }

    /// Whether the question can be answered again after a failed resume: the thread waits
    /// (`interrupted`: not still running the answer, not failed on it) and the interrupt is
    /// pending. When this cannot be known it is not reopened (an answer must not run twice);
    /// the next message asks it again if it is still pending then.
    async fn still_pending(
        &self,
        ctx: &RequestContext,
        thread_id: &str,
        interrupt_id: &str,
    ) -> bool {
        let lg_thread = LangGraphClient::thread_id(&ctx.user_id, thread_id);
        match self.client(&ctx.user_id).thread_status(&lg_thread).await {
            Ok(status) if status == "interrupted" => {}
            _ => return false,
        }
        self.client(&ctx.user_id)
            .state(&lg_thread)
            .await
            .is_ok_and(|state| state.pending(interrupt_id).is_some())
    }
}

/// The tool call ids of the rejected actions: each action is matched, in order, to a call of
/// the thread's last AI message with the same name and arguments.
fn rejected_calls(
    question: &Question,
    resolved: &Resolved,
    state: &ThreadState,
) -> HashSet<String> {
    let Question::Review(review) = question else {
        return HashSet::new();
    };
    let mut used: HashSet<usize> = HashSet::new();
    let mut rejected = HashSet::new();
    for (index, action) in review.actions.iter().enumerate() {
        if let Some(id) = &action.call_id {
            if resolved.rejected.contains(&index) {
                rejected.insert(id.clone());
            }
            continue;
        }
        let matched = state.tool_calls.iter().enumerate().find(|(i, call)| {
            !used.contains(i)
                && call.name == action.name
                && call.args.as_object() == Some(&action.args)
        });
        if let Some((i, call)) = matched {
            used.insert(i);
            if resolved.rejected.contains(&index)
                && let Some(id) = &call.id
            {
                rejected.insert(id.clone());
            }
        }
    }
    rejected
}
