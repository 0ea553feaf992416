//! A to-do list the agent keeps (`write_todos` of `deepagents` and LangChain's
//! `TodoListMiddleware`: `{"todos": [{"content", "status"}]}`) as a workflow with one task per
//! to-do — pending, in progress (a spinner) or completed (a check) — replaced in place each time
//! the agent writes the list again in the turn. The `write_todos` call itself is not a task.

use std::collections::HashSet;

use chatkit_sdk::{
    IdKind, ItemKind, Task, TaskStatusIndicator, ThreadItem, ThreadStreamEvent, Workflow,
    WorkflowItem, WorkflowSummary, WorkflowType,
};
use serde_json::Value;

use super::mapping::Mapper;

/// The tool that writes the list.
const WRITE_TODOS: &str = "write_todos";

/// The to-do list of a turn.
#[derive(Debug, Default)]
pub struct TodoList {
    /// Its item, once shown.
    item: Option<ThreadItem>,
    /// The calls already shown.
    calls: HashSet<String>,
}

impl TodoList {
    /// Whether a tool writes the to-do list.
    pub fn is_todos(tool: &str) -> bool {
        tool == WRITE_TODOS
    }
}

/// The tasks of a list, and how many are done.
fn tasks(todos: &[Value]) -> (Vec<Task>, usize) {
    let mut done = 0;
    let tasks = todos
        .iter()
        .map(|todo| {
            let status = match todo.get("status").and_then(Value::as_str) {
                Some("completed") => {
                    done += 1;
                    TaskStatusIndicator::Complete
                }
                Some("in_progress") => TaskStatusIndicator::Loading,
                _ => TaskStatusIndicator::None,
            };
            let content = todo
                .get("content")
                .and_then(Value::as_str)
                .unwrap_or_default();
            Task::custom(content, status)
        })
        .collect();
    (tasks, done)
}

impl Mapper {
    /// A `write_todos` call whose arguments are complete: the list shows, or is replaced.
    pub(super) fn todos(&mut self, call_id: &str, args: &Value, out: &mut Vec<ThreadStreamEvent>) {
        let Some(todos) = args.get("todos").and_then(Value::as_array) else {
            return;
        };
        if !self.todos.calls.insert(call_id.to_owned()) {
            return;
        }
        let (tasks, done) = tasks(todos);
        let workflow = Workflow {
            kind: WorkflowType::Custom,
            summary: Some(WorkflowSummary::Custom {
                title: format!("To-do list: {done} of {} done", tasks.len()),
                icon: None,
            }),
            tasks,
            expanded: true,
        };
        match &mut self.todos.item {
            Some(item) => {
                item.kind = ItemKind::Workflow(WorkflowItem { workflow });
                out.push(ThreadStreamEvent::ThreadItemReplaced { item: item.clone() });
            }
            None => {
                let item = self.item(
                    IdKind::Workflow,
                    ItemKind::Workflow(WorkflowItem { workflow }),
                );
                out.push(ThreadStreamEvent::ThreadItemDone { item: item.clone() });
                self.todos.item = Some(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_status_has_its_indicator() {
        let (tasks, done) = tasks(&[
            json!({"content": "Plan", "status": "completed"}),
            json!({"content": "Search", "status": "in_progress"}),
            json!({"content": "Write", "status": "pending"}),
        ]);
        assert_eq!(done, 1);
        let indicators: Vec<_> = tasks.iter().map(|t| t.status_indicator).collect();
        assert_eq!(
            indicators,
            [
                TaskStatusIndicator::Complete,
                TaskStatusIndicator::Loading,
                TaskStatusIndicator::None
            ]
        );
    }
}
