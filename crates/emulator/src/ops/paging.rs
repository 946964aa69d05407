//! Pagination exactly as the service does it: `PageNumber`/`PageSize` with `TotalCount`, or
//! `NextToken`/`MaxResults` with an opaque token; the default sizes are the catalogue's.

use super::{Body, Call};
use crate::error::ServiceError;
use ecsimg_core::catalogue::{sdk_name, PageStyle};
use serde_json::Value;

const PAGES: PageStyle = PageStyle::PageNumber;
const TOKENS: PageStyle = PageStyle::NextToken;

/// A request parameter of the call (by wire name) as a number.
fn int(call: &Call, wire: &str) -> Option<i64> {
    call.int(&sdk_name(wire))
}

/// The page size the call asks for (`PageSize` / `MaxResults`), or the operation's documented
/// default (an operation the catalogue does not page gets one item a page).
fn page_size(call: &Call, style: PageStyle) -> i64 {
    let default = call.op.pagination.map_or(1, |p| i64::from(p.default_size));
    int(call, style.size_param()).unwrap_or(default).max(1)
}

/// One page of `items` by page number; fills `PageNumber`, `PageSize` and `TotalCount` into `body`.
pub fn by_page_number<T>(call: &Call, items: Vec<T>, body: &mut Body) -> Vec<T> {
    let page = int(call, PAGES.cursor_param()).unwrap_or(1).max(1);
    let size = page_size(call, PAGES);
    body.insert(PAGES.cursor_param().into(), page.into());
    body.insert(PAGES.size_param().into(), size.into());
    body.insert(PAGES.more_field().into(), items.len().into());
    // The range of `PageNumber` has no upper end: a page past the last one is empty, as the
    // service answers, and so is one whose offset does not fit in a number (never an overflow).
    let skip = (page - 1).checked_mul(size).and_then(|s| usize::try_from(s).ok()).unwrap_or(usize::MAX);
    let take = usize::try_from(size).unwrap_or(usize::MAX);
    items.into_iter().skip(skip).take(take).collect()
}

/// One page of `items` after `NextToken`; fills `MaxResults`, `TotalCount` and (when more remain)
/// `NextToken` into `body`.
pub fn by_token(call: &Call, items: Vec<Value>, body: &mut Body) -> Result<Vec<Value>, ServiceError> {
    let max = page_size(call, TOKENS) as usize;
    let start = match call.str(&sdk_name(TOKENS.cursor_param())).filter(|t| !t.is_empty()) {
        None => 0,
        Some(token) => {
            decode_token(token).filter(|s| *s <= items.len()).ok_or_else(|| call.error("Invalid.NextToken"))?
        }
    };
    let end = (start + max).min(items.len());
    body.insert(TOKENS.size_param().into(), (max as i64).into());
    body.insert(PAGES.more_field().into(), items.len().into());
    let next = if end < items.len() { encode_token(end) } else { String::new() };
    body.insert(TOKENS.more_field().into(), next.into());
    Ok(items.into_iter().skip(start).take(max).collect())
}

/// Tokens are opaque to callers; inside, an offset with a check so a made-up token is refused.
fn encode_token(offset: usize) -> String {
    format!("AAAAA{:08X}{:04X}", offset, checksum(offset))
}

/// Any text at all may arrive as a token: it is read as ASCII hex digits only (a multi-byte
/// character where a digit belongs is refused, never sliced through).
fn decode_token(token: &str) -> Option<usize> {
    let digits = token.strip_prefix("AAAAA").filter(|d| d.len() == 12 && d.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let offset = usize::from_str_radix(digits.get(..8)?, 16).ok()?;
    let check = u16::from_str_radix(digits.get(8..)?, 16).ok()?;
    (check == checksum(offset)).then_some(offset)
}

fn checksum(offset: usize) -> u16 {
    (crate::state::ids::mix(offset as u64 ^ 0x5EED) & 0xFFFF) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_refuse_forgeries() {
        assert_eq!(decode_token(&encode_token(150)), Some(150));
        assert_eq!(decode_token("AAAAA000000960000"), None);
        assert_eq!(decode_token("garbage"), None);
        // 12 bytes but not 12 characters: refused, not sliced inside the `é`.
        assert_eq!(decode_token("AAAAA0000000é000"), None);
        assert_eq!(decode_token("AAAAA+0000096A2B"), None, "from_str_radix would take a sign");
    }
}
