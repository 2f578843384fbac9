//! `newsgraph completions` and `newsgraph man`: shell completion scripts and
//! manual pages, generated from the clap definition of the command line, so
//! they never disagree with `--help`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

/// Print a shell completion script for newsgraph.
///
/// Examples:
///   newsgraph completions bash > ~/.local/share/bash-completion/completions/newsgraph
///   newsgraph completions zsh > ~/.zfunc/_newsgraph    # with fpath+=~/.zfunc
///   newsgraph completions fish > ~/.config/fish/completions/newsgraph.fish
#[derive(Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Print the manual page (roff), or write one page per command into a folder.
///
/// Examples:
///   newsgraph man > newsgraph.1 && man -l newsgraph.1
///   newsgraph man --dir ~/.local/share/man/man1    # newsgraph.1, newsgraph-ingest.1, …
#[derive(Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// Write newsgraph.1 and a page per subcommand (newsgraph-ingest.1 …) here.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs, mut cmd: clap::Command) -> Result<()> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "newsgraph", &mut out);
    out.flush()?;
    Ok(())
}

pub fn man(args: ManArgs, cmd: clap::Command) -> Result<()> {
    match args.dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create", dir.display()))?;
            clap_mangen::generate_to(cmd, &dir)
                .with_context(|| format!("{}: cannot write the pages", dir.display()))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
