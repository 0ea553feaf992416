//! The adapter in process (the engine over a memory store), and requests to it as a user.

use std::sync::Arc;
use std::time::Duration;

use chatkit_sdk::server::{ChatKitResult, ChatKitServer};
use chatkit_sdk::store::{MemoryStore, RequestContext, Store};
use chatkit_server::adapter::LangGraphHandler;
use chatkit_server::langgraph::{ClientConfig, LangGraphClient};
use chatkit_tests::conformance::normalize::Record;
use futures::StreamExt;
use serde_json::Value;

/// The engine the tests drive.
pub type Engine = ChatKitServer<RequestContext, LangGraphHandler>;

/// An engine in front of the LangGraph at `url` (a 5 s read timeout), its client and handler
/// set up by the closures.
pub fn engine_with(
    url: &str,
    client: impl FnOnce(&mut ClientConfig),
    handler: impl FnOnce(LangGraphHandler) -> LangGraphHandler,
) -> Engine {
    let mut config = ClientConfig::new(url, "agent");
    config.read_timeout = Duration::from_secs(5);
    client(&mut config);
    let lg = LangGraphClient::new(config).unwrap_or_else(|e| panic!("{e}"));
    let store: Arc<dyn Store<RequestContext>> = Arc::new(MemoryStore::new());
    ChatKitServer::new(store.clone(), handler(LangGraphHandler::new(lg, store)))
}

/// An engine with the default settings.
pub fn engine(url: &str) -> Engine {
    engine_with(url, |_| {}, |h| h)
}

/// A request as `user`, and its answer as a transcript record.
pub async fn post_as(server: &Engine, user: &str, body: Value) -> Record {
    let request = body.to_string().into_bytes();
    let (content_type, bytes) = match server.process(&request, RequestContext::new(user)).await {
        Ok(ChatKitResult::Stream(mut frames)) => {
            let mut bytes = Vec::new();
            while let Some(frame) = frames.next().await {
                bytes.extend_from_slice(&frame);
            }
            ("text/event-stream; charset=utf-8", bytes)
        }
        Ok(ChatKitResult::Json(bytes)) => ("application/json", bytes),
        // Refused before any stream (e.g. a thread or item of someone else): the error.
        Err(error) => ("text/plain", format!("{error:?}").into_bytes()),
    };
    Record {
        method: "POST".into(),
        path: "/langgraph/chatkit".into(),
        request: Some(request),
        status: 200,
        content_type: content_type.into(),
        note: None,
        body: bytes,
    }
}
