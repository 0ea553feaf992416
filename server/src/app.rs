//! The HTTP app: `POST /langgraph/chatkit` (the engine, per session user) and
//! `GET /langgraph/health`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRef, State};
use axum::http::Extensions;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::{Key, SignedCookieJar};
use chatkit_sdk::server::ChatKitServer;
use chatkit_sdk::store::{PageQuery, RequestContext, Store};
use serde_json::json;
use tower_http::cors::CorsLayer;

use crate::adapter::LangGraphHandler;
use crate::langgraph::LangGraphClient;
use crate::rate_limit::{RateLimits, RateSettings};
use crate::session::Sessions;

/// How long a response stream may be quiet before a keep-alive comment goes out.
pub const DEFAULT_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(15);

/// Request bodies larger than this get a 413.
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The engine.
    pub engine: ChatKitServer<RequestContext, LangGraphHandler>,
    /// The store (also inside the engine), for the health check.
    pub store: Arc<dyn Store<RequestContext>>,
    /// The LangGraph client, for the health check.
    pub client: LangGraphClient,
    /// Session cookies.
    pub sessions: Sessions,
    /// The domain key the official ChatKit page sends (`local-dev` works on localhost).
    pub domain_key: String,
    /// A keep-alive comment after this long without an event on a response stream (`None`:
    /// never).
    pub keep_alive: Option<std::time::Duration>,
    /// The origins CORS allows (set by [`router`]), which the CSRF check also accepts.
    pub cors_origins: Arc<[String]>,
    /// Rate limits per session and per client address.
    pub rate_limits: Arc<RateLimits>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("sessions", &self.sessions)
            .finish_non_exhaustive()
    }
}

impl FromRef<AppState> for Key {
    fn from_ref(state: &AppState) -> Key {
        state.sessions.key()
    }
}

impl AppState {
    /// The state over a store and a LangGraph client, with the adapter's defaults.
    pub fn new(
        store: Arc<dyn Store<RequestContext>>,
        client: LangGraphClient,
        sessions: Sessions,
    ) -> Self {
        let handler = LangGraphHandler::new(client.clone(), store.clone());
        Self::with_handler(store, handler, client, sessions)
    }

    /// The state with an adapter configured by the caller.
    pub fn with_handler(
        store: Arc<dyn Store<RequestContext>>,
        handler: LangGraphHandler,
        client: LangGraphClient,
        sessions: Sessions,
    ) -> Self {
        AppState {
            engine: ChatKitServer::new(store.clone(), handler),
            store,
            client,
            sessions,
            domain_key: "local-dev".to_owned(),
            keep_alive: Some(DEFAULT_KEEP_ALIVE),
            cors_origins: Arc::from(Vec::new()),
            rate_limits: Arc::new(RateLimits::new(RateSettings::default())),
        }
    }
}

/// The app; `cors_origins` may call it from browsers.
pub fn router(mut state: AppState, cors_origins: &[String]) -> Router {
    state.cors_origins = Arc::from(cors_origins.to_vec());
    let origins: Vec<HeaderValue> = cors_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .allow_credentials(true);
    Router::new()
        .route("/langgraph/chatkit", post(chatkit))
        .route("/langgraph/health", get(health))
        .route("/langgraph/demo/{picture}", get(demo_picture))
        .route("/", get(crate::web::official))
        .route("/console", get(crate::web::console))
        .route("/assets/{file}", get(crate::web::asset))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(cors)
        .with_state(state)
}

async fn chatkit(
    State(state): State<AppState>,
    jar: SignedCookieJar,
    headers: HeaderMap,
    extensions: Extensions,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if let Err(refusal) = crate::csrf::check(&headers, &state.cors_origins) {
        tracing::info!(?refusal, "a ChatKit request refused as a possible forgery");
        return json_error(StatusCode::FORBIDDEN, "forbidden", refusal.message());
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return json_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                &format!(
                    "The request body is larger than {} MiB, the most this server accepts.",
                    BODY_LIMIT / (1024 * 1024)
                ),
            );
        }
        Err(rejection) if timed_out(&rejection) => {
            return json_error(
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                "The request body did not arrive in time.",
            );
        }
        Err(rejection) => {
            return json_error(rejection.status(), "bad_request", &rejection.body_text());
        }
    };
    let (user, jar) = state.sessions.user(jar);
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0);
    if let Err(wait) = state.rate_limits.check(&user, peer, &headers) {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let mut response = json_error(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            &format!("Too many requests: wait {seconds} s, then try again."),
        );
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return (jar, response).into_response();
    }
    let ctx = RequestContext::new(user).with_locale(locale(&headers));
    let response = match state.engine.process(&body, ctx).await {
        Ok(result) => match state.keep_alive {
            Some(interval) => result.keep_alive(interval).into_response(),
            None => result.into_response(),
        },
        Err(error) => error.into_response(),
    };
    (jar, response).into_response()
}

/// Whether reading the body failed on the body timeout (see [`crate::serve`]).
fn timed_out(rejection: &BytesRejection) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(rejection);
    while let Some(error) = source {
        if error.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        source = error.source();
    }
    false
}

/// A JSON error body, as the engine writes its own: `{"error": {"code", "message"}}`.
pub fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        json!({"error": {"code": code, "message": message}}).to_string(),
    )
        .into_response()
}

/// The user's language: the first tag of `Accept-Language` (`fr-CA,fr;q=0.9` → `fr-CA`), when
/// it is a well-formed tag (letters, digits and hyphens, at most 35 characters).
pub fn locale(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let tag = value.split(',').next()?.split(';').next()?.trim();
    let well_formed = !tag.is_empty()
        && tag.len() <= 35
        && tag != "*"
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    well_formed.then(|| tag.to_owned())
}

/// The pictures of the demo carousel.
async fn demo_picture(axum::extract::Path(picture): axum::extract::Path<String>) -> Response {
    match picture
        .strip_suffix(".svg")
        .and_then(crate::widgets::demo_picture)
    {
        Some(svg) => (
            [
                (header::CONTENT_TYPE, "image/svg+xml"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            svg,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// 200 with the upstream's reachability and the store's status; 503 when the store is down
/// (the server cannot work without it; it can still answer with an unreachable agent).
async fn health(State(state): State<AppState>) -> Response {
    let probe = RequestContext::new("__health__");
    let store = state
        .store
        .load_threads(&PageQuery::new(Some(1), Default::default(), None), &probe)
        .await;
    let upstream = state.client.health().await;
    let store_ok = store.is_ok();
    let body = json!({
        "status": if store_ok && upstream.is_ok() { "ok" } else if store_ok { "degraded" } else { "down" },
        "store": match &store { Ok(_) => "ok".to_owned(), Err(e) => format!("error: {e}") },
        "upstream": match &upstream { Ok(()) => "ok".to_owned(), Err(e) => format!("error: {e}") },
    });
    let status = if store_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(header::ACCEPT_LANGUAGE, value);
        }
        headers
    }

    #[test]
    fn the_locale_is_the_first_well_formed_language_tag() {
        assert_eq!(
            locale(&with("fr-CA,fr;q=0.9,en;q=0.8")).as_deref(),
            Some("fr-CA")
        );
        assert_eq!(locale(&with("de;q=0.7")).as_deref(), Some("de"));
        assert_eq!(locale(&with("*")), None);
        assert_eq!(locale(&with("{user_id}")), None);
        assert_eq!(locale(&with(&"x".repeat(40))), None);
        assert_eq!(locale(&HeaderMap::new()), None);
    }
}
