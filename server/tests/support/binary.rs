//! The real `chatkit-server` binary, started on a free port against a LangGraph URL, and a
//! browser-like client for it (it keeps the session cookie).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chatkit_tests::conformance::normalize::Record;
use serde_json::Value;

/// A running binary; killed when dropped.
#[derive(Debug)]
pub struct Binary {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    child: Child,
    database: String,
    /// The directory it runs in, when this value owns it.
    owned_dir: Option<tempfile::TempDir>,
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Binary {
    /// Starts the binary with a fresh SQLite file, against `langgraph`, with `env` on top.
    pub fn start(langgraph: &str, env: &[(&str, &str)]) -> Binary {
        Binary::start_in(scratch_dir(), langgraph, env)
    }

    /// Starts the binary in `dir` (its working directory, where it finds a `.env` and keeps its
    /// SQLite file), against `langgraph`, with `env` on top.
    pub fn start_in(dir: tempfile::TempDir, langgraph: &str, env: &[(&str, &str)]) -> Binary {
        let mut binary = Binary::start_at(dir.path(), langgraph, env);
        binary.owned_dir = Some(dir);
        binary
    }

    /// Starts the binary in `dir`, which the caller keeps: a binary killed there can be started
    /// again on the same SQLite file.
    pub fn start_at(dir: &std::path::Path, langgraph: &str, env: &[(&str, &str)]) -> Binary {
        let (mut command, database) = command(dir, langgraph, env);
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("starting the binary: {e}"));
        let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
        let mut lines = BufReader::new(stderr).lines();
        let mut seen = Vec::new();
        let url = loop {
            let Some(Ok(line)) = lines.next() else {
                panic!("the binary exited before listening:\n{}", seen.join("\n"));
            };
            if let Some(addr) = line
                .split_once("addr=")
                .and_then(|(_, rest)| rest.split_whitespace().next())
            {
                break format!("http://{addr}");
            }
            seen.push(line);
        };
        // Keep draining its logs so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Binary {
            url,
            child,
            database,
            owned_dir: None,
        }
    }

    /// Runs the binary with `env` until it exits (as it does when it cannot start): its exit
    /// status and what it printed on stderr.
    pub fn run_to_exit(
        langgraph: &str,
        env: &[(&str, &str)],
    ) -> (std::process::ExitStatus, String) {
        let dir = scratch_dir();
        let (mut command, _) = command(dir.path(), langgraph, env);
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("starting the binary: {e}"));
        for _ in 0..200 {
            if let Ok(Some(_)) = child.try_wait() {
                let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
                return (
                    output.status,
                    String::from_utf8_lossy(&output.stderr).into_owned(),
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        panic!("the binary did not exit within 10 s")
    }

    /// Its `DATABASE_URL` (an SQLite file that lives as long as this value).
    pub fn database_url(&self) -> String {
        self.database.clone()
    }

    /// Kills it with SIGKILL (`kill -9`: no shutdown, no flush) and waits until it is gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        for _ in 0..100 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the binary did not stop on SIGTERM")
    }
}

/// A fresh directory for a binary to run in.
pub fn scratch_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// The command that runs the binary in `dir` against `langgraph` with a fresh SQLite file (its
/// URL is returned), the test settings, and `env` on top; nothing else of the environment;
/// stderr piped.
fn command(dir: &std::path::Path, langgraph: &str, env: &[(&str, &str)]) -> (Command, String) {
    let database = format!("sqlite:{}", dir.join("chatkit.db").display());
    let mut command = Command::new(env!("CARGO_BIN_EXE_chatkit-server"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANGGRAPH_API_URL", langgraph)
        .env("LANGGRAPH_ASSISTANT_ID", "agent")
        .env("DATABASE_URL", &database)
        .env("PORT", "0")
        .env("LANGGRAPH_RECONNECT_BACKOFF_MS", "20")
        .env(
            "SESSION_SECRET_KEY",
            "a-test-secret-that-is-long-enough-0123456789",
        )
        .env("RUST_LOG", "info")
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    (command, database)
}

/// A client of the binary with its own session cookie (like one browser).
#[derive(Debug, Clone)]
pub struct Browser {
    url: String,
    http: reqwest::Client,
    cookie: Option<String>,
    /// Sent as `Accept-Language`.
    pub language: Option<String>,
}

impl Browser {
    /// A browser without a cookie yet.
    pub fn new(binary: &Binary) -> Browser {
        Browser {
            url: binary.url.clone(),
            http: reqwest::Client::new(),
            cookie: None,
            language: None,
        }
    }

    /// Talks to `binary` from now on, with the same cookie (a server restarted elsewhere).
    pub fn switch_to(&mut self, binary: &Binary) {
        self.url = binary.url.clone();
    }

    /// Posts a ChatKit request; returns the response as it starts, its body still to read.
    pub async fn send(&mut self, body: &Value) -> reqwest::Result<reqwest::Response> {
        let mut call = self
            .http
            .post(format!("{}/langgraph/chatkit", self.url))
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(cookie) = &self.cookie {
            call = call.header("cookie", cookie);
        }
        if let Some(language) = &self.language {
            call = call.header("accept-language", language);
        }
        let response = call.send().await?;
        if let Some(set) = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
        {
            self.cookie = set.split(';').next().map(str::to_owned);
        }
        Ok(response)
    }

    /// Posts a ChatKit request; returns it as a transcript record (status, type, body).
    pub async fn post(&mut self, body: &Value) -> Record {
        let request = body.to_string().into_bytes();
        let response = self.send(body).await.unwrap_or_else(|e| panic!("{e}"));
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = response
            .bytes()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .to_vec();
        Record {
            method: "POST".into(),
            path: "/langgraph/chatkit".into(),
            request: Some(request),
            status,
            content_type,
            note: None,
            body,
        }
    }

    /// Posts a request and returns its SSE events (or the JSON body as one value).
    pub async fn events(&mut self, body: &Value) -> Vec<Value> {
        self.post(body).await.events()
    }

    /// `GET` a path of the binary: status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }
}
