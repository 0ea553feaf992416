#!/usr/bin/env bash
# Runs every test of the workspace: the Rust tests (unit, integration, doc), the schema drift
# check, and the frontend typing check (needs Node.js and npm; installs its pinned packages).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test (workspace)"
cargo test --workspace --locked

echo "== schema drift check"
cargo run --quiet --locked -p chatkit-schema -- --check

echo "== frontend typing check"
schema/frontend-check/run.sh
