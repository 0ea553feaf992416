//! The check that the captures a replay serves are what the graphs stream now: each scenario's
//! steps run again against the real `langgraph dev`, and their events (ids aside) must be the
//! captured ones.

use serde_json::{Value, json};

/// How a scenario's steps are sent again.
pub struct Rerun<'a> {
    /// The captures' folder under `tests/data/langgraph`.
    pub folder: &'a str,
    /// The re-capture command the failure names.
    pub script: &'a str,
    /// Compare the events as a multiset (parallel branches finish in either order).
    pub unordered: bool,
    /// Adjusts a captured request for the live thread (its state after the previous step);
    /// `false` stops the scenario there.
    pub prepare: &'a dyn Fn(&str, usize, &mut Value, &Value) -> bool,
}

/// Runs every scenario of `rerun.folder` against `agent`.
pub async fn check(agent: &str, rerun: Rerun<'_>) {
    let http = reqwest::Client::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/langgraph")
        .join(rerun.folder);
    let mut scenarios: Vec<String> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    scenarios.sort();
    assert!(scenarios.len() >= 10, "{scenarios:?}");
    for scenario in &scenarios {
        let thread = uuid::Uuid::new_v4().to_string();
        http.post(format!("{agent}/threads"))
            .json(&json!({"thread_id": thread}))
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .unwrap_or_else(|e| panic!("{scenario}: {e}"));
        let mut live_state = json!({"interrupts": []});
        for step in (1..).take_while(|n| {
            super::replay::dir(scenario)
                .join(format!("{n:02}-run.txt"))
                .exists()
        }) {
            let mut body = super::replay::request(scenario, step);
            if !(rerun.prepare)(scenario, step, &mut body, &live_state) {
                break;
            }
            let text = http
                .post(format!("{agent}/threads/{thread}/runs/stream"))
                .json(&body)
                .send()
                .await
                .and_then(|r| r.error_for_status())
                .unwrap_or_else(|e| panic!("{scenario} step {step}: {e}"))
                .text()
                .await
                .unwrap_or_else(|e| panic!("{scenario} step {step}: {e}"));
            let normalized = |events: Vec<String>| {
                let mut events: Vec<String> = events
                    .iter()
                    .map(|e| super::agent::python_json(&json!(super::agent::normalized(e))))
                    .collect();
                if rerun.unordered {
                    events.sort();
                }
                events
            };
            let live = normalized(super::split_events(&text));
            let captured = normalized(super::replay::events(scenario, step));
            let differs = live.iter().zip(&captured).find(|(l, c)| l != c);
            assert!(
                live.len() == captured.len() && differs.is_none(),
                "{scenario} step {step}: the graph changed (refresh with {}): {} events live, {} captured; first difference: {differs:?}",
                rerun.script,
                live.len(),
                captured.len()
            );
            live_state = http
                .get(format!("{agent}/threads/{thread}/state"))
                .send()
                .await
                .and_then(|r| r.error_for_status())
                .unwrap_or_else(|e| panic!("{e}"))
                .json()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
