//! The skip rule itself (`chatkit_tests::skip`): with everything required a test whose service
//! is missing fails, saying what is missing; without it the test passes and its skip is
//! recorded in the log `scripts/test.sh` prints.

use std::process::{Command, Output};

use chatkit_tests::skip::{LOG, SWITCH};

/// Does something only as the child process of the test below: a test whose service is never
/// there.
#[test]
fn a_test_needing_what_is_never_there() {
    if std::env::var("CHATKIT_SKIP_SELF_TEST").is_err() {
        return;
    }
    let Some(_url) = chatkit_tests::skip::env(
        "skips::never_there",
        "CHATKIT_NEVER_SET_URL",
        "nothing sets it",
    ) else {
        return;
    };
    panic!("CHATKIT_NEVER_SET_URL was set");
}

fn run_child(required: &str, log: &std::path::Path) -> Output {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    Command::new(exe)
        .args([
            "--exact",
            "a_test_needing_what_is_never_there",
            "--nocapture",
        ])
        .env("CHATKIT_SKIP_SELF_TEST", "1")
        .env("CHATKIT_NEVER_SET_URL", "")
        .env(SWITCH, required)
        .env(LOG, log)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_skip_fails_when_everything_must_run_and_is_logged_otherwise() {
    let log = std::env::temp_dir().join(format!("chatkit-skips-{}.txt", std::process::id()));
    let _ = std::fs::remove_file(&log);

    let required = run_child("1", &log);
    let output = String::from_utf8_lossy(&required.stderr).into_owned()
        + &String::from_utf8_lossy(&required.stdout);
    assert!(!required.status.success(), "{output}");
    assert!(
        output.contains(
            "CHATKIT_TEST_REQUIRE_ALL=1 but this test cannot run: skips::never_there: CHATKIT_NEVER_SET_URL is not set (nothing sets it)"
        ),
        "{output}"
    );
    assert!(!log.exists(), "a failure is not a skip");

    let allowed = run_child("0", &log);
    assert!(
        allowed.status.success(),
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
    let logged = std::fs::read_to_string(&log).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        logged,
        "skips::never_there: CHATKIT_NEVER_SET_URL is not set (nothing sets it)\n"
    );
    let _ = std::fs::remove_file(&log);
}
