//! LangGraph turn updates → ChatKit stream events: an assistant message per streamed message, a
//! workflow with one task per tool call, progress lines and widgets from `custom` events.

use chatkit_sdk::server::HandlerError;
use chatkit_sdk::widget::WidgetRoot;
use chatkit_sdk::{
    AssistantMessageContent, AssistantMessageItem, IdKind, ItemKind, NoticeLevel, Task, TaskKind,
    TaskStatusIndicator, ThreadItem, ThreadItemUpdate, ThreadStreamEvent, Timestamp, WidgetItem,
    Workflow, WorkflowItem, WorkflowSummary, WorkflowType,
};
use serde_json::Value;

use crate::langgraph::TurnUpdate;

/// The ChatKit side of one run.
#[derive(Debug)]
pub struct Mapper {
    thread_id: String,
    message: Option<(ThreadItem, String)>,
    workflow: Option<(ThreadItem, Vec<String>)>,
    /// Interrupts the run stopped at (id, value), for the caller to turn into widgets.
    pub interrupts: Vec<(String, Value)>,
}

fn event_added(item: &ThreadItem) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemAdded { item: item.clone() }
}

impl Mapper {
    /// A mapper for a ChatKit thread.
    pub fn new(thread_id: impl Into<String>) -> Self {
        Mapper {
            thread_id: thread_id.into(),
            message: None,
            workflow: None,
            interrupts: Vec::new(),
        }
    }

    fn item(&self, kind: IdKind, body: ItemKind) -> ThreadItem {
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
            TurnUpdate::TextStarted { .. } => {
                self.close_workflow(&mut out);
                let item = self.item(
                    IdKind::Message,
                    ItemKind::AssistantMessage(AssistantMessageItem::default()),
                );
                out.push(event_added(&item));
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
                self.close_message(&mut out);
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
                let task = Task::custom(name, TaskStatusIndicator::Loading);
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
            TurnUpdate::ToolCallArguments { .. } => {}
            TurnUpdate::ToolResult {
                call_id,
                name,
                content,
                is_error,
            } => {
                if let Some((workflow, calls)) = &mut self.workflow
                    && let Some(index) = calls.iter().position(|c| *c == call_id)
                {
                    let title = if is_error {
                        format!("{name} failed")
                    } else {
                        name
                    };
                    let task = Task {
                        status_indicator: TaskStatusIndicator::Complete,
                        kind: TaskKind::Custom {
                            title: Some(title),
                            icon: None,
                            content: Some(content),
                        },
                    };
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
                }
            }
            TurnUpdate::Interrupt { id, value } => {
                self.close_message(&mut out);
                self.close_workflow(&mut out);
                self.interrupts.push((id, value));
            }
            TurnUpdate::Custom(value) => self.custom(value, &mut out),
            TurnUpdate::Failed { error, message } => {
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
        self.close_message(&mut out);
        self.close_workflow(&mut out);
        out
    }

    fn close_message(&mut self, out: &mut Vec<ThreadStreamEvent>) {
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

    fn close_workflow(&mut self, out: &mut Vec<ThreadStreamEvent>) {
        let Some((mut item, calls)) = self.workflow.take() else {
            return;
        };
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

    /// `custom` events: a ChatKit widget (`{"widget": …}` or a root itself) becomes a widget
    /// item, and one that is not a ChatKit widget a warning notice (the turn goes on);
    /// `{"progress": text}` (or `{"status": text}`) a progress line; anything else is ignored.
    fn custom(&mut self, value: Value, out: &mut Vec<ThreadStreamEvent>) {
        let candidate = match value.get("widget") {
            Some(widget) => Some(widget.clone()),
            None => value
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| matches!(t, "Card" | "ListView" | "Basic"))
                .then(|| value.clone()),
        };
        if let Some(candidate) = candidate {
            match serde_json::from_value::<WidgetRoot>(candidate) {
                Ok(widget) => {
                    self.close_message(out);
                    let copy_text = value
                        .get("copy_text")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    let item = self.item(IdKind::Message, WidgetItem { widget, copy_text }.into());
                    out.push(ThreadStreamEvent::ThreadItemDone { item });
                }
                Err(error) => {
                    tracing::warn!(%error, "the agent sent a widget that is not a ChatKit widget");
                    out.push(ThreadStreamEvent::Notice {
                        level: NoticeLevel::Warning,
                        message: INVALID_WIDGET.to_owned(),
                        title: None,
                    });
                }
            }
            return;
        }
        let text = ["progress", "status", "text"]
            .iter()
            .find_map(|k| value.get(*k).and_then(Value::as_str));
        if let Some(text) = text {
            out.push(ThreadStreamEvent::ProgressUpdate {
                icon: None,
                text: text.to_owned(),
            });
        }
    }
}

/// The notice shown in place of a widget from the agent that is not a ChatKit widget.
pub const INVALID_WIDGET: &str = "The agent sent a widget that cannot be shown.";
