//! The items that ask an interrupt's question: the widget (whose actions carry the
//! [`AnswerContext`] back), and the search of a thread's stored items for the questions still
//! open.

use chatkit_sdk::store::{PageQuery, RequestContext, Store};
use chatkit_sdk::{IdKind, ItemKind, ThreadItem, WidgetItem};
use serde::{Deserialize, Serialize};

use super::offered::actions;
use super::resume::Asked;
use crate::interrupt::Question;

/// What a question's widget sends back with every answer (its actions' `context`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerContext {
    /// The interrupt asked.
    pub interrupt_id: String,
    /// Workflows of the interrupted turn whose tool calls the resumed run may finish.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<OpenTasks>,
}

/// A workflow item and the tool call of each of its tasks, in task order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenTasks {
    /// The workflow item.
    pub item_id: String,
    /// The tool call id of task `i`.
    pub calls: Vec<String>,
}

/// The widget item asking an interrupt's question.
pub fn widget(thread_id: &str, question: &Question, context: &AnswerContext) -> ThreadItem {
    let context = serde_json::to_value(context).unwrap_or_default();
    ThreadItem::new(
        IdKind::Message.generate(),
        thread_id,
        WidgetItem::new(question.card(context)).copy_text(question.title()),
    )
}

/// How far back a thread's items are searched for the open question of a pending interrupt.
const SEARCH_ITEMS: u32 = 200;

/// The stored items (widgets, pending structured inputs) still asking one of these
/// interrupts, newest first.
pub async fn open_questions(
    store: &dyn Store<RequestContext>,
    thread_id: &str,
    interrupt_ids: &[&str],
    ctx: &RequestContext,
) -> Vec<(Asked, AnswerContext)> {
    let query = PageQuery::new(Some(SEARCH_ITEMS), chatkit_sdk::Order::Desc, None);
    let items = match store.load_thread_items(thread_id, &query, ctx).await {
        Ok(page) => page.data,
        Err(error) => {
            tracing::warn!(%error, "loading the thread's questions failed");
            return Vec::new();
        }
    };
    items
        .into_iter()
        .filter_map(|item| {
            if let Some(id) = super::structured::asks(&item)
                && interrupt_ids.contains(&id)
            {
                let context = AnswerContext {
                    interrupt_id: id.to_owned(),
                    tasks: Vec::new(),
                };
                return Some((Asked::Structured(item), context));
            }
            let ItemKind::Widget(widget) = &item.kind else {
                return None;
            };
            let mut offers = Vec::new();
            actions(
                &serde_json::to_value(&widget.widget).unwrap_or_default(),
                &mut offers,
            );
            let context = offers.iter().find_map(|(_, payload, _)| {
                serde_json::from_value::<AnswerContext>(payload.get("context")?.clone()).ok()
            })?;
            interrupt_ids
                .contains(&context.interrupt_id.as_str())
                .then_some((Asked::Widget(item), context))
        })
        .collect()
}
