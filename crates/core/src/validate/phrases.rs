//! Every phrase of the validation messages, in one table: the Rust messages
//! ([`Problem::describe`](super::Problem::describe), the limits in words of `catalogue::words`) are
//! filled in from it, and `crates/codegen` writes it out for the npm package, whose TypeScript fills
//! in the same phrases from the problems' codes that the wasm sends. So the two cannot drift.
//!
//! `{name}` is a placeholder; braces around any other word are kept as they are.

macro_rules! phrases {
    ($($(#[$doc:meta])* $name:ident = $text:literal;)*) => {
        $($(#[$doc])* pub const $name: &str = $text;)*
        /// Every phrase, by its name above (the generated TypeScript spells it in camel case).
        pub const PHRASES: &[(&str, &str)] = &[$((stringify!($name), $text)),*];
    };
}

phrases! {
    /// A problem at a parameter.
    AT = "{operation}.{path}: {problem}";
    /// A problem of the request as a whole.
    AT_REQUEST = "{operation}: {problem}";

    MISSING = "is required";
    MISSING_WHEN = "is required when {when}";
    MISSING_ONE_OF = "one of {options} is required";
    UNKNOWN = "is not a known parameter";
    UNKNOWN_SUGGESTION = "is not a known parameter (did you mean {suggestion}?)";
    /// A wrong type, length, range or value.
    MUST_BE = "must be {rule}, got {got}";
    /// A broken rule on the characters of a string (`rule` is a `TEXT_` phrase).
    BROKEN = "{rule}, got {got}";
    MUST_HAVE = "must have {items}, got {got}";
    CONFLICT = "cannot be given together with {other}";
    RESTRICTED = "must be {choices} when {when}, got {got}";
    DUPLICATE = "must be unique, got {got} again (first at {first})";

    /// The types a value must have.
    EXPECTED_STRING = "a string";
    EXPECTED_INTEGER = "an integer";
    EXPECTED_LONG = "an integer (or a string of digits)";
    EXPECTED_FLOAT = "a number";
    EXPECTED_BOOLEAN = "a boolean";
    EXPECTED_OBJECT = "an object";
    EXPECTED_ARRAY = "an array";

    /// A JSON value of a wrong type, as received.
    GOT_NULL = "null";
    GOT_BOOLEAN = "boolean {value}";
    GOT_NUMBER = "number {value}";
    /// `value` quoted.
    GOT_STRING = "string {value}";
    GOT_ARRAY = "an array";
    GOT_OBJECT = "an object";
    /// No value at all.
    GOT_NOTHING = "nothing";

    AT_LEAST = "at least";
    AT_MOST = "at most";
    LENGTH_BETWEEN = "{min} to {max} characters";
    LENGTH_EXACTLY = "exactly {n} {characters}";
    /// `bound` is `AT_LEAST` or `AT_MOST`.
    LENGTH_BOUND = "{bound} {n} {characters}";
    CHARACTER = "character";
    CHARACTERS = "characters";
    RANGE_BETWEEN = "between {min} and {max}";
    RANGE_BOUND = "{bound} {n}";
    ITEMS_BOUND = "{bound} {n} {items}";
    ITEM = "item";
    ITEMS = "items";
    /// The values a comma-separated parameter takes (a field's description, not a message).
    COMMA_VALUES = "comma-separated values of {values}";

    /// Several allowed values (one is quoted alone).
    ONE_OF = "one of {values}";
    /// A condition of a cross-parameter rule; several are joined by `SEPARATOR_AND`.
    GIVEN = "{param} is given";
    /// `values` are quoted and joined by `SEPARATOR_OR`.
    IS = "{param} is {values}";
    SEPARATOR_LIST = ", ";
    SEPARATOR_OR = " or ";
    SEPARATOR_AND = " and ";
    SEPARATOR_CHARS = " ";

    TEXT_ASCII = "must contain only ASCII characters ({char} is not)";
    TEXT_FIRST_LETTER = "must start with a letter";
    TEXT_FIRST_ASCII_LETTER = "must start with an ASCII letter";
    TEXT_CHARS = "may only contain letters, digits ({char} is not allowed)";
    /// `chars` joined by `SEPARATOR_CHARS`.
    TEXT_CHARS_AND = "may only contain letters, digits and {chars} ({char} is not allowed)";
    TEXT_NOT_PREFIX = "must not start with {part}";
    TEXT_NOT_CONTAINS = "must not contain {part}";
    TEXT_VERSION = "must be a version of the form major.minor.patch (for example 1.0.0)";
    TEXT_OSS_BUCKET =
        "must be an OSS bucket name: lowercase letters, digits and hyphens, not starting or ending with a hyphen";
    TEXT_REGION_ID = "must be a region ID such as cn-hangzhou (lowercase letters, digits and hyphens)";
    TEXT_CLOUD_BOX_ARN = "must have the form arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}";

    /// A string longer than `QUOTE_LIMIT` characters: its first ones and `ELLIPSIS`, quoted.
    QUOTE_CUT = "{quoted} ({count} characters)";
    ELLIPSIS = "...";
}

/// Longest string value quoted in full in a message; longer ones are cut with their length shown.
pub const QUOTE_LIMIT: usize = 80;

/// `template` with each `{name}` of `values` replaced by its value, in one pass (a value is never
/// read for placeholders).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let value = after[1..].find('}').and_then(|close| {
            let name = &after[1..1 + close];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v, close + 2))
        });
        match value {
            Some((value, skip)) => {
                out.push_str(value);
                rest = &after[skip..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_only_the_names_given() {
        assert_eq!(fill(MUST_BE, &[("rule", "a {got}"), ("got", "x")]), "must be a {got}, got x");
        assert_eq!(fill(TEXT_CLOUD_BOX_ARN, &[]), TEXT_CLOUD_BOX_ARN);
        assert_eq!(fill("{a}{b", &[("a", "1")]), "1{b");
    }

    #[test]
    fn names_are_unique() {
        for (i, (name, _)) in PHRASES.iter().enumerate() {
            assert!(!PHRASES[..i].iter().any(|(other, _)| other == name), "{name}");
        }
    }
}
