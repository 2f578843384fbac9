//! Fuzz target `read_html`: see `harness::read_html`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::read_html(data));
