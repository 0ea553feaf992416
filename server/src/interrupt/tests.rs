use serde_json::{Map, Value, json};

use super::*;
use crate::widgets::{ANSWER_ACTION, REVIEW_ACTION, YES_NO_ACTION};

fn payload(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

fn middleware() -> Value {
    json!({
        "action_requests": [
            {"name": "send_email", "args": {"to": "ana@example.com", "subject": "Hi", "count": 1}, "description": "Tool execution requires approval"},
            {"name": "delete_file", "args": {"path": "draft.txt"}},
        ],
        "review_configs": [
            {"action_name": "send_email", "allowed_decisions": ["approve", "edit", "reject"],
             "args_schema": {"properties": {"to": {"type": "string"}, "subject": {"type": "string"}, "count": {"type": "integer"}}}},
            {"action_name": "delete_file", "allowed_decisions": ["approve", "reject"]},
        ],
    })
}

fn inbox(list: bool) -> Value {
    let one = json!({
        "action_request": {"action": "book_hotel", "args": {"hotel_name": "Grand", "nights": 2}},
        "config": {"allow_accept": true, "allow_edit": true, "allow_respond": true, "allow_ignore": false},
        "description": "Please review the booking",
    });
    if list { json!([one]) } else { one }
}

#[test]
fn the_middleware_is_recognised_with_only_the_decisions_its_configs_allow() {
    let Question::Review(review) = Question::parse(&middleware()) else {
        panic!("not a review");
    };
    assert_eq!(review.flavor, Flavor::Middleware);
    assert_eq!(
        review.actions[0].allowed,
        [Decision::Approve, Decision::Edit, Decision::Reject]
    );
    assert_eq!(
        review.actions[1].allowed,
        [Decision::Approve, Decision::Reject]
    );
    let card =
        serde_json::to_string(&Question::parse(&middleware()).card(json!({"interrupt_id": "i"})))
            .unwrap_or_default();
    // What is decided is visible: names, description, arguments.
    for shown in [
        "send_email",
        "Tool execution requires approval",
        "ana@example.com",
        "draft.txt",
    ] {
        assert!(card.contains(shown), "{shown} missing from {card}");
    }
    // delete_file offers no edit.
    assert!(card.contains("\"name\":\"arg_0_subject\""));
    assert!(!card.contains("arg_1_path"));
}

#[test]
fn middleware_decisions_resume_in_order() {
    let question = Question::parse(&middleware());
    let answer = payload(json!({
        "context": {"interrupt_id": "i"},
        "decision_0": "approve", "message_0": "",
        "decision_1": "reject", "message_1": "Keep the draft.",
        "arg_0_subject": "Hi",
    }));
    let resolved = question.resolve(REVIEW_ACTION, &answer, YesNoAnswer::Boolean);
    let expected = json!({"decisions": [{"type": "approve"}, {"type": "reject", "message": "Keep the draft."}]});
    assert_eq!(resolved.as_ref().map(|r| &r.value), Ok(&expected));
    assert_eq!(resolved.map(|r| r.rejected), Ok(vec![1]));
}

#[test]
fn an_edit_types_its_arguments_from_the_schema() {
    let question = Question::parse(&middleware());
    let answer = payload(json!({
        "decision_0": "edit", "arg_0_subject": "Lunch?", "arg_0_count": "3",
        "decision_1": "approve",
    }));
    let resolved = question.resolve(REVIEW_ACTION, &answer, YesNoAnswer::Boolean);
    let expected = json!({"decisions": [
        {"type": "edit", "edited_action": {"name": "send_email", "args": {"to": "ana@example.com", "subject": "Lunch?", "count": 3}}},
        {"type": "approve"},
    ]});
    assert_eq!(resolved.map(|r| r.value), Ok(expected));
    let bad =
        payload(json!({"decision_0": "edit", "arg_0_count": "three", "decision_1": "approve"}));
    assert_eq!(
        question.resolve(REVIEW_ACTION, &bad, YesNoAnswer::Boolean),
        Err(BadAnswer(
            "`count` of `send_email` must be a whole number.".into()
        ))
    );
}

#[test]
fn answers_the_question_did_not_offer_are_refused() {
    let question = Question::parse(&middleware());
    let cases = [
        (
            json!({"decision_0": "approve", "decision_1": "edit"}),
            "`edit` is not a decision offered for `delete_file`.",
        ),
        (
            json!({"decision_0": "approve"}),
            "Choose what to do with `delete_file`.",
        ),
        (
            json!({"decision_0": "approve", "decision_1": "accept"}),
            "`accept` is not a decision offered for `delete_file`.",
        ),
        (
            json!({"decision_0": "edit", "arg_0_bcc": "eve@example.com", "decision_1": "approve"}),
            "`bcc` is not an argument of `send_email`.",
        ),
        (
            json!({"decision_0": "approve", "decision_1": "approve", "sneaky": 1}),
            "`sneaky` is not part of this question.",
        ),
    ];
    for (answer, error) in cases {
        assert_eq!(
            question.resolve(
                REVIEW_ACTION,
                &payload(answer.clone()),
                YesNoAnswer::Boolean
            ),
            Err(BadAnswer(error.into())),
            "{answer}"
        );
    }
    assert!(
        question
            .resolve(
                YES_NO_ACTION,
                &payload(json!({"choice": "yes"})),
                YesNoAnswer::Boolean
            )
            .is_err()
    );
}

#[test]
fn the_inbox_convention_resumes_with_responses_wrapped_as_the_value_was() {
    for list in [true, false] {
        let question = Question::parse(&inbox(list));
        let Question::Review(review) = &question else {
            panic!("not a review");
        };
        assert_eq!(review.flavor, Flavor::Inbox { list });
        assert_eq!(
            review.actions[0].allowed,
            [Decision::Approve, Decision::Edit, Decision::Respond]
        );
        let wrap = |v: Value| if list { json!([v]) } else { v };
        let accept = question.resolve(
            REVIEW_ACTION,
            &payload(json!({"decision_0": "accept"})),
            YesNoAnswer::Boolean,
        );
        assert_eq!(
            accept.map(|r| r.value),
            Ok(wrap(json!({"type": "accept", "args": null})))
        );
        let edit = question.resolve(
            REVIEW_ACTION,
            &payload(json!({"decision_0": "edit", "arg_0_nights": "3"})),
            YesNoAnswer::Boolean,
        );
        assert_eq!(
            edit.map(|r| r.value),
            Ok(wrap(
                json!({"type": "edit", "args": {"action": "book_hotel", "args": {"hotel_name": "Grand", "nights": 3}}})
            ))
        );
        let respond = question.resolve(
            REVIEW_ACTION,
            &payload(json!({"decision_0": "response", "message_0": "Not that one"})),
            YesNoAnswer::Boolean,
        );
        assert_eq!(
            respond.map(|r| r.value),
            Ok(wrap(json!({"type": "response", "args": "Not that one"})))
        );
        let empty = question.resolve(
            REVIEW_ACTION,
            &payload(json!({"decision_0": "response", "message_0": " "})),
            YesNoAnswer::Boolean,
        );
        assert_eq!(
            empty,
            Err(BadAnswer("Write your reply to `book_hotel`.".into()))
        );
        let ignore = question.resolve(
            REVIEW_ACTION,
            &payload(json!({"decision_0": "ignore"})),
            YesNoAnswer::Boolean,
        );
        assert!(ignore.is_err(), "ignore is not allowed here");
    }
}

#[test]
fn yes_no_resumes_with_a_boolean_so_no_is_falsy() {
    for value in [
        json!("Send it?"),
        json!({"question": "Send it?"}),
        json!({"question": "Send it?", "options": ["Yes", "No"], "llm_output": "Dear Ana"}),
    ] {
        let question = Question::parse(&value);
        let no = question.resolve(
            YES_NO_ACTION,
            &payload(json!({"choice": "no"})),
            YesNoAnswer::Boolean,
        );
        assert_eq!(no.map(|r| r.value), Ok(Value::Bool(false)), "{value}");
        let yes = question.resolve(
            YES_NO_ACTION,
            &payload(json!({"choice": "yes"})),
            YesNoAnswer::Boolean,
        );
        assert_eq!(yes.map(|r| r.value), Ok(Value::Bool(true)));
    }
    let with_options = Question::parse(&json!({"question": "Send it?", "options": ["No", "Yes"]}));
    let text = with_options.resolve(
        YES_NO_ACTION,
        &payload(json!({"choice": "no"})),
        YesNoAnswer::Text,
    );
    assert_eq!(text.map(|r| r.value), Ok(json!("No")));
    let forged = with_options.resolve(
        YES_NO_ACTION,
        &payload(json!({"choice": "maybe"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(forged, Err(BadAnswer("Answer yes or no.".into())));
}

#[test]
fn other_payload_keys_are_shown_with_the_question() {
    let question = Question::parse(
        &json!({"question": "Is this correct?", "llm_output": "The capital is Paris"}),
    );
    let card = serde_json::to_string(&question.card(json!({}))).unwrap_or_default();
    assert!(
        card.contains("llm_output") && card.contains("The capital is Paris"),
        "{card}"
    );
}

#[test]
fn open_questions_take_words_and_choices_only_their_options() {
    let open = Question::parse(&json!("What is your name?"));
    let words = open.resolve(
        ANSWER_ACTION,
        &payload(json!({"answer": "Ana"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(words.map(|r| r.value), Ok(json!("Ana")));
    // In the chat, only a yes or a no answers it (a message may be a question of the user's).
    assert_eq!(open.resolve_text("Ana", YesNoAnswer::Boolean), None);
    assert_eq!(
        open.resolve_text("No.", YesNoAnswer::Boolean)
            .map(|r| r.value),
        Some(json!(false))
    );
    let choice =
        Question::parse(&json!({"question": "Which account?", "options": ["checking", 7]}));
    let picked = choice.resolve(
        ANSWER_ACTION,
        &payload(json!({"choice": "7"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(picked.map(|r| r.value), Ok(json!(7)));
    let forged = choice.resolve(
        ANSWER_ACTION,
        &payload(json!({"choice": "savings"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(
        forged,
        Err(BadAnswer("`savings` is not one of the options.".into()))
    );
    // A message answers a choice only by naming one of its options.
    assert_eq!(
        choice
            .resolve_text(" Checking ", YesNoAnswer::Boolean)
            .map(|r| r.value),
        Some(json!("checking"))
    );
    assert_eq!(
        choice
            .resolve_text("7", YesNoAnswer::Boolean)
            .map(|r| r.value),
        Some(json!(7))
    );
    assert_eq!(choice.resolve_text("savings", YesNoAnswer::Boolean), None);
    assert!(
        choice.structured().is_some(),
        "a bare choice is ChatKit's structured input"
    );
    let detailed = Question::parse(
        &json!({"question": "Which account?", "options": ["a", "b"], "balance": 3}),
    );
    assert!(
        detailed.structured().is_none(),
        "with more to show it is a widget"
    );
}

#[test]
fn forms_need_their_required_fields_and_nothing_else() {
    let form = Question::parse(
        &json!({"question": "Transfer", "fields": [{"name": "amount"}, {"name": "note", "required": false}]}),
    );
    let ok = form.resolve(
        ANSWER_ACTION,
        &payload(json!({"amount": "120", "note": ""})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(
        ok.map(|r| r.value),
        Ok(json!({"amount": "120", "note": ""}))
    );
    let missing = form.resolve(
        ANSWER_ACTION,
        &payload(json!({"note": "x"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(missing, Err(BadAnswer("Fill in amount.".into())));
    let extra = form.resolve(
        ANSWER_ACTION,
        &payload(json!({"amount": "1", "to": "eve"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(
        extra,
        Err(BadAnswer("`to` is not a field of this form.".into()))
    );
}

#[test]
fn anything_else_is_shown_and_answered_as_json_or_text() {
    let question = Question::parse(&json!({"step": 3, "draft": {"to": "Ana"}}));
    assert!(matches!(question, Question::Other(_)));
    let card = serde_json::to_string(&question.card(json!({}))).unwrap_or_default();
    assert!(
        card.contains("step") && card.contains("draft") && !card.contains("Continue?"),
        "{card}"
    );
    let json_answer = question.resolve(
        ANSWER_ACTION,
        &payload(json!({"answer": "{\"ok\": true}"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(json_answer.map(|r| r.value), Ok(json!({"ok": true})));
    let text_answer = question.resolve(
        ANSWER_ACTION,
        &payload(json!({"answer": "fine"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(text_answer.map(|r| r.value), Ok(json!("fine")));
}

#[test]
fn a_message_answers_a_single_action_by_respond_or_else_reject() {
    let respond = Question::parse(&json!({
        "action_requests": [{"name": "ask_user", "args": {"question": "Which city?"}}],
        "review_configs": [{"action_name": "ask_user", "allowed_decisions": ["respond", "reject"]}],
    }));
    assert_eq!(
        respond
            .resolve_text("Athens", YesNoAnswer::Boolean)
            .map(|r| r.value),
        Some(json!({"decisions": [{"type": "respond", "message": "Athens"}]}))
    );
    let reject = Question::parse(&json!({
        "action_requests": [{"name": "delete_file", "args": {}}],
        "review_configs": [{"action_name": "delete_file", "allowed_decisions": ["approve", "reject"]}],
    }));
    let resolved = reject.resolve_text("Do not delete it", YesNoAnswer::Boolean);
    assert_eq!(
        resolved.as_ref().map(|r| &r.value),
        Some(&json!({"decisions": [{"type": "reject", "message": "Do not delete it"}]}))
    );
    assert_eq!(resolved.map(|r| r.rejected), Some(vec![0]));
    assert_eq!(
        Question::parse(&middleware()).resolve_text("hm", YesNoAnswer::Boolean),
        None,
        "two actions: answer in the form"
    );
    let approve_only = Question::parse(&json!({
        "action_requests": [{"name": "pay", "args": {}}],
        "review_configs": [{"action_name": "pay", "allowed_decisions": ["approve"]}],
    }));
    assert_eq!(
        approve_only
            .resolve_text("ok", YesNoAnswer::Boolean)
            .map(|r| r.value),
        Some(json!({"decisions": [{"type": "approve"}]}))
    );
    assert_eq!(approve_only.resolve_text("hm", YesNoAnswer::Boolean), None);
    // A "yes" never rejects, even where only rejecting is possible by message.
    assert_eq!(
        reject
            .resolve_text("yes, go ahead", YesNoAnswer::Boolean)
            .map(|r| r.value),
        Some(json!({"decisions": [{"type": "approve"}]}))
    );
    let reject_only = Question::parse(&json!({
        "action_requests": [{"name": "delete_file", "args": {}}],
        "review_configs": [{"action_name": "delete_file", "allowed_decisions": ["reject"]}],
    }));
    assert_eq!(reject_only.resolve_text("yes", YesNoAnswer::Boolean), None);
}

#[test]
fn the_per_call_mode_offers_what_its_schema_allows_and_resumes_one_decision() {
    let value = json!({"type": "tool_approval", "tool_call_id": "call_delete", "name": "delete_file",
        "args": {"path": "drafts/lunch.txt"}, "description": "Tool execution requires approval"});
    let schema = json!({
        "oneOf": [{"$ref": "#/$defs/ApproveDecision"}, {"$ref": "#/$defs/RejectDecision"}],
        "discriminator": {"propertyName": "type", "mapping": {"approve": "#/$defs/ApproveDecision", "reject": "#/$defs/RejectDecision"}},
        "$defs": {
            "ApproveDecision": {"properties": {"type": {"const": "approve"}}},
            "RejectDecision": {"properties": {"type": {"const": "reject"}, "message": {"type": "string"}}},
        },
    });
    let question = Question::parse_with_schema(&value, Some(&schema));
    let Question::Review(review) = &question else {
        panic!("not a review");
    };
    assert_eq!(review.flavor, Flavor::PerCall);
    assert_eq!(
        review.actions[0].allowed,
        [Decision::Approve, Decision::Reject]
    );
    assert_eq!(review.actions[0].call_id.as_deref(), Some("call_delete"));
    let reject = question.resolve(
        REVIEW_ACTION,
        &payload(json!({"decision_0": "reject", "message_0": "Keep it"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(
        reject.map(|r| r.value),
        Ok(json!({"type": "reject", "message": "Keep it"}))
    );
    let edit = question.resolve(
        REVIEW_ACTION,
        &payload(json!({"decision_0": "edit"})),
        YesNoAnswer::Boolean,
    );
    assert!(edit.is_err());
    // Without `discriminator`, the `oneOf` constants; one decision alone is its own object.
    let mut bare = schema.clone();
    bare.as_object_mut().map(|s| s.remove("discriminator"));
    let Question::Review(review) = Question::parse_with_schema(&value, Some(&bare)) else {
        panic!("not a review");
    };
    assert_eq!(
        review.actions[0].allowed,
        [Decision::Approve, Decision::Reject]
    );
    let single = json!({"properties": {"type": {"const": "approve"}}});
    let Question::Review(review) = Question::parse_with_schema(&value, Some(&single)) else {
        panic!("not a review");
    };
    assert_eq!(review.actions[0].allowed, [Decision::Approve]);
}

#[test]
fn a_typed_no_is_a_no_never_a_truthy_string() {
    let open = Question::parse(&json!({"question": "Send this email?", "llm_output": "Dear Ana"}));
    for typed in ["no", "No.", " NO! "] {
        assert_eq!(
            open.resolve_text(typed, YesNoAnswer::Boolean)
                .map(|r| r.value),
            Some(json!(false)),
            "{typed}"
        );
        let boxed = open.resolve(
            ANSWER_ACTION,
            &payload(json!({"answer": typed})),
            YesNoAnswer::Boolean,
        );
        assert_eq!(boxed.map(|r| r.value), Ok(json!(false)), "{typed}");
    }
    assert_eq!(
        open.resolve_text("yes", YesNoAnswer::Boolean)
            .map(|r| r.value),
        Some(json!(true))
    );
    assert_eq!(
        open.resolve_text("not yet", YesNoAnswer::Boolean)
            .map(|r| r.value),
        Some(json!(false))
    );
    assert_eq!(
        open.resolve_text("later, maybe", YesNoAnswer::Boolean),
        None,
        "words are for the question's own box"
    );
    let boxed = open.resolve(
        ANSWER_ACTION,
        &payload(json!({"answer": "No, don't send it."})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(boxed.map(|r| r.value), Ok(json!(false)));
    let closed = Question::parse(&json!({"question": "Pay now?", "options": ["yes", "no"]}));
    assert_eq!(
        closed
            .resolve_text("no", YesNoAnswer::Text)
            .map(|r| r.value),
        Some(json!("no"))
    );
    assert_eq!(
        closed.resolve_text("later", YesNoAnswer::Boolean),
        None,
        "a closed question is answered with its buttons"
    );
}

#[test]
fn an_edit_keeps_unchanged_arguments_exactly_and_checks_json_kinds() {
    let question = Question::parse(&json!({
        "action_requests": [{"name": "post", "args": {"body": "line one\nline two", "tags": ["a"], "to": "ana"}}],
        "review_configs": [{"action_name": "post", "allowed_decisions": ["edit"]}],
    }));
    // The form sends every field; the unchanged multi-line body is kept as it was.
    let unchanged = question.resolve(
        REVIEW_ACTION,
        &payload(json!({"decision_0": "edit", "arg_0_body": "line one\nline two", "arg_0_tags": "[\"a\"]", "arg_0_to": "eve"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(
        unchanged.map(|r| r.value),
        Ok(
            json!({"decisions": [{"type": "edit", "edited_action": {"name": "post", "args": {"body": "line one\nline two", "tags": ["a"], "to": "eve"}}}]})
        )
    );
    let not_a_list = question.resolve(
        REVIEW_ACTION,
        &payload(json!({"decision_0": "edit", "arg_0_tags": "{\"x\": 1}"})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(
        not_a_list,
        Err(BadAnswer("`tags` of `post` must be a JSON list.".into()))
    );
    let forged = question.resolve(
        REVIEW_ACTION,
        &payload(json!({"decision_0": "edit", "arg_0_to": {"x": 1}})),
        YesNoAnswer::Boolean,
    );
    assert_eq!(
        forged,
        Err(BadAnswer("`to` of `post` must be text.".into()))
    );
    let card = serde_json::to_string(&question.card(json!({}))).unwrap_or_default();
    assert!(
        card.contains("\"type\":\"Textarea\",\"name\":\"arg_0_body\""),
        "a multi-line value is edited in a text area: {card}"
    );
    assert!(
        !card.contains("defaultValue\":\"edit"),
        "no decision is preselected"
    );
}
