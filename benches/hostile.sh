#!/usr/bin/env bash
# Figures for the hostile-file corpus (tests/integration/hostile.rs): each kind
# ingested alone under GNU time (`/usr/bin/time -v`), one table row per kind:
# wall time, peak RSS, exit status, the first message. The corpus is the one
# the reliability tests generate. Needs GNU time (`apt-get install -y time`).
# As root, the unreadable file and folder cannot be made and are left out.
#   bash benches/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time: apt-get install -y time" >&2
  exit 1
fi
cargo test --release --test integration hostile::hostile_figures -- --ignored --nocapture --test-threads 1 2>/dev/null \
  | grep -E '^(\||\()'
