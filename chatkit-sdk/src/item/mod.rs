//! Thread items (`ThreadItem`): everything a thread holds, discriminated by `type`.
//!
//! All items share `id`, `thread_id` and `created_at`, which come first on the wire
//! (`id, thread_id, created_at, type, …`). [`ThreadItem`] holds those and an [`ItemKind`] with
//! the rest.

mod assistant_message;
mod client_tool_call;
mod generated_image;
mod hidden_context;
mod source;
mod structured_input;
mod user_message;
mod widget;
mod workflow;

pub use assistant_message::{Annotation, AssistantMessageContent, AssistantMessageItem};
pub use client_tool_call::{ClientToolCallItem, ClientToolCallStatus};
pub use generated_image::{GeneratedImage, GeneratedImageItem};
pub use hidden_context::{HiddenContextItem, SdkHiddenContextItem};
pub use source::{EntityPreview, Source, SourceKind};
pub use structured_input::{
    StructuredInput, StructuredInputAnswer, StructuredInputItem, StructuredInputKind,
    StructuredInputOption, StructuredInputStatus,
};
pub use user_message::UserMessageItem;
pub use widget::WidgetItem;
pub use workflow::{
    Task, TaskItem, TaskKind, TaskStatusIndicator, Workflow, WorkflowItem, WorkflowSummary,
    WorkflowType,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::timestamp::Timestamp;

/// One item of a thread.
///
/// ```
/// use chatkit_sdk::{ItemKind, ThreadItem, AssistantMessageItem};
///
/// let item = ThreadItem::new("msg_1", "thr_1", AssistantMessageItem::text("Hi"));
/// let json = serde_json::to_value(&item)?;
/// assert_eq!(json["type"], "assistant_message");
/// assert_eq!(json["content"][0]["text"], "Hi");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ThreadItem {
    /// The item id (`msg_…`, `tc_…`, `wf_…`, …).
    pub id: String,
    /// The thread the item belongs to.
    pub thread_id: String,
    /// When the item was created.
    pub created_at: Timestamp,
    /// The item's type and type-specific fields.
    #[serde(flatten)]
    pub kind: ItemKind,
}

impl ThreadItem {
    /// An item created now.
    pub fn new(
        id: impl Into<String>,
        thread_id: impl Into<String>,
        kind: impl Into<ItemKind>,
    ) -> Self {
        ThreadItem {
            id: id.into(),
            thread_id: thread_id.into(),
            created_at: Timestamp::now(),
            kind: kind.into(),
        }
    }

    /// The wire `type` of this item.
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }

    /// Hidden items (`hidden_context_item`, `sdk_hidden_context`) are stored but never sent.
    pub fn is_hidden(&self) -> bool {
        self.kind.is_hidden()
    }
}

/// The type-specific part of a [`ThreadItem`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemKind {
    /// A message from the user.
    UserMessage(UserMessageItem),
    /// A message from the assistant.
    AssistantMessage(AssistantMessageItem),
    /// A tool the client runs.
    ClientToolCall(ClientToolCallItem),
    /// A widget.
    Widget(WidgetItem),
    /// An image the assistant generated.
    GeneratedImage(GeneratedImageItem),
    /// Questions the user answers in a form.
    StructuredInput(StructuredInputItem),
    /// A workflow with tasks (tool calls, reasoning).
    Workflow(WorkflowItem),
    /// A single task.
    Task(TaskItem),
    /// Context for the model only; never sent to clients.
    HiddenContextItem(HiddenContextItem),
    /// Context the SDK itself adds (e.g. after a cancelled stream); never sent to clients.
    SdkHiddenContext(SdkHiddenContextItem),
    /// A marker for the UI at the end of a turn.
    EndOfTurn,
}

impl ItemKind {
    /// The wire `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            ItemKind::UserMessage(_) => "user_message",
            ItemKind::AssistantMessage(_) => "assistant_message",
            ItemKind::ClientToolCall(_) => "client_tool_call",
            ItemKind::Widget(_) => "widget",
            ItemKind::GeneratedImage(_) => "generated_image",
            ItemKind::StructuredInput(_) => "structured_input",
            ItemKind::Workflow(_) => "workflow",
            ItemKind::Task(_) => "task",
            ItemKind::HiddenContextItem(_) => "hidden_context_item",
            ItemKind::SdkHiddenContext(_) => "sdk_hidden_context",
            ItemKind::EndOfTurn => "end_of_turn",
        }
    }

    /// See [`ThreadItem::is_hidden`].
    pub fn is_hidden(&self) -> bool {
        matches!(
            self,
            ItemKind::HiddenContextItem(_) | ItemKind::SdkHiddenContext(_)
        )
    }
}

macro_rules! item_kind_from {
    ($($variant:ident($ty:ty)),* $(,)?) => {$(
        impl From<$ty> for ItemKind {
            fn from(item: $ty) -> Self {
                ItemKind::$variant(item)
            }
        }
    )*};
}

item_kind_from!(
    UserMessage(UserMessageItem),
    AssistantMessage(AssistantMessageItem),
    ClientToolCall(ClientToolCallItem),
    Widget(WidgetItem),
    GeneratedImage(GeneratedImageItem),
    StructuredInput(StructuredInputItem),
    Workflow(WorkflowItem),
    Task(TaskItem),
    HiddenContextItem(HiddenContextItem),
    SdkHiddenContext(SdkHiddenContextItem),
);
