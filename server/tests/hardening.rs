//! The binary against slow, idle, forged and quiet traffic: header and body timeouts (idle
//! keep-alive connections included) while other clients are served, the connection cap, the
//! CSRF matrix, security headers on the pages, keep-alive comments on a quiet stream, and
//! the JSON 413.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::binary::Binary;
use support::fake::FakeLangGraph;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn address(binary: &Binary) -> String {
    binary.url.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection (or `limit` passes): what it sent, and
/// whether it closed.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> (String, bool) {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&seen).into_owned(), true),
            Ok(Ok(n)) => seen.extend_from_slice(&buffer[..n]),
            Err(_) => return (String::from_utf8_lossy(&seen).into_owned(), false),
        }
    }
}

const LIST: &str = r#"{"type":"threads.list","params":{}}"#;

async fn list(http: &reqwest::Client, binary: &Binary) -> u16 {
    http.post(format!("{}/langgraph/chatkit", binary.url))
        .header("content-type", "application/json")
        .body(LIST)
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_clients_are_cut_off_while_others_are_served() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(
        &fake.url,
        &[
            ("CHATKIT_HEADER_TIMEOUT_MS", "400"),
            ("CHATKIT_BODY_TIMEOUT_MS", "400"),
        ],
    );
    let addr = address(&binary);
    // Idle: connects and sends nothing.
    let mut idle = TcpStream::connect(&addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Slowloris: half a request's headers, then nothing.
    let mut slowloris = TcpStream::connect(&addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    slowloris
        .write_all(b"POST /langgraph/chatkit HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Slow body: all headers, a tenth of the body.
    let mut slow_body = TcpStream::connect(&addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let head = format!(
        "POST /langgraph/chatkit HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        LIST.len() * 10
    );
    slow_body
        .write_all(format!("{head}{LIST}").as_bytes())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // A keep-alive client that goes quiet after one request.
    let mut quiet = TcpStream::connect(&addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let request = format!(
        "POST /langgraph/chatkit HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{LIST}",
        LIST.len()
    );
    quiet
        .write_all(request.as_bytes())
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // Others are served meanwhile.
    let http = reqwest::Client::new();
    for _ in 0..5 {
        assert_eq!(list(&http, &binary).await, 200);
    }
    let limit = Duration::from_secs(10);
    let (_, closed) = until_closed(&mut idle, limit).await;
    assert!(closed, "an idle connection is closed");
    let (_, closed) = until_closed(&mut slowloris, limit).await;
    assert!(closed, "a client too slow with its headers is cut off");
    let (answer, closed) = until_closed(&mut slow_body, limit).await;
    assert!(closed, "a client too slow with its body is cut off");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let (answer, closed) = until_closed(&mut quiet, limit).await;
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "its request was answered: {answer}"
    );
    assert!(closed, "then, idle, it is closed");
    assert_eq!(list(&http, &binary).await, 200, "the server is still there");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_wait_for_a_free_one() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(
        &fake.url,
        &[
            ("CHATKIT_MAX_CONNECTIONS", "2"),
            ("CHATKIT_HEADER_TIMEOUT_MS", "20000"),
        ],
    );
    let addr = address(&binary);
    let first = TcpStream::connect(&addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let _second = TcpStream::connect(&addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Give the server a moment to take both.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let http = reqwest::Client::new();
    let waiting = tokio::spawn({
        let url = binary.url.clone();
        async move {
            http.post(format!("{url}/langgraph/chatkit"))
                .header("content-type", "application/json")
                .body(LIST)
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or_default()
        }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !waiting.is_finished(),
        "a third connection waits while two are open"
    );
    drop(first);
    let status = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .ok()
        .and_then(Result::ok);
    assert_eq!(status, Some(200), "served once a connection closed");
}

/// A ChatKit request with these headers: status and JSON body.
async fn chatkit_with(binary: &Binary, headers: &[(&str, &str)]) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/langgraph/chatkit", binary.url))
        .body(LIST);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("{e}"));
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_cross_site_requests_are_refused_and_ours_pass() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(
        &fake.url,
        &[("CORS_ALLOWED_ORIGINS", "https://app.example.com")],
    );
    let ours = binary.url.clone();
    let json = ("content-type", "application/json");
    for (headers, status, code) in [
        (
            vec![
                json,
                ("origin", ours.as_str()),
                ("sec-fetch-site", "same-origin"),
            ],
            200,
            None,
        ),
        (vec![json], 200, None),
        (
            vec![
                json,
                ("origin", "https://app.example.com"),
                ("sec-fetch-site", "cross-site"),
            ],
            200,
            None,
        ),
        (vec![("content-type", "text/plain")], 403, Some("forbidden")),
        (
            vec![
                json,
                ("origin", "http://127.0.0.1:1"),
                ("sec-fetch-site", "same-site"),
            ],
            403,
            Some("forbidden"),
        ),
        (
            vec![json, ("origin", "https://evil.example")],
            403,
            Some("forbidden"),
        ),
        (
            vec![json, ("sec-fetch-site", "cross-site")],
            403,
            Some("forbidden"),
        ),
    ] {
        let (got, body) = chatkit_with(&binary, &headers).await;
        assert_eq!(got, status, "{headers:?}: {body}");
        if let Some(code) = code {
            assert_eq!(body["error"]["code"], code, "{body}");
            assert!(
                body["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.len() > 20),
                "{body}"
            );
        }
    }
    let (_, body) = chatkit_with(&binary, &[("content-type", "text/plain")]).await;
    assert_eq!(
        body["error"]["message"],
        "ChatKit requests must be sent as application/json."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[]);
    let http = reqwest::Client::new();
    for path in ["/", "/console", "/assets/missing.js"] {
        let response = http
            .get(format!("{}{path}", binary.url))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        let csp = header("content-security-policy");
        for part in [
            "default-src 'self'",
            "frame-ancestors 'none'",
            "script-src 'self' https://cdn.platform.openai.com",
        ] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        let scripts = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_default();
        assert!(
            !scripts.is_empty() && !scripts.contains("unsafe"),
            "no inline or eval'd scripts: {csp}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quiet_stream_gets_keep_alive_comments() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[("CHATKIT_KEEP_ALIVE_SECS", "1")]);
    let body = json!({"type": "threads.create", "params": {"input": {"content": [{"type": "input_text", "text": "silent"}], "attachments": [], "inference_options": {}}}});
    let mut response = reqwest::Client::new()
        .post(format!("{}/langgraph/chatkit", binary.url))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while text.matches(": keep-alive\n\n").count() < 2 {
        match tokio::time::timeout_at(deadline, response.chunk()).await {
            Ok(Ok(Some(chunk))) => text.push_str(&String::from_utf8_lossy(&chunk)),
            other => panic!("the stream ended or stalled: {other:?}\n{text}"),
        }
    }
    assert!(text.contains("thread.created"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_over_the_limit_ends_cleanly_and_what_was_shown_is_kept() {
    let fake = FakeLangGraph::start().await;
    let binary = Binary::start(&fake.url, &[("CHATKIT_MAX_REPLY_CHARS", "5")]);
    let mut browser = support::binary::Browser::new(&binary);
    let events = browser.events(&support::chatkit::create("hello")).await;
    assert_eq!(
        support::chatkit::error(&events).as_deref(),
        Some(
            "The agent's answer passed 5 characters, the most this server keeps for one reply: it was stopped there."
        )
    );
    let thread = support::chatkit::thread_id(&events);
    let items = support::answers::page_items(
        &browser
            .post(&support::answers::items_list(&thread))
            .await
            .body,
    );
    let kinds: Vec<&str> = items.iter().filter_map(|i| i["type"].as_str()).collect();
    assert_eq!(kinds, ["user_message", "assistant_message"], "{items:?}");
    let kept = items[1]["content"][0]["text"].as_str().unwrap_or_default();
    assert!(
        kept.chars().count() > 5 && kept.chars().count() < 40,
        "the text up to the limit: {kept:?}"
    );
    // The thread goes on.
    let again = browser
        .events(&support::chatkit::add(&thread, "hello"))
        .await;
    assert!(support::chatkit::error(&again).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_requests_get_a_429_with_retry_after() {
    let fake = FakeLangGraph::start().await;
    let list = json!({"type": "threads.list", "params": {}});
    // Per session: a burst of three seconds' worth, then 429; another session goes on.
    let binary = Binary::start(
        &fake.url,
        &[
            ("CHATKIT_RATE_LIMIT_LOOPBACK", "true"),
            ("CHATKIT_RATE_LIMIT_SESSION", "1"),
            ("CHATKIT_RATE_LIMIT_ADDRESS", "0"),
        ],
    );
    let mut browser = support::binary::Browser::new(&binary);
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(browser.post(&list).await.status);
    }
    assert_eq!(statuses[..3], [200, 200, 200], "{statuses:?}");
    assert!(statuses[3..].contains(&429), "{statuses:?}");
    let mut other = support::binary::Browser::new(&binary);
    assert_eq!(
        other.post(&list).await.status,
        200,
        "another session is not held back"
    );

    // Per address, whatever the session: 429 with Retry-After and a JSON error.
    let binary = Binary::start(
        &fake.url,
        &[
            ("CHATKIT_RATE_LIMIT_LOOPBACK", "true"),
            ("CHATKIT_RATE_LIMIT_SESSION", "0"),
            ("CHATKIT_RATE_LIMIT_ADDRESS", "1"),
        ],
    );
    let http = reqwest::Client::new();
    let mut refused = None;
    for _ in 0..6 {
        let response = http
            .post(format!("{}/langgraph/chatkit", binary.url))
            .header("content-type", "application/json")
            .body(list.to_string())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        if response.status() == 429 {
            refused = Some(response);
            break;
        }
    }
    let refused = refused.unwrap_or_else(|| panic!("no 429 after 6 requests at 1/s"));
    assert_eq!(
        refused
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    let body: Value = refused.json().await.unwrap_or_default();
    assert_eq!(
        body,
        json!({"error": {"code": "rate_limited", "message": "Too many requests: wait 1 s, then try again."}})
    );
}
