//! Shell completions and manual pages, generated from the command line's
//! definition: every subcommand is there, and the page renders.

use std::process::Command;

use crate::util::*;

/// The subcommands `newsgraph --help` lists.
fn subcommands() -> Vec<String> {
    let dir = tempdir();
    let help = ok(newsgraph(dir.path()).arg("--help"));
    let names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_string)
        .collect();
    assert!(
        names.len() > 10 && names.iter().any(|n| n == "push"),
        "{names:?}"
    );
    names
}

#[test]
fn bash_completion_knows_every_subcommand() {
    let dir = tempdir();
    let script = ok(newsgraph(dir.path()).args(["completions", "bash"]));
    std::fs::write(dir.path().join("newsgraph.bash"), &script).unwrap();
    for name in subcommands() {
        assert!(
            script.contains(&format!("newsgraph__subcmd__{name}")),
            "{name} missing from the bash completion"
        );
        // What bash offers after `newsgraph <first letters>`.
        let prefix = &name[..2];
        let out = Command::new("bash")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "source ./newsgraph.bash; COMP_WORDS=(newsgraph {prefix}); COMP_CWORD=1; \
                 _newsgraph newsgraph {prefix} newsgraph; echo \"${{COMPREPLY[@]}}\""
            ))
            .output()
            .expect("bash");
        let offered = String::from_utf8_lossy(&out.stdout);
        assert!(
            offered.split_whitespace().any(|w| w == name),
            "{prefix}: bash offers {offered:?}, not {name}"
        );
    }
    // Flags of a subcommand too.
    assert!(script.contains("--since") && script.contains("--to"));
    for shell in ["zsh", "fish"] {
        let script = ok(newsgraph(dir.path()).args(["completions", shell]));
        assert!(
            script.contains("push") && script.contains("since"),
            "{shell}"
        );
    }
    fails(newsgraph(dir.path()).args(["completions", "tcsh"]));
}

#[test]
fn man_pages_render() {
    let dir = tempdir();
    let page = ok(newsgraph(dir.path()).arg("man"));
    assert!(
        page.starts_with(".ie") || page.contains(".TH newsgraph 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for name in subcommands() {
        assert!(
            page.contains(&format!("newsgraph\\-{name}")),
            "{name} missing from the page"
        );
    }
    ok(newsgraph(dir.path()).args(["man", "--dir", "man1"]));
    let push = std::fs::read_to_string(dir.path().join("man1/newsgraph-push.1")).unwrap();
    assert!(push.contains("\\-\\-since") && push.contains("Graph Store Protocol"));
    std::fs::write(dir.path().join("newsgraph.1"), &page).unwrap();
    // Rendered by man, else groff, where they are installed.
    let rendered = Command::new("man")
        .current_dir(dir.path())
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .args(["-l", "newsgraph.1"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .or_else(|| {
            Command::new("groff")
                .current_dir(dir.path())
                .args(["-man", "-Tutf8", "newsgraph.1"])
                .output()
                .ok()
                .filter(|o| o.status.success())
        });
    let Some(rendered) = rendered else {
        eprintln!("skipped rendering: neither man nor groff");
        return;
    };
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(
        text.contains("SYNOPSIS") && text.contains("SUBCOMMANDS") && text.contains("--quiet"),
        "{text}"
    );
}
