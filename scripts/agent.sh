#!/usr/bin/env bash
# The example agent (server/agent) under the real `langgraph dev` server.
#
#   scripts/agent.sh start   # creates server/agent/.venv on first use (pip, ~20 s), starts the
#                            # server in the background on a free loopback port, waits until it
#                            # answers, prints its URL
#   scripts/agent.sh stop    # stops it (the whole process group)
#   scripts/agent.sh url     # the URL of the running agent
#
# Environment: AGENT_PORT (default: a free port), AGENT_PYTHON (the interpreter that creates the
# venv, default python3, needs ≥ 3.11), AGENT_STATE (pid/url/log files, default target/agent).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
agent="$root/server/agent"
venv="$agent/.venv"
state="${AGENT_STATE:-$root/target/agent}"
python="${AGENT_PYTHON:-python3}"
mkdir -p "$state"

running() { [[ -f "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; }

install() {
  # The venv is (re)filled whenever requirements.txt changes (its hash is kept in the venv).
  local want; want=$(sha256sum "$agent/requirements.txt" | cut -d' ' -f1)
  if [[ -x "$venv/bin/langgraph" && "$(cat "$venv/.requirements.sha" 2>/dev/null)" == "$want" ]]; then
    return
  fi
  if [[ ! -x "$venv/bin/python" ]]; then
    echo "agent: creating $venv (one time)" >&2
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
      echo "agent: $python is older than 3.11; set AGENT_PYTHON" >&2; exit 2; }
    "$python" -m venv "$venv"
  else
    echo "agent: requirements.txt changed: updating $venv" >&2
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$agent/requirements.txt"
  echo "$want" >"$venv/.requirements.sha"
}

start() {
  if running; then cat "$state/url"; return; fi
  install
  local port="${AGENT_PORT:-}"
  if [[ -z "$port" ]]; then
    port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  fi
  local url="http://127.0.0.1:$port"
  # No tracing, analytics or version checks: the agent works offline.
  export LANGSMITH_TRACING=false LANGCHAIN_TRACING_V2=false LANGGRAPH_CLI_NO_ANALYTICS=1 \
    LANGGRAPH_NO_VERSION_CHECK=true PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
  unset LANGSMITH_API_KEY LANGCHAIN_API_KEY || true
  rm -rf "$agent/.langgraph_api"
  (cd "$agent" && exec setsid "$venv/bin/langgraph" dev --no-browser --no-reload \
    --host 127.0.0.1 --port "$port" --n-jobs-per-worker 10 --config langgraph.json \
    </dev/null >"$state/log" 2>&1) &
  echo $! >"$state/pid"
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$url/ok" 2>/dev/null; then
      # `langgraph dev` moves to another port silently when its port is taken.
      if grep -q "already in use" "$state/log"; then
        echo "agent: port $port was taken; see $state/log" >&2; stop; exit 1
      fi
      echo "$url" >"$state/url"
      echo "agent: LangGraph dev server with the example agent at $url (log: $state/log)" >&2
      echo "$url"
      return
    fi
    if ! running; then
      echo "agent: the server exited; its log:" >&2; tail -n 40 "$state/log" >&2; exit 1
    fi
    sleep 0.25
  done
  echo "agent: no answer from $url after 60 s; see $state/log" >&2
  stop
  exit 1
}

stop() {
  running || { rm -f "$state/pid"; return 0; }
  local pid
  pid=$(cat "$state/pid")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$state/pid" "$state/url"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running && cat "$state/url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
