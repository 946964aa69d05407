//! A JSON text parsed into a tape: one token per value in document order, a container's token
//! saying how many children it has and where the value after it starts, strings and numbers kept
//! as spans of the text (unescaped only when read, and only if they hold an escape).

use super::{Json, Kind};
use crate::wire::number::{push_decimal, Decimal};
use std::borrow::Cow;

/// Nesting deeper than this is refused, so that a hostile text cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Null,
    True,
    False,
    Number,
    /// A string without escapes: its span is its value.
    String,
    Escaped,
    Array,
    Object,
}

/// For a string or a number, `start..end` is its span in the text (a string's without quotes); for
/// a container, `start` is its number of items or entries. `next` is the token after the value.
#[derive(Debug, Clone, Copy)]
struct Token {
    tag: Tag,
    start: u32,
    end: u32,
    next: u32,
}

/// A parsed JSON text; [`Doc::root`] reads it.
pub struct Doc<'t> {
    text: &'t str,
    tape: Vec<Token>,
}

/// Why a text is not JSON, and where: `expected value at line 1 column 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub what: &'static str,
    pub line: usize,
    pub column: usize,
    /// The text ended before the JSON did (a body cut short).
    pub eof: bool,
}

impl ParseError {
    pub fn message(&self) -> String {
        let mut out = String::with_capacity(self.what.len() + 24);
        out.push_str(self.what);
        out.push_str(" at line ");
        push_decimal(&mut out, self.line as u64);
        out.push_str(" column ");
        push_decimal(&mut out, self.column as u64);
        out
    }
}

impl<'t> Doc<'t> {
    /// Parses a whole text: one JSON value, with nothing but whitespace around it.
    pub fn parse(text: &'t str) -> Result<Doc<'t>, ParseError> {
        // Spans are `u32`: a longer text (never one a wasm32 memory holds) is refused, not misread.
        if u32::try_from(text.len()).is_err() {
            return Err(ParseError { what: "text longer than 4 GiB", line: 1, column: 1, eof: false });
        }
        let mut parser =
            Parser { bytes: text.as_bytes(), at: 0, tape: Vec::with_capacity(text.len() / 6 + 2), depth: 0 };
        parser.value()?;
        parser.skip_space();
        if parser.at < parser.bytes.len() {
            return Err(parser.error("trailing characters"));
        }
        Ok(Doc { text, tape: parser.tape })
    }

    pub fn root(&self) -> Node<'_> {
        Node { text: self.text, tape: &self.tape, at: 0 }
    }
}

struct Parser<'t> {
    bytes: &'t [u8],
    at: usize,
    tape: Vec<Token>,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &'static str) -> ParseError {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        ParseError { what, line, column: before.len() - line_start + 1, eof: self.at >= self.bytes.len() }
    }

    /// An error at the end of the text says so, whatever else was expected.
    fn unexpected(&self, what: &'static str) -> ParseError {
        self.error(if self.at >= self.bytes.len() { "EOF while parsing a value" } else { what })
    }

    // Inlined even where the build optimises for size: these are the parser's and the reader's
    // innermost steps, and a call costs more than their bodies (measured in the npm wasm).
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn push(&mut self, tag: Tag, start: usize, end: usize) -> usize {
        let index = self.tape.len();
        self.tape.push(Token { tag, start: start as u32, end: end as u32, next: index as u32 + 1 });
        index
    }

    fn value(&mut self) -> Result<(), ParseError> {
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.container(Tag::Object, b'}'),
            Some(b'[') => self.container(Tag::Array, b']'),
            Some(b'"') => self.string(),
            Some(b't') => self.word(b"true", Tag::True),
            Some(b'f') => self.word(b"false", Tag::False),
            Some(b'n') => self.word(b"null", Tag::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("expected value")),
        }
    }

    fn word(&mut self, word: &[u8], tag: Tag) -> Result<(), ParseError> {
        let rest = &self.bytes[self.at..];
        if rest.starts_with(word) {
            self.push(tag, self.at, self.at + word.len());
            self.at += word.len();
            return Ok(());
        }
        let same = rest.iter().zip(word).take_while(|(a, b)| a == b).count();
        self.at += same;
        Err(self.unexpected("expected ident"))
    }

    fn digits(&mut self) -> Result<(), ParseError> {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        if self.at == start {
            return Err(self.unexpected("invalid number"));
        }
        Ok(())
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<(), ParseError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            _ => self.digits()?,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.digits()?;
        }
        if out_of_range(&self.bytes[start..self.at]) {
            return Err(self.error("number out of range"));
        }
        self.push(Tag::Number, start, self.at);
        Ok(())
    }

    fn string(&mut self) -> Result<(), ParseError> {
        self.at += 1;
        let start = self.at;
        let mut escaped = false;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.escape()?;
                }
                Some(0..0x20) => {
                    return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => self.at += 1,
            }
        }
        self.push(if escaped { Tag::Escaped } else { Tag::String }, start, self.at);
        self.at += 1;
        Ok(())
    }

    /// Checks one escape (and a surrogate pair's second half), so that reading never fails.
    fn escape(&mut self) -> Result<(), ParseError> {
        self.at += 1;
        match self.peek() {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.at += 1;
                Ok(())
            }
            Some(b'u') => {
                let unit = self.hex4()?;
                if (0xDC00..0xE000).contains(&unit) {
                    return Err(self.error("lone trailing surrogate in hex escape"));
                }
                if (0xD800..0xDC00).contains(&unit) {
                    let pair = self.bytes.get(self.at..self.at + 2) == Some(b"\\u");
                    self.at += if pair { 1 } else { 0 };
                    if !pair || !(0xDC00..0xE000).contains(&self.hex4()?) {
                        return Err(self.error("lone leading surrogate in hex escape"));
                    }
                }
                Ok(())
            }
            None => Err(self.error("EOF while parsing a string")),
            Some(_) => Err(self.error("invalid escape")),
        }
    }

    /// Reads `uXXXX` (the cursor on the `u`).
    fn hex4(&mut self) -> Result<u32, ParseError> {
        self.at += 1;
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            self.at = self.bytes.len();
            return Err(self.error("EOF while parsing a string"));
        };
        let value = hex_value(digits).ok_or_else(|| self.error("invalid escape"))?;
        self.at += 4;
        Ok(value)
    }

    fn container(&mut self, tag: Tag, close: u8) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        let me = self.push(tag, 0, 0);
        self.at += 1;
        let mut count = 0;
        self.skip_space();
        if self.peek() == Some(close) {
            self.at += 1;
        } else {
            loop {
                if tag == Tag::Object {
                    self.key()?;
                }
                self.value()?;
                count += 1;
                self.skip_space();
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b) if b == close => {
                        self.at += 1;
                        break;
                    }
                    _ if tag == Tag::Object => return Err(self.unexpected("expected `,` or `}`")),
                    _ => return Err(self.unexpected("expected `,` or `]`")),
                }
            }
        }
        self.tape[me].start = count;
        self.tape[me].next = self.tape.len() as u32;
        self.depth -= 1;
        Ok(())
    }

    fn key(&mut self) -> Result<(), ParseError> {
        self.skip_space();
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("key must be a string"));
        }
        self.string()?;
        self.skip_space();
        if self.peek() != Some(b':') {
            return Err(self.unexpected("expected `:`"));
        }
        self.at += 1;
        Ok(())
    }
}

/// Whether a number's magnitude is beyond the largest double (about 1.7976931348623158e308, the
/// halfway point above `f64::MAX` from which a double rounds to infinity): `JSON.parse` would read
/// it as `Infinity`, so it is refused as `serde_json` refuses it. Only a number with an exponent or
/// with 309 digits or more can be.
fn out_of_range(number: &[u8]) -> bool {
    if number.len() < 309 && !number.iter().any(|b| matches!(b, b'e' | b'E')) {
        return false;
    }
    let decimal = Decimal::parse(std::str::from_utf8(number).unwrap_or("0"));
    !decimal.digits.is_empty()
        && (decimal.point > 309 || (decimal.point == 309 && decimal.digits.as_str() >= "17976931348623158079"))
}

fn hex_value(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |acc, &b| Some(acc * 16 + char::from(b).to_digit(16)?))
}

/// A string's value from its raw text, whose escapes the parser checked.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let kind = rest.as_bytes()[i + 1];
        rest = &rest[i + 2..];
        let c = match kind {
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = hex_value(&rest.as_bytes()[..4]).unwrap_or(0xFFFD);
                rest = &rest[4..];
                let code = if (0xD800..0xDC00).contains(&unit) {
                    let low = hex_value(&rest.as_bytes()[2..6]).unwrap_or(0xDC00);
                    rest = &rest[6..];
                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    unit
                };
                char::from_u32(code).unwrap_or('\u{FFFD}')
            }
            other => char::from(other),
        };
        out.push(c);
    }
    out.push_str(rest);
    out
}

/// A value of a [`Doc`].
#[derive(Debug, Clone, Copy)]
pub struct Node<'d> {
    text: &'d str,
    tape: &'d [Token],
    at: usize,
}

impl<'d> Node<'d> {
    /// The JSON text of a scalar exactly as written, a string with its quotes (for values passed
    /// on as they are).
    pub fn raw(self) -> &'d str {
        let t = self.token();
        match t.tag {
            Tag::String | Tag::Escaped => &self.text[t.start as usize - 1..t.end as usize + 1],
            _ => self.span(),
        }
    }

    #[inline(always)]
    fn token(self) -> Token {
        self.tape[self.at]
    }

    #[inline(always)]
    fn span(self) -> &'d str {
        let t = self.token();
        &self.text[t.start as usize..t.end as usize]
    }

    fn children(self, wanted: Tag) -> Children<'d> {
        let t = self.token();
        let left = if t.tag == wanted { t.start as usize } else { 0 };
        Children { node: Node { at: self.at + 1, ..self }, left }
    }
}

/// A container's children in order: each one starts where the previous one's `next` says.
struct Children<'d> {
    node: Node<'d>,
    left: usize,
}

impl<'d> Iterator for Children<'d> {
    type Item = Node<'d>;

    fn next(&mut self) -> Option<Node<'d>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let child = self.node;
        self.node.at = child.token().next as usize;
        Some(child)
    }
}

impl<'d> Json<'d> for Node<'d> {
    fn kind(self) -> Kind {
        match self.token().tag {
            Tag::Null => Kind::Null,
            Tag::True => Kind::Bool(true),
            Tag::False => Kind::Bool(false),
            Tag::Number => Kind::Number,
            Tag::String | Tag::Escaped => Kind::String,
            Tag::Array => Kind::Array,
            Tag::Object => Kind::Object,
        }
    }

    fn str(self) -> Option<Cow<'d, str>> {
        match self.token().tag {
            Tag::String => Some(Cow::Borrowed(self.span())),
            Tag::Escaped => Some(Cow::Owned(unescape(self.span()))),
            _ => None,
        }
    }

    fn number(self) -> Option<Cow<'d, str>> {
        (self.token().tag == Tag::Number).then(|| Cow::Borrowed(self.span()))
    }

    fn items(self) -> impl Iterator<Item = Self> {
        self.children(Tag::Array)
    }

    /// Keys and values as the text has them (a repeated key is there twice).
    fn entries(self) -> impl Iterator<Item = (Cow<'d, str>, Self)> {
        let mut tokens = self.children(Tag::Object);
        std::iter::from_fn(move || {
            let key = tokens.node;
            tokens.left = tokens.left.checked_sub(1)?;
            let value = Node { at: key.at + 1, ..key };
            tokens.node.at = value.token().next as usize;
            Some((key.str().unwrap_or_default(), value))
        })
    }

    /// Compares keys as written first: only a key with an escape is unescaped, and only a key of
    /// the same length is compared byte by byte.
    fn get(self, key: &str) -> Option<Self> {
        let mut found = None;
        let mut at = self.at + 1;
        for _ in 0..if self.token().tag == Tag::Object { self.token().start } else { 0 } {
            let name = Node { at, ..self };
            let same = match name.token().tag {
                Tag::String => {
                    let t = name.token();
                    (t.end - t.start) as usize == key.len() && name.span() == key
                }
                _ => name.str().as_deref() == Some(key),
            };
            let value = Node { at: at + 1, ..self };
            if same {
                found = Some(value);
            }
            at = value.token().next as usize;
        }
        found
    }

    fn len(self) -> usize {
        match self.token().tag {
            Tag::Array | Tag::Object => self.token().start as usize,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> (String, bool) {
        let e = Doc::parse(text).err().expect("an error");
        (e.message(), e.eof)
    }

    #[test]
    fn reads_values_in_place() {
        let doc = Doc::parse(r#" {"a": [1, -2.5e3, true, null], "b": {"c": "x\"\u00e9\ud83d\ude00"}, "a": "last"} "#)
            .unwrap();
        let root = doc.root();
        assert_eq!((root.kind(), root.len()), (Kind::Object, 3));
        let keys: Vec<_> = root.entries().map(|(k, _)| k.into_owned()).collect();
        assert_eq!(keys, ["a", "b", "a"]);
        assert_eq!(root.get("a").and_then(Json::str).as_deref(), Some("last"));
        let list = root.entries().next().unwrap().1;
        let items: Vec<Kind> = list.items().map(Json::kind).collect();
        assert_eq!(items, [Kind::Number, Kind::Number, Kind::Bool(true), Kind::Null]);
        assert_eq!(list.items().nth(1).and_then(Json::number).as_deref(), Some("-2.5e3"));
        let c = root.get("b").and_then(|b| b.get("c")).unwrap();
        assert_eq!(c.str().as_deref(), Some("x\"é😀"));
        assert_eq!(c.raw(), r#""x\"\u00e9\ud83d\ude00""#);
        assert_eq!(root.get("missing").map(Json::kind), None);
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        assert_eq!(errors("<html>"), ("expected value at line 1 column 1".into(), false));
        assert_eq!(errors(r#"{"a":"#), ("EOF while parsing a value at line 1 column 6".into(), true));
        assert!(errors(r#"{"Images":{"Ima"#).1);
        assert_eq!(errors("[1,]").0, "expected value at line 1 column 4");
        assert_eq!(errors("{\n\"a\" 1}").0, "expected `:` at line 2 column 5");
        assert_eq!(errors("01").0, "trailing characters at line 1 column 2");
        assert_eq!(errors("-").0, "EOF while parsing a value at line 1 column 2");
        assert_eq!(errors("1.e5").0, "invalid number at line 1 column 3");
        assert_eq!(
            errors("\"\u{1}\"").0,
            "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 2"
        );
        assert_eq!(errors(r#""\ud800x""#).0, "lone leading surrogate in hex escape at line 1 column 8");
        assert_eq!(errors(r#""\q""#).0, "invalid escape at line 1 column 3");
        assert!(errors("tru").1);
        assert_eq!(errors(&"[".repeat(200)).0, "recursion limit exceeded at line 1 column 129");
        assert!(Doc::parse("").err().is_some_and(|e| e.eof));
        assert_eq!(errors("1e309").0, "number out of range at line 1 column 6");
        assert_eq!(errors(r#"{"":1122200000855e9216486890}"#).0, "number out of range at line 1 column 29");
        assert_eq!(errors("-1.8e308").0, "number out of range at line 1 column 9");
        for fine in ["1.7976931348623157e308", "1e308", "1e-9999", "0e99999", &"9".repeat(308)] {
            assert!(Doc::parse(fine).is_ok(), "{fine}");
        }
    }
}
