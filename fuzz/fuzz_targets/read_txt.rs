//! Fuzz target `read_txt`: see `harness::read_txt`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::read_txt(data));
