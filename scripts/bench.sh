#!/usr/bin/env bash
# Benchmarks chatkit-rs side by side with the Python reference (openai-chatkit 1.6.5) on this
# machine, in one run, and writes BENCHMARKS.md.
#
#   scripts/bench.sh           # the full run (~25 min): release build, 20 s loads, median of 3
#   scripts/bench.sh --smoke   # a minute: debug build, tiny loads, one run, writes target/bench-smoke.md
#
# Servers (all on loopback, started here and stopped at the end):
#   python         bench/python/bench_server.py = the reference server (ref_server.py) as shipped
#   python-cached  the same with its per-request request parser built once (its fair best)
#   rust-memory    our engine (conformance double of the reference) with the memory store
#   rust-sqlite    the same with the SQLite store (a fresh file)
# and, measured once: the carousel widget (ours vs pydantic, bench/python/carousel.py), the delay
# our `chatkit-server` binary adds to LangGraph tokens (a fake LangGraph in chatkit-bench, and the
# example agent under the real `langgraph dev`, scripts/agent.sh), and items.list on an SQLite
# store of 1,000,000 items over 10,000 threads.
# Installed on first use: the Python venv (bench/python/.venv, pip), the `oha` load generator
# (cargo install --locked into bench/.tools), the agent's venv (server/agent/.venv).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
smoke=0
[[ "${1:-}" == "--smoke" ]] && smoke=1

venv=bench/python/.venv
if [[ ! -x $venv/bin/uvicorn ]]; then
  echo "bench: creating $venv (one time)" >&2
  "${BENCH_PYTHON:-python3}" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r bench/python/requirements.txt
fi

oha_version=1.16.0
oha=bench/.tools/bin/oha
if [[ ! -x $oha ]] || [[ "$("$oha" --version)" != "oha $oha_version" ]]; then
  echo "bench: installing oha $oha_version into bench/.tools (one time, ~5 min)" >&2
  # (It does not build without a TLS stack, so its default one comes along.)
  cargo install --quiet --locked --root bench/.tools oha --version "$oha_version"
fi

bins=(-p chatkit-tests -p chatkit-bench -p chatkit-server --bin conformance-server --bin chatkit-bench --bin chatkit-server)
if (( smoke )); then
  profile=debug
  cargo build --quiet --locked "${bins[@]}"
  big=(--big-threads 100 --big-items 50 --big-requests 50)
  args=(--duration 1 --runs 1 --threads 10 --items 10 --list-concurrency 4 --deltas 200 --replies 2 --stream-concurrency 2
        --open-streams 50 --carousel-seconds 0.2 --delay-tokens 20 --out target/bench-smoke.md)
else
  profile=release
  cargo build --quiet --locked --release "${bins[@]}"
  big=()
  args=(--out BENCHMARKS.md)
fi
args+=(--oha "$oha" --python "$venv/bin/python" --delay-binary "target/$profile/chatkit-server" "${big[@]}")

state=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  AGENT_STATE="$state/agent" scripts/agent.sh stop >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT

free_port() { "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits until the endpoint answers a threads.list.
ready() {
  for _ in $(seq 1 200); do
    if curl -fsS -o /dev/null -H 'content-type: application/json' -d '{"type":"threads.list","params":{}}' "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "bench: $1 did not start" >&2
  return 1
}

targets=()
start_python() {  # name, cached
  local port; port=$(free_port)
  (cd bench/python && CHATKIT_BENCH_CACHED=$2 exec "$root/$venv/bin/python" -m uvicorn bench_server:app \
    --host 127.0.0.1 --port "$port" --log-level warning) >"$state/$1.log" 2>&1 &
  pids+=($!)
  ready "http://127.0.0.1:$port/chatkit"
  targets+=(--target "$1=http://127.0.0.1:$port/chatkit@$!")
}
start_rust() {  # name, store
  local port; port=$(free_port)
  "target/$profile/conformance-server" --addr "127.0.0.1:$port" --store "$2" >"$state/$1.log" 2>&1 &
  pids+=($!)
  ready "http://127.0.0.1:$port/chatkit"
  targets+=(--target "$1=http://127.0.0.1:$port/chatkit@$!")
}

# Streams held open (10,000) need as many descriptors on each side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

start_python python 0
start_python python-cached 1
start_rust rust-memory memory
start_rust rust-sqlite "sqlite:$state/bench.db"

# The large SQLite store, written through the store API, then served by its own server.
"target/$profile/chatkit-bench" --seed-sqlite "$state/big.db" "${big[@]}"
sync  # its ~400 MB reach the disk now, not while the other servers are measured
big_port=$(free_port)
"target/$profile/conformance-server" --addr "127.0.0.1:$big_port" --store "sqlite:$state/big.db" >"$state/big.log" 2>&1 &
pids+=($!)
ready "http://127.0.0.1:$big_port/chatkit"
args+=(--big-url "http://127.0.0.1:$big_port/chatkit")

# The example agent under the real `langgraph dev`, for the token delay.
args+=(--langgraph-url "$(AGENT_STATE="$state/agent" scripts/agent.sh start)")

notes=(
  "Date: $(date -u +%Y-%m-%d); machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  "Python: $("$venv/bin/python" --version 2>&1), openai-chatkit $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("openai-chatkit"))'), uvicorn $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("uvicorn"))') (one worker, as the reference runs)"
  "Rust: $(rustc --version) ($profile build); listing load: $("$oha" --version) (closed loop, on the same cores); streams: chatkit-bench (reqwest)"
)
note_args=()
for note in "${notes[@]}"; do note_args+=(--note "$note"); done

"target/$profile/chatkit-bench" "${targets[@]}" "${args[@]}" "${note_args[@]}"
