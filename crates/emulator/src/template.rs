//! The Image Builder template language that components and image templates hold. At the crate
//! root because both layers read it: the operations check new texts, executions find their failing steps.
//!
//! Two formats, as the service takes them: Dockerfile-like commands (one per line, a trailing `\`
//! continues a line, `#` starts a comment line), and, for components only, YAML with `Parameters`
//! and `Tasks`. The emulator runs nothing: it checks the text as the service does and keeps the
//! steps, so that an execution can tell deterministically whether a step fails. A step whose shell
//! command is exactly `exit 1` fails: `RUN exit 1`, or a `RunShellCommand` task with
//! `commandContent: exit 1`.

use ecsimg_core::json::{Doc, Json, Kind};
use serde_json::{json, Value};

/// Most commands one text may hold.
pub const MAX_COMMANDS: usize = 127;

/// Where a text is used: what it may contain, and which codes its errors have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `CreateImageComponent.Content`: no `FROM`, no `COMPONENT`; YAML allowed.
    Component,
    /// `CreateImagePipeline.BuildContent`: an optional leading `FROM`, `COMPONENT` of build components.
    Build,
    /// `CreateImagePipeline.TestContent`: `COMPONENT` of test components.
    Test,
}

impl Place {
    /// The operation's code for a text it cannot read at all.
    fn invalid(self) -> &'static str {
        match self {
            Place::Component => "InvalidParameter.Content",
            Place::Build => "InvalidParameter.BuildContent",
            Place::Test => "InvalidParameter.TestContent",
        }
    }
}

/// A refused text: the operation's documented code and what exactly is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub code: String,
    pub detail: String,
}

fn reject<T>(code: impl Into<String>, detail: impl Into<String>) -> Result<T, Reject> {
    Err(Reject { code: code.into(), detail: detail.into() })
}

/// One command (`RUN`, `COMPONENT`...) or YAML task (its `Action`), with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub command: String,
    pub args: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    pub steps: Vec<Step>,
    /// Declared parameters in wire names (`Name`, `Type`, `DefaultValue`), YAML only.
    pub parameters: Vec<Value>,
    pub yaml: bool,
}

impl Template {
    /// The component IDs the text references with `COMPONENT`.
    pub fn components(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().filter(|s| s.command == "COMPONENT").filter_map(|s| s.args.split_whitespace().next())
    }

    /// The step that fails when run (see the module notes).
    pub fn failing_step(&self) -> Option<&Step> {
        self.steps.iter().find(|s| matches!(s.command.as_str(), "RUN" | "RunShellCommand") && s.args.trim() == "exit 1")
    }
}

/// Reads `text` for `place`. An empty text is an empty template (components refuse it).
pub fn parse(text: &str, place: Place) -> Result<Template, Reject> {
    let template = if place == Place::Component && is_yaml(text) {
        parse_yaml(text).or_else(|detail| reject(place.invalid(), detail))?
    } else {
        parse_commands(text, place)?
    };
    if template.steps.is_empty() && place == Place::Component {
        return reject(place.invalid(), "The specified parameter Content contains no command");
    }
    if template.steps.len() > MAX_COMMANDS {
        return reject(
            "InvalidImageTemplateCommandSize.ExceededMaxNumber",
            format!("The template holds {} commands; at most {MAX_COMMANDS} are allowed.", template.steps.len()),
        );
    }
    Ok(template)
}

/// YAML starts with one of its two sections.
fn is_yaml(text: &str) -> bool {
    significant(text).next().is_some_and(|line| line.starts_with("Parameters:") || line.starts_with("Tasks:"))
}

/// Lines that are neither blank nor comments.
fn significant(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn parse_commands(text: &str, place: Place) -> Result<Template, Reject> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for line in significant(text).map(str::trim) {
        match line.strip_suffix('\\') {
            Some(head) => current.push_str(head),
            None => lines.push(std::mem::take(&mut current) + line),
        }
    }
    if !current.trim().is_empty() {
        lines.push(current);
    }
    let mut steps = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let (command, args) = line.trim().split_once(char::is_whitespace).unwrap_or((line.trim(), ""));
        let step = Step { command: command.to_ascii_uppercase(), args: args.trim().to_string() };
        check_command(&step, index, &steps, place)?;
        steps.push(step);
    }
    Ok(Template { steps, ..Template::default() })
}

fn check_command(step: &Step, index: usize, before: &[Step], place: Place) -> Result<(), Reject> {
    let Step { command, args } = step;
    let words = args.split_whitespace().count();
    match command.as_str() {
        "FROM" => match place {
            Place::Component => reject("NotSupportedCommand.FROM", "Image components do not support the FROM command."),
            Place::Test => reject(place.invalid(), "The FROM command is only allowed in BuildContent"),
            Place::Build if before.iter().any(|s| s.command == "FROM") => {
                reject("DuplicatedCommand.FROM", "The template contains more than one FROM command.")
            }
            Place::Build if index > 0 => reject("InvalidCommandOrder.FROM", "FROM must be the first command."),
            Place::Build => match args.split_once(':') {
                Some(("IMAGE" | "IMAGE_FAMILY", source)) if !source.is_empty() && words == 1 => Ok(()),
                _ => reject("InvalidCommandContent.FROM", "FROM takes IMAGE:<ImageId> or IMAGE_FAMILY:<ImageFamily>."),
            },
        },
        "COMPONENT" if place == Place::Component => reject("InvalidCommand.Component", ""),
        "COMPONENT" if args.is_empty() => reject(place.invalid(), "COMPONENT needs an image component ID"),
        "RESTART" if !args.is_empty() => {
            reject("NotEmptyCommandContent.RESTART", "The RESTART command does not take any content")
        }
        "RUN" | "ENV" | "LABEL" | "COPY" | "ENTRYPOINT" | "CMD" | "WORKDIR" | "USER" if args.is_empty() => {
            reject(format!("EmptyCommandContent.{command}"), format!("The {command} command has no content"))
        }
        "RUN" | "CMD" | "ENTRYPOINT" if args.starts_with('[') && !is_string_array(args) => reject(
            format!("InvalidCommandContent.{command}"),
            format!("The exec form of {command} must be a JSON array of strings."),
        ),
        "ENV" if !valid_env(args) => {
            reject("InvalidCommandContent.ENV", "ENV takes <key> <value> or <key>=<value> pairs.")
        }
        "COPY" if words < 2 => reject("InvalidCommandContent.COPY", "COPY takes a source and a destination."),
        "WORKDIR" if words != 1 || !args.starts_with('/') => {
            reject("InvalidCommandContent.WORKDIR", "WORKDIR takes one absolute path.")
        }
        "USER" if words != 1 => reject("InvalidCommandContent.USER", "USER takes one user name."),
        "RUN" | "ENV" | "LABEL" | "COPY" | "ENTRYPOINT" | "CMD" | "WORKDIR" | "USER" | "RESTART" | "COMPONENT" => {
            Ok(())
        }
        other => reject(
            "InvalidImageTemplateCommand.NotSupported",
            format!("The command {other} is not supported by Image Builder."),
        ),
    }
}

/// (Read by the core's JSON parser, which the wasm has anyway.)
fn is_string_array(text: &str) -> bool {
    let Ok(doc) = Doc::parse(text) else { return false };
    let root = doc.root();
    root.kind() == Kind::Array && root.items().all(|item| item.kind() == Kind::String)
}

fn valid_env(args: &str) -> bool {
    let mut words = args.split_whitespace();
    match words.next() {
        Some(first) if first.contains('=') => {
            args.split_whitespace().all(|pair| pair.split_once('=').is_some_and(|(key, _)| !key.is_empty()))
        }
        Some(_) => words.next().is_some(),
        None => false,
    }
}

/// One `key: value` line of YAML: its indentation, whether it opens a list item, key and value
/// (a `|` or `>` block's lines joined into the value).
struct Entry {
    indent: usize,
    item: bool,
    key: String,
    value: String,
}

fn entries(text: &str) -> Result<Vec<Entry>, String> {
    let mut out: Vec<Entry> = Vec::new();
    let mut block: Option<usize> = None;
    for (number, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if let (Some(owner), Some(entry)) = (block, out.last_mut()) {
            if line.trim().is_empty() || indent > owner {
                let sep = if entry.value.is_empty() { "" } else { "\n" };
                entry.value = format!("{}{sep}{}", entry.value, line.trim());
                continue;
            }
            block = None;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (item, rest) = match trimmed.strip_prefix("- ") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        let Some((key, value)) = rest.split_once(':') else {
            return Err(format!("Line {} of the YAML content is not a `key: value` pair", number + 1));
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let opens_block = matches!(value, "|" | "|-" | ">" | ">-");
        if opens_block {
            block = Some(indent + if item { 2 } else { 0 });
        }
        let value = if opens_block { String::new() } else { value.to_string() };
        out.push(Entry { indent, item, key: key.trim().to_string(), value });
    }
    Ok(out)
}

/// A parameter's or a task's `key: value` lines, in order.
type Fields = Vec<(String, String)>;

/// A field's value: the last line with that key, as a map would keep it.
fn field<'a>(fields: &'a Fields, key: &str) -> Option<&'a str> {
    fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn parse_yaml(text: &str) -> Result<Template, String> {
    let mut section = "";
    let mut parameter_indent = None;
    let mut parameters: Vec<Fields> = Vec::new();
    let mut tasks: Vec<Fields> = Vec::new();
    for entry in entries(text)? {
        if entry.indent == 0 && !entry.item {
            section = match entry.key.as_str() {
                "Parameters" => "Parameters",
                "Tasks" => "Tasks",
                other => return Err(format!("Unknown section {other}: the YAML content has Parameters and Tasks")),
            };
            continue;
        }
        let target = match section {
            "Parameters" if *parameter_indent.get_or_insert(entry.indent) == entry.indent => {
                parameters.push(vec![("Name".to_string(), entry.key)]);
                continue;
            }
            "Parameters" => parameters.last_mut(),
            _ if entry.item => {
                tasks.push(Vec::new());
                tasks.last_mut()
            }
            _ => tasks.last_mut(),
        };
        target.ok_or("The YAML content has an entry outside any parameter or task")?.push((entry.key, entry.value));
    }
    if tasks.is_empty() {
        return Err("The YAML content must define at least one task under Tasks".into());
    }
    let mut steps = Vec::new();
    for task in &tasks {
        let (Some(_), Some(action)) = (field(task, "Name"), field(task, "Action")) else {
            return Err("Every task of the YAML content needs a Name and an Action".into());
        };
        let args = field(task, "commandContent").unwrap_or_default().to_string();
        steps.push(Step { command: action.to_string(), args });
    }
    let mut declared = Vec::new();
    for parameter in &parameters {
        let name = field(parameter, "Name").unwrap_or_default();
        let kind = field(parameter, "Type").unwrap_or_default();
        if !matches!(kind, "String" | "Number" | "Boolean") {
            return Err(format!("The Type of parameter {name} must be String, Number or Boolean"));
        }
        let default = field(parameter, "DefaultValue").unwrap_or_default();
        declared.push(json!({"Name": name, "Type": kind, "DefaultValue": default}));
    }
    Ok(Template { steps, parameters: declared, yaml: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str, place: Place) -> String {
        parse(text, place).unwrap_err().code
    }

    #[test]
    fn reads_commands_with_continuations_and_comments() {
        let t =
            parse("# setup\nRUN yum install -y \\\n  nginx\nCOMPONENT ic-1 --x 1\nRESTART\n", Place::Build).unwrap();
        assert_eq!(t.steps[0], Step { command: "RUN".into(), args: "yum install -y nginx".into() });
        assert_eq!(t.components().collect::<Vec<_>>(), ["ic-1"]);
        assert_eq!(t.failing_step(), None);
        assert!(parse("RUN echo\nRUN exit 1", Place::Test).unwrap().failing_step().is_some());
        assert!(parse("", Place::Build).unwrap().steps.is_empty());
    }

    #[test]
    fn refuses_what_the_service_refuses() {
        assert_eq!(code("FROM IMAGE:m-1", Place::Component), "NotSupportedCommand.FROM");
        assert_eq!(code("COMPONENT ic-1", Place::Component), "InvalidCommand.Component");
        assert_eq!(code("  \n# only a comment", Place::Component), "InvalidParameter.Content");
        assert_eq!(code("RUN echo\nFROM IMAGE:m-1", Place::Build), "InvalidCommandOrder.FROM");
        assert_eq!(code("FROM IMAGE:m-1\nFROM IMAGE:m-2", Place::Build), "DuplicatedCommand.FROM");
        assert_eq!(code("FROM ubuntu", Place::Build), "InvalidCommandContent.FROM");
        assert_eq!(code("FROM IMAGE:m-1", Place::Test), "InvalidParameter.TestContent");
        assert_eq!(code("RUN", Place::Build), "EmptyCommandContent.RUN");
        assert_eq!(code("RESTART now", Place::Build), "NotEmptyCommandContent.RESTART");
        assert_eq!(code("ENV JUSTKEY", Place::Build), "InvalidCommandContent.ENV");
        assert_eq!(code("WORKDIR tmp", Place::Build), "InvalidCommandContent.WORKDIR");
        assert_eq!(code("COPY a", Place::Build), "InvalidCommandContent.COPY");
        assert_eq!(code("USER a b", Place::Build), "InvalidCommandContent.USER");
        assert_eq!(code("CMD [\"a\", 1]", Place::Build), "InvalidCommandContent.CMD");
        assert_eq!(code("ADD a b", Place::Build), "InvalidImageTemplateCommand.NotSupported");
        assert_eq!(code(&"RUN true\n".repeat(128), Place::Build), "InvalidImageTemplateCommandSize.ExceededMaxNumber");
        assert!(parse("ENV A=1 B=2\nENV C 3\nCMD [\"nginx\"]\nWORKDIR /srv", Place::Build).is_ok());
    }

    #[test]
    fn reads_yaml_components_with_parameters() {
        let yaml = "Parameters:\n  greeting:\n    Type: String\n    DefaultValue: hello\nTasks:\n  - Name: Say\n    Action: RunShellCommand\n    Properties:\n      commandContent: |\n        echo {{ greeting }}\n        exit 1\n  - Name: Fail\n    Action: RunShellCommand\n    Properties:\n      commandContent: exit 1\n";
        let t = parse(yaml, Place::Component).unwrap();
        assert!(t.yaml);
        assert_eq!(t.parameters, [json!({"Name": "greeting", "Type": "String", "DefaultValue": "hello"})]);
        assert_eq!(t.steps[0].args, "echo {{ greeting }}\nexit 1");
        assert_eq!(t.failing_step().map(|s| s.args.as_str()), Some("exit 1"));
        assert_eq!(code("Tasks:\n  - Name: x\n", Place::Component), "InvalidParameter.Content");
        assert_eq!(code("Tasks:\nSteps:\n", Place::Component), "InvalidParameter.Content");
        assert_eq!(
            code("Parameters:\n  p:\n    Type: Date\nTasks:\n  - Name: a\n    Action: Reboot\n", Place::Component),
            "InvalidParameter.Content"
        );
    }
}
