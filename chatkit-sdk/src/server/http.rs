//! With the `axum` feature: the engine's results and errors as HTTP responses — JSON bodies,
//! `text/event-stream; charset=utf-8` streams (as the reference's Starlette sends them), and
//! `{"error": …}` bodies with their status.

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{ChatKitResult, ProcessError};

impl IntoResponse for ChatKitResult {
    fn into_response(self) -> Response {
        match self {
            ChatKitResult::Json(json) => {
                ([(header::CONTENT_TYPE, "application/json")], json).into_response()
            }
            ChatKitResult::Stream(frames) => (
                [
                    (header::CONTENT_TYPE, "text/event-stream; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                Body::from_stream(futures::StreamExt::map(
                    frames,
                    Ok::<_, std::convert::Infallible>,
                )),
            )
                .into_response(),
        }
    }
}

impl IntoResponse for ProcessError {
    fn into_response(self) -> Response {
        (
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            [(header::CONTENT_TYPE, "application/json")],
            self.to_json(),
        )
            .into_response()
    }
}
