//! Image Builder template text as the pipeline dialog edits it: the components a build or test
//! content runs are its `COMPONENT <id>` lines, among whatever other commands it holds.

/// The command that runs a component.
const COMMAND: &str = "COMPONENT";

/// The component a line runs, if it is a `COMPONENT` line.
fn component_of(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace();
    (words.next() == Some(COMMAND)).then(|| words.next()).flatten()
}

/// Whether `text` runs the component `id`.
pub fn runs(text: &str, id: &str) -> bool {
    text.lines().any(|line| component_of(line) == Some(id))
}

/// `text` running the component `id` (a line added at the end) or not (its lines removed); the
/// other lines are kept as they are.
pub fn with_component(text: &str, id: &str, on: bool) -> String {
    let mut lines: Vec<&str> = text.lines().filter(|line| component_of(line) != Some(id)).collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let line = format!("{COMMAND} {id}");
    if on {
        lines.push(&line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_lines_added_and_removed_among_the_others() {
        let text = with_component("", "ic-1", true);
        assert_eq!(text, "COMPONENT ic-1");
        let text = with_component(&format!("RUN yum update -y\n{text}\n"), "ic-2", true);
        assert_eq!(text, "RUN yum update -y\nCOMPONENT ic-1\nCOMPONENT ic-2");
        assert!(runs(&text, "ic-1") && runs(&text, "ic-2") && !runs(&text, "ic-"));
        assert_eq!(with_component(&text, "ic-1", false), "RUN yum update -y\nCOMPONENT ic-2");
        assert_eq!(with_component(&text, "ic-2", true), text, "added once");
        assert!(!runs("RUN echo COMPONENT ic-1", "ic-1"));
    }
}
