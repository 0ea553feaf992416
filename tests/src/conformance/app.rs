//! The HTTP face of an engine: `POST /chatkit` (JSON or SSE), as the reference's FastAPI app,
//! with our JSON errors.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chatkit_sdk::server::{ChatKitServer, Handler};
use chatkit_sdk::store::RequestContext;

/// Requests larger than this get a 413.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The header that picks the user (tests use it for isolation); `ref` without it.
pub const USER_HEADER: &str = "x-user-id";

/// The app serving `server` at `/chatkit`.
pub fn router<H: Handler<RequestContext>>(server: ChatKitServer<RequestContext, H>) -> Router {
    Router::new()
        .route("/chatkit", post(chatkit::<H>).get(method_not_allowed))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(server)
}

async fn chatkit<H: Handler<RequestContext>>(
    State(server): State<ChatKitServer<RequestContext, H>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let user = headers
        .get(USER_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("ref");
    match server.process(&body, RequestContext::new(user)).await {
        Ok(result) => result.into_response(),
        Err(error) => error.into_response(),
    }
}

async fn method_not_allowed() -> Response {
    (
        StatusCode::METHOD_NOT_ALLOWED,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"detail":"Method Not Allowed"}"#,
    )
        .into_response()
}
