#!/usr/bin/env bash
# Fuzzes with cargo fuzz (libFuzzer) the code that reads what others send us: request bodies
# (request_decode), widget JSON (widget_decode), LangGraph streams through the parser, the turn
# and the ChatKit mapper (langgraph_events), and `widget!` markup (widget_markup). The targets
# are in tests/fuzz; each corpus (target/fuzz/corpus/<target>) is seeded from the transcripts
# and captures by scripts/fuzz-corpus.py and grows across runs; a crash is written to
# target/fuzz/artifacts/<target>/ and fails the run.
#
#   scripts/fuzz.sh --smoke              # CI: 20 s of each target
#   scripts/fuzz.sh --runs 10000000      # the long run: that many executions of each
#   scripts/fuzz.sh --runs N TARGET...   # only these targets
#   FUZZ_MAX_LEN=2048 scripts/fuzz.sh …  # inputs up to that many bytes (default 8192)
#
# Installs cargo-fuzz into bench/.tools on first use. Builds with the pinned stable toolchain:
# libFuzzer's instrumentation needs no sanitizer (`-s none`; the workspace forbids unsafe code,
# what we look for is panics, overflow — debug assertions are on —, hangs and memory blow-ups),
# and RUSTC_BOOTSTRAP lets cargo-fuzz pass its flags to a stable compiler.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=""
runs=""
case "${1:-}" in
  --smoke) mode=smoke; shift ;;
  --runs) mode=runs; runs=${2:?--runs takes a number}; shift 2 ;;
  *) echo "usage: $0 --smoke | --runs N [TARGET...]" >&2; exit 2 ;;
esac
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(request_decode widget_decode langgraph_events widget_markup)
fi

fuzz_version=0.13.2
tools=bench/.tools
if [[ ! -x $tools/bin/cargo-fuzz ]] || [[ "$("$tools/bin/cargo-fuzz" --version)" != "cargo-fuzz $fuzz_version" ]]; then
  echo "fuzz: installing cargo-fuzz $fuzz_version into $tools (one time, ~3 min)" >&2
  cargo install --quiet --locked --root "$tools" cargo-fuzz --version "$fuzz_version"
fi
export PATH="$PWD/$tools/bin:$PATH" RUSTC_BOOTSTRAP=1

build=target/fuzz/build
echo "== fuzz: building the targets"
# All at once: one target alone is built with other flags, and rebuilds the workspace crates.
cargo fuzz build --fuzz-dir tests/fuzz -s none -O --debug-assertions --codegen-units 16 \
  --target-dir "$build"
python3 scripts/fuzz-corpus.py target/fuzz/corpus >/dev/null

for target in "${targets[@]}"; do
  corpus=target/fuzz/corpus/$target
  artifacts=target/fuzz/artifacts/$target/
  mkdir -p "$corpus" "$artifacts"
  # Inputs up to 8 KiB (the captures' runs of events fit); a LangGraph event over the parser's
  # limit in the target (2 KiB) is in reach.
  flags=(-max_len="${FUZZ_MAX_LEN:-8192}" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts" -print_final_stats=1)
  if [[ $mode == smoke ]]; then flags+=(-max_total_time=20); else flags+=(-runs="$runs"); fi
  log=target/fuzz/$target.log
  echo "== fuzz: $target (${flags[*]:5})"
  start=$SECONDS
  if ! "$build/x86_64-unknown-linux-gnu/release/$target" "$corpus" "${flags[@]}" >"$log" 2>&1; then
    grep -E "panicked|SUMMARY|left:|right:|Test unit written" "$log" >&2 || tail -30 "$log" >&2
    echo "fuzz: $target failed; the input is in $artifacts, the log in $log" >&2
    exit 1
  fi
  done_line=$(grep -E "^Done [0-9]+ runs" "$log" | tail -1)
  echo "$target: $done_line ($((SECONDS - start)) s, corpus $(ls "$corpus" | wc -l) inputs)"
done
