//! The example agent's own `runs/stream` answers (`tests/data/langgraph/agent`, written by
//! `scripts/capture-agent.py` from `server/agent` under the real `langgraph dev`), and its answer
//! to any resume value, derived from the captured one the way the agent words it.

use serde_json::{Value, json};

/// The scenarios captured, each as the steps of one thread: a user message, or the JSON of
/// `{"resume": value}` (a step starting with `{`). The same list as `scripts/capture-agent.py`.
pub const SCENARIOS: [(&str, &[&str]); 5] = [
    ("pay-interrupt", &["pay my installment"]),
    (
        "pay-resume",
        &["pay my installment", r#"{"resume": "yes"}"#],
    ),
    ("transfer-form", &["transfer some money"]),
    (
        "transfer-resume",
        &[
            "transfer some money",
            r#"{"resume": {"amount": "120", "note": "Ενοίκιο"}}"#,
        ],
    ),
    ("balance-widget", &["show my balance widget"]),
];

/// The `runs/stream` body `chatkit-server` sends for a step of [`SCENARIOS`].
pub fn run_body(step: &str) -> Value {
    let mut body = json!({
        "assistant_id": "agent",
        "stream_mode": ["messages-tuple", "updates", "custom"],
        "stream_resumable": true,
        "on_disconnect": "cancel",
    });
    if step.starts_with('{') {
        let command: Value = serde_json::from_str(step).unwrap_or_else(|e| panic!("{step}: {e}"));
        body["command"] = command;
    } else {
        let id = format!("msg_{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
        body["input"] = json!({"messages": [{"role": "user", "content": step, "id": id}]});
    }
    body
}

/// A captured or live event with what changes from run to run (ids, the server's URL)
/// replaced by `<id>`.
pub fn normalized(event: &str) -> (String, Value) {
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    if [
                        "id",
                        "run_id",
                        "thread_id",
                        "assistant_id",
                        "langgraph_api_url",
                        "checkpoint_ns",
                        "langgraph_checkpoint_ns",
                        "message_id",
                    ]
                    .contains(&key.as_str())
                    {
                        *value = json!("<id>");
                    } else {
                        walk(value);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let (name, mut data) = parse(event);
    walk(&mut data);
    // A subgraph's events name its namespace: `messages|researcher:<task id>`.
    let name = name
        .split('|')
        .map(|part| match part.split_once(':') {
            Some((node, _)) => format!("{node}:<id>"),
            None => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("|");
    (name, data)
}

fn path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/langgraph/agent")
        .join(format!("{name}.txt"))
}

/// The request body of a capture.
pub fn request(name: &str) -> Value {
    let text = std::fs::read_to_string(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let body = text
        .split_once("\n\n")
        .and_then(|(_, rest)| rest.split_once("\n### RESPONSE\n"))
        .map(|(body, _)| body)
        .unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: the request: {e}"))
}

/// The SSE events of a capture as `event: …\r\ndata: …`, without their `id:` lines (the fake
/// numbers events itself).
pub fn events(name: &str) -> Vec<String> {
    super::split_events(&super::capture_body_at(&path(name)))
}

/// The interrupts a run's events stop at: (id, value).
pub fn interrupts_in(events: &[String]) -> Vec<(String, Value)> {
    events
        .iter()
        .map(|e| parse(e))
        .filter(|(name, _)| name == "updates" || name == "values")
        .flat_map(|(_, data)| {
            data["__interrupt__"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|i| {
            (
                i["id"].as_str().unwrap_or_default().to_owned(),
                i["value"].clone(),
            )
        })
        .collect()
}

/// The id of the interrupt a capture stops at.
pub fn interrupt_id(name: &str) -> String {
    interrupts_in(&events(name))
        .first()
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("{name} stops at no interrupt"))
}

/// A captured event's name and data.
pub fn parse(event: &str) -> (String, Value) {
    let field = |prefix: &str| {
        event
            .split("\r\n")
            .find_map(|line| line.strip_prefix(prefix))
            .unwrap_or_default()
            .to_owned()
    };
    let data = serde_json::from_str(&field("data: ")).unwrap_or(Value::Null);
    (field("event: "), data)
}

/// A value as Python's `json.dumps(value, ensure_ascii=False, sort_keys=True)` writes it (what
/// the agent does with a resume value that is not a string).
pub fn python_json(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let fields: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}: {}", Value::from(k.as_str()), python_json(&map[k])))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(python_json).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// What the agent keeps as the answer of a resume value (a yes/no answer as yes or no).
pub fn answer_of(value: &Value) -> String {
    match value {
        Value::Bool(yes) => if *yes { "yes" } else { "no" }.to_owned(),
        Value::String(text) => text.clone(),
        other => python_json(other),
    }
}

/// The agent's reply after a resume with `value`.
pub fn resume_reply(value: &Value) -> String {
    format!("Your answer: {}. Done.", answer_of(value))
}

/// The agent's run after a resume with `value`: the captured resume (`pay-resume`) with the
/// answer and the reply it gives to `value` instead of the captured one, streamed word by word
/// as the agent streams it.
pub fn resume_events(value: &Value) -> Vec<String> {
    let captured = request("pay-resume")["command"]["resume"].clone();
    let (old_answer, new_answer) = (answer_of(&captured), answer_of(value));
    let (old_reply, new_reply) = (resume_reply(&captured), resume_reply(value));
    let mut out = Vec::new();
    let mut streamed = false;
    for event in events("pay-resume") {
        let (name, mut data) = parse(&event);
        if name == "messages" && data[0]["content"].as_str().is_some_and(|c| !c.is_empty()) {
            // The captured words: the new reply's words in their place (the first one's frame).
            if !std::mem::replace(&mut streamed, true) {
                for word in new_reply.split_inclusive(' ') {
                    data[0]["content"] = json!(word);
                    out.push(format!("event: messages\r\ndata: {data}"));
                }
            }
            continue;
        }
        replace_strings(
            &mut data,
            &[(&old_answer, &new_answer), (&old_reply, &new_reply)],
        );
        out.push(format!("event: {name}\r\ndata: {data}"));
    }
    assert!(streamed, "the captured resume streams its reply");
    out
}

/// Replaces every string equal to one of `pairs`' first with its second.
fn replace_strings(value: &mut Value, pairs: &[(&str, &str)]) {
    match value {
        Value::String(s) => {
            if let Some((_, new)) = pairs.iter().find(|(old, _)| old == s) {
                *s = (*new).to_owned();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_strings(v, pairs)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_strings(v, pairs)),
        _ => {}
    }
}

/// The JSON answer of a request to LangGraph.
async fn lg_json(request: reqwest::RequestBuilder) -> Value {
    request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The LangGraph thread of a ChatKit thread as `/threads/search` finds it (`thread_id`,
/// `metadata`, …): panics when there is none.
pub async fn lg_thread_found(agent: &str, thread: &Value) -> Value {
    let found = lg_json(
        reqwest::Client::new()
            .post(format!("{agent}/threads/search"))
            .json(&json!({"metadata": {"chatkit_thread_id": thread}, "limit": 1})),
    )
    .await;
    if found[0]["thread_id"].as_str().is_none() {
        panic!("no LangGraph thread for {thread}: {found}");
    }
    found[0].clone()
}

/// The LangGraph thread of a ChatKit thread: its metadata and state.
pub async fn lg_thread(agent: &str, thread: &Value) -> (Value, Value) {
    let found = lg_thread_found(agent, thread).await;
    let id = found["thread_id"].as_str().unwrap_or_default();
    let state = lg_json(reqwest::Client::new().get(format!("{agent}/threads/{id}/state"))).await;
    (found["metadata"].clone(), state)
}
