//! The pages built from `web/` (`scripts/build-web.sh`), embedded in the binary: `/` (the
//! official ChatKit UI, with the configured domain key), `/console` (the offline console) and
//! their `/assets/…`. A binary built before the pages says how to build them.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;

#[derive(rust_embed::RustEmbed)]
#[folder = "../web/dist"]
#[allow_missing = true]
struct Pages;

const NOT_BUILT: &str = "The web pages are not built into this binary: run scripts/build-web.sh, then build the server again.";

fn page(name: &str) -> Option<String> {
    Pages::get(name).map(|file| String::from_utf8_lossy(&file.data).into_owned())
}

fn html(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// `/`: the official ChatKit page.
pub async fn official(State(state): State<AppState>) -> Response {
    match page("index.html") {
        Some(body) => html(body.replace("%CHATKIT_DOMAIN_KEY%", &escape(&state.domain_key))),
        None => (StatusCode::NOT_FOUND, NOT_BUILT).into_response(),
    }
}

/// `/console`: the offline protocol console.
pub async fn console() -> Response {
    match page("console.html") {
        Some(body) => html(body),
        None => (StatusCode::NOT_FOUND, NOT_BUILT).into_response(),
    }
}

/// `/assets/{file}`: the pages' scripts and styles (content-hashed names: cached for good).
pub async fn asset(Path(file): Path<String>) -> Response {
    let Some(asset) = Pages::get(&format!("assets/{file}")) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mime = asset.metadata.mimetype().to_owned();
    let mut response = asset.data.into_owned().into_response();
    if let Ok(value) = HeaderValue::from_str(&mime) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}

/// The domain key goes into an HTML attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
