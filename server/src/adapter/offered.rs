//! What makes an answer genuine: the action must be one the stored widget offers (same type;
//! for a button the same payload, for a form the same context), and the interrupt it names is
//! read from the stored widget, never from the client. The engine loads the widget from the
//! user's own thread, so another thread's or another user's widget is not found at all.

use chatkit_sdk::server::HandlerError;
use chatkit_sdk::{Action, ItemKind, ThreadItem};
use serde_json::Value;

use super::asking::AnswerContext;

/// Every action a widget offers: (type, payload, whether it submits a form).
pub fn actions(widget: &Value, out: &mut Vec<(String, Value, bool)>) {
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

#[cfg(test)]
mod tests {
    use chatkit_sdk::{Action, ThreadItem, WidgetItem};
    use serde_json::{Value, json};

    use super::offered;
    use crate::interrupt::Question;

    fn question(value: Value) -> ThreadItem {
        let context =
            json!({"interrupt_id": "i1", "tasks": [{"item_id": "wf_1", "calls": ["call_1"]}]});
        let card = Question::parse(&value).card(context);
        ThreadItem::new("msg_1", "thr_1", WidgetItem::new(card))
    }

    fn action(kind: &str, payload: Value) -> Action {
        serde_json::from_value(json!({"type": kind, "payload": payload}))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn message(
        result: Result<(ThreadItem, super::AnswerContext), chatkit_sdk::server::HandlerError>,
    ) -> String {
        match result {
            Ok((_, context)) => format!("ok {}", context.interrupt_id),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn a_button_must_be_sent_as_the_widget_has_it() {
        let yes_no = question(json!({"question": "Pay?", "options": ["yes", "no"]}));
        let context =
            json!({"interrupt_id": "i1", "tasks": [{"item_id": "wf_1", "calls": ["call_1"]}]});
        let yes = action(
            "user_decision",
            json!({"choice": "yes", "context": context}),
        );
        assert_eq!(message(offered(&yes, Some(yes_no.clone()))), "ok i1");
        let maybe = action(
            "user_decision",
            json!({"choice": "maybe", "context": context}),
        );
        assert_eq!(
            message(offered(&maybe, Some(yes_no.clone()))),
            "This answer is not one the question offers."
        );
        let other = action(
            "user_decision",
            json!({"choice": "yes", "context": {"interrupt_id": "i2"}}),
        );
        assert_eq!(
            message(offered(&other, Some(yes_no.clone()))),
            "This answer is not one the question offers."
        );
        let form = action("answer_form", json!({"context": context, "answer": "hi"}));
        assert_eq!(
            message(offered(&form, Some(yes_no))),
            "This answer is not one the question offers.",
            "a closed yes/no question has no text box"
        );
    }

    #[test]
    fn a_form_must_carry_the_widgets_context() {
        let review = question(json!({"action_requests": [{"name": "pay", "args": {}}]}));
        let context =
            json!({"interrupt_id": "i1", "tasks": [{"item_id": "wf_1", "calls": ["call_1"]}]});
        let genuine = action(
            "review_decisions",
            json!({"context": context, "decision_0": "approve"}),
        );
        assert_eq!(message(offered(&genuine, Some(review.clone()))), "ok i1");
        // The tasks to finish come from the stored widget too: a changed context is refused.
        let moved = action(
            "review_decisions",
            json!({"context": {"interrupt_id": "i1", "tasks": [{"item_id": "wf_9", "calls": ["x"]}]}, "decision_0": "approve"}),
        );
        assert_eq!(
            message(offered(&moved, Some(review.clone()))),
            "This answer is not one the question offers."
        );
        assert_eq!(
            message(offered(&genuine, None)),
            "This answer does not belong to a question."
        );
        let answered = ThreadItem::new(
            "msg_1",
            "thr_1",
            WidgetItem::new(Question::parse(&json!("Pay?")).answered(
                &crate::interrupt::Resolved {
                    value: json!(true),
                    lines: vec!["Answered: Yes".into()],
                    rejected: vec![],
                },
            )),
        );
        assert_eq!(
            message(offered(&genuine, Some(answered))),
            "This question was already answered."
        );
    }
}
