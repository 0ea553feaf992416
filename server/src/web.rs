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

/// The pages' Content Security Policy: our own scripts, and for the official page OpenAI's
/// ChatKit runtime (its script and iframe on `cdn.platform.openai.com`, its calls to
/// `api.openai.com`, `chatgpt.com` and its telemetry, `sentinel.openai.com`'s frame, fonts on
/// `cdn.openai.com`); no inline script; never framed by another site.
pub const CONTENT_SECURITY_POLICY: &str = concat!(
    "default-src 'self'; ",
    "script-src 'self' https://cdn.platform.openai.com; ",
    "style-src 'self' 'unsafe-inline'; ",
    "img-src 'self' data: blob: https:; ",
    "font-src 'self' data: https://cdn.openai.com; ",
    "connect-src 'self' https://api.openai.com https://chatgpt.com https://api-js.mixpanel.com; ",
    "frame-src https://cdn.platform.openai.com https://sentinel.openai.com; ",
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
);

/// The security headers of every page and asset.
fn secured(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    response
}

fn html(body: String) -> Response {
    secured(
        (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            body,
        )
            .into_response(),
    )
}

/// `/`: the official ChatKit page.
pub async fn official(State(state): State<AppState>) -> Response {
    match page("index.html") {
        Some(body) => html(body.replace("%CHATKIT_DOMAIN_KEY%", &escape(&state.domain_key))),
        None => secured((StatusCode::NOT_FOUND, NOT_BUILT).into_response()),
    }
}

/// `/console`: the offline protocol console.
pub async fn console() -> Response {
    match page("console.html") {
        Some(body) => html(body),
        None => secured((StatusCode::NOT_FOUND, NOT_BUILT).into_response()),
    }
}

/// `/assets/{file}`: the pages' scripts and styles (content-hashed names: cached for good).
pub async fn asset(Path(file): Path<String>) -> Response {
    let Some(asset) = Pages::get(&format!("assets/{file}")) else {
        return secured(StatusCode::NOT_FOUND.into_response());
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
    secured(response)
}

/// The domain key goes into an HTML attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
