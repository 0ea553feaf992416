//! One LangGraph run streamed into ChatKit events: from a user message (or a checkpoint, for a
//! retry) or from a resume; the questions it stops at become widgets or structured inputs.

use std::collections::HashSet;

use chatkit_sdk::ThreadItem;
use chatkit_sdk::server::{EventStream, HandlerError, ThreadHandle};
use chatkit_sdk::store::RequestContext;
use futures::StreamExt;

use super::asking::{self, AnswerContext};
use super::mapping::Mapper;
use super::reply_limits::ReplyCount;
use super::structured;
use super::{Asker, LangGraphHandler, unreachable_agent};
use crate::interrupt::Question;
use crate::langgraph::{LangGraphClient, LangGraphError, RunInput, Turn};

/// Tries of a run LangGraph refuses because the thread is busy, and the wait between them.
const BUSY_RETRIES: u32 = 4;
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

/// What a run starts from and what it must know about the turn it continues.
#[derive(Debug)]
pub struct RunPlan {
    /// A message or a resume.
    pub input: RunInput,
    /// The checkpoint to start from (a retry: what came after it is forgotten); `None`: the
    /// thread's latest state.
    pub checkpoint: Option<String>,
    /// Messages the thread already holds (not shown again).
    pub seen: Vec<String>,
    /// Workflows of an interrupted turn whose tool calls this run may finish.
    pub carried: Vec<(ThreadItem, Vec<String>)>,
    /// Tool calls the user rejected.
    pub rejected: HashSet<String>,
    /// Interrupts whose question is already open (not asked again).
    pub asked: HashSet<String>,
    /// Whether the LangGraph thread is known to exist (no need to create it).
    pub ensured: bool,
    /// The assistant to run instead of the one the settings choose (a resume goes on with
    /// the interrupted run's).
    pub assistant_id: Option<String>,
    /// The model the user picked.
    pub model: Option<String>,
}

impl RunPlan {
    /// A run with nothing carried over.
    pub fn new(input: RunInput) -> Self {
        RunPlan {
            input,
            checkpoint: None,
            seen: Vec::new(),
            carried: Vec::new(),
            rejected: HashSet::new(),
            asked: HashSet::new(),
            ensured: false,
            assistant_id: None,
            model: None,
        }
    }
}

impl LangGraphHandler {
    /// Streams one run into ChatKit events.
    pub(super) fn run(
        &self,
        thread: ThreadHandle,
        ctx: &RequestContext,
        plan: RunPlan,
    ) -> EventStream {
        let user = ctx.user_id.clone();
        let locale = ctx.locale.clone();
        let client = self.client(&user);
        let runs = self.runs.clone();
        let unknown_custom = self.unknown_custom;
        let settings = self.settings.clone();
        let visibility = self.visibility.clone();
        let output_key = self.output_key.clone();
        let show_reasoning = self.show_reasoning;
        let ui = self.ui.clone();
        let limits = self.reply_limits;
        Box::pin(async_stream::stream! {
            // Titled inside the stream, so the engine sees the change and sends thread.updated.
            if let RunInput::Message { text, .. } = &plan.input
                && thread.get().title.is_none()
            {
                thread.set_title(text.chars().take(60).collect::<String>());
            }
            let thread_id = thread.id();
            let asker = Asker { user_id: &user, thread_id: &thread_id, model: plan.model.as_deref(), locale: locale.as_deref() };
            let mut request = match settings.request(plan.input.clone(), plan.checkpoint.clone(), asker) {
                Ok(request) => request,
                Err(error) => {
                    yield Err(error);
                    return;
                }
            };
            if plan.assistant_id.is_some() {
                request.assistant_id = plan.assistant_id.clone();
            }
            let lg_thread = if plan.ensured {
                LangGraphClient::thread_id(&user, &thread_id)
            } else {
                match client.ensure_thread(&user, &thread_id).await {
                    Ok(id) => id,
                    Err(error) => {
                        yield Err(unreachable_agent(&error));
                        return;
                    }
                }
            };
            let mut busy = 0;
            let run = loop {
                match client.stream(&lg_thread, &request).await {
                    Ok(run) => break run,
                    // The thread's previous run may still be finishing a moment after its
                    // stream ended: a refusal (409) is tried again briefly before it is the
                    // user's to see.
                    Err(LangGraphError::Status { status: 409, .. }) if busy < BUSY_RETRIES => {
                        busy += 1;
                        tokio::time::sleep(BUSY_WAIT).await;
                    }
                    Err(error) => {
                        yield Err(unreachable_agent(&error));
                        return;
                    }
                }
            };
            if let Some(run_id) = &run.run_id {
                runs.lock().unwrap_or_else(|p| p.into_inner()).insert(thread_id.clone(), (lg_thread.clone(), run_id.clone()));
            }
            let mut turn = Turn::resuming(plan.seen)
                .visibility(visibility.as_ref().clone())
                .output_key(output_key);
            let mut mapper = Mapper::resuming(thread_id.clone(), plan.carried, plan.rejected)
                .unknown_custom(unknown_custom)
                .show_reasoning(show_reasoning)
                .ui(ui);
            let mut events = run.events;
            let mut count = ReplyCount::default();
            // The first failure ends the run; it is reported after the run is forgotten (the
            // consumer stops at the first error).
            let mut failure: Option<HandlerError> = None;
            'events: while let Some(event) = events.next().await {
                let event = match event {
                    Ok(event) => event,
                    Err(error) => {
                        for event in mapper.finish() {
                            yield Ok(event);
                        }
                        failure = Some(unreachable_agent(&error));
                        break;
                    }
                };
                for update in turn.push(&event) {
                    match mapper.map(update) {
                        Ok(events) => for event in events {
                            if let Err(error) = count.count(&event, &limits) {
                                yield Ok(event);
                                // What was shown is closed and kept; the run is dropped.
                                for event in mapper.finish() {
                                    yield Ok(event);
                                }
                                failure = Some(error);
                                break 'events;
                            }
                            yield Ok(event);
                        },
                        Err(error) => {
                            failure = Some(error);
                            break 'events;
                        }
                    }
                }
            }
            runs.lock().unwrap_or_else(|p| p.into_inner()).remove(&thread_id);
            if let Some(error) = failure {
                yield Err(error);
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
            let tasks = mapper.open_tasks();
            for pending in std::mem::take(&mut mapper.interrupts) {
                if plan.asked.contains(&pending.id) {
                    continue;
                }
                let question = Question::of(&pending);
                // ChatKit's own item where it fits (it cannot carry the turn's open tasks).
                let native = tasks.is_empty().then(|| structured::question_item(&thread_id, &question, &pending.id)).flatten();
                let context = AnswerContext { interrupt_id: pending.id, tasks: tasks.clone() };
                let item = native.unwrap_or_else(|| asking::widget(&thread_id, &question, &context));
                yield Ok(chatkit_sdk::ThreadStreamEvent::ThreadItemDone { item });
            }
        })
    }
}
