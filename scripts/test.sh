#!/usr/bin/env bash
# Runs every test of the workspace: the schema drift check, the frontend typing check (needs
# Node.js and npm; installs its pinned packages), and the Rust tests (unit, integration, doc).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== schema drift check"
cargo run --quiet --locked -p chatkit-schema -- --check

echo "== frontend typing check"
schema/frontend-check/run.sh

echo "== cargo test (workspace)"
cargo test --workspace --locked
