//! LangGraph turn updates → ChatKit stream events: an assistant message per streamed message, a
//! workflow with one task per tool call, progress lines and widgets from `custom` events.

use chatkit_sdk::server::HandlerError;
use chatkit_sdk::widget::WidgetRoot;
use chatkit_sdk::{
    AssistantMessageContent, AssistantMessageItem, IdKind, ItemKind, NoticeLevel, Task, TaskKind,
    TaskStatusIndicator, ThreadItem, ThreadItemUpdate, ThreadStreamEvent, Timestamp, WidgetItem,
    Workflow, WorkflowItem, WorkflowSummary, WorkflowType,
};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;

use super::asking::OpenTasks;
use super::custom::{Custom, UnknownCustom, unknown_line};
use super::reasoning::{OpenReasoning, ShowReasoning};
use super::todos::TodoList;
use super::ui::{UiComponents, UiMessage};
use crate::langgraph::{PendingInterrupt, TurnUpdate};
use crate::widgets::fold;

/// The ChatKit side of one run.
#[derive(Debug)]
pub struct Mapper {
    pub(super) thread_id: String,
    pub(super) message: Option<(ThreadItem, String)>,
    pub(super) workflow: Option<(ThreadItem, Vec<String>)>,
    /// The ChatKit item of each LangGraph message shown in this run (to withdraw it).
    pub(super) shown: HashMap<String, String>,
    /// The reasoning being streamed.
    pub(super) reasoning: Option<OpenReasoning>,
    /// Whether reasoning shows.
    pub(super) show_reasoning: ShowReasoning,
    /// The tool call (and its task's lines) that each sub-agent scope works for.
    pub(super) scopes: HashMap<String, String>,
    /// The lines of each delegated call's task (its description, its sub-agent's work).
    pub(super) lines: HashMap<String, Vec<String>>,
    /// The tool of each call of this run, by call id.
    pub(super) tools: HashMap<String, String>,
    /// The todo list of this run (`write_todos`).
    pub(super) todos: TodoList,
    /// The components of generative-UI messages.
    ui: Arc<UiComponents>,
    /// Workflows closed in this run (their tool calls, in task order), for the questions of
    /// an interrupt to carry to the resumed run.
    closed: Vec<OpenTasks>,
    /// Workflows of an interrupted turn that this resumed run may finish.
    carried: Vec<(ThreadItem, Vec<String>)>,
    /// Tool calls the user rejected: their error results show as rejected.
    rejected: HashSet<String>,
    /// Tool calls answered in this run.
    pub(super) answered: HashSet<String>,
    /// Interrupts the run stopped at, for the caller to turn into widgets.
    pub interrupts: Vec<PendingInterrupt>,
    /// What to do with `custom` events of no known shape.
    unknown_custom: UnknownCustom,
}

pub(super) fn event_added(item: &ThreadItem) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemAdded { item: item.clone() }
}

impl Mapper {
    /// A mapper for a ChatKit thread.
    pub fn new(thread_id: impl Into<String>) -> Self {
        Mapper {
            thread_id: thread_id.into(),
            message: None,
            workflow: None,
            closed: Vec::new(),
            carried: Vec::new(),
            rejected: HashSet::new(),
            answered: HashSet::new(),
            interrupts: Vec::new(),
            unknown_custom: UnknownCustom::default(),
            shown: HashMap::new(),
            reasoning: None,
            show_reasoning: ShowReasoning::default(),
            scopes: HashMap::new(),
            lines: HashMap::new(),
            tools: HashMap::new(),
            todos: TodoList::default(),
            ui: Arc::default(),
        }
    }

    /// Renders generative-UI messages with these components.
    pub fn ui(mut self, ui: Arc<UiComponents>) -> Self {
        self.ui = ui;
        self
    }

    /// Shows or hides the model's reasoning.
    pub fn show_reasoning(mut self, show: ShowReasoning) -> Self {
        self.show_reasoning = show;
        self
    }

    /// Shows (or only logs) `custom` events of no known shape.
    pub fn unknown_custom(mut self, unknown: UnknownCustom) -> Self {
        self.unknown_custom = unknown;
        self
    }

    /// A mapper for a resumed run: tool results for the calls of `carried` workflows complete
    /// their tasks (the stored item is replaced), and the `rejected` calls show as rejected.
    pub fn resuming(
        thread_id: impl Into<String>,
        carried: Vec<(ThreadItem, Vec<String>)>,
        rejected: HashSet<String>,
    ) -> Self {
        Mapper {
            carried,
            rejected,
            ..Mapper::new(thread_id)
        }
    }

    /// The workflows whose tool calls are still waiting for results (this run's and carried
    /// ones), for the questions the run ends with.
    pub fn open_tasks(&self) -> Vec<OpenTasks> {
        let carried = self.carried.iter().map(|(item, calls)| OpenTasks {
            item_id: item.id.clone(),
            calls: calls.clone(),
        });
        self.closed
            .iter()
            .cloned()
            .chain(carried)
            .filter(|w| w.calls.iter().any(|c| !self.answered.contains(c)))
            .collect()
    }

    fn finished_task(&self, name: String, content: String, call_id: &str, is_error: bool) -> Task {
        let title = if self.rejected.contains(call_id) {
            format!("{name} rejected")
        } else if is_error {
            format!("{name} failed")
        } else {
            name
        };
        Task {
            status_indicator: TaskStatusIndicator::Complete,
            kind: TaskKind::Custom {
                title: Some(title),
                icon: None,
                content: Some(content),
            },
        }
    }

    /// The title of a task of the open workflow.
    fn task_title_of(&self, call_id: &str) -> Option<String> {
        let (workflow, calls) = self.workflow.as_ref()?;
        let index = calls.iter().position(|c| c == call_id)?;
        let ItemKind::Workflow(w) = &workflow.kind else {
            return None;
        };
        match &w.workflow.tasks.get(index)?.kind {
            TaskKind::Custom { title, .. } => title.clone(),
            _ => None,
        }
    }

    pub(super) fn item(&self, kind: IdKind, body: ItemKind) -> ThreadItem {
        ThreadItem {
            id: kind.generate(),
            thread_id: self.thread_id.clone(),
            created_at: Timestamp::now(),
            kind: body,
        }
    }

    /// The events for one update; a failed run is an error.
    pub fn map(&mut self, update: TurnUpdate) -> Result<Vec<ThreadStreamEvent>, HandlerError> {
        let mut out = Vec::new();
        match update {
            TurnUpdate::TextStarted { message_id } => {
                self.close_reasoning(&mut out);
                self.close_workflow(&mut out);
                let item = self.item(
                    IdKind::Message,
                    ItemKind::AssistantMessage(AssistantMessageItem::default()),
                );
                out.push(event_added(&item));
                self.shown.insert(message_id, item.id.clone());
                out.push(ThreadStreamEvent::ThreadItemUpdated {
                    item_id: item.id.clone(),
                    update: ThreadItemUpdate::ContentPartAdded {
                        content_index: 0,
                        content: AssistantMessageContent::new(""),
                    },
                });
                self.message = Some((item, String::new()));
            }
            TurnUpdate::TextDelta { delta, .. } => {
                if let Some((item, text)) = &mut self.message {
                    text.push_str(&delta);
                    out.push(ThreadStreamEvent::ThreadItemUpdated {
                        item_id: item.id.clone(),
                        update: ThreadItemUpdate::TextDelta {
                            content_index: 0,
                            delta,
                        },
                    });
                }
            }
            TurnUpdate::TextDone { .. } => self.close_message(&mut out),
            TurnUpdate::ToolCallStarted { call_id, name } => {
                self.close_reasoning(&mut out);
                self.close_message(&mut out);
                self.tools.insert(call_id.clone(), name.clone());
                if TodoList::is_todos(&name) {
                    return Ok(out);
                }
                let (workflow, calls) = match &mut self.workflow {
                    Some(open) => open,
                    None => {
                        let item = self.item(
                            IdKind::Workflow,
                            ItemKind::Workflow(WorkflowItem {
                                workflow: Workflow {
                                    kind: WorkflowType::Custom,
                                    tasks: Vec::new(),
                                    summary: None,
                                    expanded: false,
                                },
                            }),
                        );
                        out.push(event_added(&item));
                        self.workflow.insert((item, Vec::new()))
                    }
                };
                let (title, _) = super::delegation::task_title(&name, None);
                let task = Task::custom(title, TaskStatusIndicator::Loading);
                if let ItemKind::Workflow(w) = &mut workflow.kind {
                    w.workflow.tasks.push(task.clone());
                }
                out.push(ThreadStreamEvent::ThreadItemUpdated {
                    item_id: workflow.id.clone(),
                    update: ThreadItemUpdate::WorkflowTaskAdded {
                        task_index: calls.len(),
                        task,
                    },
                });
                calls.push(call_id);
            }
            TurnUpdate::ToolCallArguments { call_id, arguments } => {
                self.arguments(&call_id, &arguments, &mut out)
            }
            TurnUpdate::ToolResult {
                call_id,
                name,
                content,
                is_error,
            } => {
                self.answered.insert(call_id.clone());
                if TodoList::is_todos(&name) {
                    return Ok(out);
                }
                let content = self.delegated_result(&call_id, content);
                // A delegation keeps the title its arguments gave it.
                let name = self.task_title_of(&call_id).unwrap_or(name);
                let task = self.finished_task(name, content, &call_id, is_error);
                if let Some((workflow, calls)) = &mut self.workflow
                    && let Some(index) = calls.iter().position(|c| *c == call_id)
                {
                    if let ItemKind::Workflow(w) = &mut workflow.kind
                        && let Some(slot) = w.workflow.tasks.get_mut(index)
                    {
                        *slot = task.clone();
                    }
                    out.push(ThreadStreamEvent::ThreadItemUpdated {
                        item_id: workflow.id.clone(),
                        update: ThreadItemUpdate::WorkflowTaskUpdated {
                            task_index: index,
                            task,
                        },
                    });
                } else if let Some((workflow, index)) =
                    self.carried.iter_mut().find_map(|(item, calls)| {
                        Some((item, calls.iter().position(|c| *c == call_id)?))
                    })
                {
                    // A task of the interrupted turn: its stored workflow is replaced.
                    if let ItemKind::Workflow(w) = &mut workflow.kind
                        && let Some(slot) = w.workflow.tasks.get_mut(index)
                    {
                        *slot = task;
                        out.push(ThreadStreamEvent::ThreadItemReplaced {
                            item: workflow.clone(),
                        });
                    }
                }
            }
            TurnUpdate::Interrupt { id, value, schema } => {
                self.close_reasoning(&mut out);
                self.close_message(&mut out);
                self.close_workflow(&mut out);
                self.interrupts.push(PendingInterrupt { id, value, schema });
            }
            TurnUpdate::Custom(value) => self.custom(value, &mut out),
            TurnUpdate::ReasoningDelta { message_id, delta } => {
                self.reasoning_delta(message_id, &delta, &mut out)
            }
            TurnUpdate::Withdrawn { message_id, calls } => {
                self.withdraw(&message_id, &calls, &mut out)
            }
            TurnUpdate::Delegated { scope, call, line } => {
                self.delegated(scope, call, line, &mut out)
            }
            TurnUpdate::Failed { error, message } => {
                self.close_reasoning(&mut out);
                self.close_message(&mut out);
                self.close_workflow(&mut out);
                return Err(HandlerError::custom(
                    format!("The agent failed: {error}: {message}"),
                    true,
                ));
            }
        }
        Ok(out)
    }

    /// Closes what is open at the end of the run.
    pub fn finish(&mut self) -> Vec<ThreadStreamEvent> {
        let mut out = Vec::new();
        self.close_reasoning(&mut out);
        self.close_message(&mut out);
        self.close_workflow(&mut out);
        out
    }

    pub(super) fn close_message(&mut self, out: &mut Vec<ThreadStreamEvent>) {
        let Some((mut item, text)) = self.message.take() else {
            return;
        };
        let content = AssistantMessageContent::new(text);
        out.push(ThreadStreamEvent::ThreadItemUpdated {
            item_id: item.id.clone(),
            update: ThreadItemUpdate::ContentPartDone {
                content_index: 0,
                content: content.clone(),
            },
        });
        item.kind = ItemKind::AssistantMessage(AssistantMessageItem {
            content: vec![content],
        });
        out.push(ThreadStreamEvent::ThreadItemDone { item });
    }

    pub(super) fn close_workflow(&mut self, out: &mut Vec<ThreadStreamEvent>) {
        let Some((mut item, calls)) = self.workflow.take() else {
            return;
        };
        self.closed.push(OpenTasks {
            item_id: item.id.clone(),
            calls: calls.clone(),
        });
        if let ItemKind::Workflow(w) = &mut item.kind {
            let n = calls.len();
            w.workflow.summary = Some(WorkflowSummary::Custom {
                title: if n == 1 {
                    "Used 1 tool".to_owned()
                } else {
                    format!("Used {n} tools")
                },
                icon: None,
            });
        }
        out.push(ThreadStreamEvent::ThreadItemDone { item });
    }

    /// `custom` events (see [`super::custom`]): a ChatKit widget becomes a widget item, and
    /// one that is not a ChatKit widget (or offers the server's own answer actions) a warning
    /// notice (the turn goes on); progress shapes a progress line; anything else is logged,
    /// and shown only when configured so.
    fn custom(&mut self, value: Value, out: &mut Vec<ThreadStreamEvent>) {
        if let Some(message) = UiMessage::read(&value) {
            match self.ui.render(&message) {
                Some(Ok(widget)) => match serde_json::to_value(widget) {
                    Ok(candidate) => self.widget(candidate, None, out),
                    Err(error) => {
                        tracing::warn!(%error, "a UI component's widget did not serialize")
                    }
                },
                Some(Err(error)) => {
                    tracing::warn!(component = %message.name, %error, "a UI message's props do not fit its component");
                    out.push(invalid_widget());
                }
                None => {
                    tracing::info!(component = %message.name, "a UI message with no registered component: not shown")
                }
            }
            return;
        }
        match Custom::read(value) {
            Custom::Widget(candidate, copy_text) => self.widget(candidate, copy_text, out),
            Custom::Progress(text) => {
                out.push(ThreadStreamEvent::ProgressUpdate { icon: None, text })
            }
            Custom::Unknown(value) => {
                tracing::info!(event = %fold(&value.to_string()), "a custom event of no known shape");
                if self.unknown_custom == UnknownCustom::Show {
                    out.push(ThreadStreamEvent::ProgressUpdate {
                        icon: None,
                        text: unknown_line(&value),
                    });
                }
            }
        }
    }

    fn widget(
        &mut self,
        candidate: Value,
        copy_text: Option<String>,
        out: &mut Vec<ThreadStreamEvent>,
    ) {
        // The actions that answer questions are the server's own: a widget of the agent
        // offering one could pass for a question (and its answer for the user's).
        let mut offers = Vec::new();
        super::offered::actions(&candidate, &mut offers);
        if offers
            .iter()
            .any(|(kind, _, _)| super::ANSWER_ACTIONS.contains(&kind.as_str()))
        {
            tracing::warn!("the agent sent a widget with the server's own answer actions");
            out.push(invalid_widget());
            return;
        }
        match serde_json::from_value::<WidgetRoot>(candidate) {
            Ok(widget) => {
                self.close_reasoning(out);
                self.close_message(out);
                let item = self.item(IdKind::Message, WidgetItem { widget, copy_text }.into());
                out.push(ThreadStreamEvent::ThreadItemDone { item });
            }
            Err(error) => {
                tracing::warn!(%error, "the agent sent a widget that is not a ChatKit widget");
                out.push(invalid_widget());
            }
        }
    }
}

/// The notice shown in place of a widget from the agent that cannot be shown.
fn invalid_widget() -> ThreadStreamEvent {
    ThreadStreamEvent::Notice {
        level: NoticeLevel::Warning,
        message: INVALID_WIDGET.to_owned(),
        title: None,
    }
}

/// The notice shown in place of a widget from the agent that is not a ChatKit widget.
pub const INVALID_WIDGET: &str = "The agent sent a widget that cannot be shown.";
