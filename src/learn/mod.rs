//! The one learner behind every statistical task of newsgraph: feature hashing
//! ([`hash`]), a multiclass averaged perceptron with sparse hashed weights
//! ([`perceptron`]), the deterministic RNG of the training loops ([`rng`]) and
//! the error of their data and model files ([`DataError`]).
//! The entity tagger (`ner`) and the syntax models (`syntax`: UPOS tagger,
//! lemmatiser, dependency parser, contraction splitter) are tasks on it: each
//! defines its features and its decoding; the learning machinery is shared.

pub mod error;
pub mod hash;
pub mod perceptron;
pub mod rng;

pub use error::DataError;
pub use perceptron::{argmax, argmax_where, Trainer, Weights};
pub use rng::SplitMix;
