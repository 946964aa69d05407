//! `ecsimg-codegen --nginx web/nginx/ecsimg.conf`: rewrites the proxy's allowlist in place.
//!
//! The proxy forwards only the operations ecsimg calls, in the catalogue's API version. The list
//! sits between two marker lines of the conf, so the rest of the file stays hand-written and an
//! operation added to the catalogue reaches the proxy with one command (and a test that fails
//! until it is run).

use ecsimg_core::catalogue::{OPERATIONS, VERSION};
use std::fmt::Write as _;

/// The command that regenerates the block, from the repository's root.
pub const COMMAND: &str = "cargo run -p ecsimg-codegen -- --nginx web/nginx/ecsimg.conf";

/// The line that opens the generated block.
pub fn begin_marker() -> String {
    format!("# ---- generated from crates/core/catalogue/ecs.json by `{COMMAND}`: do not edit ----")
}

/// The line that closes it.
pub const END_MARKER: &str = "# ---- end of generated ----";

/// The lines between the markers: two `map`s, 1 for an allowed action or version, 0 otherwise.
///
/// Plain `map` keys match without regard to case (nginx looks them up lowercased). That lets no
/// other operation through: a case variant of a listed name names that operation or none.
pub fn block() -> String {
    let width = OPERATIONS.iter().map(|op| op.name.len()).max().unwrap_or(0).max("default".len());
    let mut out = String::from("map $ecsimg_action $ecsimg_action_allowed {\n");
    writeln!(out, "    {:width$} 0;", "default").unwrap();
    for op in OPERATIONS {
        writeln!(out, "    {:width$} 1;", op.name).unwrap();
    }
    out.push_str("}\nmap $ecsimg_version $ecsimg_version_allowed {\n");
    writeln!(out, "    {:width$} 0;", "default").unwrap();
    writeln!(out, "    {VERSION:width$} 1;").unwrap();
    out.push_str("}\n");
    out
}

/// `conf` with the text between its marker lines replaced by [`block`].
pub fn rewrite(conf: &str) -> Result<String, String> {
    let begin = begin_marker();
    let find = |marker: &str| {
        let mut at = conf.match_indices(marker).filter(|(i, _)| *i == 0 || conf.as_bytes()[i - 1] == b'\n');
        match (at.next(), at.next()) {
            (Some((i, _)), None) => Ok(i),
            (None, _) => Err(format!("no line `{marker}`")),
            (Some(_), Some(_)) => Err(format!("more than one line `{marker}`")),
        }
    };
    let start = find(&begin)? + begin.len();
    let start = start + conf[start..].find('\n').ok_or("nothing after the opening marker")? + 1;
    let end = find(END_MARKER)?;
    if end < start {
        return Err("the closing marker comes before the opening one".into());
    }
    Ok(format!("{}{}{}", &conf[..start], block(), &conf[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_committed_conf_lists_the_catalogue() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/nginx/ecsimg.conf");
        let conf = std::fs::read_to_string(&path).unwrap();
        let fresh = rewrite(&conf).unwrap_or_else(|e| panic!("web/nginx/ecsimg.conf: {e}"));
        assert!(fresh == conf, "web/nginx/ecsimg.conf lists other operations than the catalogue: run `{COMMAND}`");
    }

    #[test]
    fn lists_every_operation_and_the_version() {
        let block = block();
        assert_eq!(block.lines().filter(|l| l.trim_end().ends_with(" 1;")).count(), OPERATIONS.len() + 1);
        assert!(block.contains("    CreateImage "));
        assert!(block.contains(&format!("    {VERSION} ")));
    }

    #[test]
    fn rewrites_only_between_the_markers() {
        let conf = format!("before\n{}\nstale\n{END_MARKER}\nafter\n", begin_marker());
        let fresh = rewrite(&conf).unwrap();
        assert_eq!(fresh, format!("before\n{}\n{}{END_MARKER}\nafter\n", begin_marker(), block()));
        assert_eq!(rewrite(&fresh).unwrap(), fresh);
        assert!(rewrite("no markers\n").unwrap_err().contains("no line"));
        let twice = format!("{conf}{END_MARKER}\n");
        assert!(rewrite(&twice).unwrap_err().contains("more than one"));
    }
}
