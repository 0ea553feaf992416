//! The 10 kinds of `thread.item.updated` change.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::item::{Annotation, AssistantMessageContent, GeneratedImage, Task};
use crate::widget::{WidgetComponent, WidgetRoot};

/// An incremental change to a streaming item (`update.type`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum ThreadItemUpdate {
    /// A new content part of an assistant message (usually empty text).
    #[serde(rename = "assistant_message.content_part.added")]
    ContentPartAdded {
        /// Index of the part.
        content_index: usize,
        /// The part.
        content: AssistantMessageContent,
    },
    /// Text appended to a content part.
    #[serde(rename = "assistant_message.content_part.text_delta")]
    TextDelta {
        /// Index of the part.
        content_index: usize,
        /// The text to append.
        delta: String,
    },
    /// An annotation inserted into a content part.
    #[serde(rename = "assistant_message.content_part.annotation_added")]
    AnnotationAdded {
        /// Index of the part.
        content_index: usize,
        /// Where the annotation goes (appended when past the end).
        annotation_index: usize,
        /// The annotation.
        annotation: Annotation,
    },
    /// The final value of a content part.
    #[serde(rename = "assistant_message.content_part.done")]
    ContentPartDone {
        /// Index of the part.
        content_index: usize,
        /// The final part.
        content: AssistantMessageContent,
    },
    /// Text appended to the `value` of the Text/Markdown node with this id.
    #[serde(rename = "widget.streaming_text.value_delta")]
    WidgetStreamingTextValueDelta {
        /// The node's `id`.
        component_id: String,
        /// The text to append.
        delta: String,
        /// Whether the node is done streaming.
        done: bool,
    },
    /// The whole widget tree replaced.
    #[serde(rename = "widget.root.updated")]
    WidgetRootUpdated {
        /// The new tree.
        widget: WidgetRoot,
    },
    /// One component replaced.
    #[serde(rename = "widget.component.updated")]
    WidgetComponentUpdated {
        /// The component's `id`.
        component_id: String,
        /// The new component.
        component: WidgetComponent,
    },
    /// A task appended to a workflow.
    #[serde(rename = "workflow.task.added")]
    WorkflowTaskAdded {
        /// Its index.
        task_index: usize,
        /// The task.
        task: Task,
    },
    /// A workflow task replaced.
    #[serde(rename = "workflow.task.updated")]
    WorkflowTaskUpdated {
        /// Its index.
        task_index: usize,
        /// The task.
        task: Task,
    },
    /// A partial or complete generated image.
    #[serde(rename = "generated_image.updated")]
    GeneratedImageUpdated {
        /// The image so far.
        image: GeneratedImage,
        /// Progress, 0..1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        progress: Option<f64>,
    },
}

impl ThreadItemUpdate {
    /// The wire `update.type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            ThreadItemUpdate::ContentPartAdded { .. } => "assistant_message.content_part.added",
            ThreadItemUpdate::TextDelta { .. } => "assistant_message.content_part.text_delta",
            ThreadItemUpdate::AnnotationAdded { .. } => {
                "assistant_message.content_part.annotation_added"
            }
            ThreadItemUpdate::ContentPartDone { .. } => "assistant_message.content_part.done",
            ThreadItemUpdate::WidgetStreamingTextValueDelta { .. } => {
                "widget.streaming_text.value_delta"
            }
            ThreadItemUpdate::WidgetRootUpdated { .. } => "widget.root.updated",
            ThreadItemUpdate::WidgetComponentUpdated { .. } => "widget.component.updated",
            ThreadItemUpdate::WorkflowTaskAdded { .. } => "workflow.task.added",
            ThreadItemUpdate::WorkflowTaskUpdated { .. } => "workflow.task.updated",
            ThreadItemUpdate::GeneratedImageUpdated { .. } => "generated_image.updated",
        }
    }
}
