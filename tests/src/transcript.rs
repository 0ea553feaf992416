//! The transcript files of the reference run (`tests/data/chatkit/transcripts*`).
//!
//! A transcript is one request and its response, as `capture.py` records them:
//!
//! ```text
//! === REQUEST ===
//! POST /chatkit
//! <request body, or "(no body)">
//!
//! === RESPONSE ===
//! status: 200
//! content-type: text/event-stream; charset=utf-8
//! [note: …]
//! [sse: N event(s); non-data lines: none]
//!
//! <body verbatim (raw) — for SSE, `data: …` frames separated by blank lines>
//! ```

use std::fs;
use std::path::{Path, PathBuf};

/// One recorded request/response pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    /// The file name without `.txt`, e.g. `01-threads.create-widget`.
    pub name: String,
    /// `POST`, `GET`.
    pub method: String,
    /// The request path.
    pub path: String,
    /// The request body, if one was sent.
    pub request: Option<String>,
    /// The HTTP status.
    pub status: u16,
    /// The response content type.
    pub content_type: String,
    /// The capture's note (e.g. "client closed the connection after 5 event(s)").
    pub note: Option<String>,
    /// The response body as recorded (without the trailing newline the file adds).
    pub body: String,
}

/// Why a transcript file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    /// The file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file does not have the transcript layout.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Transcript {
    /// Whether the response is an SSE stream.
    pub fn is_sse(&self) -> bool {
        self.content_type.starts_with("text/event-stream")
    }

    /// The JSON payloads of the SSE frames, verbatim (`data: ` stripped).
    pub fn sse_payloads(&self) -> Vec<&str> {
        self.body
            .split("\n\n")
            .filter(|frame| !frame.trim().is_empty())
            .filter_map(|frame| frame.strip_prefix("data: "))
            .collect()
    }

    /// The request's `type`, when the body is JSON with one.
    pub fn request_type(&self) -> Option<String> {
        let body = self.request.as_deref()?;
        let value: serde_json::Value = serde_json::from_str(body).ok()?;
        value.get("type")?.as_str().map(str::to_owned)
    }

    /// Parses one transcript file.
    pub fn parse(path: &Path) -> Result<Self, TranscriptError> {
        let text = fs::read_to_string(path).map_err(|source| TranscriptError::Io {
            path: path.to_owned(),
            source,
        })?;
        let format = |message: &str| TranscriptError::Format {
            path: path.to_owned(),
            message: message.to_owned(),
        };
        let rest = text
            .strip_prefix("=== REQUEST ===\n")
            .ok_or_else(|| format("missing `=== REQUEST ===`"))?;
        let (request_part, response_part) = rest
            .split_once("\n\n=== RESPONSE ===\n")
            .ok_or_else(|| format("missing `=== RESPONSE ===`"))?;
        let (request_line, request_body) = request_part
            .split_once('\n')
            .ok_or_else(|| format("missing request line"))?;
        let (method, req_path) = request_line
            .split_once(' ')
            .ok_or_else(|| format("bad request line"))?;
        let request = (request_body != "(no body)").then(|| request_body.to_owned());

        let (headers, body) = response_part
            .split_once("\n\n")
            .unwrap_or((response_part.trim_end_matches('\n'), ""));
        let mut status = None;
        let mut content_type = None;
        let mut note = None;
        for line in headers.lines() {
            if let Some(v) = line.strip_prefix("status: ") {
                status = v.parse().ok();
            } else if let Some(v) = line.strip_prefix("content-type: ") {
                content_type = Some(v.to_owned());
            } else if let Some(v) = line.strip_prefix("note: ") {
                note = Some(v.to_owned());
            }
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        Ok(Transcript {
            name,
            method: method.to_owned(),
            path: req_path.to_owned(),
            request,
            status: status.ok_or_else(|| format("missing status"))?,
            content_type: content_type.ok_or_else(|| format("missing content-type"))?,
            note,
            body: body.strip_suffix('\n').unwrap_or(body).to_owned(),
        })
    }

    /// Every transcript in a directory, in file-name order (the run's step order).
    pub fn load_dir(dir: &Path) -> Result<Vec<Transcript>, TranscriptError> {
        let entries = fs::read_dir(dir).map_err(|source| TranscriptError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        paths.sort();
        paths.iter().map(|p| Transcript::parse(p)).collect()
    }

    /// The raw reference transcripts.
    pub fn reference_raw() -> Result<Vec<Transcript>, TranscriptError> {
        Self::load_dir(&crate::data_dir().join("chatkit/transcripts"))
    }
}
