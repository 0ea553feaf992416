//! The model's reasoning (Anthropic `thinking` blocks, LangChain `reasoning` blocks,
//! `reasoning_content`) as ChatKit shows reasoning: a workflow of type `reasoning` with one
//! "thought" task that grows as the model thinks, summed up as "Thought for N seconds". It never
//! enters the answer's text; `CHATKIT_REASONING=hide` shows none of it.

use std::time::Instant;

use chatkit_sdk::{
    IdKind, ItemKind, Task, TaskKind, TaskStatusIndicator, ThreadItem, ThreadItemUpdate,
    ThreadStreamEvent, Workflow, WorkflowItem, WorkflowSummary, WorkflowType,
};

use super::mapping::{Mapper, event_added};

/// Whether the model's reasoning shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowReasoning {
    /// As a reasoning workflow before the answer.
    #[default]
    Show,
    /// Not at all (it is still never part of the answer).
    Hide,
}

/// A reasoning workflow being streamed.
#[derive(Debug)]
pub struct OpenReasoning {
    item: ThreadItem,
    /// The LangGraph message it belongs to.
    message_id: String,
    content: String,
    started: Instant,
}

impl OpenReasoning {
    /// Its item's id.
    pub fn item_id(&self) -> &str {
        &self.item.id
    }
}

/// The key of a message's reasoning item in [`Mapper::shown`].
pub(super) fn reasoning_key(message_id: &str) -> String {
    format!("reasoning:{message_id}")
}

fn thought(content: &str) -> Task {
    Task {
        status_indicator: TaskStatusIndicator::None,
        kind: TaskKind::Thought {
            title: None,
            content: content.to_owned(),
        },
    }
}

impl Mapper {
    /// Reasoning text of a message: opens its reasoning workflow, or grows its thought.
    pub(super) fn reasoning_delta(
        &mut self,
        message_id: String,
        delta: &str,
        out: &mut Vec<ThreadStreamEvent>,
    ) {
        if self.show_reasoning == ShowReasoning::Hide || delta.is_empty() {
            return;
        }
        if self
            .reasoning
            .as_ref()
            .is_some_and(|open| open.message_id != message_id)
        {
            self.close_reasoning(out);
        }
        if let Some(open) = &mut self.reasoning {
            open.content.push_str(delta);
            out.push(ThreadStreamEvent::ThreadItemUpdated {
                item_id: open.item.id.clone(),
                update: ThreadItemUpdate::WorkflowTaskUpdated {
                    task_index: 0,
                    task: thought(&open.content),
                },
            });
            return;
        }
        self.close_message(out);
        self.close_workflow(out);
        let item = self.item(
            IdKind::Workflow,
            ItemKind::Workflow(WorkflowItem {
                workflow: Workflow {
                    kind: WorkflowType::Reasoning,
                    tasks: Vec::new(),
                    summary: None,
                    expanded: false,
                },
            }),
        );
        out.push(event_added(&item));
        out.push(ThreadStreamEvent::ThreadItemUpdated {
            item_id: item.id.clone(),
            update: ThreadItemUpdate::WorkflowTaskAdded {
                task_index: 0,
                task: thought(delta),
            },
        });
        self.shown
            .insert(reasoning_key(&message_id), item.id.clone());
        self.reasoning = Some(OpenReasoning {
            item,
            message_id,
            content: delta.to_owned(),
            started: Instant::now(),
        });
    }

    /// Ends the reasoning being streamed: its whole thought and how long it took.
    pub(super) fn close_reasoning(&mut self, out: &mut Vec<ThreadStreamEvent>) {
        let Some(OpenReasoning {
            mut item,
            content,
            started,
            ..
        }) = self.reasoning.take()
        else {
            return;
        };
        if let ItemKind::Workflow(w) = &mut item.kind {
            w.workflow.tasks = vec![thought(&content)];
            w.workflow.summary = Some(WorkflowSummary::Duration {
                duration: started.elapsed().as_secs(),
            });
        }
        out.push(ThreadStreamEvent::ThreadItemDone { item });
    }
}
