//! `newsgraph events train|eval`: the trained event detector on the annotated
//! sentences of `tests/data/events/` (one JSON object a line, see its README).

use anyhow::{bail, Context, Result};
use clap::Subcommand;

use crate::parse_lang;
use newsgraph::doc::Lang;
use newsgraph::events::detector::{load_instances, Detector, TrainOptions};
use newsgraph::pipeline::Pipeline;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum EventsCommand {
    /// Train the event detector on annotated sentences (JSONL; progress per epoch on stderr).
    ///
    /// Example (the shipped English model):
    ///   newsgraph events train --lang en --train tests/data/events/en.train.jsonl
    ///     --dev tests/data/events/en.dev.jsonl -o ontology/models/events-en.bin
    #[command(verbatim_doc_comment)]
    Train {
        #[arg(long, value_parser = parse_lang)]
        lang: Lang,
        #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
        train: Vec<PathBuf>,
        /// Development file: selects the best epoch and is scored at the end.
        #[arg(long, value_name = "FILE")]
        dev: Vec<PathBuf>,
        /// Most epochs.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Seed of the shuffling.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Drop averaged weights below this magnitude (smaller model).
        #[arg(long, default_value_t = 0.05)]
        prune: f32,
        /// Weight of an update on a missed event (events are rare among candidates).
        #[arg(long, default_value_t = 4.0)]
        positive_weight: f32,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Precision, recall and F1 per PLOVER type of trigger detection (the trigger's
    /// head word), micro-averaged over types, and untyped ("is an event").
    ///
    /// Example:
    ///   newsgraph events eval --lang fr tests/data/events/fr.dev.jsonl
    #[command(verbatim_doc_comment)]
    Eval {
        /// The model file (default: the shipped model of --lang).
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        #[arg(required = true, value_name = "FILE.jsonl")]
        files: Vec<PathBuf>,
    },
}

pub fn run(cmd: EventsCommand) -> Result<()> {
    let pipeline = Pipeline::new()?;
    match cmd {
        EventsCommand::Train {
            lang,
            train,
            dev,
            epochs,
            seed,
            prune,
            positive_weight,
            output,
        } => {
            let res = pipeline.resources(lang);
            let analyse = |t: &str| pipeline.analyse_text(t, lang);
            let train_x = load_instances(&train, res, &analyse)?;
            let dev_x = load_instances(&dev, res, &analyse)?;
            let count = |x: &[newsgraph::events::detector::Instance]| {
                let events = x.iter().filter(|i| i.class > 0).count();
                let missed = x.iter().filter(|i| i.feats.is_empty()).count();
                format!(
                    "{} candidates, {events} events ({missed} without a candidate head)",
                    x.len()
                )
            };
            eprintln!(
                "newsgraph: train {}; dev {}",
                count(&train_x),
                count(&dev_x)
            );
            let model = Detector::train(
                lang,
                &train_x,
                &dev_x,
                &TrainOptions {
                    epochs,
                    seed,
                    prune,
                    positive_weight,
                },
                &mut |m| eprintln!("newsgraph: {m}"),
            );
            let mb = crate::write_model(&output, &model.to_bytes())?;
            eprintln!(
                "newsgraph: model written to {} ({} weights, {mb:.2} MB)",
                output.display(),
                model.n_weights(),
            );
            if !dev_x.is_empty() {
                for t in [-20.0f32, -10.0, -5.0, 0.0, 5.0, 10.0, 20.0] {
                    let r = model.evaluate_at(&dev_x, t);
                    eprintln!(
                        "newsgraph: margin > {t}: dev typed F1 {:.3}, untyped F1 {:.3}",
                        r.micro().f1(),
                        r.untyped.f1()
                    );
                }
                print!("{}", model.evaluate(&dev_x));
            }
        }
        EventsCommand::Eval { model, lang, files } => {
            let owned;
            let model: &Detector = match (model, lang) {
                (Some(path), _) => {
                    let bytes = std::fs::read(&path)
                        .with_context(|| format!("{}: cannot read", path.display()))?;
                    owned = Detector::from_bytes(&bytes)
                        .with_context(|| format!("{}", path.display()))?;
                    &owned
                }
                (None, Some(lang)) => match Detector::embedded(lang) {
                    Some(d) => d,
                    None => bail!("no shipped event detector for {}", lang.code()),
                },
                (None, None) => bail!("give --model FILE or --lang fr|en"),
            };
            let lang = Lang::from_code(model.lang()).unwrap_or(Lang::En);
            let res = pipeline.resources(lang);
            let analyse = |t: &str| pipeline.analyse_text(t, lang);
            let data = load_instances(&files, res, &analyse)?;
            print!("{}", model.evaluate(&data));
        }
    }
    Ok(())
}
