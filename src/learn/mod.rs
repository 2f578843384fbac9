//! The one learner behind every statistical task of newsgraph: feature hashing
//! ([`hash`]), a multiclass averaged perceptron with sparse hashed weights
//! ([`perceptron`]) and the deterministic RNG of the training loops ([`rng`]).
//! The entity tagger (`ner`) and the syntax models (`syntax`: UPOS tagger,
//! lemmatiser, dependency parser, contraction splitter) are tasks on it: each
//! defines its features and its decoding; the learning machinery is shared.

pub mod hash;
pub mod perceptron;
pub mod rng;

pub use perceptron::{argmax, argmax_where, Trainer, Weights};
pub use rng::SplitMix;
