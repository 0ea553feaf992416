#!/usr/bin/env bash
# Load and soak (bench/src/soak.rs): our chatkit-server binary on SQLite in front of a fake
# LangGraph (in chatkit-bench), sessions of its own cookie each creating a thread and adding
# messages, many at once; zero errors and exact counts (every reply whole, every thread holding
# exactly its messages and answers, every session seeing exactly its thread), and the server's
# RSS read after every round.
#
#   scripts/soak.sh            # the documented run: release build, 1,000 sessions × 10 messages,
#                              # 200 at once, rounds for 10 minutes, RSS growth ≤ 10 % from the
#                              # first round to the last; writes target/soak.md
#   scripts/soak.sh --short    # CI: debug build, one round of 1,000 sessions × 10 messages,
#                              # 200 at once; writes target/soak-short.md
set -euo pipefail
cd "$(dirname "$0")/.."

bins=(-p chatkit-bench -p chatkit-server --bin chatkit-bench --bin chatkit-server)
case "${1:-}" in
  --short)
    cargo build --quiet --locked "${bins[@]}"
    profile=debug
    args=(--soak-seconds 0)
    out=target/soak-short.md
    ;;
  "")
    cargo build --quiet --locked --release "${bins[@]}"
    profile=release
    args=(--soak-seconds 600 --soak-max-rss-growth 10)
    out=target/soak.md
    ;;
  *) echo "usage: $0 [--short]" >&2; exit 2 ;;
esac
"target/$profile/chatkit-bench" --soak --delay-binary "target/$profile/chatkit-server" \
  --soak-sessions 1000 --soak-messages 10 --soak-concurrency 200 "${args[@]}" | tee "$out"
