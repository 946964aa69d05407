//! Rules across parameters, checked on the wire pairs so that the client (before signing) and the
//! emulator (after parsing a request) apply exactly the same ones.

use super::path::{Path, Segment};
use super::problem::{Condition, Got, Problem};
use super::Violation;
use crate::catalogue::{Cond, Operation, Rule, Scalar, Shape};
use crate::wire::Pairs;

pub fn check(op: &'static Operation, wire: &Pairs) -> Vec<Violation> {
    let mut out = Vec::new();
    for rule in op.rules {
        match rule {
            Rule::OneOf(params) => {
                if !params.iter().any(|p| wire.contains(p)) {
                    let options = params.iter().map(|p| Path::from_wire(op, p)).collect();
                    out.push(Violation { path: Path::default(), problem: Problem::MissingOneOf { options } });
                }
            }
            Rule::Require { param, when } => {
                if all(wire, when) && !wire.contains(param) {
                    let problem = Problem::MissingWhen { when: conditions(op, when) };
                    out.push(Violation { path: Path::from_wire(op, param), problem });
                }
            }
            Rule::Restrict { param, to, when } => {
                if all(wire, when) {
                    let value = wire.get(param);
                    if !value.is_some_and(|v| to.contains(&v)) {
                        let path = Path::from_wire(op, param);
                        let got = match value {
                            Some(v) if is_string(&path) => Got::Text(v.to_string()),
                            Some(v) => Got::Plain(v.to_string()),
                            None => Got::Nothing,
                        };
                        let problem = Problem::Restricted { to, when: conditions(op, when), got };
                        out.push(Violation { path, problem });
                    }
                }
            }
            Rule::Exclusive(params) => {
                let given: Vec<&&str> = params.iter().filter(|p| wire.contains(p)).collect();
                if let [first, rest @ ..] = given.as_slice() {
                    for other in rest {
                        let problem = Problem::Conflict { with: Path::from_wire(op, first) };
                        out.push(Violation { path: Path::from_wire(op, other), problem });
                    }
                }
            }
            Rule::Unique { list, by } => {
                let (prefix, suffix) = ([list, "."].concat(), [".", by].concat());
                let mut seen: Vec<(&str, &str)> = Vec::new();
                for (key, value) in wire.iter() {
                    let Some(index) = key.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(&suffix)) else {
                        continue;
                    };
                    if index.contains('.') {
                        continue;
                    }
                    match seen.iter().find(|(_, v)| *v == value) {
                        Some((first, _)) => {
                            let first = Path::from_wire(op, &[&prefix, *first, &suffix].concat());
                            let problem = Problem::Duplicate { first, got: value.to_string() };
                            out.push(Violation { path: Path::from_wire(op, key), problem });
                        }
                        None => seen.push((index, value)),
                    }
                }
            }
        }
    }
    out
}

fn conditions(op: &'static Operation, when: &'static [Cond]) -> Vec<Condition> {
    when.iter().map(|c| Condition { param: Path::from_wire(op, c.param), values: c.values }).collect()
}

fn is_string(path: &Path) -> bool {
    matches!(path.0.last(), Some(Segment::Field(f)) if matches!(f.shape(), Shape::Scalar(Scalar::String)))
}

/// Every condition holds on the wire.
fn all(wire: &Pairs, when: &[Cond]) -> bool {
    when.iter().all(|c| match c.values {
        [] => wire.contains(c.param),
        values => wire.get(c.param).is_some_and(|v| values.contains(&v)),
    })
}
