//! A problem as the JavaScript client reads it: its code and values, every path in the caller's
//! spelling (`tag[0].key`). The client says it in words (`js/messages.ts`, over the core's phrases
//! that ecsimg-codegen writes out), so that no message code comes into the wasm.

use ecsimg_core::json::write::{push_quoted, Members};
use ecsimg_core::validate::{Condition, Got, Path, Problem, Spelling, TextRule};
use ecsimg_core::wire::number::push_decimal;

/// `{code, ...values}`: `{"code":"length","min":2,"max":128,"got":1}` (see `ProblemDetail` in
/// `js/messages.ts`).
pub fn problem(out: &mut String, problem: &Problem) {
    let mut o = Members::object(out);
    o.str("code", problem.code());
    match problem {
        Problem::Missing => {}
        Problem::MissingWhen { when } => conditions(o.key("when"), when),
        Problem::MissingOneOf { options } => strings(o.key("options"), options.iter().map(sdk)),
        Problem::Unknown { suggestion } => {
            if let Some(suggestion) = suggestion {
                o.str("suggestion", &sdk(suggestion));
            }
        }
        Problem::Type { expected, got } => received(o.str("expected", expected.code()), got),
        Problem::Length { min, max, got } => {
            count(&mut o, "min", min.map(u64::from));
            count(&mut o, "max", max.map(u64::from));
            count(&mut o, "got", Some(*got as u64));
        }
        Problem::Range { min, max, got } => {
            integer(&mut o, "min", *min);
            integer(&mut o, "max", *max);
            o.str("got", got);
        }
        Problem::OneOf { allowed, got } => {
            strings(o.key("allowed"), allowed.iter());
            o.str("got", got);
        }
        Problem::Text { rule, got } => text_rule(o.str("got", got), *rule),
        Problem::TooFewItems { min, got } => {
            count(&mut o, "min", Some(*min as u64));
            count(&mut o, "got", Some(*got as u64));
        }
        Problem::TooManyItems { max, got } => {
            count(&mut o, "max", Some(u64::from(*max)));
            count(&mut o, "got", Some(*got as u64));
        }
        Problem::Conflict { with } => {
            o.str("with", &sdk(with));
        }
        Problem::Restricted { to, when, got } => {
            strings(o.key("allowed"), to.iter());
            conditions(o.key("when"), when);
            received(&mut o, got);
        }
        Problem::Duplicate { first, got } => {
            o.str("first", &sdk(first)).str("got", got);
        }
    }
    o.close();
}

fn sdk(path: &Path) -> String {
    path.render(Spelling::Sdk)
}

/// `shown` (how a message shows the value), and `got`, the value, where there is one.
fn received(o: &mut Members, got: &Got) {
    o.str("shown", got.code());
    if let Some(value) = got.value() {
        o.str("got", value);
    }
}

/// `rule`, and the part of the string or of the rule it is about.
fn text_rule(o: &mut Members, rule: TextRule) {
    let mut buffer = [0; 4];
    o.str("rule", rule.code());
    match rule {
        TextRule::Ascii(c) => {
            o.str("char", c.encode_utf8(&mut buffer));
        }
        TextRule::Chars { also, offender } => {
            o.str("also", also).str("char", offender.encode_utf8(&mut buffer));
        }
        TextRule::NotPrefix(part) | TextRule::NotContains(part) => {
            o.str("part", part);
        }
        TextRule::FirstLetter | TextRule::FirstAsciiLetter | TextRule::Pattern(_) => {}
    }
}

/// `[{param, values}]`
fn conditions(out: &mut String, when: &[Condition]) {
    let mut items = Members::array(out);
    for c in when {
        let mut item = Members::object(items.item());
        item.str("param", &sdk(&c.param));
        strings(item.key("values"), c.values.iter());
        item.close();
    }
    items.close();
}

fn strings<S: AsRef<str>>(out: &mut String, list: impl Iterator<Item = S>) {
    let mut items = Members::array(out);
    for s in list {
        push_quoted(items.item(), s.as_ref());
    }
    items.close();
}

/// A count as a JSON number, left out when `None`.
fn count(o: &mut Members, key: &str, n: Option<u64>) {
    if let Some(n) = n {
        push_decimal(o.key(key), n);
    }
}

/// A 64-bit bound as a string (JavaScript numbers hold only 53 bits), left out when `None`.
fn integer(o: &mut Members, key: &str, n: Option<i64>) {
    if let Some(n) = n {
        let out = o.key(key);
        out.push('"');
        if n < 0 {
            out.push('-');
        }
        push_decimal(out, n.unsigned_abs());
        out.push('"');
    }
}
