//! Workflows and tasks: tool calls, reasoning and progress shown as a collapsible list.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::source::Source;
use crate::icon::IconName;

/// A workflow item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WorkflowItem {
    /// The workflow.
    pub workflow: Workflow,
}

/// A single-task item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskItem {
    /// The task.
    pub task: Task,
}

/// A list of tasks with an optional summary.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Workflow {
    /// Custom or reasoning.
    #[serde(rename = "type")]
    pub kind: WorkflowType,
    /// The tasks, in order.
    pub tasks: Vec<Task>,
    /// The summary shown when collapsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<WorkflowSummary>,
    /// Whether the workflow is shown expanded.
    #[serde(default)]
    pub expanded: bool,
}

/// What a workflow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WorkflowType {
    /// Integrator steps (e.g. tool calls).
    #[default]
    Custom,
    /// Model reasoning.
    Reasoning,
}

/// A workflow summary: a title, or a duration. Told apart by their keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WorkflowSummary {
    /// A title with an icon.
    Custom {
        /// The title.
        title: String,
        /// The icon.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icon: Option<IconName>,
    },
    /// "Thought for N seconds".
    Duration {
        /// Seconds.
        duration: u64,
    },
}

/// One task. `status_indicator` comes first on the wire, then `type` and the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Task {
    /// The status icon.
    #[serde(default)]
    pub status_indicator: TaskStatusIndicator,
    /// The kind of task.
    #[serde(flatten)]
    pub kind: TaskKind,
}

impl Task {
    /// A custom task with a title and status.
    pub fn custom(title: impl Into<String>, status: TaskStatusIndicator) -> Self {
        Task {
            status_indicator: status,
            kind: TaskKind::Custom {
                title: Some(title.into()),
                icon: None,
                content: None,
            },
        }
    }
}

/// The status icon of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatusIndicator {
    /// No indicator.
    #[default]
    None,
    /// A spinner.
    Loading,
    /// A check mark.
    Complete,
}

/// The kinds of task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TaskKind {
    /// An integrator step.
    Custom {
        /// The title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// The icon.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icon: Option<IconName>,
        /// Markdown shown when expanded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content: Option<String>,
    },
    /// A web search.
    WebSearch {
        /// The title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// The query shown in the title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title_query: Option<String>,
        /// The queries run.
        #[serde(default)]
        queries: Vec<String>,
        /// The pages found (URL sources).
        #[serde(default)]
        sources: Vec<Source>,
    },
    /// A reasoning step.
    Thought {
        /// The title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// The thought.
        content: String,
    },
    /// Files consulted.
    File {
        /// The title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// The files (file sources).
        #[serde(default)]
        sources: Vec<Source>,
    },
    /// An image step.
    Image {
        /// The title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    },
}
