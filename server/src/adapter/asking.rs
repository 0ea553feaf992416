//! The widgets that ask an interrupt's question, and what makes an answer to one genuine: the
//! action must be one the stored widget offers (same type, same context; for buttons the same
//! payload), and the interrupt it names comes from the stored widget, never from the client.

use chatkit_sdk::server::HandlerError;
use chatkit_sdk::store::{PageQuery, RequestContext, Store};
use chatkit_sdk::{Action, IdKind, ItemKind, ThreadItem, WidgetItem};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answer::Asked;
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

/// Every action a widget offers: (type, payload, whether it submits a form).
fn actions(widget: &Value, out: &mut Vec<(String, Value, bool)>) {
    match widget {
        Value::Object(map) => {
            for (key, value) in map {
                let submits = key == "onSubmitAction";
                if (submits || key == "onClickAction")
                    && let Some(kind) = value.get("type").and_then(Value::as_str)
                {
                    let payload = value.get("payload").cloned().unwrap_or(Value::Null);
                    out.push((kind.to_owned(), payload, submits));
                }
                actions(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| actions(v, out)),
        _ => {}
    }
}

fn not_a_question() -> HandlerError {
    HandlerError::custom("This answer does not belong to a question.", false)
}

/// The stored question an action answers, and its context. Refused: no sender, a sender that
/// offers no such action (answered already, or forged), a button payload the widget does not
/// have, a form answer with another context.
pub fn offered(
    action: &Action,
    sender: Option<ThreadItem>,
) -> Result<(ThreadItem, AnswerContext), HandlerError> {
    let item = sender.ok_or_else(not_a_question)?;
    let ItemKind::Widget(widget) = &item.kind else {
        return Err(not_a_question());
    };
    let mut offers = Vec::new();
    actions(
        &serde_json::to_value(&widget.widget).unwrap_or_default(),
        &mut offers,
    );
    if offers.is_empty() {
        return Err(HandlerError::custom(
            "This question was already answered.",
            false,
        ));
    }
    let context = action.payload.get("context");
    let matched = offers.iter().find(|(kind, payload, submits)| {
        *kind == action.kind
            && if *submits {
                payload.get("context") == context
            } else {
                *payload == action.payload
            }
    });
    let Some((_, payload, _)) = matched else {
        return Err(HandlerError::custom(
            "This answer is not one the question offers.",
            false,
        ));
    };
    let context = payload
        .get("context")
        .cloned()
        .and_then(|c| serde_json::from_value::<AnswerContext>(c).ok())
        .ok_or_else(not_a_question)?;
    Ok((item, context))
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
