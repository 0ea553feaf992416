//! A thin LangGraph Platform client: the calls the adapter needs, with the official SDK's
//! timeouts and typed errors (see `LANGGRAPH-API.md` §1–2, §6).

use std::time::Duration;

use futures::{Stream, StreamExt};
use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE, HeaderMap, HeaderValue};
use serde_json::{Value, json};

use super::event::StreamEvent;
use super::sse::{ParseError, parse_events};

/// The namespace of the LangGraph thread ids we derive from ChatKit thread ids (uuid v5).
pub const THREAD_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x6b1f_55a0_9c1e_4b8e_9d1c_3a51_c4a7_e2f0);

/// Where and how to reach LangGraph.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The server, e.g. `http://127.0.0.1:2024`.
    pub base_url: String,
    /// The graph or assistant id (`agent`).
    pub assistant_id: String,
    /// Sent as `x-api-key` when set.
    pub api_key: Option<String>,
    /// Connection set-up limit (the SDK uses 5 s).
    pub connect_timeout: Duration,
    /// The longest silence on a stream (heartbeats come every 5 s; the SDK allows 300 s), and
    /// the limit of the non-streaming calls.
    pub read_timeout: Duration,
}

impl ClientConfig {
    /// The defaults for a server at `base_url`.
    pub fn new(base_url: impl Into<String>, assistant_id: impl Into<String>) -> Self {
        ClientConfig {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            assistant_id: assistant_id.into(),
            api_key: None,
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(300),
        }
    }
}

/// Why a LangGraph call failed.
#[derive(Debug, thiserror::Error)]
pub enum LangGraphError {
    /// The server could not be reached (refused, DNS, connect timeout).
    #[error("cannot reach LangGraph at {url}: {message}")]
    Unreachable {
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
    /// The server answered with an error status (`detail` from its body).
    #[error("LangGraph answered {status}: {detail}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// The server's explanation.
        detail: String,
    },
    /// The stream went silent for longer than the read timeout.
    #[error("LangGraph stopped responding (no data for {0:?})")]
    Timeout(Duration),
    /// The response is not what the API promises.
    #[error("unexpected LangGraph response: {0}")]
    Protocol(String),
    /// The event stream broke.
    #[error(transparent)]
    Stream(#[from] ParseError),
}

/// What a run starts from: a new user message, or the answer to an interrupt.
#[derive(Debug, Clone, PartialEq)]
pub enum RunInput {
    /// Appends one user message (only the new one: LangGraph keeps the history).
    Message(String),
    /// `command.resume`: the value `interrupt()` returns.
    Resume(Value),
}

/// A started run: its id (from `Content-Location`) and its events.
pub struct RunStream {
    /// The run id, when the server said it in the headers.
    pub run_id: Option<String>,
    /// The events, ending when the server closes the stream.
    pub events: std::pin::Pin<Box<dyn Stream<Item = Result<StreamEvent, LangGraphError>> + Send>>,
}

impl std::fmt::Debug for RunStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunStream")
            .field("run_id", &self.run_id)
            .finish_non_exhaustive()
    }
}

/// The client.
#[derive(Debug, Clone)]
pub struct LangGraphClient {
    config: ClientConfig,
    http: reqwest::Client,
}

impl LangGraphClient {
    /// A client; fails only if the HTTP stack cannot be set up.
    pub fn new(config: ClientConfig) -> Result<Self, LangGraphError> {
        let mut headers = HeaderMap::new();
        if let Some(key) = &config.api_key {
            let value = HeaderValue::from_str(key).map_err(|_| {
                LangGraphError::Protocol("the API key is not a valid header value".into())
            })?;
            headers.insert("x-api-key", value);
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("chatkit-rs/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers)
            .connect_timeout(config.connect_timeout)
            .build()
            .map_err(|e| LangGraphError::Protocol(e.to_string()))?;
        Ok(LangGraphClient { config, http })
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The LangGraph thread id of a ChatKit thread: uuid v5 of `user:thread` (thread ids alone
    /// collide across users).
    pub fn thread_id(user_id: &str, chatkit_thread_id: &str) -> String {
        uuid::Uuid::new_v5(
            &THREAD_NAMESPACE,
            format!("{user_id}:{chatkit_thread_id}").as_bytes(),
        )
        .to_string()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url)
    }

    fn failure(&self, url: &str, error: reqwest::Error) -> LangGraphError {
        if error.is_timeout() {
            LangGraphError::Timeout(self.config.read_timeout)
        } else {
            LangGraphError::Unreachable {
                url: url.to_owned(),
                message: error.to_string(),
            }
        }
    }

    async fn check(response: reqwest::Response) -> Result<reqwest::Response, LangGraphError> {
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let body: Value = response.json().await.unwrap_or(Value::Null);
        let detail = ["detail", "message", "error"]
            .iter()
            .find_map(|k| body.get(k).and_then(Value::as_str))
            .unwrap_or_else(|| status.canonical_reason().unwrap_or("error"))
            .to_owned();
        Err(LangGraphError::Status {
            status: status.as_u16(),
            detail,
        })
    }

    /// Sends a non-streaming request within the read timeout; error statuses become errors.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        url: &str,
    ) -> Result<reqwest::Response, LangGraphError> {
        let response = request
            .timeout(self.config.read_timeout)
            .send()
            .await
            .map_err(|e| self.failure(url, e))?;
        Self::check(response).await
    }

    /// `GET /ok`.
    pub async fn health(&self) -> Result<(), LangGraphError> {
        let url = self.url("/ok");
        self.send(self.http.get(&url), &url).await.map(|_| ())
    }

    /// Creates the LangGraph thread of a ChatKit thread if it does not exist yet (idempotent),
    /// with `chatkit_thread_id` and the user in its metadata. Returns its id.
    pub async fn ensure_thread(
        &self,
        user_id: &str,
        chatkit_thread_id: &str,
    ) -> Result<String, LangGraphError> {
        let thread_id = Self::thread_id(user_id, chatkit_thread_id);
        let url = self.url("/threads");
        let body = json!({
            "thread_id": thread_id,
            "if_exists": "do_nothing",
            "metadata": {"chatkit_thread_id": chatkit_thread_id, "user": user_id},
        });
        self.send(self.http.post(&url).json(&body), &url).await?;
        Ok(thread_id)
    }

    /// Starts a run on a thread and streams it (`messages-tuple`, `updates`, `custom`).
    pub async fn stream_run(
        &self,
        thread_id: &str,
        input: &RunInput,
    ) -> Result<RunStream, LangGraphError> {
        let url = self.url(&format!("/threads/{thread_id}/runs/stream"));
        let mut body = json!({
            "assistant_id": self.config.assistant_id,
            "stream_mode": ["messages-tuple", "updates", "custom"],
            "on_disconnect": "cancel",
        });
        match input {
            RunInput::Message(text) => {
                body["input"] = json!({"messages": [{"role": "user", "content": text}]})
            }
            RunInput::Resume(value) => body["command"] = json!({"resume": value}),
        }
        let request = self
            .http
            .post(&url)
            .header(ACCEPT, "text/event-stream")
            .header(CACHE_CONTROL, "no-store")
            .json(&body)
            .send();
        // The headers must come within the idle limit; the body has no total limit.
        let response = tokio::time::timeout(self.config.read_timeout, request)
            .await
            .map_err(|_| LangGraphError::Timeout(self.config.read_timeout))?
            .map_err(|e| self.failure(&url, e))?;
        let response = Self::check(response).await?;
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !content_type.starts_with("text/event-stream") {
            return Err(LangGraphError::Protocol(format!(
                "expected an event stream, got `{content_type}`"
            )));
        }
        let run_id = response
            .headers()
            .get("content-location")
            .and_then(|v| v.to_str().ok())
            .and_then(|location| {
                location
                    .rsplit_once("/runs/")
                    .map(|(_, run)| run.to_owned())
            });
        let idle = self.config.read_timeout;
        let mut parsed = Box::pin(parse_events(Box::pin(response.bytes_stream())));
        // An idle timeout between events (heartbeats arrive every 5 s), never a total one.
        let events = async_stream::stream! {
            loop {
                match tokio::time::timeout(idle, parsed.next()).await {
                    Ok(Some(Ok(event))) => yield Ok(event),
                    Ok(Some(Err(error))) => {
                        // A broken stream does not heal: report it once and stop.
                        yield Err(LangGraphError::Stream(error));
                        break;
                    }
                    Ok(None) => break,
                    Err(_) => {
                        yield Err(LangGraphError::Timeout(idle));
                        break;
                    }
                }
            }
        };
        Ok(RunStream {
            run_id,
            events: Box::pin(events),
        })
    }

    /// `GET /threads/{t}/runs/{r}` → the run's `status` (`pending`, `running`, `success`,
    /// `error`, `timeout`, `interrupted`).
    pub async fn run_status(
        &self,
        thread_id: &str,
        run_id: &str,
    ) -> Result<String, LangGraphError> {
        let url = self.url(&format!("/threads/{thread_id}/runs/{run_id}"));
        let run: Value = self
            .send(self.http.get(&url), &url)
            .await?
            .json()
            .await
            .map_err(|e| self.failure(&url, e))?;
        run["status"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| LangGraphError::Protocol("a run without a status".into()))
    }

    /// Stops a run (`action=interrupt`: its human message stays, the partial answer goes).
    pub async fn cancel_run(&self, thread_id: &str, run_id: &str) -> Result<(), LangGraphError> {
        let url = self.url(&format!(
            "/threads/{thread_id}/runs/{run_id}/cancel?action=interrupt"
        ));
        self.send(self.http.post(&url), &url).await.map(|_| ())
    }
}
