//! The shared tables the fields are emitted into: one text of every string a field names, every
//! field at an index (a struct's children and a list's item at consecutive ones), and the checks,
//! lists and docs, each distinct one once. A field holds small numbers into them, not pointers,
//! which in wasm are absolute addresses that compress badly.

use std::fmt::Write as _;

#[derive(Default)]
pub struct Pool {
    text: String,
    fields: Vec<String>,
    lists: Vec<String>,
    checks: Vec<String>,
    docs: Vec<String>,
}

/// The index of `item` in `table`, added when it is not there yet.
fn intern(table: &mut Vec<String>, item: String) -> usize {
    match table.iter().position(|x| *x == item) {
        Some(i) => i,
        None => {
            table.push(item);
            table.len() - 1
        }
    }
}

/// `n` as a number of the type `ty` (`u16`), which must hold it.
pub fn fit(n: usize, ty: &str, what: &str) -> String {
    let max = match ty {
        "u8" => u8::MAX as usize,
        "u16" => u16::MAX as usize,
        _ => unreachable!("{ty}"),
    };
    assert!(n <= max, "{what}: {n} does not fit in a {ty}: widen it in src/catalogue");
    n.to_string()
}

impl Pool {
    pub fn new() -> Pool {
        let mut pool = Pool::default();
        pool.checks.push("Check::NONE".into());
        pool.docs.push("Docs::NONE".into());
        pool
    }

    /// `offset, length of field, length of name` of a field's SDK and wire names, one after the
    /// other in the text, so that the field holds only where the first one starts.
    pub fn names(&mut self, field: &str, name: &str) -> (String, String, String) {
        let at = self.offset(&format!("{field}{name}"));
        (fit(at, "u16", "text offset"), fit(field.len(), "u8", field), fit(name.len(), "u8", name))
    }

    /// `offset, length` of `s` in the text.
    pub fn span(&mut self, s: &str) -> (String, String) {
        (fit(self.offset(s), "u16", "text offset"), fit(s.len(), "u8", s))
    }

    /// Where `s` is in the text (found there, else appended).
    fn offset(&mut self, s: &str) -> usize {
        self.text.find(s).unwrap_or_else(|| {
            self.text.push_str(s);
            self.text.len() - s.len()
        })
    }

    /// The index of a check (Rust code of a `Check`; `Check::NONE` is 0).
    pub fn check(&mut self, check: String) -> String {
        fit(intern(&mut self.checks, check), "u16", "checks")
    }

    /// The index of field docs (Rust code of a `Docs`; `Docs::NONE` is 0).
    pub fn docs(&mut self, docs: String) -> String {
        fit(intern(&mut self.docs, docs), "u16", "docs")
    }

    /// The index of a list's item and limits (Rust code of a `List`).
    pub fn list(&mut self, list: String) -> String {
        fit(intern(&mut self.lists, list), "u16", "lists")
    }

    /// Reserves `n` consecutive fields, filled later by [`Pool::set`]: the first one's index.
    pub fn reserve(&mut self, n: usize) -> usize {
        self.fields.resize(self.fields.len() + n, String::new());
        self.fields.len() - n
    }

    pub fn set(&mut self, at: usize, field: String) {
        self.fields[at] = field;
    }

    pub fn emit(self, out: &mut String) {
        fit(self.text.len(), "u16", "text");
        writeln!(out, "const TEXT: &str = {:?};", self.text).unwrap();
        table(out, "", "FIELDS", "Field", &self.fields);
        table(out, "", "LISTS", "List", &self.lists);
        table(out, "", "CHECKS", "Check", &self.checks);
        table(out, "#[cfg(feature = \"docs\")]\n", "DOCS", "Docs", &self.docs);
    }
}

fn table(out: &mut String, cfg: &str, name: &str, ty: &str, items: &[String]) {
    writeln!(out, "{cfg}static {name}: [{ty}; {}] = [\n{}];", items.len(), items.join(",\n")).unwrap();
}
