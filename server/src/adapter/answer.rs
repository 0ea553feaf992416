//! Answering an interrupt: the answer must come from the question's own stored widget, the
//! interrupt must still be pending in the LangGraph thread, and the answer must fit what was
//! asked; only then is the run resumed (`command.resume = {interrupt id: value}`). The question
//! shows as answered while the run goes on, and opens again if the resume fails while the
//! interrupt is still pending.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use chatkit_sdk::server::{EventStream, HandlerError, ThreadHandle};
use chatkit_sdk::store::RequestContext;
use chatkit_sdk::{Action, ItemKind, ThreadItem, ThreadStreamEvent};
use futures::StreamExt;
use serde_json::{Map, Value};

use super::asking::{self, AnswerContext};
use super::run::{From, RunPlan};
use super::{LangGraphHandler, unreachable_agent};
use crate::interrupt::{Question, Resolved};
use crate::langgraph::{LangGraphClient, PendingInterrupt, RunInput, ThreadState};

/// Interrupts being answered right now (a double click resumes once).
#[derive(Debug, Clone, Default)]
pub struct Answering(Arc<Mutex<HashSet<String>>>);

/// Holds an interrupt as being answered until dropped.
#[derive(Debug)]
pub struct Claim {
    set: Arc<Mutex<HashSet<String>>>,
    id: String,
}

impl Answering {
    /// Claims an interrupt; `None` when another answer to it is in progress.
    pub fn claim(&self, id: &str) -> Option<Claim> {
        let mut set = self.0.lock().unwrap_or_else(|p| p.into_inner());
        set.insert(id.to_owned()).then(|| Claim {
            set: self.0.clone(),
            id: id.to_owned(),
        })
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.set
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.id);
    }
}

/// Where the question was asked.
#[derive(Debug, Clone)]
pub enum Asked {
    /// A widget item, as stored: shown answered while the run resumes, and as it was again if
    /// the resume fails.
    Widget(ThreadItem),
    /// A `structured_input` item (answered by the engine): asked anew if the resume fails.
    Structured(ThreadItem),
    /// Nowhere the server can find.
    Nowhere,
}

impl Asked {
    /// The events showing the question open again after a failed resume.
    fn reopened(&self) -> Option<ThreadStreamEvent> {
        match self {
            Asked::Widget(item) => {
                Some(ThreadStreamEvent::ThreadItemReplaced { item: item.clone() })
            }
            Asked::Structured(item) => Some(ThreadStreamEvent::ThreadItemDone {
                item: super::structured::asked_again(item),
            }),
            Asked::Nowhere => None,
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
    /// The claim on the interrupt, held until the resumed run ends.
    pub claim: Claim,
}

/// The stored item with its widget replaced by another card.
fn with_card(mut item: ThreadItem, card: chatkit_sdk::widget::Card) -> ThreadItem {
    if let ItemKind::Widget(widget) = &mut item.kind {
        widget.widget = card.into();
    }
    item
}

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
            let (item, context) = match asking::offered(&action, sender) {
                Ok(offered) => offered,
                Err(error) => {
                    yield Err(error);
                    return;
                }
            };
            let Some(claim) = handler.answering.claim(&context.interrupt_id) else {
                yield Err(HandlerError::custom("This question is being answered already.", false));
                return;
            };
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
                from: From::Latest,
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
            };
            let mut run = handler.run(thread.clone(), ctx.user_id.clone(), plan);
            while let Some(event) = run.next().await {
                match event {
                    Ok(event) => yield Ok(event),
                    Err(error) => {
                        if let Some(reopened) = asked.reopened()
                            && handler.still_pending(&ctx, &thread_id, &pending.id).await
                        {
                            yield Ok(reopened);
                        }
                        yield Err(error);
                        break;
                    }
                }
            }
            drop(claim);
        })
    }

    /// Whether the interrupt is still pending (a failed resume leaves it answerable).
    async fn still_pending(
        &self,
        ctx: &RequestContext,
        thread_id: &str,
        interrupt_id: &str,
    ) -> bool {
        let lg_thread = LangGraphClient::thread_id(&ctx.user_id, thread_id);
        match self.client.state(&lg_thread).await {
            Ok(state) => state.pending(interrupt_id).is_some(),
            // Unknown: let the user try again; a stale answer is refused then.
            Err(_) => true,
        }
    }
}

/// The copy text of a widget item (its question).
fn widget_title(item: &ThreadItem) -> String {
    match &item.kind {
        ItemKind::Widget(widget) => widget.copy_text.clone().unwrap_or_default(),
        _ => String::new(),
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

#[cfg(test)]
mod tests {
    use super::Answering;

    #[test]
    fn an_interrupt_is_answered_by_one_request_at_a_time() {
        let answering = Answering::default();
        let claim = answering.claim("i1");
        assert!(claim.is_some());
        assert!(
            answering.claim("i1").is_none(),
            "a second answer while the first runs"
        );
        assert!(answering.claim("i2").is_some(), "another interrupt is free");
        drop(claim);
        assert!(
            answering.claim("i1").is_some(),
            "free again once the first is over"
        );
    }
}
