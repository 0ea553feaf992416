//! The demo widgets: what they put on the wire (snapshots) and that the frontend accepts them
//! (the official widget schema).

use chatkit_sdk::widget;
use chatkit_sdk::widget::WidgetRoot;
use chatkit_server::widgets::{
    ANSWER_ACTION, AnswerField, AnswerForm, CarouselItem, ImageCarousel, YES_NO_ACTION,
    YesNoButtons,
};
use serde_json::json;

fn items(n: usize) -> Vec<CarouselItem> {
    ImageCarousel::numbered(n).items
}

#[test]
fn carousel_snapshot() {
    let card = widget! { <ImageCarousel items={items(2)} /> };
    insta::assert_json_snapshot!(card);
}

#[test]
fn carousel_buttons_open_links_in_the_client() {
    let card = widget! { <ImageCarousel items={items(3)} /> };
    let json = serde_json::to_value(&card).unwrap_or_default();
    let cols = json["children"][0]["children"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(cols.len(), 3);
    for (i, col) in cols.iter().enumerate() {
        let button = col["children"]
            .as_array()
            .and_then(|c| c.last())
            .cloned()
            .unwrap_or_default();
        assert_eq!(button["onClickAction"]["type"], "open_link");
        assert_eq!(button["onClickAction"]["handler"], "client");
        assert_eq!(
            button["onClickAction"]["payload"]["url"],
            format!("https://example.com/place/{}", i + 1)
        );
    }
}

#[test]
fn yes_no_snapshot() {
    let card = widget! { <YesNoButtons question="Να πληρώσω το δάνειο;" details={vec![]} free_text=false context={json!({"loan_id": 7})} /> };
    insta::assert_json_snapshot!(card);
    let json = serde_json::to_value(&card).unwrap_or_default();
    for (i, choice) in ["yes", "no"].iter().enumerate() {
        let action = &json["children"][1]["children"][i]["onClickAction"];
        assert_eq!(action["type"], YES_NO_ACTION);
        assert_eq!(action["handler"], "server");
        assert_eq!(
            action["payload"],
            json!({"choice": choice, "context": {"loan_id": 7}})
        );
    }
}

#[test]
fn demo_widgets_are_valid_roots() {
    // Decoding back into the typed root (not the pass-through form) shows every prop fits.
    for card in [
        widget! { <ImageCarousel items={items(5)} /> },
        widget! { <YesNoButtons question="OK?" details={vec![("amount".to_owned(), json!(250))]} free_text=true context={json!(null)} /> },
        widget! { <ImageCarousel items={ImageCarousel::demo().items} /> },
        widget! { <AnswerForm question="Which?" details={vec![]} fields={vec![]} options={vec!["a".into(), "b".into(), "c".into()]} context={json!(1)} /> },
    ] {
        let text = serde_json::to_string(&card).unwrap_or_default();
        let root: WidgetRoot = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(root, WidgetRoot::Card(_)));
        assert_eq!(serde_json::to_string(&root).unwrap_or_default(), text);
    }
}

#[test]
fn an_answer_form_submits_its_fields_and_choice() {
    let fields = vec![
        AnswerField {
            name: "amount".into(),
            label: "Amount".into(),
            placeholder: Some("100".into()),
            required: true,
        },
        AnswerField {
            name: "note".into(),
            label: "Note".into(),
            placeholder: None,
            required: false,
        },
    ];
    let card = widget! { <AnswerForm question="How much?" details={vec![]} fields={fields} options={vec!["now".into(), "later".into()]} context={json!({"interrupt_id": "i1"})} /> };
    let json = serde_json::to_value(&card).unwrap_or_default();
    let form = &json["children"][0];
    assert_eq!(form["type"], "Form");
    assert_eq!(form["onSubmitAction"]["type"], ANSWER_ACTION);
    assert_eq!(
        form["onSubmitAction"]["payload"],
        json!({"context": {"interrupt_id": "i1"}})
    );
    let amount = &form["children"][1]["children"][1];
    assert_eq!(
        amount,
        &json!({"type": "Input", "name": "amount", "required": true, "placeholder": "100", "autoFocus": true})
    );
    let note = &form["children"][2]["children"][1];
    assert_eq!(
        note,
        &json!({"type": "Input", "name": "note"}),
        "optional, no focus"
    );
    assert_eq!(form["children"][3]["name"], "choice");
    assert_eq!(
        form["children"][3]["options"][1],
        json!({"value": "later", "label": "later"})
    );
    assert_eq!(form["children"][4]["children"][0]["submit"], true);
}
