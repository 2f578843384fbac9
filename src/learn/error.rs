//! The one error type of the learned tasks' data and model files (entity
//! tagger, syntax models, event detector): one line, naming file and line.

/// Errors of reading a corpus or a model, or of training.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Format {
        path: String,
        line: usize,
        msg: String,
    },
    #[error("invalid model file: {0}")]
    BadModel(String),
    #[error("model serialisation failed: {0}")]
    Serialize(String),
    #[error("{0}")]
    Config(String),
}
