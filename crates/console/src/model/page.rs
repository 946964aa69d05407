//! Paging, in plain Rust: where an answer sits among its operation's pages, the requests for the
//! pages around it, and what "Load all" is doing (with what the page controls say of each).

use super::failure::Failure;
use super::known_ids::plural;
use crate::format::{count, thousands};
use ecsimg_core::catalogue::{sdk_name, IdKind, PageStyle, Pagination};
use serde_json::{Map, Value};

/// Both ways of paging.
const STYLES: [PageStyle; 2] = [PageStyle::PageNumber, PageStyle::NextToken];

/// A style's request and answer fields (SDK names): which page, its size, whether more follow
/// (`pageNumber`, `pageSize`, `totalCount`; `nextToken`, `maxResults`, `nextToken`).
fn keys(style: PageStyle) -> [String; 3] {
    [style.cursor_param(), style.size_param(), style.more_field()].map(sdk_name)
}

/// The answer field with the number of items in all (SDK name: `totalCount`), which page-number
/// answers page by and token answers carry too.
pub fn total_key() -> String {
    sdk_name(PageStyle::PageNumber.more_field())
}

/// What the items of a paged answer are, when they are things with an ID: the kind whose plural is
/// the catalogue's noun for them (`images`, `executions`, `pipelines`).
pub fn items_kind(pagination: &Pagination) -> Option<IdKind> {
    IdKind::ALL.iter().copied().find(|kind| plural(*kind) == pagination.noun)
}

/// The region an answer echoes (the connection shows it).
const REGION_KEY: &str = "regionId";

/// Where an answer sits among the pages of its operation.
#[derive(Debug, Clone, PartialEq)]
pub enum PageInfo {
    /// `PageNumber` / `PageSize` / `TotalCount`.
    Numbered { page: u64, size: u64, total: u64 },
    /// `NextToken` / `MaxResults`: the token of the next page (none on the last) and whether this
    /// page was asked for with a token (so is not the first).
    Token { next: Option<String>, total: Option<u64>, continued: bool },
}

/// The requests for the pages around the one shown (`None`: no such page, its button is disabled).
#[derive(Debug, Clone, PartialEq)]
pub enum PageLinks {
    Numbered {
        previous: Option<Value>,
        next: Option<Value>,
    },
    /// `first` only for a page that is not the first.
    Token {
        first: Option<Value>,
        next: Option<Value>,
    },
}

fn number(value: &Value, key: &str) -> Option<u64> {
    match value.get(key) {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

fn token(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_string)
}

impl PageInfo {
    /// Where `answer` sits, from it and the `request` that asked for it (the operation's default
    /// page size when neither says).
    pub fn of(pagination: &Pagination, request: &Value, answer: &Value) -> PageInfo {
        let [cursor, size, more] = keys(pagination.style);
        let either = |key: &str| number(answer, key).or(number(request, key));
        match pagination.style {
            PageStyle::PageNumber => PageInfo::Numbered {
                page: either(&cursor).unwrap_or(1).max(1),
                size: either(&size).unwrap_or(u64::from(pagination.default_size)).max(1),
                total: number(answer, &more).unwrap_or(0),
            },
            PageStyle::NextToken => PageInfo::Token {
                next: token(answer, &more),
                total: number(answer, &total_key()),
                continued: token(request, &cursor).is_some(),
            },
        }
    }

    /// The number of pages, when the answer tells.
    pub fn pages(&self) -> Option<u64> {
        match self {
            PageInfo::Numbered { size, total, .. } => Some(total.div_ceil(*size).max(1)),
            PageInfo::Token { .. } => None,
        }
    }

    pub fn total(&self) -> Option<u64> {
        match self {
            PageInfo::Numbered { total, .. } => Some(*total),
            PageInfo::Token { total, .. } => *total,
        }
    }

    /// The answer is all there is: no page controls, no "Load all".
    pub fn only_page(&self) -> bool {
        match self {
            PageInfo::Numbered { .. } => self.pages() == Some(1),
            PageInfo::Token { next, continued, .. } => next.is_none() && !continued,
        }
    }

    /// The requests for the previous and next pages (or the first and the next), made from the
    /// request that asked for this one.
    pub fn links(&self, request: &Value) -> PageLinks {
        match self {
            PageInfo::Numbered { page, .. } => {
                let last = self.pages().unwrap_or(1);
                PageLinks::Numbered {
                    previous: (*page > 1).then(|| with_page(request, page - 1)),
                    next: (*page < last).then(|| with_page(request, page + 1)),
                }
            }
            PageInfo::Token { next, continued, .. } => PageLinks::Token {
                first: continued.then(|| with_token(request, None)),
                next: next.as_deref().map(|t| with_token(request, Some(t))),
            },
        }
    }

    /// `Page 2 of 100 · 10,000 images in all`, or `The first page: 50 of 120 pipelines, more
    /// pages follow`; an answer that is the only page just counts (`3 pipelines`).
    pub fn describe(&self, shown: usize, plural: &str) -> String {
        match self {
            PageInfo::Numbered { total, .. } if self.pages() == Some(1) => count(*total, plural),
            PageInfo::Numbered { page, total, .. } => format!(
                "Page {} of {} · {} in all",
                thousands(*page),
                thousands(self.pages().unwrap_or(1)),
                count(*total, plural)
            ),
            PageInfo::Token { next: None, continued: false, .. } => count(shown as u64, plural),
            PageInfo::Token { next, total, continued } => {
                let shown = match total {
                    Some(t) => format!("{} of {}", thousands(shown as u64), count(*t, plural)),
                    None => count(shown as u64, plural),
                };
                let which = if *continued { "A later page" } else { "The first page" };
                let more = if next.is_some() { ", more pages follow" } else { ", the last page" };
                format!("{which}: {shown}{more}")
            }
        }
    }
}

/// The request for another page number.
pub fn with_page(request: &Value, page: u64) -> Value {
    let mut out = request.clone();
    if let Value::Object(map) = &mut out {
        map.insert(sdk_name(PageStyle::PageNumber.cursor_param()), page.into());
    }
    out
}

/// The request for the page after `token` (`None`: the first page).
pub fn with_token(request: &Value, token: Option<&str>) -> Value {
    let mut out = request.clone();
    let key = sdk_name(PageStyle::NextToken.cursor_param());
    if let Value::Object(map) = &mut out {
        match token {
            Some(t) => map.insert(key, t.into()),
            None => map.remove(key.as_str()),
        };
    }
    out
}

/// The request "Load all" starts from: the filters, without the page the user was on (the
/// paginator sets the page and its size).
pub fn all_pages(request: &Value) -> Value {
    let mut out = request.clone();
    if let Value::Object(map) = &mut out {
        for [cursor, size, _] in STYLES.map(keys) {
            map.remove(cursor.as_str());
            map.remove(size.as_str());
        }
    }
    out
}

/// The answer's other fields (share groups, ...), without its items, the paging fields (the page
/// controls show them) and the region.
pub fn other_fields(answer: &Value, items_key: &str) -> Value {
    let mut hidden: Vec<String> = STYLES.into_iter().flat_map(keys).collect();
    hidden.extend([total_key(), REGION_KEY.to_string(), items_key.to_string()]);
    match answer {
        Value::Object(map) => {
            let rest: Map<String, Value> =
                map.iter().filter(|(k, _)| !hidden.contains(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
            Value::Object(rest)
        }
        _ => Value::Null,
    }
}

/// `Load all 10,000 images`, or `Load all pipelines` when the total is not known.
pub fn load_all_label(total: Option<u64>, plural: &str) -> String {
    match total {
        Some(t) => format!("Load all {} {plural}", thousands(t)),
        None => format!("Load all {plural}"),
    }
}

/// `1,200 of 10,000 images`: the progress of a load.
pub fn progress_text(loaded: usize, total: Option<u64>, plural: &str) -> String {
    let of = total.map(|t| format!(" of {}", thousands(t))).unwrap_or_default();
    format!("{}{of} {plural}", thousands(loaded as u64))
}

/// What "Load all" is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum Loading {
    Idle,
    /// With the total as the last page told it (the first page may tell more than the call shown).
    Running {
        total: Option<u64>,
    },
    Done {
        ms: f64,
    },
    /// Cancelled, with the total it was loading towards.
    Stopped {
        total: Option<u64>,
    },
    Failed(Failure),
}

impl Loading {
    pub fn is_idle(&self) -> bool {
        matches!(self, Loading::Idle)
    }

    pub fn is_running(&self) -> bool {
        matches!(self, Loading::Running { .. })
    }

    /// The total while running.
    pub fn running_total(&self) -> Option<u64> {
        match self {
            Loading::Running { total } => *total,
            _ => None,
        }
    }

    /// Where a load that was at `self` ends, given how its paginator ended after `ms`.
    pub fn finish(&self, result: Result<(), Failure>, ms: f64) -> Loading {
        match result {
            Ok(()) => Loading::Done { ms },
            Err(failure) if failure.is_aborted() => Loading::Stopped { total: self.running_total() },
            Err(failure) => Loading::Failed(failure),
        }
    }

    /// What the end of a load says, with `loaded` items in the list (none before the end).
    pub fn outcome(&self, loaded: usize, plural: &str) -> Option<String> {
        let loaded = thousands(loaded as u64);
        match self {
            Loading::Idle | Loading::Running { .. } => None,
            Loading::Done { ms } => Some(format!("All {loaded} {plural} loaded ({:.1} s).", ms / 1000.0)),
            Loading::Stopped { total } => {
                let of = total.map(|t| format!(" of {}", thousands(t))).unwrap_or_default();
                Some(format!("Stopped: {loaded}{of} {plural} loaded."))
            }
            Loading::Failed(_) => Some(format!("Stopped by an error after {loaded} {plural}:")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::{operation, OPERATIONS};
    use serde_json::json;

    /// The paging of an operation that pages by number, and of one that pages by token.
    fn numbered() -> Pagination {
        operation("DescribeImages").unwrap().pagination.unwrap()
    }

    fn tokened() -> Pagination {
        operation("DescribeImagePipelines").unwrap().pagination.unwrap()
    }

    #[test]
    fn paged_items_are_things_of_a_kind() {
        assert_eq!(items_kind(&numbered()), Some(IdKind::Image));
        assert_eq!(items_kind(&tokened()), Some(IdKind::Pipeline));
        for op in OPERATIONS {
            if let Some(p) = op.pagination {
                assert!(items_kind(&p).is_some(), "{}: {}", op.name, p.noun);
            }
        }
    }

    #[test]
    fn page_numbers() {
        let info = PageInfo::of(
            &numbered(),
            &json!({"pageNumber": 2}),
            &json!({"pageNumber": 2, "pageSize": 100, "totalCount": 10_016}),
        );
        assert_eq!(info, PageInfo::Numbered { page: 2, size: 100, total: 10_016 });
        assert_eq!(info.pages(), Some(101));
        assert_eq!(info.describe(100, "images"), "Page 2 of 101 · 10,016 images in all");
        assert!(!info.only_page());
        let one = PageInfo::of(&numbered(), &json!({}), &json!({"totalCount": 1, "pageSize": 10}));
        assert_eq!(one.describe(1, "images"), "1 image");
        assert!(one.only_page());
        let empty = PageInfo::of(&numbered(), &json!({}), &json!({"totalCount": 0}));
        assert_eq!(empty.pages(), Some(1));
        // Without a page size, the operation's default.
        let default = PageInfo::of(&numbered(), &json!({}), &json!({"totalCount": 25}));
        assert_eq!(default, PageInfo::Numbered { page: 1, size: 10, total: 25 });
        assert_eq!(
            with_page(&json!({"regionId": "cn-hangzhou"}), 3),
            json!({"regionId": "cn-hangzhou", "pageNumber": 3})
        );
    }

    #[test]
    fn the_pages_around_a_numbered_page() {
        let request = json!({"regionId": "r", "pageNumber": 2});
        let answer = |page: u64| json!({"pageNumber": page, "pageSize": 10, "totalCount": 30});
        let links = |page: u64| PageInfo::of(&numbered(), &request, &answer(page)).links(&request);
        assert_eq!(
            links(2),
            PageLinks::Numbered {
                previous: Some(json!({"regionId": "r", "pageNumber": 1})),
                next: Some(json!({"regionId": "r", "pageNumber": 3})),
            }
        );
        assert!(matches!(links(1), PageLinks::Numbered { previous: None, next: Some(_) }));
        assert!(matches!(links(3), PageLinks::Numbered { previous: Some(_), next: None }));
    }

    #[test]
    fn tokens() {
        let info = PageInfo::of(&tokened(), &json!({}), &json!({"nextToken": "AAAA", "totalCount": 120}));
        assert_eq!(info, PageInfo::Token { next: Some("AAAA".into()), total: Some(120), continued: false });
        assert_eq!(info.describe(50, "pipelines"), "The first page: 50 of 120 pipelines, more pages follow");
        let only = PageInfo::of(&tokened(), &json!({}), &json!({"nextToken": "", "totalCount": 3}));
        assert_eq!(only.describe(3, "executions"), "3 executions");
        assert!(only.only_page());
        let last = PageInfo::of(&tokened(), &json!({"nextToken": "AAAA"}), &json!({"nextToken": ""}));
        assert_eq!(last, PageInfo::Token { next: None, total: None, continued: true });
        assert!(!last.only_page());
        let request = json!({"regionId": "r", "nextToken": "old"});
        assert_eq!(with_token(&request, Some("new"))["nextToken"], "new");
        assert_eq!(with_token(&request, None), json!({"regionId": "r"}));
        assert_eq!(last.links(&request), PageLinks::Token { first: Some(json!({"regionId": "r"})), next: None });
        assert_eq!(
            info.links(&json!({"regionId": "r"})),
            PageLinks::Token { first: None, next: Some(json!({"regionId": "r", "nextToken": "AAAA"})) }
        );
    }

    #[test]
    fn load_all_starts_from_the_filters() {
        let request = json!({"regionId": "r", "status": "Available", "pageNumber": 4, "pageSize": 10, "nextToken": "t", "maxResults": 5});
        assert_eq!(all_pages(&request), json!({"regionId": "r", "status": "Available"}));
    }

    #[test]
    fn the_answer_beside_its_items() {
        let answer = json!({"images": [1], "totalCount": 1, "pageNumber": 1, "regionId": "r", "shareGroups": ["all"]});
        assert_eq!(other_fields(&answer, "images"), json!({"shareGroups": ["all"]}));
        assert_eq!(other_fields(&json!([]), "images"), Value::Null);
    }

    #[test]
    fn a_load_runs_then_ends_done_stopped_or_failed() {
        let running = Loading::Running { total: Some(10_000) };
        assert!(running.is_running() && !running.is_idle());
        assert_eq!(running.running_total(), Some(10_000));
        assert_eq!(running.outcome(100, "images"), None);
        assert_eq!(progress_text(1_200, running.running_total(), "images"), "1,200 of 10,000 images");
        assert_eq!(progress_text(50, None, "pipelines"), "50 pipelines");

        let done = running.finish(Ok(()), 2_345.0);
        assert_eq!(done, Loading::Done { ms: 2_345.0 });
        assert_eq!(done.outcome(10_000, "images").unwrap(), "All 10,000 images loaded (2.3 s).");

        let stopped = running.finish(Err(Failure::aborted("DescribeImages")), 1.0);
        assert_eq!(stopped, Loading::Stopped { total: Some(10_000) });
        assert_eq!(stopped.outcome(1_200, "images").unwrap(), "Stopped: 1,200 of 10,000 images loaded.");
        assert_eq!(Loading::Idle.finish(Err(Failure::aborted("X")), 1.0), Loading::Stopped { total: None });

        let failure = Failure { kind: "network".into(), ..Failure::default() };
        let failed = running.finish(Err(failure.clone()), 1.0);
        assert_eq!(failed, Loading::Failed(failure));
        assert_eq!(failed.outcome(300, "images").unwrap(), "Stopped by an error after 300 images:");
    }

    #[test]
    fn the_load_all_button_says_how_many() {
        assert_eq!(load_all_label(Some(10_016), "images"), "Load all 10,016 images");
        assert_eq!(load_all_label(None, "pipelines"), "Load all pipelines");
    }
}
