#!/usr/bin/env bash
# Runs the ChatKit server in front of a LangGraph agent, with one command:
#   - LANGGRAPH_API_URL set: the server talks to that LangGraph server;
#   - otherwise: starts the example agent (server/agent, under the real `langgraph dev`; the
#     first run creates its Python venv) and stops it again when the server stops.
# Then serves POST http://127.0.0.1:8004/langgraph/chatkit (HOST/PORT and the other settings
# come from the environment or .env; see `cargo run -p chatkit-server -- --help`).
set -euo pipefail
cd "$(dirname "$0")/.."

# The pages (/ and /console) are embedded when the server is built: build them first.
if [[ ! -f web/dist/index.html ]]; then
  scripts/build-web.sh
fi

if [[ -z "${LANGGRAPH_API_URL:-}" ]]; then
  LANGGRAPH_API_URL=$(scripts/agent.sh start)
  export LANGGRAPH_API_URL
  trap 'scripts/agent.sh stop' EXIT
fi
echo "run: LangGraph at $LANGGRAPH_API_URL" >&2
cargo run --quiet --locked -p chatkit-server -- "$@"
