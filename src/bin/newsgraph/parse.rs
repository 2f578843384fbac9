//! `newsgraph parse train|eval`: the UPOS tagger, lemmatiser and dependency parser,
//! and the CoNLL-U output of `extract --format conllu`.

use anyhow::{bail, Context, Result};
use clap::Subcommand;

use crate::parse_lang;
use newsgraph::doc::{Document, Lang};
use newsgraph::syntax::{self, conllu, SyntaxModel};
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ParseCommand {
    /// Train a tagger + lemmatiser + parser on CoNLL-U treebanks (progress per epoch on stderr).
    ///
    /// Example (the shipped French model, from the UD_French-Sequoia, -GSD and -PUD files):
    ///   newsgraph parse train --lang fr --train fr_sequoia-ud-train.conllu
    ///     fr_gsd-ud-dev.conllu fr_pud-ud-test.conllu
    ///     --dev fr_sequoia-ud-dev.conllu -o parse-fr.bin
    #[command(verbatim_doc_comment)]
    Train {
        #[arg(long, value_parser = parse_lang)]
        lang: Lang,
        #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
        train: Vec<PathBuf>,
        /// Development file: selects the best epoch of the tagger and the parser.
        #[arg(long, value_name = "FILE")]
        dev: Vec<PathBuf>,
        /// Most parser epochs.
        #[arg(long, default_value_t = 15)]
        epochs: usize,
        /// Most tagger epochs.
        #[arg(long, default_value_t = 12)]
        tagger_epochs: usize,
        /// Folds for the jackknifed tags the parser is trained on (1 = gold tags).
        #[arg(long, default_value_t = 4)]
        folds: usize,
        /// Seed of the shuffling and exploration.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Drop parser weights below this magnitude (smaller model, see the model cards).
        #[arg(long, default_value_t = 1.0)]
        prune: f32,
        /// Use at most this many sentences of each training file.
        #[arg(long, value_name = "N")]
        max_sentences: Option<usize>,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// UPOS, lemma, UAS and LAS of a model on CoNLL-U files: on gold tokens, and on
    /// the raw `# text` tokenised by newsgraph's own segmenter (word-level F1).
    ///
    /// Example:
    ///   newsgraph parse eval --lang fr tests/data/ud/fr_sequoia-dev.100.conllu
    #[command(verbatim_doc_comment)]
    Eval {
        /// The model file (default: the shipped model of --lang).
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        #[arg(required = true, value_name = "FILE.conllu")]
        files: Vec<PathBuf>,
    },
}

/// Load a model file.
pub fn load_model(path: &PathBuf) -> Result<SyntaxModel> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    SyntaxModel::from_bytes(&bytes)
        .with_context(|| format!("{}: not a syntax model", path.display()))
}

pub fn run(cmd: ParseCommand) -> Result<()> {
    match cmd {
        ParseCommand::Train {
            lang,
            train,
            dev,
            epochs,
            tagger_epochs,
            folds,
            seed,
            max_sentences,
            prune,
            output,
        } => {
            let cfg = syntax::TrainConfig {
                parser_epochs: epochs,
                tagger_epochs,
                folds,
                seed,
                max_sentences_per_file: max_sentences,
                prune,
                ..Default::default()
            };
            let model = syntax::model::train(lang.code(), &train, &dev, &cfg, &mut |msg| {
                eprintln!("newsgraph: {msg}")
            })?;
            let mb = crate::write_model(&output, &model.to_bytes())?;
            let (tf, pf, pw, exc) = model.sizes();
            eprintln!(
                "newsgraph: model written to {} ({mb:.1} MB: tagger {tf} features, parser {pf} features / {pw} weights, {exc} lemma exceptions)",
                output.display(),
            );
            if !dev.is_empty() {
                println!("{}", syntax::eval::evaluate(&model, &dev)?);
            }
        }
        ParseCommand::Eval { model, lang, files } => {
            let owned;
            let model: &SyntaxModel = match (model, lang) {
                (Some(path), _) => {
                    owned = load_model(&path)?;
                    &owned
                }
                (None, Some(lang)) => SyntaxModel::embedded(lang.code())
                    .with_context(|| format!("this build has no {} syntax model", lang.code()))?,
                (None, None) => bail!("give --model FILE or --lang fr|en"),
            };
            println!("{}", syntax::eval::evaluate(model, &files)?);
        }
    }
    Ok(())
}

/// The document's words as CoNLL-U: one sentence per pipeline sentence, `# sent_id`
/// and `# text` comments, multiword-token ranges for split contractions.
pub fn write_conllu(doc: &Document, out: &mut dyn Write) -> Result<()> {
    let mut text = String::new();
    for (si, _) in doc.sentences.iter().enumerate() {
        let words = doc.sentence_words(si);
        let mut s = conllu::Sentence {
            comments: vec![
                format!(
                    "sent_id = {}-{}",
                    doc.article.id.replace(char::is_whitespace, "_"),
                    si + 1
                ),
                format!(
                    "text = {}",
                    doc.sentence_text(si).replace(['\n', '\r'], " ")
                ),
            ],
            ..Default::default()
        };
        let base = words.start;
        let toks = doc.sentences[si].tokens.clone();
        if words.is_empty() {
            // Not parsed (an early --until): the tokens, without analysis.
            for t in toks {
                s.words.push(conllu::Word {
                    form: doc.token_text(t).to_string(),
                    ..Default::default()
                });
            }
        }
        for wi in words.clone() {
            let w = &doc.words[wi];
            let id = wi - base + 1;
            let same = doc.words_of_token(w.token);
            let next_start = doc.tokens.get(w.token + 1).map(|t| t.span.start);
            let space_after = next_start.is_none_or(|n| n > doc.tokens[w.token].span.end);
            let no_space = if space_after { "" } else { "SpaceAfter=No" };
            let multi = same.len() > 1;
            if multi && same.start == wi {
                s.mwts.push(conllu::MultiwordToken {
                    first: id,
                    last: id + same.len() - 1,
                    form: doc.token_text(w.token).to_string(),
                    misc: no_space.into(),
                });
            }
            s.words.push(conllu::Word {
                form: w.form.clone(),
                lemma: w.lemma.clone(),
                upos: w.upos.as_str().to_string(),
                xpos: String::new(),
                feats: String::new(),
                head: w.head.map_or(0, |h| h - base + 1),
                deprel: w.deprel.clone(),
                deps: String::new(),
                misc: if multi {
                    String::new()
                } else {
                    no_space.into()
                },
            });
        }
        if s.words.is_empty() {
            continue;
        }
        conllu::write_sentence(&s, &mut text);
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}
