//! Numbers as the official SDK writes them: JavaScript's `Number.prototype.toString()`.

/// Formats a finite `f64` exactly as JavaScript's `String(x)` does (shortest round-trip digits,
/// exponent form below 1e-6 and from 1e21 on).
///
/// The shortest digits come from serde_json's float formatter, which the crate carries anyway
/// (`core::fmt`'s float printing would add about 20 KB to the wasm).
pub fn js_number(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let Some(number) = serde_json::Number::from_f64(x.abs()) else {
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    };
    let (digits, n) = shortest_digits(&number.to_string());
    let k = digits.len() as i32;
    // Written piece by piece: `format!` at each branch cost the wasm about 1 KB.
    let mut out = String::with_capacity(digits.len() + 24);
    if x < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        push_zeros(&mut out, n - k);
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        [int, ".", frac].iter().for_each(|part| out.push_str(part));
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        push_zeros(&mut out, -n);
        out.push_str(&digits);
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

fn push_zeros(out: &mut String, count: i32) {
    for _ in 0..count {
        out.push('0');
    }
}

/// Appends `n` in decimal (a list position in a wire key, an exponent), without `core::fmt`.
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The significant digits of a positive decimal (`123.45`, `1.5e+21`, `1e-7`) and the position
/// `n` of the decimal point relative to them (value = 0.DIGITS × 10^n), as ECMAScript defines it.
fn shortest_digits(text: &str) -> (String, i32) {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
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
    use super::js_number;

    #[test]
    fn matches_javascript() {
        let cases = [
            (1.0, "1"),
            (-2.5, "-2.5"),
            (0.1, "0.1"),
            (123456789.125, "123456789.125"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e20, "100000000000000000000"),
            (0.000001, "0.000001"),
            (0.0000001, "1e-7"),
            (1.25e-7, "1.25e-7"),
            (0.5, "0.5"),
            (9007199254740993.0, "9007199254740992"),
            (-0.0, "0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1234567.0, "1234567"),
            (0.001234, "0.001234"),
        ];
        for (x, want) in cases {
            assert_eq!(js_number(x), want, "{x}");
        }
    }
}
