//! Normalized transcripts, as the reference's driver writes them: ids replaced by `<thr:1>`-style
//! placeholders (numbered by first appearance across the whole run), timestamps by `<ts>`, keys
//! sorted, one pretty JSON block per body or SSE event.

use std::collections::HashMap;

use regex::Regex;
use serde_json::{Map, Value};

/// One request and its response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// `POST`, `GET`.
    pub method: String,
    /// The request path.
    pub path: String,
    /// The request body.
    pub request: Option<Vec<u8>>,
    /// The status.
    pub status: u16,
    /// The content type.
    pub content_type: String,
    /// A note (a client that closed the stream early).
    pub note: Option<String>,
    /// The response body.
    pub body: Vec<u8>,
}

impl Record {
    /// Whether the response is SSE.
    pub fn is_sse(&self) -> bool {
        self.content_type.starts_with("text/event-stream")
    }

    /// The parsed SSE events.
    pub fn events(&self) -> Vec<Value> {
        if !self.is_sse() {
            return Vec::new();
        }
        String::from_utf8_lossy(&self.body)
            .split("\n\n")
            .filter_map(|block| block.strip_prefix("data: "))
            .map(|data| serde_json::from_str(data).unwrap_or(Value::Null))
            .collect()
    }

    /// The parsed JSON body, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

const ID_KEYS: [&str; 4] = ["thread_id", "item_id", "attachment_id", "after"];

/// The id placeholders of a run.
pub struct Normalizer {
    map: HashMap<String, String>,
    counters: HashMap<String, usize>,
    id_re: Regex,
    ts_re: Regex,
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer")
            .field("ids", &self.map.len())
            .finish()
    }
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Normalizer {
    /// An empty normalizer.
    pub fn new() -> Self {
        Normalizer {
            map: HashMap::new(),
            counters: HashMap::new(),
            id_re: Regex::new(r"(thr|msg|tc|wf|tsk|atc|shcx)_[A-Za-z0-9]+")
                .unwrap_or_else(|e| panic!("{e}")),
            ts_re: Regex::new(
                r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?",
            )
            .unwrap_or_else(|e| panic!("{e}")),
        }
    }

    fn add(&mut self, value: &str) {
        if value.is_empty() || value.starts_with('<') || self.map.contains_key(value) {
            return;
        }
        let prefix = value
            .split_once('_')
            .map(|(p, _)| p)
            .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
            .unwrap_or("id")
            .to_owned();
        let n = self.counters.entry(prefix.clone()).or_insert(0);
        *n += 1;
        self.map.insert(value.to_owned(), format!("<{prefix}:{n}>"));
    }

    /// Ids in free text (the regex, with the reference's "not after a word character" rule).
    fn text_ids(&self, text: &str) -> Vec<String> {
        self.id_re
            .find_iter(text)
            .filter(|m| {
                text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
            })
            .map(|m| m.as_str().to_owned())
            .collect()
    }

    fn collect(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        (k, Value::String(s)) if ID_KEYS.contains(&k) => self.add(s),
                        ("item_ids", Value::Array(ids)) => {
                            for id in ids.iter().filter_map(Value::as_str) {
                                self.add(id);
                            }
                        }
                        ("id", Value::String(s))
                            if map.contains_key("created_at") || map.contains_key("mime_type") =>
                        {
                            self.add(s)
                        }
                        _ => {}
                    }
                    self.collect(v);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.collect(v)),
            Value::String(s) => {
                for id in self.text_ids(s) {
                    self.add(&id);
                }
            }
            _ => {}
        }
    }

    fn collect_text(&mut self, text: &str) {
        for id in self.text_ids(text) {
            self.add(&id);
        }
    }

    /// Learns the ids of a record (request first, then response), as the reference driver does.
    pub fn collect_record(&mut self, record: &Record) {
        if let Some(request) = &record.request {
            match serde_json::from_slice::<Value>(request) {
                Ok(value) => self.collect(&value),
                Err(_) => self.collect_text(&String::from_utf8_lossy(request)),
            }
        }
        if record.is_sse() {
            for event in record.events() {
                self.collect(&event);
            }
        } else if let Some(value) = record.json() {
            self.collect(&value);
        } else {
            self.collect_text(&String::from_utf8_lossy(&record.body));
        }
    }

    fn sub_str(&self, s: &str, key: Option<&str>) -> String {
        if key == Some("created_at") {
            return "<ts>".to_owned();
        }
        if let Some(placeholder) = self.map.get(s) {
            return placeholder.clone();
        }
        let mut keys: Vec<&String> = self.map.keys().collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        let mut out = s.to_owned();
        for k in keys {
            if out.contains(k.as_str()) {
                out = out.replace(k.as_str(), &self.map[k]);
            }
        }
        self.ts_re.replace_all(&out, "<ts>").into_owned()
    }

    fn apply(&self, value: &Value, key: Option<&str>) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let mut out = Map::new();
                for k in keys {
                    out.insert(k.clone(), self.apply(&map[k.as_str()], Some(k)));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(|v| self.apply(v, key)).collect()),
            Value::String(s) => Value::String(self.sub_str(s, key)),
            other => other.clone(),
        }
    }

    fn pretty(&self, value: &Value) -> String {
        serde_json::to_string_pretty(&self.apply(value, None)).unwrap_or_default()
    }

    /// The normalized transcript text of a record.
    pub fn render(&self, record: &Record) -> String {
        let mut out = vec![
            "=== REQUEST ===".to_owned(),
            format!("{} {}", record.method, record.path),
        ];
        match &record.request {
            None => out.push("(no body)".to_owned()),
            Some(body) => match serde_json::from_slice::<Value>(body) {
                Ok(value) => out.push(self.pretty(&value)),
                Err(_) => out.push(self.sub_str(&String::from_utf8_lossy(body), None)),
            },
        }
        out.push(String::new());
        out.push("=== RESPONSE ===".to_owned());
        out.push(format!("status: {}", record.status));
        out.push(format!("content-type: {}", record.content_type));
        if let Some(note) = &record.note {
            out.push(format!("note: {note}"));
        }
        if record.is_sse() {
            let events = record.events();
            out.push(format!(
                "sse: {} event(s); non-data lines: none",
                events.len()
            ));
            out.push(String::new());
            for (n, event) in events.iter().enumerate() {
                let kind = event.get("type").and_then(Value::as_str).unwrap_or("?");
                out.push(format!("# event {}: {kind}", n + 1));
                out.push(self.pretty(event));
            }
        } else {
            out.push(String::new());
            match record.json() {
                Some(value) => out.push(self.pretty(&value)),
                None => out.push(self.sub_str(&String::from_utf8_lossy(&record.body), None)),
            }
        }
        let mut text = out.join("\n").trim_end_matches('\n').to_owned();
        text.push('\n');
        text
    }
}
