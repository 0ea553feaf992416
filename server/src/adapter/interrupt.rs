//! `interrupt()` ↔ widgets: a yes/no question becomes [`YesNoButtons`], anything else an
//! [`AnswerForm`]; the widget's action gives the value that resumes the run, and the question
//! is then shown answered.

use chatkit_sdk::server::HandlerError;
use chatkit_sdk::widget::{Caption, Card, Component, Text};
use chatkit_sdk::{Action, IdKind, ItemKind, ThreadItem, ThreadStreamEvent, WidgetItem};
use serde_json::{Map, Value, json};

use crate::widgets::{ANSWER_ACTION, AnswerField, AnswerForm, YES_NO_ACTION, YesNoButtons};

/// Whether an action answers an interrupt.
pub fn is_answer(action: &Action) -> bool {
    action.kind == YES_NO_ACTION || action.kind == ANSWER_ACTION
}

/// The widget asking what an `interrupt(value)` asks.
///
/// `value` may be a string (a yes/no question), or an object with `question` and optionally
/// `options` (`["yes", "no"]` is a yes/no question; other options a choice) and `fields`
/// (`[{"name", "label"?, "placeholder"?, "required"?}]`, a form).
pub fn widget(thread_id: &str, interrupt_id: &str, value: &Value) -> ThreadStreamEvent {
    let question = value
        .get("question")
        .and_then(Value::as_str)
        .or_else(|| value.as_str())
        .unwrap_or("Continue?")
        .to_owned();
    let options: Vec<String> = value
        .get("options")
        .and_then(Value::as_array)
        .map(|o| {
            o.iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let fields: Vec<AnswerField> = value
        .get("fields")
        .and_then(Value::as_array)
        .map(|f| f.iter().filter_map(field).collect())
        .unwrap_or_default();
    let yes_no = fields.is_empty()
        && (options.is_empty()
            || (options.len() == 2
                && options.iter().any(|o| o.eq_ignore_ascii_case("yes"))
                && options.iter().any(|o| o.eq_ignore_ascii_case("no"))));
    let context = json!({ "interrupt_id": interrupt_id });
    let card = if yes_no {
        YesNoButtons {
            question: question.clone(),
            context,
        }
        .render()
    } else {
        AnswerForm {
            question: question.clone(),
            fields,
            options,
            context,
        }
        .render()
    };
    ThreadStreamEvent::ThreadItemDone {
        item: ThreadItem::new(
            IdKind::Message.generate(),
            thread_id,
            WidgetItem::new(card).copy_text(question),
        ),
    }
}

fn field(spec: &Value) -> Option<AnswerField> {
    let name = spec.get("name")?.as_str()?.to_owned();
    Some(AnswerField {
        label: spec
            .get("label")
            .and_then(Value::as_str)
            .unwrap_or(&name)
            .to_owned(),
        placeholder: spec
            .get("placeholder")
            .and_then(Value::as_str)
            .map(str::to_owned),
        required: spec
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        name,
    })
}

/// The value that resumes the run, and the question's answered form to show instead of it.
///
/// The sender must be a question still open: answering twice, or an action without its
/// widget, is an error (nothing is resumed).
pub fn answer(
    action: &Action,
    sender: Option<ThreadItem>,
) -> Result<(Value, ThreadStreamEvent), HandlerError> {
    let Some(mut item) = sender else {
        return Err(HandlerError::custom(
            "This answer does not belong to a question.",
            false,
        ));
    };
    let ItemKind::Widget(widget) = &mut item.kind else {
        return Err(HandlerError::custom(
            "This answer does not belong to a question.",
            false,
        ));
    };
    let open = serde_json::to_string(&widget.widget)
        .is_ok_and(|json| json.contains(&format!("\"type\":\"{}\"", action.kind)));
    if !open {
        return Err(HandlerError::custom(
            "This question was already answered.",
            false,
        ));
    }
    let (resume, shown) = if action.kind == YES_NO_ACTION {
        let choice = action.payload.get("choice").cloned().unwrap_or(Value::Null);
        let shown = choice.as_str().unwrap_or("?").to_owned();
        (choice, shown)
    } else {
        // The form's values arrive beside the context, under their field names.
        let values: Map<String, Value> = action
            .payload
            .as_object()
            .map(|p| {
                p.iter()
                    .filter(|(k, _)| *k != "context")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let shown = values
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}: {}",
                    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let resume = match values.get("choice") {
            Some(choice) if values.len() == 1 => choice.clone(),
            _ => Value::Object(values),
        };
        (resume, shown)
    };
    let question = widget.copy_text.clone().unwrap_or_default();
    widget.widget = Card::new()
        .size(chatkit_sdk::widget::CardSize::Sm)
        .child(Text::new(question).weight(chatkit_sdk::widget::FontWeight::Semibold))
        .child(Caption::new(format!("Answered: {shown}")))
        .into();
    Ok((resume, ThreadStreamEvent::ThreadItemReplaced { item }))
}
