//! One integration-test binary (ripgrep style): the `newsgraph` binary on real
//! inputs, each test in a fresh temporary folder.

mod util;

mod cli;
mod english;
mod ner;
mod quality;
mod roundtrip;
mod serve;
