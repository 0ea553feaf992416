//! Tests that need something outside the project (a PostgreSQL server, the example agent under
//! `langgraph dev`, Chromium, the built web pages) and what they do when it is missing.
//!
//! With [`SWITCH`] set to `1` — `scripts/test.sh` sets it, and so `.ci/run` — everything must
//! run: a test that would skip fails instead, saying what is missing and how to provide it.
//! Without it the test skips, prints why, and appends one line to the skip log
//! ([`LOG`], by default `target/test-skips.txt`), which `scripts/test.sh --allow-skips` prints
//! at the end of the run (the test runner swallows the output of passing tests).

use std::io::Write;
use std::path::PathBuf;

/// `1`: every test must run; a missing service or tool fails the test.
pub const SWITCH: &str = "CHATKIT_TEST_REQUIRE_ALL";

/// The file skipped tests are appended to (one line each).
pub const LOG: &str = "CHATKIT_TEST_SKIP_LOG";

/// Whether everything must run ([`SWITCH`] is `1`).
pub fn required() -> bool {
    std::env::var(SWITCH).as_deref() == Ok("1")
}

/// Where skips are recorded: [`LOG`], or `target/test-skips.txt` of the workspace.
fn log_path() -> PathBuf {
    std::env::var_os(LOG).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/test-skips.txt"),
        PathBuf::from,
    )
}

/// `test` cannot run because `missing`; `how` says how to provide it.
///
/// Under [`SWITCH`] this panics (the test fails); otherwise it records the skip and returns,
/// and the test returns right after.
///
/// # Panics
///
/// When everything must run.
pub fn skip(test: &str, missing: &str, how: &str) {
    let line = format!("{test}: {missing} ({how})");
    assert!(!required(), "{SWITCH}=1 but this test cannot run: {line}");
    eprintln!("\n*** SKIPPED {line} ***\n");
    let path = log_path();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // One short `O_APPEND` write per skip: lines of tests running at once do not interleave.
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(format!("{line}\n").as_bytes()));
    if let Err(error) = written {
        eprintln!("could not record the skip in {}: {error}", path.display());
    }
}

/// The value of the environment variable `name`, or a [`skip`] of `test` when it is unset or
/// empty (`how`: who sets it).
pub fn env(test: &str, name: &str, how: &str) -> Option<String> {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => Some(value),
        _ => {
            skip(test, &format!("{name} is not set"), how);
            None
        }
    }
}

/// The URL of the scratch PostgreSQL database for `test` (`CHATKIT_TEST_POSTGRES_URL`).
pub fn postgres(test: &str) -> Option<String> {
    env(
        test,
        "CHATKIT_TEST_POSTGRES_URL",
        "scripts/test.sh creates a scratch database on the PostgreSQL at CHATKIT_TEST_POSTGRES_ADMIN_URL, by default postgres://postgres@127.0.0.1:5432/postgres",
    )
}

/// The URL of the example agent under `langgraph dev` for `test` (`CHATKIT_E2E_LANGGRAPH_URL`).
pub fn agent(test: &str) -> Option<String> {
    env(
        test,
        "CHATKIT_E2E_LANGGRAPH_URL",
        "scripts/test.sh starts the example agent with scripts/agent.sh",
    )
}
