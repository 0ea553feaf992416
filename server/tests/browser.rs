//! The pages in a real browser: `web/tests/console.mjs` (playwright-core, Debian's Chromium)
//! drives the `chatkit-server` binary in front of the example agent under `langgraph dev`, and a
//! second one in front of the docs-style `create_agent` + `HumanInTheLoopMiddleware` graph.
//! Needs the built pages, Node.js with `web/node_modules`, Chromium and the agent
//! (`scripts/test.sh` provides all but Chromium, which `.ci/run` installs); without them the test
//! skips (`chatkit_tests::skip`), or fails when everything must run (`CHATKIT_TEST_REQUIRE_ALL=1`,
//! as `scripts/test.sh` sets).

mod support;

use std::path::Path;
use std::process::Command;

use support::binary::Binary;

const TEST: &str = "browser (the console in Chromium)";

/// What is missing to run the test, and how to provide it.
fn missing() -> Option<(String, &'static str)> {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !web.join("dist/console.html").exists() {
        Some(("the pages are not built".into(), "scripts/build-web.sh"))
    } else if !web.join("node_modules/playwright-core").exists() {
        Some((
            "web/node_modules is not installed".into(),
            "scripts/build-web.sh",
        ))
    } else if !Path::new(&chromium).exists() {
        Some((
            format!("no Chromium at {chromium}"),
            "apt-get install chromium, as .ci/run does, or set CHROMIUM",
        ))
    } else {
        None
    }
}

#[test]
fn the_console_works_in_a_browser() {
    let Some(agent) = chatkit_tests::skip::agent(TEST) else {
        return;
    };
    if let Some((what, how)) = missing() {
        return chatkit_tests::skip::skip(TEST, &what, how);
    }
    let binary = Binary::start(&agent, &[]);
    // The same agent server's docs-style HITL agent, for the review form.
    let hitl = Binary::start(&agent, &[("LANGGRAPH_ASSISTANT_ID", "hitl_agent")]);
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/artifacts/browser");
    let _ = std::fs::remove_dir_all(&artifacts);
    let output = Command::new("node")
        .arg("tests/console.mjs")
        .arg(&binary.url)
        .arg(&artifacts)
        .arg(&hitl.url)
        .current_dir(&web)
        .output()
        .unwrap_or_else(|e| panic!("running node: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "the browser test failed:\n{stdout}\n{stderr}"
    );
    for shot in [
        "console-light.png",
        "console-dark.png",
        "gallery-light.png",
        "gallery-dark.png",
    ] {
        let size = std::fs::metadata(artifacts.join(shot))
            .map(|m| m.len())
            .unwrap_or(0);
        assert!(size > 10_000, "{shot} is a real screenshot ({size} bytes)");
    }
}
