//! The binary's HTTP app: sessions (signed cookies, one user each), health, configuration.

mod support;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use chatkit_sdk::store::{MemoryStore, RequestContext, SqliteStore, Store};
use chatkit_server::app::{AppState, router};
use chatkit_server::config::Config;
use chatkit_server::langgraph::{ClientConfig, LangGraphClient};
use chatkit_server::session::{COOKIE, Sessions};
use clap::Parser;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

const SECRET: &str = "a-test-secret-that-is-long-enough-0123456789";

async fn fake_langgraph_up() -> String {
    let app = Router::new().route("/ok", get(|| async { axum::Json(json!({"ok": true})) }));
    support::serve(app).await
}

fn app(store: Arc<dyn Store<RequestContext>>, langgraph: &str, secure: bool) -> Router {
    let mut config = ClientConfig::new(langgraph, "agent");
    config.read_timeout = Duration::from_secs(2);
    let client = LangGraphClient::new(config).unwrap_or_else(|e| panic!("{e}"));
    router(
        AppState::new(store, client, Sessions::new(Some(SECRET), secure)),
        &[],
    )
}

async fn call(
    app: &Router,
    cookie: Option<&str>,
    body: Value,
) -> (StatusCode, Option<String>, Value) {
    let mut request =
        Request::post("/langgraph/chatkit").header(header::CONTENT_TYPE, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let request = request
        .body(Body::from(body.to_string()))
        .unwrap_or_else(|e| panic!("{e}"));
    send(app, request).await
}

/// One request through the app: status, Set-Cookie (if any), JSON body (`null` if not JSON).
async fn send(app: &Router, request: Request<Body>) -> (StatusCode, Option<String>, Value) {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|e| match e {});
    let status = response.status();
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    (
        status,
        set_cookie,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// `name=value` from a Set-Cookie header.
fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_cookie_is_its_own_user() {
    let store: Arc<dyn Store<RequestContext>> = Arc::new(MemoryStore::new());
    let app = app(store.clone(), &support::closed_port().await, false);
    let list = json!({"type": "threads.list", "params": {}});

    let (status, set_a, _) = call(&app, None, list.clone()).await;
    assert_eq!(status, StatusCode::OK);
    let set_a = set_a.unwrap_or_else(|| panic!("a new visitor gets a session cookie"));
    for attribute in ["HttpOnly", "SameSite=Lax", "Max-Age=2592000", "Path=/"] {
        assert!(set_a.contains(attribute), "{set_a} lacks {attribute}");
    }
    assert!(!set_a.contains("Secure"), "not Secure outside production");
    let a = pair(&set_a);
    let (_, again, _) = call(&app, Some(&a), list.clone()).await;
    assert!(again.is_none(), "a valid cookie is kept");

    let (_, set_b, _) = call(&app, None, list.clone()).await;
    let b = pair(&set_b.unwrap_or_default());
    assert_ne!(
        a, b,
        "two visitors, two users (the next test shows their threads are apart)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn threads_are_owned_by_the_cookie_and_a_tampered_cookie_is_a_new_user() {
    let store: Arc<dyn Store<RequestContext>> = Arc::new(MemoryStore::new());
    let app = app(store.clone(), &support::closed_port().await, false);
    let (_, set_a, _) = call(&app, None, json!({"type": "threads.list", "params": {}})).await;
    let a = pair(&set_a.unwrap_or_default());
    // A creates a thread (the agent is down: the turn ends with an error, the thread stays).
    let create = json!({"type": "threads.create", "params": {"input": {"content": [{"type": "input_text", "text": "hi"}], "attachments": [], "inference_options": {}}}});
    let (status, _, _) = call(&app, Some(&a), create).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, mine) = call(
        &app,
        Some(&a),
        json!({"type": "threads.list", "params": {}}),
    )
    .await;
    assert_eq!(mine["data"].as_array().map(Vec::len), Some(1));

    // Same user id, broken signature: not A.
    let (name, value) = a.split_once('=').unwrap_or_default();
    let mut forged: Vec<char> = value.chars().collect();
    forged[0] = if forged[0] == 'A' { 'B' } else { 'A' };
    let forged = format!("{name}={}", forged.into_iter().collect::<String>());
    let (_, set_new, theirs) = call(
        &app,
        Some(&forged),
        json!({"type": "threads.list", "params": {}}),
    )
    .await;
    assert!(
        set_new.is_some_and(|c| c.starts_with(COOKIE)),
        "a tampered cookie is replaced"
    );
    assert_eq!(
        theirs["data"],
        json!([]),
        "a tampered cookie sees nothing of A's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_cookies_are_secure() {
    let app = app(
        Arc::new(MemoryStore::new()),
        &support::closed_port().await,
        true,
    );
    let (_, set, _) = call(&app, None, json!({"type": "threads.list", "params": {}})).await;
    assert!(set.is_some_and(|c| c.contains("Secure")));
}

async fn health(app: &Router) -> (StatusCode, Value) {
    let request = Request::get("/langgraph/health")
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, _, body) = send(app, request).await;
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_reports_upstream_and_store() {
    let up = app(
        Arc::new(MemoryStore::new()),
        &fake_langgraph_up().await,
        false,
    );
    let (status, body) = health(&up).await;
    assert_eq!(
        (status, body["status"].clone(), body["upstream"].clone()),
        (StatusCode::OK, json!("ok"), json!("ok"))
    );

    let down = app(
        Arc::new(MemoryStore::new()),
        &support::closed_port().await,
        false,
    );
    let (status, body) = health(&down).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the server still answers without its agent"
    );
    assert_eq!(body["status"], "degraded");
    assert!(
        body["upstream"]
            .as_str()
            .is_some_and(|u| u.starts_with("error: cannot reach")),
        "{body}"
    );

    let sqlite = SqliteStore::in_memory()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    sqlite.close();
    let broken = app(Arc::new(sqlite), &fake_langgraph_up().await, false);
    let (status, body) = health(&broken).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["status"], "down");
}

#[test]
fn production_needs_a_strong_secret() {
    let parse = |args: &[&str]| {
        Config::try_parse_from(std::iter::once("chatkit-server").chain(args.iter().copied()))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(parse(&["--chatkit-env", "production"]).validate().is_err());
    assert!(
        parse(&[
            "--chatkit-env",
            "production",
            "--session-secret-key",
            "short"
        ])
        .validate()
        .is_err()
    );
    assert!(
        parse(&[
            "--chatkit-env",
            "production",
            "--session-secret-key",
            SECRET
        ])
        .validate()
        .is_ok()
    );
    assert!(
        parse(&[]).validate().is_ok(),
        "development runs without a secret"
    );
    let flags = parse(&["--port", "9000", "--langgraph-assistant-id", "chat"]);
    assert_eq!(
        (flags.port, flags.langgraph_assistant_id.as_str()),
        (9000, "chat")
    );
}
