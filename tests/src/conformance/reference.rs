//! The reference server's behaviour (PROTOCOL.md §9), for replaying its transcripts.
//!
//! * every turn: "Echo: <text>" streamed as added, part added, 3 deltas (cut at len/3, 2len/3,
//!   in characters), part done, done; the first turn titles the thread "Echo: <text[..20]>";
//! * keywords: `progress` (a progress update first), `slow` (0.4 s before each delta), `widget`
//!   (a card streamed through 4 states), `tool` (a pending client tool call), `question` (a
//!   structured input), `error` (a custom error after the echo);
//! * actions replace the sender's body text and echo; ids are one global counter.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use chatkit_sdk::server::{AudioInput, EventStream, Handler, HandlerError, ThreadHandle};
use chatkit_sdk::store::{MemoryStore, PageQuery, RequestContext, Store, WithIds};
use chatkit_sdk::widget::{self, ActionConfig, Card, WidgetRoot, stream_widget};
use chatkit_sdk::{
    Action, AssistantMessageContent, AssistantMessageItem, Attachment, AttachmentCreateParams,
    AttachmentKind, ClientToolCallItem, FeedbackKind, IdKind, ItemKind, Order, StructuredInput,
    StructuredInputItem, StructuredInputKind, StructuredInputOption, SyncCustomActionResponse,
    ThreadItem, ThreadItemUpdate, ThreadStreamEvent, Timestamp, TranscriptionResult,
    UploadDescriptor, UploadMethod, UserMessageContent,
};
use serde_json::json;

use super::python_json::dumps;

/// The reference run's one id counter: `<prefix>_<8 hex>`, counting from 1.
#[derive(Debug, Clone, Default)]
pub struct Counter(Arc<AtomicU64>);

impl Counter {
    /// The next id of a kind.
    pub fn next(&self, kind: IdKind) -> String {
        kind.with_counter(self.0.fetch_add(1, Ordering::SeqCst) + 1)
    }
}

/// A memory store whose ids come from the counter.
pub fn counting_store(counter: &Counter) -> MemoryStore {
    let counter = counter.clone();
    MemoryStore::with_ids(move |kind| counter.next(kind))
}

/// Any store, with ids from the counter.
pub fn counted<S>(store: S, counter: &Counter) -> WithIds<S> {
    let counter = counter.clone();
    WithIds::new(store, move |kind| counter.next(kind))
}

/// The reference handler.
pub struct ReferenceHandler {
    store: Arc<dyn Store<RequestContext>>,
    counter: Counter,
    /// Where uploads go (`http://<host>/upload/<id>`).
    pub upload_base: String,
    /// Feedback received, for tests.
    pub feedback: std::sync::Mutex<Vec<(String, Vec<String>, FeedbackKind)>>,
}

impl std::fmt::Debug for ReferenceHandler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferenceHandler").finish_non_exhaustive()
    }
}

impl ReferenceHandler {
    /// A handler over the same store (and counter) the server uses.
    pub fn new(store: Arc<dyn Store<RequestContext>>, counter: Counter) -> Self {
        ReferenceHandler {
            store,
            counter,
            upload_base: "http://127.0.0.1:8911".to_owned(),
            feedback: Default::default(),
        }
    }
}

fn user_text(item: Option<&ThreadItem>) -> String {
    let Some(ThreadItem {
        kind: ItemKind::UserMessage(message),
        ..
    }) = item
    else {
        return String::new();
    };
    message
        .content
        .iter()
        .filter_map(|c| match c {
            UserMessageContent::Text { text } => Some(text.as_str()),
            UserMessageContent::Tag(_) => None,
        })
        .collect()
}

/// The echo of `text` as the reference streams it.
fn echo(
    thread_id: &str,
    id: String,
    text: &str,
) -> (Vec<ThreadStreamEvent>, Vec<ThreadStreamEvent>) {
    let full = format!("Echo: {text}");
    let chars: Vec<char> = full.chars().collect();
    let (cut1, cut2) = (chars.len() / 3, 2 * chars.len() / 3);
    let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let head = vec![
        ThreadStreamEvent::ThreadItemAdded {
            item: ThreadItem {
                id: id.clone(),
                thread_id: thread_id.to_owned(),
                created_at: Timestamp::now(),
                kind: ItemKind::AssistantMessage(AssistantMessageItem { content: vec![] }),
            },
        },
        ThreadStreamEvent::ThreadItemUpdated {
            item_id: id.clone(),
            update: ThreadItemUpdate::ContentPartAdded {
                content_index: 0,
                content: AssistantMessageContent::new(""),
            },
        },
    ];
    let deltas = [piece(0, cut1), piece(cut1, cut2), piece(cut2, chars.len())]
        .into_iter()
        .map(|delta| ThreadStreamEvent::ThreadItemUpdated {
            item_id: id.clone(),
            update: ThreadItemUpdate::TextDelta {
                content_index: 0,
                delta,
            },
        })
        .collect();
    (head, deltas)
}

fn echo_tail(thread_id: &str, id: &str, text: &str) -> Vec<ThreadStreamEvent> {
    let content = AssistantMessageContent::new(format!("Echo: {text}"));
    vec![
        ThreadStreamEvent::ThreadItemUpdated {
            item_id: id.to_owned(),
            update: ThreadItemUpdate::ContentPartDone {
                content_index: 0,
                content: content.clone(),
            },
        },
        ThreadStreamEvent::ThreadItemDone {
            item: ThreadItem {
                id: id.to_owned(),
                thread_id: thread_id.to_owned(),
                created_at: Timestamp::now(),
                kind: ItemKind::AssistantMessage(AssistantMessageItem {
                    content: vec![content],
                }),
            },
        },
    ]
}

fn reference_card(body: &str, streaming: Option<bool>) -> WidgetRoot {
    let mut text = widget::Text::new(body).id("body");
    text.streaming = streaming;
    Card::new()
        .child(widget::Title::new("Reference card"))
        .child(text)
        .child(
            widget::Button::new("Click me")
                .on_click_action(ActionConfig::new("ref.click").payload(json!({"n": 1}))),
        )
        .into()
}

/// A copy of a widget item with its body text (child 1) replaced.
fn with_body(sender: &ThreadItem, body: String) -> Option<ThreadItem> {
    let mut item = sender.clone();
    let ItemKind::Widget(widget) = &mut item.kind else {
        return None;
    };
    let WidgetRoot::Card(card) = &mut widget.widget else {
        return None;
    };
    let slot = card.children.get_mut(1)?;
    *slot = widget::Text::new(body).id("body").into();
    Some(item)
}

/// The echo, with its id taken from the counter when the stream starts (as the reference's
/// generator does).
fn echo_stream(
    counter: Counter,
    thread_id: String,
    text: String,
    delay: Option<Duration>,
) -> EventStream {
    Box::pin(async_stream::stream! {
            let id = counter.next(IdKind::Message);
            let (head, deltas) = echo(&thread_id, id.clone(), &text);
            for event in head {
                yield Ok(event);
            }
            for event in deltas {
                if let Some(delay) = delay {
                    tokio::time::sleep(delay).await;
                }
                yield Ok(event);
            }
            for event in echo_tail(&thread_id, &id, &text) {
                yield Ok(event);
            }
    })
}

/// `deltas:N` in a message (benchmarks, as `bench/python/bench_server.py`): one assistant
/// message streamed as N text deltas `tok<n> `. `hold:SECS`: one delta `held `, then the stream
/// stays open SECS seconds before it ends (memory per open stream).
fn many_deltas(
    counter: Counter,
    thread_id: String,
    n: usize,
    hold: Option<Duration>,
) -> EventStream {
    Box::pin(async_stream::stream! {
        let id = counter.next(IdKind::Message);
        yield Ok(ThreadStreamEvent::ThreadItemAdded {
            item: ThreadItem::new(id.clone(), &thread_id, AssistantMessageItem { content: vec![] }),
        });
        yield Ok(ThreadStreamEvent::ThreadItemUpdated {
            item_id: id.clone(),
            update: ThreadItemUpdate::ContentPartAdded { content_index: 0, content: AssistantMessageContent::new("") },
        });
        let mut text = String::new();
        for k in 0..n {
            let delta = if hold.is_some() { "held ".to_owned() } else { format!("tok{k} ") };
            text.push_str(&delta);
            yield Ok(ThreadStreamEvent::ThreadItemUpdated {
                item_id: id.clone(),
                update: ThreadItemUpdate::TextDelta { content_index: 0, delta },
            });
        }
        if let Some(hold) = hold {
            tokio::time::sleep(hold).await;
        }
        let content = AssistantMessageContent::new(text);
        yield Ok(ThreadStreamEvent::ThreadItemUpdated {
            item_id: id.clone(),
            update: ThreadItemUpdate::ContentPartDone { content_index: 0, content: content.clone() },
        });
        yield Ok(ThreadStreamEvent::ThreadItemDone {
            item: ThreadItem::new(id, &thread_id, AssistantMessageItem { content: vec![content] }),
        });
    })
}

/// N from `deltas:N` (or `hold:N`, as `command`).
fn number_after(text: &str, command: &str) -> Option<usize> {
    let (_, rest) = text.split_once(command)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[async_trait]
impl Handler<RequestContext> for ReferenceHandler {
    fn respond(
        &self,
        thread: ThreadHandle,
        input: Option<ThreadItem>,
        ctx: RequestContext,
    ) -> EventStream {
        let store = self.store.clone();
        let counter = self.counter.clone();
        Box::pin(async_stream::stream! {
            let mut text = user_text(input.as_ref());
            let low = text.to_lowercase();
            let thread_id = thread.id();
            if input.is_none() {
                let newest = store.load_thread_items(&thread_id, &PageQuery::new(Some(1), Order::Desc, None), &ctx).await;
                text = match newest.ok().and_then(|p| p.data.into_iter().next()).map(|i| i.kind) {
                    Some(ItemKind::ClientToolCall(call)) => format!("tool output {}", dumps(&call.output)),
                    Some(ItemKind::StructuredInput(si)) => {
                        format!("structured input {}", serde_json::to_value(si.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
                    }
                    _ => "(no input)".to_owned(),
                };
            }
            if thread.get().title.is_none() {
                thread.set_title(format!("Echo: {}", text.chars().take(20).collect::<String>()));
            }
            let hold = number_after(&text, "hold:").map(|secs| Duration::from_secs(secs as u64));
            // A held stream has its one delta.
            if let Some(n) = number_after(&text, "deltas:").or(hold.map(|_| 1)) {
                let mut many = many_deltas(counter.clone(), thread_id.clone(), n, hold);
                while let Some(event) = futures::StreamExt::next(&mut many).await {
                    yield event;
                }
                return;
            }
            if low.contains("progress") {
                yield Ok(ThreadStreamEvent::ProgressUpdate { icon: Some(chatkit_sdk::IconName::Sparkle), text: "Thinking...".into() });
            }
            let delay = low.contains("slow").then(|| Duration::from_millis(400));
            let mut echoed = echo_stream(counter.clone(), thread_id.clone(), text.clone(), delay);
            while let Some(event) = futures::StreamExt::next(&mut echoed).await {
                yield event;
            }
            if low.contains("widget") {
                let id = counter.next(IdKind::Message);
                let states = vec![
                    reference_card("Hello", Some(true)),
                    reference_card("Hello from", Some(true)),
                    reference_card("Hello from the reference server", Some(true)),
                    reference_card("Hello from the reference server", None),
                ];
                match stream_widget(&thread_id, &id, states, Some("Reference card".into())) {
                    Ok(events) => for event in events { yield Ok(event) },
                    Err(e) => yield Err(HandlerError::Other(Box::new(e))),
                }
            }
            if low.contains("tool") {
                let call = ClientToolCallItem {
                    call_id: "call_ref_1".into(),
                    name: "ref_tool".into(),
                    arguments: json!({"echo": text}).as_object().cloned().unwrap_or_default(),
                    ..Default::default()
                };
                let item = ThreadItem::new(counter.next(IdKind::ToolCall), thread_id.clone(), call);
                yield Ok(ThreadStreamEvent::ThreadItemDone { item });
            }
            if low.contains("question") {
                let inputs = vec![
                    StructuredInput {
                        id: "color".into(),
                        question: "Favourite colour?".into(),
                        answer: None,
                        kind: StructuredInputKind::MultipleChoice {
                            options: vec![StructuredInputOption { value: "red".into() }, StructuredInputOption { value: "blue".into() }],
                            multiple: false,
                        },
                    },
                    StructuredInput {
                        id: "why".into(),
                        question: "Why?".into(),
                        answer: None,
                        kind: StructuredInputKind::Freeform { description: Some("Free text".into()) },
                    },
                ];
                let item = ThreadItem::new(counter.next(IdKind::Message), thread_id.clone(), StructuredInputItem { inputs, ..Default::default() });
                yield Ok(ThreadStreamEvent::ThreadItemDone { item });
            }
            if low.contains("error") {
                yield Err(HandlerError::custom("Reference custom error", true));
            }
        })
    }

    fn action(
        &self,
        thread: ThreadHandle,
        action: Action,
        sender: Option<ThreadItem>,
        _ctx: RequestContext,
    ) -> EventStream {
        let replaced = sender
            .as_ref()
            .and_then(|s| with_body(s, format!("Clicked {}", action.kind)))
            .map(|item| ThreadStreamEvent::ThreadItemReplaced { item });
        let text = format!("action {} {}", action.kind, dumps(&action.payload));
        let mut echoed = echo_stream(self.counter.clone(), thread.id(), text, None);
        Box::pin(async_stream::stream! {
            if let Some(replaced) = replaced {
                yield Ok(replaced);
            }
            while let Some(event) = futures::StreamExt::next(&mut echoed).await {
                yield event;
            }
        })
    }

    async fn sync_action(
        &self,
        thread: chatkit_sdk::ThreadMetadata,
        action: Action,
        sender: Option<ThreadItem>,
        ctx: RequestContext,
    ) -> Result<SyncCustomActionResponse, HandlerError> {
        let Some(updated) = sender.and_then(|s| with_body(&s, format!("Synced {}", action.kind)))
        else {
            return Ok(SyncCustomActionResponse::default());
        };
        self.store
            .save_item(&thread.id, &updated, &ctx)
            .await
            .map_err(|e| HandlerError::Other(Box::new(e)))?;
        Ok(SyncCustomActionResponse {
            updated_item: Some(updated),
        })
    }

    async fn add_feedback(
        &self,
        thread_id: &str,
        item_ids: &[String],
        kind: FeedbackKind,
        _ctx: RequestContext,
    ) -> Result<(), HandlerError> {
        self.feedback
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((thread_id.to_owned(), item_ids.to_vec(), kind));
        Ok(())
    }

    async fn create_attachment(
        &self,
        params: AttachmentCreateParams,
        _ctx: RequestContext,
    ) -> Result<Attachment, HandlerError> {
        let id = self.counter.next(IdKind::Attachment);
        Ok(Attachment {
            upload_descriptor: Some(UploadDescriptor {
                url: format!("{}/upload/{id}", self.upload_base),
                method: UploadMethod::Put,
                headers: Default::default(),
            }),
            id,
            name: params.name,
            mime_type: params.mime_type,
            kind: AttachmentKind::File,
            ..Default::default()
        })
    }

    async fn transcribe(
        &self,
        audio: AudioInput,
        _ctx: RequestContext,
    ) -> Result<TranscriptionResult, HandlerError> {
        Ok(TranscriptionResult {
            text: format!("{} bytes of {}", audio.data.len(), audio.media_type),
        })
    }
}
