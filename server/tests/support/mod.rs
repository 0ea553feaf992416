//! Helpers shared by the server's tests: the LangGraph captures, and local HTTP servers.

#![allow(dead_code)]

/// The raw SSE body of a `langgraph dev` capture in `tests/data/langgraph/transcripts`.
pub fn capture_body(name: &str) -> String {
    capture_body_at(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/data/langgraph/transcripts")
            .join(name),
    )
}

/// The SSE events of a body, each without its `id:` line (the fake numbers events itself).
pub fn split_events(body: &str) -> Vec<String> {
    body.split("\r\n\r\n")
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            e.split("\r\n")
                .filter(|line| !line.starts_with("id:"))
                .collect::<Vec<_>>()
                .join("\r\n")
        })
        .collect()
}

/// The raw SSE body of the capture at `path`.
pub fn capture_body_at(path: &std::path::Path) -> String {
    let name = path.display();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let response = text
        .split_once("### RESPONSE\n")
        .map(|(_, r)| r)
        .unwrap_or_default();
    // The response headers end at the first blank line (CRLF as sent).
    response
        .split_once("\r\n\r\n")
        .or_else(|| response.split_once("\n\n"))
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default()
}

/// Serves `app` on a free local port; returns its base URL.
pub async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

/// The URL of a local port nothing listens on.
pub async fn closed_port() -> String {
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let port = closed.local_addr().map(|a| a.port()).unwrap_or_default();
    format!("http://127.0.0.1:{port}")
}

pub mod agent;
pub mod answers;
pub mod binary;
pub mod chatkit;
pub mod drift;
pub mod engine;
pub mod fake;
pub mod replay;
