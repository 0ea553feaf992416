//! A thin LangGraph Platform client: the calls the adapter needs, with the official SDK's
//! timeouts and typed errors (see `LANGGRAPH-API.md` §1–2, §6).

use std::time::Duration;

use futures::{Stream, StreamExt};
use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, RequestBuilder};
use serde_json::{Map, Value, json};

use super::event::StreamEvent;
use super::sse::{ParseError, parse_identified};
use super::state::ThreadState;

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
    /// Rejoins of a dropped run stream before giving up (the SDK: 5).
    pub max_reconnects: u32,
    /// The first reconnect's delay; it doubles each time, up to 5 s, plus up to 25 % jitter.
    pub reconnect_backoff: Duration,
    /// What LangGraph does with a message while a run of the thread is going
    /// (`multitask_strategy`). Resumes always go with `reject`.
    pub multitask_strategy: MultitaskStrategy,
    /// Where a user message goes in the run's input.
    pub input: InputFormat,
    /// The header that carries the user id on every request (for LangGraph custom auth), when
    /// set.
    pub user_header: Option<HeaderName>,
    /// The largest event accepted from a run's stream; a larger one ends the turn.
    pub max_event_bytes: usize,
}

/// How a user message becomes a run's input: `{key: [message]}` or `{key: text}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFormat {
    /// The state key (`messages`).
    pub key: String,
    /// The value under it.
    pub shape: InputShape,
}

impl Default for InputFormat {
    fn default() -> Self {
        InputFormat {
            key: "messages".to_owned(),
            shape: InputShape::Messages,
        }
    }
}

/// The value a user message is in a run's input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InputShape {
    /// A list of one message, `{"role": "user", "content": text, "id": item id}` (LangGraph's
    /// `add_messages` states).
    #[default]
    Messages,
    /// The text alone (an `input_schema` such as `{"question": str}`).
    Text,
}

impl InputFormat {
    /// The run input for a user message.
    pub fn input(&self, id: &str, text: &str) -> Value {
        let value = match self.shape {
            InputShape::Messages => json!([{"role": "user", "content": text, "id": id}]),
            InputShape::Text => json!(text),
        };
        let mut input = Map::new();
        input.insert(self.key.clone(), value);
        Value::Object(input)
    }
}

/// LangGraph's `multitask_strategy`: a second run on a busy thread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MultitaskStrategy {
    /// Refused (409): the user is told to wait for the answer.
    #[default]
    Reject,
    /// Queued after the running one.
    Enqueue,
    /// The running one stops (its partial answer is dropped) and this one starts.
    Interrupt,
    /// The running one is rolled back (as if never sent) and this one starts.
    Rollback,
}

impl MultitaskStrategy {
    /// The name on the wire.
    pub fn wire(self) -> &'static str {
        match self {
            MultitaskStrategy::Reject => "reject",
            MultitaskStrategy::Enqueue => "enqueue",
            MultitaskStrategy::Interrupt => "interrupt",
            MultitaskStrategy::Rollback => "rollback",
        }
    }
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
            max_reconnects: 5,
            reconnect_backoff: Duration::from_secs(1),
            multitask_strategy: MultitaskStrategy::default(),
            input: InputFormat::default(),
            user_header: None,
            max_event_bytes: super::sse::MAX_EVENT_BYTES,
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
    /// The connection dropped while the run went on, and rejoining it failed.
    #[error("the run's stream broke and could not be rejoined ({attempts} attempts): {last}")]
    Cut {
        /// Reconnects tried.
        attempts: u32,
        /// The last failure.
        last: String,
    },
    /// The run ended without its events saying how (status `error` or `timeout`).
    #[error("the run ended with status `{0}`")]
    RunEnded(String),
}

/// What a run starts from: a new user message, or the answer to an interrupt.
#[derive(Debug, Clone, PartialEq)]
pub enum RunInput {
    /// Appends one user message (only the new one: LangGraph keeps the history), with the
    /// ChatKit item id as its message id so a retry can find where it entered the history.
    Message {
        /// The ChatKit user message id.
        id: String,
        /// The text.
        text: String,
    },
    /// `command.resume`: the value `interrupt()` returns.
    Resume(Value),
}

/// Everything a run is started with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunRequest {
    /// A message or a resume.
    pub input: RunInput,
    /// The checkpoint to start from (a fork: what came after it is forgotten).
    pub checkpoint: Option<String>,
    /// The assistant (or graph) to run instead of the configured one.
    pub assistant_id: Option<String>,
    /// Merged into the input of a message (the message's own key wins).
    pub extra_input: Map<String, Value>,
    /// The run's runtime `context` (a graph's `context_schema`).
    pub context: Option<Value>,
    /// The run's `config.configurable`.
    pub configurable: Option<Map<String, Value>>,
}

impl Default for RunInput {
    fn default() -> Self {
        RunInput::Resume(Value::Null)
    }
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
    /// The user the requests are made for (sent in [`ClientConfig::user_header`]).
    user: Option<HeaderValue>,
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
        Ok(LangGraphClient {
            config,
            http,
            user: None,
        })
    }

    /// The same client making its requests for `user_id`: with a
    /// [`ClientConfig::user_header`], every request carries it (an id that is not a valid
    /// header value is left out, and logged).
    pub fn as_user(&self, user_id: &str) -> Self {
        let user = self.config.user_header.as_ref().and_then(|_| {
            HeaderValue::from_str(user_id)
                .inspect_err(|_| tracing::warn!("the user id is not a valid header value"))
                .ok()
        });
        LangGraphClient {
            user,
            ..self.clone()
        }
    }

    /// A request, with the user header when there is one.
    fn request(&self, method: Method, url: &str) -> RequestBuilder {
        let request = self.http.request(method, url);
        match (&self.config.user_header, &self.user) {
            (Some(name), Some(user)) => request.header(name, user),
            _ => request,
        }
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
        self.send(self.request(Method::GET, &url), &url)
            .await
            .map(|_| ())
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
        self.send(self.request(Method::POST, &url).json(&body), &url)
            .await?;
        Ok(thread_id)
    }

    /// Starts a run on a thread and streams it: [`Self::stream`] with only an input and a
    /// checkpoint.
    pub async fn stream_run(
        &self,
        thread_id: &str,
        input: &RunInput,
        checkpoint: Option<&str>,
    ) -> Result<RunStream, LangGraphError> {
        let run = RunRequest {
            input: input.clone(),
            checkpoint: checkpoint.map(str::to_owned),
            ..RunRequest::default()
        };
        self.stream(thread_id, &run).await
    }

    /// The body of `POST /threads/{id}/runs/stream` for `run`.
    pub fn run_body(&self, run: &RunRequest) -> Value {
        let assistant = run
            .assistant_id
            .as_deref()
            .unwrap_or(&self.config.assistant_id);
        let mut body = json!({
            "assistant_id": assistant,
            "stream_mode": ["messages-tuple", "updates", "custom"],
            "stream_subgraphs": true,
            "stream_resumable": true,
            "on_disconnect": "cancel",
        });
        match &run.input {
            RunInput::Message { id, text } => {
                let mut input = run.extra_input.clone();
                if let Value::Object(message) = self.config.input.input(id, text) {
                    input.extend(message);
                }
                body["input"] = Value::Object(input);
                body["multitask_strategy"] = json!(self.config.multitask_strategy.wire());
            }
            RunInput::Resume(value) => {
                body["command"] = json!({ "resume": value });
                // A second answer racing the first (another server process) is refused by
                // LangGraph instead of queued behind it.
                body["multitask_strategy"] = json!("reject");
            }
        }
        if let Some(context) = &run.context {
            body["context"] = context.clone();
        }
        if let Some(configurable) = &run.configurable {
            body["config"] = json!({ "configurable": configurable });
        }
        if let Some(checkpoint) = &run.checkpoint {
            body["checkpoint"] = json!({ "checkpoint_id": checkpoint });
        }
        body
    }

    /// Starts a run on a thread and streams it (`messages-tuple`, `updates`, `custom`, with
    /// subgraphs), from `run.checkpoint` when given.
    ///
    /// The stream is resumable: when the connection drops, or closes while the run is still
    /// going, it rejoins with `Last-Event-ID` up to [`ClientConfig::max_reconnects`] times (with
    /// exponential backoff), so no event is lost or repeated. It ends after the run's last
    /// event; a run that ended badly or could not be rejoined ends it with an error.
    pub async fn stream(
        &self,
        thread_id: &str,
        run: &RunRequest,
    ) -> Result<RunStream, LangGraphError> {
        let url = self.url(&format!("/threads/{thread_id}/runs/stream"));
        let body = self.run_body(run);
        let response = self
            .open_stream(self.request(Method::POST, &url).json(&body), &url)
            .await?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let run_id = header("content-location").and_then(|location| {
            location
                .rsplit_once("/runs/")
                .map(|(_, run)| run.to_owned())
        });
        let rejoin = header("location").or_else(|| {
            run_id
                .as_ref()
                .map(|run| format!("/threads/{thread_id}/runs/{run}/stream"))
        });
        let events = Resumable {
            client: self.clone(),
            thread_id: thread_id.to_owned(),
            run_id: run_id.clone(),
            rejoin,
        }
        .events(response);
        Ok(RunStream {
            run_id,
            events: Box::pin(events),
        })
    }

    /// Sends a request for an event stream: the headers must come within the idle limit (the
    /// body has no total limit); an error status or another content type is an error.
    async fn open_stream(
        &self,
        request: reqwest::RequestBuilder,
        url: &str,
    ) -> Result<reqwest::Response, LangGraphError> {
        let request = request
            .header(ACCEPT, "text/event-stream")
            .header(CACHE_CONTROL, "no-store")
            .send();
        let response = tokio::time::timeout(self.config.read_timeout, request)
            .await
            .map_err(|_| LangGraphError::Timeout(self.config.read_timeout))?
            .map_err(|e| self.failure(url, e))?;
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
        Ok(response)
    }

    /// The checkpoint to rerun a user message from: the newest one whose state does not hold
    /// the message `message_id` yet (`POST /threads/{id}/history`, newest first, paged).
    /// `None` when no state holds the message (it never reached the agent).
    pub async fn checkpoint_before(
        &self,
        thread_id: &str,
        message_id: &str,
    ) -> Result<Option<String>, LangGraphError> {
        const PAGE: usize = 20;
        const MAX_PAGES: usize = 50;
        let url = self.url(&format!("/threads/{thread_id}/history"));
        let mut before: Option<String> = None;
        let mut seen = false;
        for _ in 0..MAX_PAGES {
            let mut body = json!({ "limit": PAGE });
            if let Some(checkpoint) = &before {
                body["before"] = json!({ "checkpoint_id": checkpoint });
            }
            let states: Vec<Value> = self
                .send(self.request(Method::POST, &url).json(&body), &url)
                .await?
                .json()
                .await
                .map_err(|e| LangGraphError::Protocol(format!("thread history: {e}")))?;
            for state in &states {
                let id = state["checkpoint"]["checkpoint_id"]
                    .as_str()
                    .or_else(|| state["checkpoint_id"].as_str())
                    .ok_or_else(|| {
                        LangGraphError::Protocol("a history state without a checkpoint".into())
                    })?;
                let holds = state["values"]["messages"]
                    .as_array()
                    .is_some_and(|m| m.iter().any(|m| m["id"] == message_id));
                if holds {
                    seen = true;
                } else {
                    // The newest state without the message; before any holding it, the message
                    // is not in the thread at all.
                    return Ok(seen.then(|| id.to_owned()));
                }
                before = Some(id.to_owned());
            }
            if states.len() < PAGE {
                break;
            }
        }
        Err(LangGraphError::Protocol(format!(
            "message `{message_id}` is older than the thread history we search"
        )))
    }

    /// `DELETE /threads/{id}`: the thread and its checkpoints (a thread that is not there is
    /// not an error).
    pub async fn delete_thread(&self, thread_id: &str) -> Result<(), LangGraphError> {
        let url = self.url(&format!("/threads/{thread_id}"));
        match self.send(self.request(Method::DELETE, &url), &url).await {
            Ok(_) | Err(LangGraphError::Status { status: 404, .. }) => Ok(()),
            Err(error) => Err(error),
        }
    }

    /// `PATCH /threads/{id}` merging `metadata` into the thread's.
    pub async fn update_metadata(
        &self,
        thread_id: &str,
        metadata: Value,
    ) -> Result<(), LangGraphError> {
        let url = self.url(&format!("/threads/{thread_id}"));
        let body = json!({ "metadata": metadata });
        self.send(self.request(Method::PATCH, &url).json(&body), &url)
            .await
            .map(|_| ())
    }

    /// `GET /threads/{id}` → the thread's `status` (`idle`, `busy`, `interrupted`, `error`).
    pub async fn thread_status(&self, thread_id: &str) -> Result<String, LangGraphError> {
        let url = self.url(&format!("/threads/{thread_id}"));
        let thread: Value = self
            .send(self.request(Method::GET, &url), &url)
            .await?
            .json()
            .await
            .map_err(|e| LangGraphError::Protocol(format!("thread: {e}")))?;
        thread["status"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| LangGraphError::Protocol("a thread without a status".into()))
    }

    /// `GET /threads/{id}/state`: the pending interrupts, the messages, the last tool calls.
    pub async fn state(&self, thread_id: &str) -> Result<ThreadState, LangGraphError> {
        let url = self.url(&format!("/threads/{thread_id}/state"));
        let state: Value = self
            .send(self.request(Method::GET, &url), &url)
            .await?
            .json()
            .await
            .map_err(|e| LangGraphError::Protocol(format!("thread state: {e}")))?;
        Ok(ThreadState::from_json(&state))
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
            .send(self.request(Method::GET, &url), &url)
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
        self.send(self.request(Method::POST, &url), &url)
            .await
            .map(|_| ())
    }
}

/// The error of a run's stream that could not be rejoined after `attempts`, `last` being the
/// last failure (`None`: the server closed the stream early): a run that stayed silent to the
/// end stopped responding; any other was cut off.
fn give_up(attempts: u32, last: Option<LangGraphError>) -> LangGraphError {
    match last {
        Some(LangGraphError::Timeout(idle)) => LangGraphError::Timeout(idle),
        last => LangGraphError::Cut {
            attempts,
            last: last.map_or_else(|| "closed early".to_owned(), |e| e.to_string()),
        },
    }
}

/// A run's stream that rejoins the run after a drop (`GET <Location>` with `Last-Event-ID`).
struct Resumable {
    client: LangGraphClient,
    thread_id: String,
    run_id: Option<String>,
    /// The path to rejoin the run's stream.
    rejoin: Option<String>,
}

/// Why one connection of a run's stream stopped.
enum Stop {
    /// `end` or `error`: the run said it is over.
    Final,
    /// The server closed the stream.
    Closed,
    /// The connection or the bytes broke.
    Broken(LangGraphError),
}

impl Resumable {
    fn events(
        self,
        first: reqwest::Response,
    ) -> impl Stream<Item = Result<StreamEvent, LangGraphError>> {
        let idle = self.client.config.read_timeout;
        async_stream::stream! {
            let mut response = first;
            let mut last_id = String::new();
            let mut attempts = 0u32;
            loop {
                let limit = self.client.config.max_event_bytes;
                let mut parsed = Box::pin(parse_identified(Box::pin(response.bytes_stream()), limit));
                let stop = loop {
                    match tokio::time::timeout(idle, parsed.next()).await {
                        Ok(Some(Ok((id, event)))) => {
                            attempts = 0;
                            if !id.is_empty() {
                                last_id = id;
                            }
                            let last = matches!(event, StreamEvent::End | StreamEvent::Error { .. });
                            yield Ok(event);
                            if last {
                                break Stop::Final;
                            }
                        }
                        // Rejoining would read the same event again.
                        Ok(Some(Err(error @ ParseError::TooLarge { .. }))) => {
                            yield Err(LangGraphError::Stream(error));
                            return;
                        }
                        Ok(Some(Err(error))) => break Stop::Broken(LangGraphError::Stream(error)),
                        Ok(None) => break Stop::Closed,
                        Err(_) => break Stop::Broken(LangGraphError::Timeout(idle)),
                    }
                };
                let problem = match stop {
                    Stop::Final => return,
                    Stop::Closed => None,
                    Stop::Broken(error) => Some(error),
                };
                // A close or a drop: the run's status tells whether it is over.
                let Some(run) = &self.run_id else {
                    // Without a run id nothing can be asked or rejoined: a close is the end.
                    if let Some(error) = problem {
                        yield Err(error);
                    }
                    return;
                };
                let status = self.client.run_status(&self.thread_id, run).await;
                match status {
                    Ok(status) if matches!(status.as_str(), "error" | "timeout") => {
                        yield Err(LangGraphError::RunEnded(status));
                        return;
                    }
                    Ok(status) if !matches!(status.as_str(), "pending" | "running") => {
                        // Finished (or cancelled): a clean close is the normal end.
                        if let Some(error) = problem {
                            yield Err(error);
                        }
                        return;
                    }
                    _ => {}
                }
                // Still running (or unknown): rejoin, but only where no event can be lost.
                let mut last = problem;
                let Some(path) = self.rejoin.as_ref().filter(|_| !last_id.is_empty()) else {
                    yield Err(give_up(attempts, last));
                    return;
                };
                let rejoined = loop {
                    if attempts >= self.client.config.max_reconnects {
                        break None;
                    }
                    tokio::time::sleep(self.backoff(attempts)).await;
                    attempts += 1;
                    let url = self.client.url(path);
                    let request = self.client.request(Method::GET, &url).header("last-event-id", &last_id);
                    match self.client.open_stream(request, &url).await {
                        Ok(response) => break Some(response),
                        Err(error) => {
                            tracing::warn!(%error, attempt = attempts, "rejoining the run failed");
                            last = Some(error);
                        }
                    }
                };
                match rejoined {
                    Some(next) => {
                        tracing::info!(attempt = attempts, %last_id, "rejoined the run's stream");
                        response = next;
                    }
                    None => {
                        yield Err(give_up(attempts, last));
                        return;
                    }
                }
            }
        }
    }

    /// `base · 2ⁿ`, at most 5 s, plus up to 25 % jitter.
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.client.config.reconnect_backoff;
        let delay = base
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(Duration::from_secs(5));
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        delay + delay.mul_f64(f64::from(nanos % 1000) / 4000.0)
    }
}
