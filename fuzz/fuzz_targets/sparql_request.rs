//! Fuzz target `sparql_request`: see `harness::sparql_request`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::sparql_request(data));
