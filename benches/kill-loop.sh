#!/usr/bin/env bash
# The long kill -9 loop: ingest 200 articles (the seeds and development
# articles under fresh ids, JSONL), kill the ingest with SIGKILL after delays
# drawn from a fixed seed, check after each kill that every article graph is
# whole or absent, and that a final run gives the quads of an uninterrupted one.
#   bash benches/kill-loop.sh [KILLS] [SEED]      (defaults: 30, 1)
set -euo pipefail
cd "$(dirname "$0")/.."
NEWSGRAPH_KILLS="${1:-30}" NEWSGRAPH_SEED="${2:-1}" \
  cargo test --release --test integration reliability::kill_loop_long -- --ignored --nocapture
