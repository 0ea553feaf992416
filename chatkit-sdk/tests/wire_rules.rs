//! The wire rules of the reference, one focused test each: timestamps, ids, null omission,
//! non-null defaults, unknown keys, raw UTF-8.

use chatkit_sdk::widget::{ActionConfig, Button, Text};
use chatkit_sdk::*;
use serde_json::json;

#[test]
fn timestamps_are_naive_microseconds_without_zero_fraction() {
    for (input, output) in [
        ("2026-11-23T20:26:46.126713", "2026-11-23T20:26:46.126713"),
        ("2026-11-23T20:26:46.000001", "2026-11-23T20:26:46.000001"),
        ("2025-01-01T12:00:00", "2025-01-01T12:00:00"),
        ("2025-01-01T12:00:00.000000", "2025-01-01T12:00:00"),
        ("2025-01-01T12:00:00.5", "2025-01-01T12:00:00.500000"),
        // Nanoseconds are cut to microseconds, like Python's datetime.
        (
            "2025-01-01T12:00:00.123456789",
            "2025-01-01T12:00:00.123456",
        ),
        // A bare date reads as midnight (pydantic does the same for DatePicker values).
        ("2025-01-01", "2025-01-01T00:00:00"),
        ("2025-01-01 08:15:00", "2025-01-01T08:15:00"),
    ] {
        let t: Timestamp = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(t.to_string(), output, "{input}");
        assert!(t.offset().is_none());
        assert_eq!(
            serde_json::to_string(&t).ok(),
            Some(format!("\"{output}\""))
        );
    }
}

#[test]
fn timestamps_accept_and_keep_z_and_offsets() {
    for (input, output) in [
        ("2025-01-01T12:00:00Z", "2025-01-01T12:00:00Z"),
        ("2025-01-01T12:00:00.250Z", "2025-01-01T12:00:00.250000Z"),
        ("2025-01-01T12:00:00+00:00", "2025-01-01T12:00:00Z"),
        ("2025-01-01T12:00:00+02:00", "2025-01-01T12:00:00+02:00"),
        (
            "2025-01-01T12:00:00.000100-05:30",
            "2025-01-01T12:00:00.000100-05:30",
        ),
    ] {
        let t: Timestamp = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(t.to_string(), output, "{input}");
        assert!(t.offset().is_some());
    }
    let utc: Timestamp = "2025-01-01T10:00:00Z"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let plus2: Timestamp = "2025-01-01T11:30:00+02:00"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(plus2 < utc, "ordering uses the instant (09:30Z < 10:00Z)");
}

#[test]
fn timestamps_reject_garbage_with_the_input_in_the_message() {
    for bad in [
        "",
        "yesterday",
        "2025-13-01T00:00:00",
        "2025-01-01T25:00:00",
        "1700000000",
    ] {
        let err = bad
            .parse::<Timestamp>()
            .err()
            .unwrap_or_else(|| panic!("accepted {bad:?}"));
        assert!(err.to_string().contains(&format!("`{bad}`")), "{err}");
    }
    let item =
        json!({"id": "msg_1", "thread_id": "thr_1", "created_at": "soon", "type": "end_of_turn"});
    let err = serde_json::from_value::<ThreadItem>(item)
        .err()
        .map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.contains("invalid datetime `soon`")));
}

#[test]
fn now_is_naive_and_microsecond_precise() {
    let now = Timestamp::now();
    assert!(now.offset().is_none());
    let text = now.to_string();
    assert!(!text.ends_with('Z') && !text.contains('+'), "{text}");
    let fraction = text.split_once('.').map(|(_, f)| f.len());
    assert!(matches!(fraction, None | Some(6)), "{text}");
    assert_eq!(text.parse::<Timestamp>().ok(), Some(now));
}

#[test]
fn ids_have_the_reference_prefixes_and_8_hex_digits() {
    let expected = [
        (IdKind::Thread, "thr"),
        (IdKind::Message, "msg"),
        (IdKind::ToolCall, "tc"),
        (IdKind::Workflow, "wf"),
        (IdKind::Task, "tsk"),
        (IdKind::Attachment, "atc"),
        (IdKind::SdkHiddenContext, "shcx"),
    ];
    for (kind, prefix) in expected {
        let id = kind.generate();
        let (p, hex) = id.split_once('_').unwrap_or_default();
        assert_eq!(p, prefix);
        assert_eq!(hex.len(), 8, "{id}");
        assert!(
            hex.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
            "{id}"
        );
        assert_eq!(IdKind::of(&id), Some(kind));
        assert_ne!(kind.generate(), id, "ids are random");
    }
    assert_eq!(IdKind::Thread.with_counter(1), "thr_00000001");
    assert_eq!(IdKind::Message.with_counter(26), "msg_0000001a");
    assert_eq!(IdKind::of("resp_abc"), None);
}

#[test]
fn nulls_are_left_out_everywhere() {
    let item = ThreadItem {
        id: "msg_1".into(),
        thread_id: "thr_1".into(),
        created_at: "2025-01-01T00:00:00"
            .parse()
            .unwrap_or_else(|_| Timestamp::now()),
        kind: ItemKind::UserMessage(UserMessageItem {
            content: vec![UserMessageContent::text("hi")],
            attachments: vec![],
            quoted_text: None,
            inference_options: InferenceOptions::default(),
        }),
    };
    let text = serde_json::to_string(&item).unwrap_or_default();
    assert_eq!(
        text,
        r#"{"id":"msg_1","thread_id":"thr_1","created_at":"2025-01-01T00:00:00","type":"user_message","content":[{"type":"input_text","text":"hi"}],"attachments":[],"inference_options":{}}"#
    );
    assert!(!text.contains("null"));

    let widget = Text::new("x");
    assert_eq!(
        serde_json::to_string(&widget).ok().as_deref(),
        Some(r#"{"type":"Text","value":"x"}"#)
    );
    let error = ErrorEvent::stream_error(true);
    assert_eq!(
        serde_json::to_string(&ThreadStreamEvent::Error(error))
            .ok()
            .as_deref(),
        Some(r#"{"type":"error","code":"stream.error","allow_retry":true}"#)
    );
}

#[test]
fn non_null_defaults_are_always_written() {
    let thread = ThreadMetadata {
        created_at: "2025-01-01T00:00:00"
            .parse()
            .unwrap_or_else(|_| Timestamp::now()),
        ..ThreadMetadata::new("thr_1")
    }
    .to_thread(Page::default());
    assert_eq!(
        serde_json::to_string(&thread).ok().as_deref(),
        Some(
            r#"{"id":"thr_1","created_at":"2025-01-01T00:00:00","status":{"type":"active"},"metadata":{},"items":{"data":[],"has_more":false}}"#
        )
    );
    // ActionConfig's defaults are written even when never set; a null payload is not.
    let button = Button::new("Go").on_click_action(ActionConfig::new("go"));
    assert_eq!(
        serde_json::to_value(&button).ok(),
        Some(
            json!({"type":"Button","label":"Go","onClickAction":{"type":"go","handler":"server","loadingBehavior":"auto","streaming":true}})
        )
    );
    let content = AssistantMessageContent::new("");
    assert_eq!(
        serde_json::to_string(&content).ok().as_deref(),
        Some(r#"{"annotations":[],"text":"","type":"output_text"}"#)
    );
    let call = ClientToolCallItem {
        call_id: "c".into(),
        name: "t".into(),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(ItemKind::from(call)).ok(),
        Some(
            json!({"type":"client_tool_call","status":"pending","call_id":"c","name":"t","arguments":{}})
        )
    );
}

#[test]
fn defaults_are_filled_in_on_input_and_unknown_keys_ignored() {
    let raw = json!({
        "id": "msg_1", "thread_id": "thr_1", "created_at": "2025-01-01T00:00:00",
        "type": "structured_input", "future_field": 1,
        "inputs": [{"id": "c", "question": "?", "type": "multiple_choice", "options": [{"value": "a", "extra": true}]}]
    });
    let item: ThreadItem = serde_json::from_value(raw).unwrap_or_else(|e| panic!("{e}"));
    let ItemKind::StructuredInput(si) = &item.kind else {
        panic!("{item:?}")
    };
    assert_eq!(si.status, StructuredInputStatus::Pending);
    assert!(matches!(
        si.inputs[0].kind,
        StructuredInputKind::MultipleChoice {
            multiple: false,
            ..
        }
    ));
    let back = serde_json::to_value(&item).unwrap_or_default();
    assert_eq!(back["status"], "pending");
    assert_eq!(back["inputs"][0]["multiple"], false);
    assert!(back.get("future_field").is_none());
}

#[test]
fn text_goes_out_as_raw_utf8() {
    let event = ThreadStreamEvent::ProgressUpdate {
        icon: Some(IconName::Sparkle),
        text: "Σκέφτομαι… ✓ 🚀".into(),
    };
    let text = to_wire_json(&event).unwrap_or_default();
    assert_eq!(
        text,
        r#"{"type":"progress_update","icon":"sparkle","text":"Σκέφτομαι… ✓ 🚀"}"#
    );
    assert!(!text.contains("\\u"));
}

#[test]
fn thread_metadata_is_never_sent() {
    let mut meta = ThreadMetadata::new("thr_1");
    meta.metadata.insert("secret".into(), json!("s3cr3t"));
    let wire = serde_json::to_string(&meta.to_thread(Page::default())).unwrap_or_default();
    assert!(!wire.contains("s3cr3t"));
    assert!(wire.contains(r#""metadata":{}"#));
}

#[test]
fn attachment_metadata_is_never_sent_but_kept_by_stores() {
    let raw = r#"{"id":"atc_1","name":"a.png","mime_type":"image/png","thread_id":"thr_1","metadata":{"bucket":"b"},"type":"image","preview_url":"https://x/p.png"}"#;
    let attachment: Attachment = serde_json::from_str(raw).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        attachment.metadata.as_ref().and_then(|m| m.get("bucket")),
        Some(&json!("b"))
    );
    assert_eq!(
        serde_json::to_string(&attachment).ok().as_deref(),
        Some(
            r#"{"id":"atc_1","name":"a.png","mime_type":"image/png","thread_id":"thr_1","type":"image","preview_url":"https://x/p.png"}"#
        )
    );
}

#[test]
fn request_types_know_which_stream() {
    let streaming: Vec<&str> = RequestType::ALL
        .iter()
        .filter(|t| t.is_streaming())
        .map(|t| t.as_str())
        .collect();
    assert_eq!(
        streaming,
        [
            "threads.create",
            "threads.add_user_message",
            "threads.add_client_tool_output",
            "threads.add_structured_input",
            "threads.retry_after_item",
            "threads.custom_action"
        ]
    );
    assert_eq!(RequestType::ALL.len(), 16);
    for t in RequestType::ALL {
        assert_eq!(RequestType::from_name(t.as_str()), Some(*t));
    }
}

#[test]
fn type_names_match_the_wire() {
    use chatkit_sdk::widget::{Card, Text};
    let image = GeneratedImage {
        id: "i".into(),
        url: "u".into(),
    };
    let task = Task::custom("t", TaskStatusIndicator::Loading);
    let thread = ThreadMetadata::new("thr_1").to_thread(Page::default());
    let kinds: Vec<ItemKind> = vec![
        UserMessageItem::default().into(),
        AssistantMessageItem::text("a").into(),
        ClientToolCallItem::default().into(),
        WidgetItem::new(Card::new()).into(),
        GeneratedImageItem::default().into(),
        StructuredInputItem::default().into(),
        WorkflowItem {
            workflow: Workflow::default(),
        }
        .into(),
        TaskItem { task: task.clone() }.into(),
        HiddenContextItem::default().into(),
        SdkHiddenContextItem::default().into(),
        ItemKind::EndOfTurn,
    ];
    assert_eq!(kinds.len(), 11);
    for kind in kinds {
        let item = ThreadItem::new("msg_1", "thr_1", kind);
        let json = serde_json::to_value(&item).unwrap_or_default();
        assert_eq!(json["type"], item.type_name());
    }
    let item = ThreadItem::new("msg_1", "thr_1", ItemKind::EndOfTurn);
    let updates = vec![
        ThreadItemUpdate::ContentPartAdded {
            content_index: 0,
            content: AssistantMessageContent::new(""),
        },
        ThreadItemUpdate::TextDelta {
            content_index: 0,
            delta: "d".into(),
        },
        ThreadItemUpdate::AnnotationAdded {
            content_index: 0,
            annotation_index: 0,
            annotation: Annotation::new(
                Source {
                    title: "t".into(),
                    description: None,
                    timestamp: None,
                    group: None,
                    kind: SourceKind::File {
                        filename: "f".into(),
                    },
                },
                None,
            ),
        },
        ThreadItemUpdate::ContentPartDone {
            content_index: 0,
            content: AssistantMessageContent::new("x"),
        },
        ThreadItemUpdate::WidgetStreamingTextValueDelta {
            component_id: "c".into(),
            delta: "d".into(),
            done: false,
        },
        ThreadItemUpdate::WidgetRootUpdated {
            widget: Card::new().into(),
        },
        ThreadItemUpdate::WidgetComponentUpdated {
            component_id: "c".into(),
            component: Text::new("t").into(),
        },
        ThreadItemUpdate::WorkflowTaskAdded {
            task_index: 0,
            task: task.clone(),
        },
        ThreadItemUpdate::WorkflowTaskUpdated {
            task_index: 0,
            task,
        },
        ThreadItemUpdate::GeneratedImageUpdated {
            image,
            progress: Some(0.5),
        },
    ];
    assert_eq!(updates.len(), 10);
    for update in &updates {
        let json = serde_json::to_value(update).unwrap_or_default();
        assert_eq!(json["type"], update.type_name());
    }
    let events = vec![
        ThreadStreamEvent::ThreadCreated {
            thread: thread.clone(),
        },
        ThreadStreamEvent::ThreadUpdated { thread },
        ThreadStreamEvent::ThreadItemAdded { item: item.clone() },
        ThreadStreamEvent::ThreadItemUpdated {
            item_id: "m".into(),
            update: updates[1].clone(),
        },
        ThreadStreamEvent::ThreadItemDone { item: item.clone() },
        ThreadStreamEvent::ThreadItemReplaced { item },
        ThreadStreamEvent::ThreadItemRemoved {
            item_id: "m".into(),
        },
        ThreadStreamEvent::StreamOptions {
            stream_options: StreamOptions::default(),
        },
        ThreadStreamEvent::ProgressUpdate {
            icon: None,
            text: "p".into(),
        },
        ThreadStreamEvent::ClientEffect {
            name: "e".into(),
            data: Default::default(),
        },
        ErrorEvent::custom("x", false).into(),
        ThreadStreamEvent::Notice {
            level: NoticeLevel::Info,
            message: "m".into(),
            title: None,
        },
    ];
    assert_eq!(events.len(), 12);
    for event in &events {
        let json = serde_json::to_value(event).unwrap_or_default();
        assert_eq!(json["type"], event.type_name());
    }
}

#[test]
fn timestamps_outside_pythons_range_are_rejected() {
    for bad in [
        "2016-12-31T23:59:60.5",
        "0000-01-01T00:00:00",
        "+10000-01-01T00:00:00",
    ] {
        assert!(bad.parse::<Timestamp>().is_err(), "accepted {bad}");
    }
}
