//! Numbers as the official SDK writes them: JavaScript's `Number.prototype.toString()`, from the
//! number's JSON text, with no floating-point parsing or printing (each would add its own tables
//! and code to the wasm).

use std::cmp::Ordering;

/// A JSON number's decimal value: `0.DIGITS × 10^point`, negative or not; zero has no digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    pub negative: bool,
    /// The significant digits, without leading or trailing zeros.
    pub digits: String,
    pub point: i32,
}

impl Decimal {
    /// The value of a JSON number's text (`-1.50e2`).
    pub fn parse(text: &str) -> Decimal {
        let negative = text.starts_with('-');
        let (digits, point) = shortest_digits(text.trim_start_matches('-'));
        Decimal { negative: negative && !digits.is_empty(), digits, point }
    }

    /// The value as an integer, when it is one and has at most 30 digits.
    pub fn integer(&self) -> Option<i128> {
        let k = self.digits.len() as i32;
        if self.point < k || self.point > 30 {
            return (self.digits.is_empty()).then_some(0);
        }
        let mut n: i128 = 0;
        for b in self.digits.bytes().chain(std::iter::repeat_n(b'0', (self.point - k) as usize)) {
            n = n * 10 + i128::from(b - b'0');
        }
        Some(if self.negative { -n } else { n })
    }

    /// How the value compares with an integer bound.
    pub fn cmp_integer(&self, bound: i64) -> Ordering {
        if self.point > 20 {
            return if self.negative { Ordering::Less } else { Ordering::Greater };
        }
        let whole = self.point.clamp(0, self.digits.len() as i32) as usize;
        let int = Decimal { negative: false, digits: self.digits[..whole].to_string(), point: self.point.max(0) };
        let int = int.integer().unwrap_or(0);
        let fraction = whole < self.digits.len();
        let bound = i128::from(bound);
        match (self.negative, fraction) {
            (false, false) => int.cmp(&bound),
            (true, false) => (-int).cmp(&bound),
            // In (int, int + 1), or in (-int - 1, -int).
            (false, true) => {
                if bound <= int {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (true, true) => {
                if bound >= -int {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
        }
    }

    /// The value as JavaScript prints a double with these digits (shortest round-trip digits,
    /// exponent form below 1e-6 and from 1e21 on): `150`, `1.5e+21`, `1e-7`.
    pub fn js(&self) -> String {
        let (digits, n) = (self.digits.as_str(), self.point);
        if digits.is_empty() {
            return "0".into();
        }
        let k = digits.len() as i32;
        let mut out = String::with_capacity(digits.len() + 24);
        if self.negative {
            out.push('-');
        }
        if k <= n && n <= 21 {
            out.push_str(digits);
            push_zeros(&mut out, n - k);
        } else if 0 < n && n <= 21 {
            let (int, frac) = digits.split_at(n as usize);
            [int, ".", frac].iter().for_each(|part| out.push_str(part));
        } else if -6 < n && n <= 0 {
            out.push_str("0.");
            push_zeros(&mut out, -n);
            out.push_str(digits);
        } else {
            let (first, rest) = digits.split_at(1);
            out.push_str(first);
            if !rest.is_empty() {
                out.push('.');
                out.push_str(rest);
            }
            let e = n - 1;
            out.push_str(if e >= 0 { "e+" } else { "e-" });
            push_decimal(&mut out, u64::from(e.unsigned_abs()));
        }
        out
    }
}

/// `-?[0-9]{1,30}` as its value; `None` for anything else (a sign of its own, a fraction, an
/// exponent, more digits). Most integers are written so: read without the decimal machinery.
pub fn plain_integer(text: &str) -> Option<i128> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 30 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits.bytes().fold(0i128, |n, b| n * 10 + i128::from(b - b'0'));
    Some(if digits.len() < text.len() { -n } else { n })
}

/// Appends `n` in decimal with its sign, without `core::fmt`.
pub fn push_integer(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_decimal(out, n.unsigned_abs());
}

/// A JSON number's text as JavaScript prints the number it reads as: `1.50e2` → `150`, `1e21` →
/// `1e+21`, `-0` → `0`. The digits are the text's own, so a text written with the shortest digits
/// that read back as the same double — as `JSON.stringify`, serde_json and Python's `json` write —
/// comes out exactly as JavaScript prints its value.
pub fn js_number(text: &str) -> String {
    Decimal::parse(text).js()
}

fn push_zeros(out: &mut String, count: i32) {
    for _ in 0..count {
        out.push('0');
    }
}

/// Appends `n` in decimal (a list position in a wire key, an exponent), without `core::fmt`.
pub fn push_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `before`, `n` in decimal, then `after`: a message with a number in it, without `core::fmt`
/// (the npm package's wasm carries none).
pub fn with_decimal(before: &str, n: u64, after: &str) -> String {
    let mut out = String::with_capacity(before.len() + 20 + after.len());
    out.push_str(before);
    push_decimal(&mut out, n);
    out.push_str(after);
    out
}

/// A finite number in Rust's decimal grammar (`[+-]`, digits with at most one `.`, at least one
/// digit, then `e`/`E`, a sign and digits), as `str::parse::<f64>` filtered by `is_finite` reads it,
/// without `core`'s correctly rounded parser (its 10 KB table of powers of five would be most of
/// what float parsing adds to the sandbox's wasm). Exact, as there, when the value has at most 15
/// significant digits and a power of ten up to 22 away from an integer (`0.5`, `8`, `99.9`,
/// `1.25e3`: every number these inputs are, a rate, a percentage, a size); otherwise within a few
/// units in the last place (so a value within those of `f64::MAX` may read as infinite).
pub fn parse_f64(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let valid = all_digits(int)
        && all_digits(frac)
        && !(int.is_empty() && frac.is_empty())
        && exponent.is_none_or(|e| !e.is_empty() && all_digits(e));
    if !valid {
        return None;
    }
    let decimal = Decimal::parse(unsigned);
    // value = DIGITS × 10^scale, with the digits as an integer (the first 17 of them at most).
    let kept = &decimal.digits[..decimal.digits.len().min(17)];
    let scale = decimal.point - kept.len() as i32;
    let digits = kept.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
    let value = match scale {
        // Both exact doubles: one correctly rounded operation.
        0..=22 if kept.len() <= 15 => digits * 10f64.powi(scale),
        -22..0 if kept.len() <= 15 => digits / 10f64.powi(-scale),
        _ if scale < -300 => digits / 10f64.powi(-scale - 300) / 1e300,
        _ => digits * 10f64.powi(scale),
    };
    let value = if text.starts_with('-') { -value } else { value };
    value.is_finite().then_some(value)
}

/// The significant digits of a positive decimal (`123.45`, `1.5e+21`, `1e-7`) and the position
/// `n` of the decimal point relative to them (value = 0.DIGITS × 10^n), as ECMAScript defines it.
/// An exponent's value, held within ±10^6 (far beyond any double) so that it cannot overflow.
fn exponent(text: &str) -> i32 {
    let digits = text.trim_start_matches(['+', '-']);
    let magnitude = digits.bytes().fold(0i32, |n, b| (n * 10 + i32::from(b - b'0')).min(1_000_000));
    if text.starts_with('-') {
        -magnitude
    } else {
        magnitude
    }
}

fn shortest_digits(text: &str) -> (String, i32) {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, exponent(e)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = [int, frac].concat();
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0').to_string();
    (digits, int.len() as i32 - leading as i32 + exponent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_javascript() {
        // Each number's text as serde_json or JSON.stringify writes it, and String(x) in JavaScript.
        let cases = [
            ("1.0", "1"),
            ("-2.5", "-2.5"),
            ("0.1", "0.1"),
            ("123456789.125", "123456789.125"),
            ("1e21", "1e+21"),
            ("1.5e+21", "1.5e+21"),
            ("100000000000000000000", "100000000000000000000"),
            ("1e-6", "0.000001"),
            ("1e-7", "1e-7"),
            ("1.25e-7", "1.25e-7"),
            ("0.50", "0.5"),
            ("9007199254740992", "9007199254740992"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("5e-324", "5e-324"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("1234567", "1234567"),
            ("0.001234", "0.001234"),
            ("12.5E1", "125"),
        ];
        for (text, want) in cases {
            assert_eq!(js_number(text), want, "{text}");
        }
    }

    #[test]
    fn reads_floats_as_the_standard_parser_does() {
        let grammar = [
            "", "+", "-", ".", "e5", "1e", "1e+", "1.e", "inf", "NaN", "infinity", "0x10", "1_000", " 1", "1 ", "--1",
            "+-1", "1..2", "1.2.3", "1e5.5", "1e400", "-1e400", "٣",
        ];
        for text in grammar {
            assert_eq!(parse_f64(text), text.parse::<f64>().ok().filter(|x| x.is_finite()), "{text:?}");
        }
        // Exact (the same double) within the documented range, and every form of the grammar.
        let exact = [
            "0",
            "-0",
            "+0.0",
            "8",
            "0.5",
            "99.9",
            ".5",
            "5.",
            "+.25e-3",
            "1.25e3",
            "1E22",
            "123456789012345",
            "0.000000000000000000001",
            "4.35",
            "1e-22",
            "007",
            "100%".trim_end_matches('%'),
        ];
        for text in exact {
            assert_eq!(parse_f64(text).map(f64::to_bits), text.parse::<f64>().ok().map(f64::to_bits), "{text}");
        }
        // Beyond it, within a few units in the last place.
        let close =
            ["1.7e308", "2.2250738585072014e-308", "3.141592653589793238462643", "1e100", "1e-200", "123456789e-30"];
        for text in close {
            let (got, want) = (parse_f64(text).unwrap(), text.parse::<f64>().unwrap());
            assert!((got - want).abs() <= want.abs() * 4.0 * f64::EPSILON, "{text}: {got} vs {want}");
        }
        assert!(parse_f64("5e-324").is_some_and(|x| x > 0.0 && x < 1e-322));
        assert_eq!(parse_f64("1e-400"), Some(0.0));
    }

    #[test]
    fn plain_integers_only() {
        assert_eq!(plain_integer("-0012"), Some(-12));
        assert_eq!(plain_integer(&"9".repeat(30)), "9".repeat(30).parse().ok());
        for not in ["", "-", "+1", "--1", "1.0", "1e3", &"1".repeat(31)] {
            assert_eq!(plain_integer(not), None, "{not}");
        }
        let mut out = String::new();
        push_integer(&mut out, i64::MIN);
        assert_eq!(out, "-9223372036854775808");
    }

    #[test]
    fn integers_and_bounds() {
        assert_eq!(Decimal::parse("1.5e2").integer(), Some(150));
        assert_eq!(Decimal::parse("-0").integer(), Some(0));
        assert_eq!(Decimal::parse("1.5").integer(), None);
        assert_eq!(Decimal::parse("1e31").integer(), None);
        assert_eq!(Decimal::parse("-12").integer(), Some(-12));
        let cmp = |text: &str, bound| Decimal::parse(text).cmp_integer(bound);
        assert_eq!(cmp("1.5", 1), Ordering::Greater);
        assert_eq!(cmp("1.5", 2), Ordering::Less);
        assert_eq!(cmp("-1.5", -1), Ordering::Less);
        assert_eq!(cmp("-1.5", -2), Ordering::Greater);
        assert_eq!(cmp("0.5", 0), Ordering::Greater);
        assert_eq!(cmp("-0.5", 0), Ordering::Less);
        assert_eq!(cmp("7", 7), Ordering::Equal);
        assert_eq!(cmp("1e25", i64::MAX), Ordering::Greater);
    }
}
