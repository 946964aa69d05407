//! What the Images table shows of what was loaded: the rows the filters let through, in the order
//! of the column sorted by. Plain Rust, so a change of filter is one function call over the rows.

use super::ImageRow;
use std::cmp::Ordering;
use std::collections::{BTreeSet, BinaryHeap};
use std::sync::Arc;

/// The Images table's columns, in their order on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageColumn {
    Name,
    Status,
    Id,
    Region,
    Os,
    Architecture,
    Size,
    Created,
    Family,
    Tags,
    InUse,
    Shared,
}

impl ImageColumn {
    pub const ALL: [ImageColumn; 12] = [
        ImageColumn::Name,
        ImageColumn::Status,
        ImageColumn::Id,
        ImageColumn::Region,
        ImageColumn::Os,
        ImageColumn::Architecture,
        ImageColumn::Size,
        ImageColumn::Created,
        ImageColumn::Family,
        ImageColumn::Tags,
        ImageColumn::InUse,
        ImageColumn::Shared,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ImageColumn::Name => "Name",
            ImageColumn::Id => "Image ID",
            ImageColumn::Region => "Region",
            ImageColumn::Status => "Status",
            ImageColumn::Os => "OS / platform",
            ImageColumn::Architecture => "Architecture",
            ImageColumn::Size => "Size",
            ImageColumn::Created => "Created",
            ImageColumn::Family => "Family",
            ImageColumn::Tags => "Tags",
            ImageColumn::InUse => "In use",
            ImageColumn::Shared => "Shared",
        }
    }

    /// Orders two rows by this column (text without regard to case; sizes and times as numbers,
    /// unknown ones last).
    pub fn compare(self, a: &ImageRow, b: &ImageRow) -> Ordering {
        match self {
            ImageColumn::Name => caseless(&a.name, &b.name),
            ImageColumn::Id => caseless(&a.id, &b.id),
            ImageColumn::Region => caseless(&a.region, &b.region),
            ImageColumn::Status => caseless(&a.status, &b.status),
            ImageColumn::Os => caseless(&a.os, &b.os),
            ImageColumn::Architecture => caseless(&a.architecture, &b.architecture),
            ImageColumn::Size => known_first(a.size_gib, b.size_gib, u64::cmp),
            ImageColumn::Created => known_first(a.created_ms, b.created_ms, f64::total_cmp),
            ImageColumn::Family => caseless(&a.family, &b.family),
            ImageColumn::Tags => caseless(&a.tags_text(), &b.tags_text()),
            ImageColumn::InUse => a.in_use().cmp(&b.in_use()),
            ImageColumn::Shared => a.shared.cmp(&b.shared),
        }
    }

    /// The direction a first click sorts in: the newest, largest and used first; text A to Z.
    fn first_descending(self) -> bool {
        matches!(self, ImageColumn::Created | ImageColumn::Size | ImageColumn::InUse | ImageColumn::Shared)
    }
}

fn caseless(a: &str, b: &str) -> Ordering {
    a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Known values in order, then the unknown ones.
fn known_first<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => cmp(&x, &y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The column sorted by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: ImageColumn,
    pub descending: bool,
}

impl Default for Sort {
    /// The newest first, as the service lists them.
    fn default() -> Self {
        Sort { column: ImageColumn::Created, descending: true }
    }
}

impl Sort {
    /// The sort after a click on `column`'s header: the other way round for the column sorted by,
    /// else that column in its first direction.
    pub fn by(self, column: ImageColumn) -> Sort {
        if self.column == column {
            Sort { column, descending: !self.descending }
        } else {
            Sort { column, descending: column.first_descending() }
        }
    }

    /// `aria-sort` of `column`'s header.
    pub fn aria(self, column: ImageColumn) -> &'static str {
        match (self.column == column, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    fn compare(self, a: &ImageRow, b: &ImageRow) -> Ordering {
        let by_column = self.column.compare(a, b);
        let by_column = if self.descending { by_column.reverse() } else { by_column };
        // Equal rows keep one order: by region, then ID.
        by_column.then_with(|| a.region.cmp(&b.region)).then_with(|| a.id.cmp(&b.id))
    }
}

/// A row ordered by a sort, for the standard library's heap sort: the sort's order is total (equal
/// rows are ordered by region and ID), so a stable sort would buy nothing, and the heap's code is a
/// small part of a stable sort's in the console's wasm.
struct Sorted {
    sort: Sort,
    row: Arc<ImageRow>,
}

impl Ord for Sorted {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort.compare(&self.row, &other.row)
    }
}

impl PartialOrd for Sorted {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Sorted {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Sorted {}

/// How old an image is, as the age filter offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Age {
    #[default]
    Any,
    /// Made in the last so many days.
    NewerThan(u32),
    /// Made more than so many days ago.
    OlderThan(u32),
}

const DAY_MS: f64 = 86_400_000.0;

impl Age {
    /// What the filter offers, in order.
    pub const CHOICES: [Age; 7] = [
        Age::Any,
        Age::NewerThan(7),
        Age::NewerThan(30),
        Age::OlderThan(30),
        Age::OlderThan(90),
        Age::OlderThan(180),
        Age::OlderThan(365),
    ];

    pub fn label(self) -> String {
        match self {
            Age::Any => "Any age".into(),
            Age::NewerThan(days) => format!("Made in the last {days} days"),
            Age::OlderThan(365) => "Older than a year".into(),
            Age::OlderThan(days) => format!("Older than {days} days"),
        }
    }

    /// Its value in the filter's `<select>` (`any`, `new-7`, `old-90`).
    pub fn value(self) -> String {
        match self {
            Age::Any => "any".into(),
            Age::NewerThan(days) => format!("new-{days}"),
            Age::OlderThan(days) => format!("old-{days}"),
        }
    }

    pub fn from_value(value: &str) -> Age {
        Age::CHOICES.into_iter().find(|a| a.value() == value).unwrap_or_default()
    }

    /// Whether an image made at `created_ms` is this old at `now_ms` (one whose time is not known
    /// passes only `Any`).
    fn admits(self, created_ms: Option<f64>, now_ms: f64) -> bool {
        let days = |created: f64| (now_ms - created) / DAY_MS;
        match (self, created_ms) {
            (Age::Any, _) => true,
            (_, None) => false,
            (Age::NewerThan(limit), Some(c)) => days(c) <= f64::from(limit),
            (Age::OlderThan(limit), Some(c)) => days(c) > f64::from(limit),
        }
    }
}

/// The filters that pick one value of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Status,
    Architecture,
    /// A platform.
    Os,
    Family,
}

/// The table's filters and sort. Empty filters let everything through.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// Searched for in names, IDs, descriptions and tags, without regard to case.
    pub text: String,
    pub status: String,
    pub architecture: String,
    /// A platform (`Ubuntu`, `Windows Server 2022`).
    pub os: String,
    pub family: String,
    pub age: Age,
    pub sort: Sort,
}

impl Query {
    /// Whether `row` passes every filter at `now_ms`; `needle` is the text filter in lower case.
    fn admits(&self, row: &ImageRow, needle: &str, now_ms: f64) -> bool {
        let is = |wanted: &str, have: &str| wanted.is_empty() || wanted == have;
        (needle.is_empty() || row.mentions(needle))
            && is(&self.status, &row.status)
            && is(&self.architecture, &row.architecture)
            && is(&self.os, &row.platform)
            && is(&self.family, &row.family)
            && self.age.admits(row.created_ms, now_ms)
    }

    /// The rows that pass the filters at `now_ms`, sorted.
    pub fn apply(&self, rows: &[Arc<ImageRow>], now_ms: f64) -> Vec<Arc<ImageRow>> {
        let needle = self.text.trim().to_lowercase();
        let sort = self.sort;
        let shown: BinaryHeap<Sorted> = rows
            .iter()
            .filter(|r| self.admits(r, &needle, now_ms))
            .map(|row| Sorted { sort, row: Arc::clone(row) })
            .collect();
        shown.into_sorted_vec().into_iter().map(|s| s.row).collect()
    }

    /// The value a filter picks (empty: any).
    pub fn pick(&self, pick: Pick) -> &str {
        match pick {
            Pick::Status => &self.status,
            Pick::Architecture => &self.architecture,
            Pick::Os => &self.os,
            Pick::Family => &self.family,
        }
    }

    pub fn set_pick(&mut self, pick: Pick, value: String) {
        let field = match pick {
            Pick::Status => &mut self.status,
            Pick::Architecture => &mut self.architecture,
            Pick::Os => &mut self.os,
            Pick::Family => &mut self.family,
        };
        *field = value;
    }

    /// Whether some filter holds rows back.
    pub fn filters(&self) -> bool {
        let Query { text, status, architecture, os, family, age, sort: _ } = self;
        !text.trim().is_empty() || [status, architecture, os, family].iter().any(|f| !f.is_empty()) || *age != Age::Any
    }

    /// The filters cleared, the sort kept.
    pub fn cleared(&self) -> Query {
        Query { sort: self.sort, ..Query::default() }
    }
}

/// The values of a field among the rows, each once, sorted, without the empty one: what a filter
/// on that field offers.
pub fn values_of(rows: &[Arc<ImageRow>], field: impl Fn(&ImageRow) -> &str) -> Vec<String> {
    // A set of the few distinct values: a lookup per row, where sorting every row's value would
    // compare thousands of strings.
    let found: BTreeSet<&str> = rows.iter().map(|r| field(r)).filter(|v| !v.is_empty()).collect();
    found.into_iter().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: f64 = 1_800_000_000_000.0;

    fn row(
        name: &str,
        region: &str,
        status: &str,
        days_old: f64,
        size: u64,
        extra: serde_json::Value,
    ) -> Arc<ImageRow> {
        let created = NOW - days_old * DAY_MS;
        let mut image = json!({
            "imageId": format!("m-{name}"), "imageName": name, "status": status, "size": size,
            "architecture": "x86_64", "platform": "Ubuntu",
        });
        if let (Some(map), Some(more)) = (image.as_object_mut(), extra.as_object()) {
            map.extend(more.clone());
        }
        let mut row = ImageRow::listed_in(&image, region);
        row.created_ms = Some(created);
        Arc::new(row)
    }

    fn rows() -> Vec<Arc<ImageRow>> {
        vec![
            row("web-v1", "cn-hangzhou", "Deprecated", 200.0, 40, json!({"imageFamily": "web"})),
            row("web-v2", "cn-hangzhou", "Available", 20.0, 40, json!({"imageFamily": "web", "usage": "instance"})),
            row("Web-v2", "cn-shanghai", "Available", 19.0, 40, json!({"imageFamily": "web"})),
            row(
                "db",
                "cn-hangzhou",
                "Available",
                3.0,
                100,
                json!({"architecture": "arm64",
                "tags": [{"tagKey": "app", "tagValue": "orders"}], "description": "PostgreSQL"}),
            ),
            row("win", "us-west-1", "CreateFailed", 400.0, 60, json!({"platform": "Windows Server 2022"})),
        ]
    }

    fn names(shown: &[Arc<ImageRow>]) -> Vec<&str> {
        shown.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn the_newest_first_until_another_sort_is_asked_for() {
        let all = rows();
        assert_eq!(names(&Query::default().apply(&all, NOW)), ["db", "Web-v2", "web-v2", "web-v1", "win"]);
        let by_name = Query { sort: Sort::default().by(ImageColumn::Name), ..Query::default() };
        // Without regard to case; equal names by region.
        assert_eq!(names(&by_name.apply(&all, NOW)), ["db", "web-v1", "web-v2", "Web-v2", "win"]);
        let back = Query { sort: by_name.sort.by(ImageColumn::Name), ..Query::default() };
        assert_eq!(names(&back.apply(&all, NOW)), ["win", "web-v2", "Web-v2", "web-v1", "db"]);
        let by_size = Query { sort: Sort::default().by(ImageColumn::Size), ..Query::default() };
        assert_eq!(names(&by_size.apply(&all, NOW))[..2], ["db", "win"]);
        let by_use = Query { sort: Sort::default().by(ImageColumn::InUse), ..Query::default() };
        assert_eq!(names(&by_use.apply(&all, NOW))[0], "web-v2");
    }

    #[test]
    fn sort_directions_and_their_aria_sort() {
        let sort = Sort::default();
        assert_eq!((sort.aria(ImageColumn::Created), sort.aria(ImageColumn::Name)), ("descending", "none"));
        let by_name = sort.by(ImageColumn::Name);
        assert_eq!(by_name.aria(ImageColumn::Name), "ascending");
        assert_eq!(by_name.by(ImageColumn::Name).aria(ImageColumn::Name), "descending");
        for column in ImageColumn::ALL {
            let once = sort.by(column);
            assert_eq!(once.by(column).descending, !once.descending, "{column:?}");
            assert!(!column.title().is_empty());
        }
        let (unknown, one) = (ImageRow::default(), ImageRow::from_value(&json!({"size": 1})));
        assert_eq!(ImageColumn::Size.compare(&one, &unknown), Ordering::Less);
    }

    #[test]
    fn filters_narrow_the_rows() {
        let all = rows();
        let query = |q: Query| names(&q.apply(&all, NOW)).into_iter().map(str::to_string).collect::<Vec<_>>();
        let text = |t: &str| Query { text: t.into(), ..Query::default() };
        assert_eq!(query(text("ORDERS")), ["db"], "tags");
        assert_eq!(query(text("postgres")), ["db"], "description");
        assert_eq!(query(text("m-win")), ["win"], "ID");
        assert_eq!(query(text("  web-v2 ")).len(), 2);
        assert_eq!(query(Query { status: "Available".into(), ..Query::default() }).len(), 3);
        assert_eq!(query(Query { architecture: "arm64".into(), ..Query::default() }), ["db"]);
        assert_eq!(query(Query { os: "Windows Server 2022".into(), ..Query::default() }), ["win"]);
        assert_eq!(query(Query { family: "web".into(), ..Query::default() }).len(), 3);
        assert_eq!(query(Query { age: Age::OlderThan(90), ..Query::default() }), ["web-v1", "win"]);
        assert_eq!(query(Query { age: Age::NewerThan(7), ..Query::default() }), ["db"]);
        let mut both = Query::default();
        both.set_pick(Pick::Status, "Available".into());
        both.set_pick(Pick::Family, "web".into());
        assert_eq!((both.pick(Pick::Status), both.pick(Pick::Os)), ("Available", ""));
        assert_eq!(query(both.clone()).len(), 2);
        assert!(both.filters());
        assert!(!both.cleared().filters());
        assert!(!Query::default().filters());
    }

    #[test]
    fn ages_in_the_filter() {
        for age in Age::CHOICES {
            assert_eq!(Age::from_value(&age.value()), age);
        }
        assert_eq!(Age::from_value("nonsense"), Age::Any);
        assert_eq!(Age::OlderThan(365).label(), "Older than a year");
        assert!(!Age::OlderThan(1).admits(None, NOW));
        assert!(Age::Any.admits(None, NOW));
    }

    #[test]
    fn what_a_filter_offers() {
        let all = rows();
        assert_eq!(values_of(&all, |r| &r.platform), ["Ubuntu", "Windows Server 2022"]);
        assert_eq!(values_of(&all, |r| &r.family), ["web"]);
    }
}
