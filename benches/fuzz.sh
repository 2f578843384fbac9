#!/usr/bin/env bash
# Fuzz every target of fuzz/ for SECONDS each (default 600), one after the
# other, one job: benches/fuzz.sh [SECONDS]
#
# Needs a nightly toolchain (rustup toolchain install nightly); installs
# cargo-fuzz when it is missing. Built without a sanitizer (the code is safe
# Rust; panics, timeouts and memory blow-ups are what is looked for), with
# debug assertions (overflow checks). Limits: 2 GB RSS, 10 s per input.
# FUZZ_TARGETS="extract read_html" picks targets; CARGO_TARGET_DIR defaults
# to ~/.cache/newsgraph/target-cargo-fuzz. The corpus grows in fuzz/corpus/
# (not versioned); an input that fails lands in fuzz/artifacts/TARGET/: keep
# it in tests/data/fuzz/TARGET/ (cargo +nightly fuzz tmin TARGET FILE
# shrinks it), fix the code, and `cargo test --release --test integration
# fuzz_regressions` replays it on stable.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
targets=${FUZZ_TARGETS:-read_txt read_html read_jsonl clean_segment extract sparql_request}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph/target-cargo-fuzz}
flags=(-s none -a)

rustup toolchain list | grep -q '^nightly' || {
  echo "fuzz: no nightly toolchain: rustup toolchain install nightly" >&2
  exit 1
}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz || exit 1

# Seed corpora: the sample articles, small hostile samples, and every input
# kept as a regression. Text targets take a first byte choosing the language.
for t in $targets; do
  corpus=fuzz/corpus/$t
  mkdir -p "$corpus"
  case $t in
    read_txt) cp seeds/*.txt fuzz/seeds/text/* "$corpus"/ ;;
    read_html | read_jsonl | sparql_request) cp fuzz/seeds/"$t"/* "$corpus"/ ;;
    clean_segment | extract)
      for f in seeds/*.txt fuzz/seeds/text/*; do
        for lang in 0 1 2; do
          { printf "\\x3$lang"; cat "$f"; } > "$corpus/$lang-$(basename "$f")"
        done
      done ;;
    *) echo "fuzz: no target $t" >&2; exit 1 ;;
  esac
  [ -d tests/data/fuzz/"$t" ] && cp tests/data/fuzz/"$t"/* "$corpus"/
done

(cd fuzz && cargo +nightly fuzz build "${flags[@]}") || exit 1
failed=()
for t in $targets; do
  echo "fuzz: $t for $seconds s"
  if ! (cd fuzz && cargo +nightly fuzz run "${flags[@]}" "$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 2>&1 | grep --line-buffered -v '^#[0-9]*.*\(NEW\|REDUCE\)'); then
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failures in ${failed[*]}: see fuzz/artifacts/" >&2
  exit 1
fi
echo "fuzz: no failure in $targets"
