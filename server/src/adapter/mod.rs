//! The LangGraph adapter: a ChatKit [`Handler`] that answers each turn with a LangGraph run.
//!
//! Each ChatKit thread is one LangGraph thread (uuid v5 of user and thread, created on first
//! use); each user message is one run with only the new message; tokens stream live into an
//! assistant message, tool calls into a workflow, `custom` events into progress lines or
//! widgets; an `interrupt()` becomes a question (see [`crate::interrupt`]) whose checked
//! answer resumes the run and completes the interrupted turn's tasks; a message while a
//! question waits answers it where it can; a retry reruns the turn from the checkpoint before
//! it; a failing or unreachable agent ends the turn with a clear error. Renaming a thread sets
//! the LangGraph thread's `title` metadata; deleting it deletes the LangGraph thread.

mod answer;
mod asking;
mod claim;
mod custom;
mod delegation;
mod mapping;
mod offered;
mod reasoning;
mod reply_limits;
mod resume;
mod retry;
mod run;
mod run_settings;
mod structured;
mod todos;
mod ui;
mod waiting;

pub use asking::{AnswerContext, OpenTasks};
pub use custom::UnknownCustom;
pub use mapping::{INVALID_WIDGET, Mapper};
pub use reasoning::ShowReasoning;
pub use reply_limits::ReplyLimits;
pub use run_settings::{Asker, RunSettings};
pub use ui::{UiComponents, UiMessage};
pub use waiting::ANSWER_FIRST;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chatkit_sdk::server::{EventStream, Handler, HandlerError, ThreadHandle};
use chatkit_sdk::store::{RequestContext, Store};
use chatkit_sdk::{Action, ItemKind, ThreadItem, ThreadMetadata};

use crate::interrupt::YesNoAnswer;
use crate::langgraph::{LangGraphClient, LangGraphError, ThreadState, Visibility};
use crate::widgets::{ANSWER_ACTION, REVIEW_ACTION, YES_NO_ACTION};

/// The adapter.
#[derive(Clone)]
pub struct LangGraphHandler {
    client: LangGraphClient,
    /// The ChatKit store, to find and finish the questions and tasks of interrupted turns.
    store: Arc<dyn Store<RequestContext>>,
    /// The run in progress per ChatKit thread, to cancel it when the client leaves.
    runs: Arc<Mutex<HashMap<String, (String, String)>>>,
    /// Interrupts being answered.
    answering: claim::Answering,
    /// How yes/no questions resume.
    yes_no: YesNoAnswer,
    /// What `custom` events of no known shape do.
    unknown_custom: UnknownCustom,
    /// What runs start with besides the message.
    settings: Arc<RunSettings>,
    /// Which model calls are chat text.
    visibility: Arc<Visibility>,
    /// The state key holding the answer of a graph without messages.
    output_key: Option<String>,
    /// Whether reasoning shows.
    show_reasoning: ShowReasoning,
    /// The components of generative-UI messages.
    ui: Arc<UiComponents>,
    /// Limits per reply.
    reply_limits: ReplyLimits,
}

impl std::fmt::Debug for LangGraphHandler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LangGraphHandler")
            .field("client", &self.client)
            .field("yes_no", &self.yes_no)
            .finish_non_exhaustive()
    }
}

impl LangGraphHandler {
    /// An adapter over a LangGraph client and the ChatKit store.
    pub fn new(client: LangGraphClient, store: Arc<dyn Store<RequestContext>>) -> Self {
        LangGraphHandler {
            client,
            store,
            runs: Arc::default(),
            answering: claim::Answering::default(),
            yes_no: YesNoAnswer::default(),
            unknown_custom: UnknownCustom::default(),
            settings: Arc::default(),
            visibility: Arc::default(),
            output_key: None,
            show_reasoning: ShowReasoning::default(),
            ui: Arc::default(),
            reply_limits: ReplyLimits::default(),
        }
    }

    /// Sets the limits per reply.
    pub fn reply_limits(mut self, limits: ReplyLimits) -> Self {
        self.reply_limits = limits;
        self
    }

    /// Renders the graph's generative-UI messages named `name` (`push_ui_message(name,
    /// props)`) with the component `C`, built from the props.
    pub fn ui_component<C>(mut self, name: impl Into<String>) -> Self
    where
        C: chatkit_sdk::widget::Component + serde::de::DeserializeOwned + 'static,
        C::Output: chatkit_sdk::widget::IntoWidgetRoot,
    {
        Arc::make_mut(&mut self.ui).register::<C>(name);
        self
    }

    /// Sets what runs start with besides the message (context, configurable, extra input,
    /// the models users may pick).
    pub fn run_settings(mut self, settings: RunSettings) -> Self {
        self.settings = Arc::new(settings);
        self
    }

    /// Sets which model calls are chat text (see [`Visibility`]).
    pub fn visibility(mut self, visibility: Visibility) -> Self {
        self.visibility = Arc::new(visibility);
        self
    }

    /// Shows what a root node writes under `key` as the answer (a graph without messages).
    pub fn output_key(mut self, key: Option<String>) -> Self {
        self.output_key = key;
        self
    }

    /// Shows or hides the model's reasoning.
    pub fn show_reasoning(mut self, show: ShowReasoning) -> Self {
        self.show_reasoning = show;
        self
    }

    /// The LangGraph client, making its requests for `user`.
    fn client(&self, user: &str) -> LangGraphClient {
        self.client.as_user(user)
    }

    /// Shows `custom` events of no known shape as progress lines (by default they are only
    /// logged).
    pub fn unknown_custom(mut self, unknown: UnknownCustom) -> Self {
        self.unknown_custom = unknown;
        self
    }

    /// The state of a ChatKit thread's LangGraph thread, for the questions waiting in it;
    /// `create` makes the thread first (a message may be the first), else it exists already
    /// (a question was asked in it).
    async fn thread_state(
        &self,
        user: &str,
        thread_id: &str,
        create: bool,
    ) -> Result<ThreadState, HandlerError> {
        let lg_thread = if create {
            self.client(user)
                .ensure_thread(user, thread_id)
                .await
                .map_err(|e| unreachable_agent(&e))?
        } else {
            LangGraphClient::thread_id(user, thread_id)
        };
        self.client(user)
            .state(&lg_thread)
            .await
            .map_err(|e| unreachable_agent(&e))
    }

    /// How yes/no questions resume (JSON booleans by default).
    pub fn yes_no_answer(mut self, style: YesNoAnswer) -> Self {
        self.yes_no = style;
        self
    }
}

/// The actions that answer questions: only the server's own question widgets offer them.
const ANSWER_ACTIONS: [&str; 3] = [YES_NO_ACTION, ANSWER_ACTION, REVIEW_ACTION];

/// The client-handled action of the carousel's buttons.
const OPEN_LINK: &str = "open_link";

/// A user message, as a run needs it.
#[derive(Debug, Clone)]
struct UserText {
    id: String,
    text: String,
    /// The model the user picked.
    model: Option<String>,
}

/// The id, text and model of a user message.
fn user_text(input: Option<ThreadItem>) -> Option<UserText> {
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
    Some(UserText {
        id,
        text,
        model: message.inference_options.model,
    })
}

/// What the user reads when LangGraph refuses a run because the thread is busy (409).
pub const BUSY_THREAD: &str = "The agent is still answering in this thread. Wait for the answer, then send your message again.";

/// What the user sees when LangGraph cannot answer.
fn unreachable_agent(error: &LangGraphError) -> HandlerError {
    tracing::warn!(%error, "LangGraph run failed");
    let message = match error {
        LangGraphError::Unreachable { .. } => {
            "The agent is not reachable right now. Please try again.".to_owned()
        }
        LangGraphError::Timeout(_) => "The agent stopped responding. Please try again.".to_owned(),
        LangGraphError::Status { status: 409, .. } => BUSY_THREAD.to_owned(),
        LangGraphError::Status { status, detail } => {
            format!("The agent refused the request ({status}): {detail}")
        }
        LangGraphError::Stream(crate::langgraph::ParseError::TooLarge { limit }) => format!(
            "The agent sent more at once than this server accepts ({} MiB in one event).",
            limit.div_ceil(1024 * 1024)
        ),
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
impl Handler<RequestContext> for LangGraphHandler {
    fn respond(
        &self,
        thread: ThreadHandle,
        input: Option<ThreadItem>,
        ctx: RequestContext,
    ) -> EventStream {
        let Some(message) = user_text(input) else {
            return Box::pin(futures::stream::empty());
        };
        self.message(thread, ctx, message)
    }

    fn retry(&self, thread: ThreadHandle, message: ThreadItem, ctx: RequestContext) -> EventStream {
        let Some(message) = user_text(Some(message)) else {
            return Box::pin(futures::stream::empty());
        };
        self.retry_message(thread, ctx, message)
    }

    fn structured_input(
        &self,
        thread: ThreadHandle,
        item: ThreadItem,
        ctx: RequestContext,
    ) -> EventStream {
        self.structured(thread, item, ctx)
    }

    fn action(
        &self,
        thread: ThreadHandle,
        action: Action,
        sender: Option<ThreadItem>,
        ctx: RequestContext,
    ) -> EventStream {
        if action.kind == OPEN_LINK {
            return chatkit_sdk::server::error_stream(HandlerError::custom(
                "`open_link` is handled by the client: give its button `handler: \"client\"`.",
                false,
            ));
        }
        if !ANSWER_ACTIONS.contains(&action.kind.as_str()) {
            return chatkit_sdk::server::error_stream(HandlerError::custom(
                format!("Unknown action `{}`", action.kind),
                false,
            ));
        }
        self.answer(thread, action, sender, ctx)
    }

    async fn thread_updated(&self, thread: &ThreadMetadata, ctx: RequestContext) {
        let lg_thread = LangGraphClient::thread_id(&ctx.user_id, &thread.id);
        let metadata = serde_json::json!({ "title": thread.title });
        if let Err(error) = self
            .client(&ctx.user_id)
            .update_metadata(&lg_thread, metadata)
            .await
        {
            tracing::warn!(%error, "renaming the LangGraph thread failed");
        }
    }

    async fn thread_deleted(&self, thread: ThreadMetadata, ctx: RequestContext) {
        let lg_thread = LangGraphClient::thread_id(&ctx.user_id, &thread.id);
        if let Err(error) = self.client(&ctx.user_id).delete_thread(&lg_thread).await {
            tracing::warn!(%error, thread = %lg_thread, "deleting the LangGraph thread failed: its conversation is still there");
        }
    }

    async fn stream_cancelled(
        &self,
        thread: ThreadMetadata,
        _pending: Vec<ThreadItem>,
        ctx: RequestContext,
    ) {
        let run = self
            .runs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&thread.id);
        if let Some((lg_thread, run_id)) = run
            && let Err(error) = self
                .client(&ctx.user_id)
                .cancel_run(&lg_thread, &run_id)
                .await
        {
            tracing::warn!(%error, "cancelling the LangGraph run failed");
        }
    }
}
