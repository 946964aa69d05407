//! JSON text written straight into a `String`, with the escapes `JSON.stringify` and serde_json use.

/// Appends `s` as a JSON string: `"`, `\` and control characters escaped, nothing else.
pub fn push_quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        plain = i + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// `s` as a JSON string.
pub fn quoted(s: &str) -> String {
    let mut out = String::new();
    push_quoted(&mut out, s);
    out
}

/// An object or an array being written: `open`, then each member, then `close`.
pub struct Members<'o> {
    out: &'o mut String,
    first: bool,
    close: char,
}

impl<'o> Members<'o> {
    pub fn object(out: &'o mut String) -> Members<'o> {
        out.push('{');
        Members { out, first: true, close: '}' }
    }

    pub fn array(out: &'o mut String) -> Members<'o> {
        out.push('[');
        Members { out, first: true, close: ']' }
    }

    /// The next array item: the text to write it into.
    pub fn item(&mut self) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out
    }

    /// The next object member's key: the text to write its value into.
    pub fn key(&mut self, key: &str) -> &mut String {
        let out = self.item();
        push_quoted(out, key);
        out.push(':');
        out
    }

    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        push_quoted(self.key(key), value);
        self
    }

    /// A string, or `null`.
    pub fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => self.str(key, value),
            None => self.raw(key, "null"),
        }
    }

    /// A value already in JSON text (`true`, `12`, an object written elsewhere).
    pub fn raw(&mut self, key: &str, json: &str) -> &mut Self {
        self.key(key).push_str(json);
        self
    }

    pub fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.raw(key, if value { "true" } else { "false" })
    }

    pub fn close(self) {
        self.out.push(self.close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_json_stringify_does() {
        assert_eq!(
            quoted("a\"b\\c\n\u{1}\u{1f}é/\u{7f}"),
            r#""a\"b\\c\n\u0001\u001fé/\u007f""#.replace("\\u007f", "\u{7f}")
        );
    }

    #[test]
    fn writes_members_with_commas() {
        let mut out = String::new();
        let mut object = Members::object(&mut out);
        object.str("a", "x").bool("b", true).opt_str("c", None);
        let mut list = Members::array(object.key("d"));
        list.item().push('1');
        list.item().push('2');
        list.close();
        object.close();
        assert_eq!(out, r#"{"a":"x","b":true,"c":null,"d":[1,2]}"#);
    }
}
