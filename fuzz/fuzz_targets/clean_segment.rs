//! Fuzz target `clean_segment`: see `harness::clean_segment`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::clean_segment(data));
