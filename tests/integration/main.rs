//! One integration-test binary (ripgrep style): the `newsgraph` binary on real
//! inputs, each test in a fresh temporary folder. Tests that write a store
//! need the `rocksdb` feature (the default); the others also run under
//! `cargo test --no-default-features`.

// Without a store, the store tests' helpers have no caller.
#![cfg_attr(not(feature = "rocksdb"), allow(dead_code))]

mod util;

#[cfg(feature = "rocksdb")]
mod cli;
#[cfg(feature = "rocksdb")]
mod counts;
mod docs;
#[cfg(feature = "rocksdb")]
mod english;
mod events;
#[cfg(feature = "rocksdb")]
mod exports;
mod fuzz_regressions;
#[cfg(feature = "rocksdb")]
mod happenings;
#[cfg(feature = "rocksdb")]
mod hostile;
#[cfg(feature = "rocksdb")]
mod hostile_corpus;
#[cfg(feature = "rocksdb")]
mod hostile_rdf;
mod memory;
mod ner;
mod parse;
#[cfg(feature = "rocksdb")]
mod push;
#[cfg(feature = "rocksdb")]
mod quality;
#[cfg(feature = "rocksdb")]
mod reliability;
#[cfg(feature = "rocksdb")]
mod roundtrip;
#[cfg(feature = "rocksdb")]
mod scale;
mod score;
#[cfg(feature = "rocksdb")]
mod serve;
#[cfg(feature = "rocksdb")]
mod serve_cache;
#[cfg(feature = "rocksdb")]
mod stream;
#[cfg(feature = "rocksdb")]
mod view;
