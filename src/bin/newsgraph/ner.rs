//! `newsgraph ner train|eval`: the statistical entity tagger on CoNLL files
//! (TOKEN<TAB>TAG, IOB2).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;

use crate::parse_lang;
use newsgraph::doc::Lang;

#[derive(Subcommand)]
pub enum NerCommand {
    /// Train a tagger on TOKEN<TAB>TAG files (IOB2, PER ORG LOC MISC).
    ///
    /// Example:
    ///   newsgraph ner train --lang fr --train train.conll --dev tests/data/ner/fr/sequoia.dev.conll
    ///     -o my-ner-fr.bin
    #[command(verbatim_doc_comment)]
    Train {
        #[arg(long, value_parser = parse_lang)]
        lang: Lang,
        #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
        train: Vec<PathBuf>,
        /// Development files for early stopping.
        #[arg(long, value_name = "FILE")]
        dev: Vec<PathBuf>,
        /// Folder of the curated lexicons (ontology/).
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
        /// Most epochs (default: the shipped model's setting for the language).
        #[arg(long)]
        epochs: Option<usize>,
        /// Seed of the shuffling (default: the shipped model's setting).
        #[arg(long)]
        seed: Option<u64>,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Precision, recall and F1 per type (exact spans) of a model on CoNLL files.
    ///
    /// Examples:
    ///   newsgraph ner eval --lang fr tests/data/ner/fr/sequoia.dev.conll
    ///   newsgraph ner eval --model my-ner-fr.bin tests/data/ner/fr/sequoia.dev.conll
    #[command(verbatim_doc_comment)]
    Eval {
        /// The model file (default: the shipped model of --lang).
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        #[arg(required = true, value_name = "FILE.conll")]
        files: Vec<PathBuf>,
    },
}

pub fn run(cmd: NerCommand) -> Result<()> {
    use newsgraph::ner::{self, EntityKind, NerModel, TrainConfig};
    match cmd {
        NerCommand::Train {
            lang,
            train,
            dev,
            lexicon,
            epochs,
            seed,
            output,
        } => {
            // The shipped models' settings, unless the flags say otherwise.
            let mut cfg = TrainConfig::preset(lang.code());
            if let Some(epochs) = epochs {
                cfg.epochs = epochs;
            }
            if let Some(seed) = seed {
                cfg.seed = seed;
            }
            let model = ner::train(
                lang.code(),
                &train,
                &dev,
                lexicon.as_deref(),
                &cfg,
                &mut |msg| eprintln!("newsgraph: {msg}"),
            )?;
            let file = File::create(&output)
                .with_context(|| format!("{}: cannot create", output.display()))?;
            model.save(BufWriter::new(file))?;
            eprintln!("newsgraph: model written to {}", output.display());
            if !dev.is_empty() {
                let report = ner::evaluate(&model, &dev)?;
                println!("{report}");
            }
        }
        NerCommand::Eval { model, lang, files } => {
            let model = match (model, lang) {
                (Some(path), _) => {
                    let bytes = std::fs::read(&path)
                        .with_context(|| format!("{}: cannot read", path.display()))?;
                    NerModel::from_bytes(&bytes)
                        .with_context(|| format!("{}: not a tagger model", path.display()))?
                }
                (None, Some(lang)) => {
                    let shipped: &Path = Path::new(match lang {
                        Lang::Fr => "ontology/models/ner-fr.bin",
                        Lang::En => "ontology/models/ner-en.bin",
                    });
                    let bytes = std::fs::read(shipped).with_context(|| {
                        format!(
                            "{}: cannot read (run from the repository, or pass --model)",
                            shipped.display()
                        )
                    })?;
                    NerModel::from_bytes(&bytes)?
                }
                (None, None) => bail!("give --model FILE or --lang fr|en"),
            };
            let report = ner::evaluate(&model, &files)?;
            println!("{report}");
            println!(
                "PER+ORG+LOC micro F1: {:.4}",
                report.typed_f1(&[EntityKind::Per, EntityKind::Org, EntityKind::Loc])
            );
        }
    }
    Ok(())
}
