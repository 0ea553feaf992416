#!/usr/bin/env bash
# Benchmarks chatkit-rs side by side with the Python reference (openai-chatkit 1.6.5) on this
# machine, in one run, and writes BENCHMARKS.md.
#
#   scripts/bench.sh           # the full run (~10 min): release build, 20 s loads, median of 3
#   scripts/bench.sh --smoke   # seconds: debug build, tiny loads, one run, writes target/bench-smoke.md
#
# Servers (all on loopback, started here and stopped at the end):
#   python         bench/python/bench_server.py = the reference server (ref_server.py) as shipped
#   python-cached  the same with its per-request request parser built once (its fair best)
#   rust-memory    our engine (conformance double of the reference) with the memory store
#   rust-sqlite    the same with the SQLite store (a fresh file)
# The Python venv (bench/python/.venv) is created with pip on first use.
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

if (( smoke )); then
  profile=debug
  cargo build --quiet --locked -p chatkit-tests -p chatkit-bench --bin conformance-server --bin chatkit-bench
  args=(--duration 1 --runs 1 --threads 10 --items 10 --list-concurrency 4 --deltas 200 --replies 2 --stream-concurrency 2 --out target/bench-smoke.md)
else
  profile=release
  cargo build --quiet --locked --release -p chatkit-tests -p chatkit-bench --bin conformance-server --bin chatkit-bench
  args=(--out BENCHMARKS.md)
fi

state=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
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

start_python python 0
start_python python-cached 1
start_rust rust-memory memory
start_rust rust-sqlite "sqlite:$state/bench.db"

notes=(
  "Date: $(date -u +%Y-%m-%d); machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  "Python: $("$venv/bin/python" --version 2>&1), openai-chatkit $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("openai-chatkit"))'), uvicorn $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("uvicorn"))') (one worker, as the reference runs)"
  "Rust: $(rustc --version) ($profile build); load generator: chatkit-bench (reqwest, closed loop) on the same cores"
)
note_args=()
for note in "${notes[@]}"; do note_args+=(--note "$note"); done

"target/$profile/chatkit-bench" "${targets[@]}" "${args[@]}" "${note_args[@]}"
