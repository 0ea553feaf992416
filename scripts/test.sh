#!/usr/bin/env bash
# Runs every test of the workspace: the schema drift check, the frontend typing check (needs
# Node.js and npm; installs its pinned packages), and the Rust tests (unit, integration, doc,
# trybuild), with the end-to-end tests against the example agent under the real `langgraph dev`
# (needs Python ≥ 3.11; scripts/agent.sh creates its venv with pip on first use). Ends with one
# line totalling the Rust test results.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== schema drift check"
cargo run --quiet --locked -p chatkit-schema -- --check

echo "== frontend typing check"
schema/frontend-check/run.sh

echo "== web pages (web/, embedded in the server)"
scripts/build-web.sh

echo "== example agent (langgraph dev) for the end-to-end tests"
log=$(mktemp)
trap 'rm -f "$log"; scripts/agent.sh stop' EXIT
CHATKIT_E2E_LANGGRAPH_URL=$(scripts/agent.sh start)
export CHATKIT_E2E_LANGGRAPH_URL CHATKIT_E2E_REQUIRED=1

echo "== cargo test (workspace)"
cargo test --workspace --locked 2>&1 | tee "$log"

# Doc-test runs of crates without doc tests close on "0 passed"; total every run instead.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "total: %d passed, %d failed\n", p, f }' "$log"
