//! Work handed to others: a tool that runs a sub-agent (`deepagents`' `task`, a supervisor's
//! `transfer_to_<agent>` hand-off) is a task titled after the sub-agent, whose content grows
//! with what the sub-agent does (its messages, the tools it calls) while it works; and messages
//! a node streamed but did not keep (see [`crate::langgraph::Visibility`]) are withdrawn.

use chatkit_sdk::{
    ItemKind, Task, TaskKind, TaskStatusIndicator, ThreadItemUpdate, ThreadStreamEvent,
};
use serde_json::Value;

use super::mapping::Mapper;
use super::reasoning::reasoning_key;
use super::todos::TodoList;

/// The task title of a call of `tool` (with its arguments, once complete) and its first line.
pub(super) fn task_title(tool: &str, args: Option<&Value>) -> (String, Option<String>) {
    if tool == "task" {
        let agent = args
            .and_then(|a| a.get("subagent_type"))
            .and_then(Value::as_str);
        let description = args
            .and_then(|a| a.get("description"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        return match agent {
            Some(agent) => (format!("Delegated to {agent}"), description),
            None => ("Delegated to a sub-agent".to_owned(), description),
        };
    }
    if let Some(agent) = tool.strip_prefix("transfer_to_") {
        return (format!("Handed off to {}", agent.replace('_', " ")), None);
    }
    (tool.to_owned(), None)
}

/// Whether the arguments of `tool` change how its task or the turn shows.
fn reads_arguments(tool: &str) -> bool {
    tool == "task" || TodoList::is_todos(tool)
}

impl Mapper {
    /// A tool call's arguments so far: once they are whole JSON, a to-do list shows and a
    /// delegation's task gets its sub-agent and description.
    pub(super) fn arguments(
        &mut self,
        call_id: &str,
        arguments: &str,
        out: &mut Vec<ThreadStreamEvent>,
    ) {
        let Some(tool) = self.tools.get(call_id).cloned() else {
            return;
        };
        if !reads_arguments(&tool) {
            return;
        }
        let Ok(args) = serde_json::from_str::<Value>(arguments) else {
            return;
        };
        if TodoList::is_todos(&tool) {
            return self.todos(call_id, &args, out);
        }
        let (title, first) = task_title(&tool, Some(&args));
        let lines = self.lines.entry(call_id.to_owned()).or_default();
        if let Some(first) = first
            && lines.is_empty()
        {
            lines.push(first);
        }
        self.update_task(call_id, Some(title), out);
    }

    /// A line of a sub-agent's work, for the tool call it works for: the hand-off that started
    /// it, the scope's call, or the first call of the turn still running that no scope has
    /// taken yet.
    pub(super) fn delegated(
        &mut self,
        scope: String,
        call: Option<String>,
        line: String,
        out: &mut Vec<ThreadStreamEvent>,
    ) {
        let call = match (call, self.scopes.get(&scope)) {
            (Some(call), _) => call,
            (None, Some(call)) => call.clone(),
            (None, None) => {
                let taken: Vec<&String> = self.scopes.values().collect();
                let open = self.workflow.as_ref().and_then(|(_, calls)| {
                    calls
                        .iter()
                        .find(|c| !self.answered.contains(*c) && !taken.contains(c))
                        .cloned()
                });
                let Some(call) = open else {
                    tracing::debug!(%scope, "sub-agent work with no open tool call");
                    return;
                };
                self.scopes.insert(scope, call.clone());
                call
            }
        };
        self.lines.entry(call.clone()).or_default().push(line);
        self.update_task(&call, None, out);
    }

    /// The content of a finished tool's task: its sub-agent's work, then the result.
    pub(super) fn delegated_result(&mut self, call_id: &str, content: String) -> String {
        match self.lines.remove(call_id) {
            Some(mut lines) if !lines.is_empty() => {
                if lines.last().is_none_or(|l| l.trim() != content.trim()) {
                    lines.push(content);
                }
                lines.join("\n\n")
            }
            _ => content,
        }
    }

    /// Shows a running call's task again: its title (when given) and its lines.
    fn update_task(
        &mut self,
        call_id: &str,
        title: Option<String>,
        out: &mut Vec<ThreadStreamEvent>,
    ) {
        let content = self
            .lines
            .get(call_id)
            .map(|lines| lines.join("\n\n"))
            .filter(|c| !c.is_empty());
        let Some((workflow, calls)) = &mut self.workflow else {
            return;
        };
        let Some(index) = calls.iter().position(|c| c == call_id) else {
            return;
        };
        let ItemKind::Workflow(w) = &mut workflow.kind else {
            return;
        };
        let Some(slot) = w.workflow.tasks.get_mut(index) else {
            return;
        };
        if let TaskKind::Custom {
            title: old_title,
            content: old_content,
            ..
        } = &mut slot.kind
        {
            if let Some(title) = title {
                *old_title = Some(title);
            }
            *old_content = content;
        }
        if !self.answered.contains(call_id) {
            slot.status_indicator = TaskStatusIndicator::Loading;
        }
        let task: Task = slot.clone();
        out.push(ThreadStreamEvent::ThreadItemUpdated {
            item_id: workflow.id.clone(),
            update: ThreadItemUpdate::WorkflowTaskUpdated {
                task_index: index,
                task,
            },
        });
    }

    /// A streamed message its node did not keep: its text, its reasoning and (when they are
    /// all of their workflow) its tool calls go.
    pub(super) fn withdraw(
        &mut self,
        message_id: &str,
        calls: &[String],
        out: &mut Vec<ThreadStreamEvent>,
    ) {
        if let Some(item_id) = self.shown.remove(message_id) {
            if self
                .message
                .as_ref()
                .is_some_and(|(item, _)| item.id == item_id)
            {
                self.message = None;
            }
            out.push(ThreadStreamEvent::ThreadItemRemoved { item_id });
        }
        if let Some(item_id) = self.shown.remove(&reasoning_key(message_id)) {
            if self
                .reasoning
                .as_ref()
                .is_some_and(|r| r.item_id() == item_id)
            {
                self.reasoning = None;
            }
            out.push(ThreadStreamEvent::ThreadItemRemoved { item_id });
        }
        if calls.is_empty() {
            return;
        }
        let whole = self
            .workflow
            .as_ref()
            .is_some_and(|(_, open)| !open.is_empty() && open.iter().all(|c| calls.contains(c)));
        if whole && let Some((item, _)) = self.workflow.take() {
            out.push(ThreadStreamEvent::ThreadItemRemoved { item_id: item.id });
        } else {
            tracing::debug!(
                ?calls,
                "withdrawn tool calls stay: their workflow has others"
            );
        }
    }
}
