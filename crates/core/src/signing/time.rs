//! Request timestamps: `yyyy-MM-ddTHH:mm:ssZ` in UTC, from and to Unix seconds, with no clock here
//! (the caller reads the clock and passes the reading in).

use crate::wire::number::push_decimal;
use std::fmt;

/// A whole second in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn from_unix_seconds(seconds: i64) -> Self {
        Timestamp(seconds)
    }

    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// Parses exactly `yyyy-MM-ddTHH:mm:ssZ`.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[19] != b'Z'
        {
            return None;
        }
        let num = |from: usize, to: usize| -> Option<i64> {
            let part = &s[from..to];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
        };
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return None;
        }
        Some(Timestamp(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second))
    }
}

impl Timestamp {
    /// `yyyy-MM-ddTHH:mm:ssZ`: every signature carries one, so it is written digit by digit rather
    /// than through `core::fmt`.
    pub fn text(self) -> String {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let mut out = String::with_capacity(20);
        push_padded(&mut out, y, 4);
        out.push('-');
        push_padded(&mut out, m, 2);
        out.push('-');
        push_padded(&mut out, d, 2);
        out.push('T');
        push_padded(&mut out, secs / 3600, 2);
        out.push(':');
        push_padded(&mut out, secs / 60 % 60, 2);
        out.push(':');
        push_padded(&mut out, secs % 60, 2);
        out.push('Z');
        out
    }
}

/// `n` in decimal, zero-padded to `width` characters with its sign, as `{n:0width$}` writes it.
fn push_padded(out: &mut String, n: i64, width: usize) {
    let (mut digits, mut rest) = (1, n.unsigned_abs() / 10);
    while rest > 0 {
        digits += 1;
        rest /= 10;
    }
    if n < 0 {
        out.push('-');
    }
    for _ in digits + usize::from(n < 0)..width {
        out.push('0');
    }
    push_decimal(out, n.unsigned_abs());
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in ["2016-02-23T12:46:24Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2026-11-28T06:10:31Z"] {
            assert_eq!(Timestamp::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Timestamp::parse("1970-01-02T00:00:01Z").unwrap().0, 86_401);
        assert_eq!(Timestamp(1_456_231_584).to_string(), "2016-02-23T12:46:24Z");
        assert_eq!(Timestamp(253_402_300_800).to_string(), "10000-01-01T00:00:00Z");
        assert_eq!(Timestamp(-62_167_219_201).to_string(), "-001-12-31T23:59:59Z");
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "2016-02-30T00:00:00Z",
            "2016-2-23T12:46:24Z",
            "2016-02-23 12:46:24Z",
            "2016-02-23T24:00:00Z",
            "",
            "2016-02-23T12:46:24+08",
        ] {
            assert!(Timestamp::parse(s).is_none(), "{s}");
        }
    }
}
