#!/usr/bin/env bash
# The scale benchmark (see benches/scale.py): N articles (default 100,000)
# made from the bench corpus under fresh ids, ingested in chunks of CHUNK
# (default 10,000) into one store; prints ingest speed, the ratio of the store
# writes to oxigraph's own bulk loader on the same quads, peak RSS, store size,
# start-up, and p50/p95 of every canned query from the CLI and through serve
# (the first request, computed, then repeats answered from the result cache,
# and the first request after `serve --warm`).
#   bash benches/scale.sh [N] [CHUNK]
# The corpus: ../shared/bench/corpus.jsonl, or NEWSGRAPH_BENCH_CORPUS=FILE.jsonl.
# NEWSGRAPH_KEEP=1 keeps the temporary folder (the store, the chunks);
# NEWSGRAPH_REPEATS=K runs each canned query K times (default 5);
# NEWSGRAPH_SCALE_QUERIES=0 skips the canned queries (ingest, writes, memory, start-up only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup >/dev/null
cargo build --release --quiet
target="${CARGO_TARGET_DIR:-target}"
NEWSGRAPH_BIN="$target/release/newsgraph" .venv-eval/bin/python benches/scale.py "$@"
