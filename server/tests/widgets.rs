//! The demo widgets: what they put on the wire (snapshots) and that the frontend accepts them
//! (the official widget schema).

use chatkit_sdk::widget;
use chatkit_sdk::widget::WidgetRoot;
use chatkit_server::widgets::{
    ANSWER_ACTION, AnswerField, AnswerForm, CarouselItem, ImageCarousel, YES_NO_ACTION,
    YesNoButtons,
};
use serde_json::{Value, json};

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

#[test]
fn the_example_agent_sends_the_demo_carousel_as_the_server_renders_it() {
    // The agent (Python) reads this file and sends it as a `custom` widget event; set
    // CHATKIT_BLESS=1 to rewrite it after changing `ImageCarousel::demo`.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agent/carousel.json");
    let rendered =
        serde_json::to_value(chatkit_sdk::widget::Component::render(ImageCarousel::demo()))
            .unwrap_or_default();
    if std::env::var_os("CHATKIT_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&rendered).unwrap_or_default() + "\n";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        file, rendered,
        "server/agent/carousel.json is stale: rerun with CHATKIT_BLESS=1"
    );
}
