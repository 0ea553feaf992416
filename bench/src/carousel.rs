//! Building and serializing a 50-picture carousel: our `widget!` against the Python SDK's pydantic
//! widgets (`bench/python/carousel.py`), which first checks that both give the same JSON.

use std::hint::black_box;
use std::time::{Duration, Instant};

use anyhow::Context;
use chatkit_sdk::{WidgetRoot, to_wire_json, widget};
use chatkit_server::widgets::{CarouselItem, ImageCarousel};
use serde_json::{Value, json};

/// Nanoseconds per build + serialize, for both sides.
#[derive(Debug, Clone, Default)]
pub struct Carousel {
    /// Pictures in the carousel.
    pub items: usize,
    /// Bytes of JSON.
    pub bytes: usize,
    /// Ours, median of the runs.
    pub rust_ns: f64,
    /// pydantic, median of the runs.
    pub python_ns: f64,
}

/// The pictures (every other one with a subtitle, as in the widget tests).
fn items(n: usize) -> Vec<CarouselItem> {
    ImageCarousel::numbered(n).items
}

fn build_and_serialize(items: Vec<CarouselItem>) -> anyhow::Result<String> {
    let card = widget! { <ImageCarousel items={items} /> };
    // As the server writes it into a `thread.item.done` event.
    Ok(to_wire_json(&WidgetRoot::from(card))?)
}

/// Measures ours for `seconds` per run, `runs` runs, and asks `python` (the venv's interpreter)
/// to run `script` on the same input.
pub fn measure(
    python: &str,
    script: &str,
    n: usize,
    seconds: f64,
    runs: usize,
) -> anyhow::Result<Carousel> {
    let source = items(n);
    let expected = build_and_serialize(source.clone())?;
    let budget = Duration::from_secs_f64(seconds);
    let mut per_run = Vec::new();
    for _ in 0..runs {
        let (mut timed, mut count) = (Duration::ZERO, 0u64);
        while timed < budget {
            // The input is copied outside the clock: Python's loop builds from the same item
            // dicts every time (its strings are shared, never copied), so ours starts from
            // items it owns. Dropping the widget (and the strings moved into it) is timed.
            let items = source.clone();
            let started = Instant::now();
            black_box(build_and_serialize(black_box(items))?);
            timed += started.elapsed();
            count += 1;
        }
        per_run.push(timed.as_nanos() as f64 / count as f64);
    }
    per_run.sort_by(f64::total_cmp);

    let dir = tempfile::tempdir()?;
    let items_file = dir.path().join("items.json");
    let expected_file = dir.path().join("expected.json");
    let items_json: Vec<Value> = source
        .iter()
        .map(|i| json!({"title": i.title, "subtitle": i.subtitle, "image_url": i.image_url, "link_url": i.link_url}))
        .collect();
    std::fs::write(&items_file, serde_json::to_string(&items_json)?)?;
    std::fs::write(&expected_file, &expected)?;
    let output = std::process::Command::new(python)
        .arg(script)
        .arg("--items")
        .arg(&items_file)
        .arg("--expect")
        .arg(&expected_file)
        .args([
            "--seconds",
            &seconds.to_string(),
            "--runs",
            &runs.to_string(),
        ])
        .output()
        .with_context(|| format!("running {script}"))?;
    anyhow::ensure!(
        output.status.success(),
        "{script} failed (the Python JSON differs?): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).context("carousel.py's report")?;
    anyhow::ensure!(
        report["key_order_matches"] == true,
        "the Python carousel has the same values but another key order"
    );
    Ok(Carousel {
        items: n,
        bytes: expected.len(),
        rust_ns: per_run[per_run.len() / 2],
        python_ns: report["ns_per_op_median"].as_f64().unwrap_or(0.0),
    })
}
