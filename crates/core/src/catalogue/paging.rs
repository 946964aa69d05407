/// How a describe call pages through its results. The style fixes the keys, as the API defines
/// them; the catalogue says which style an operation uses (`pagination.style`), and `build.rs`
/// checks that the operation has those parameters and answer fields.
///
/// Shared with `build.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `PageNumber` / `PageSize` / `TotalCount`.
    PageNumber,
    /// `NextToken` / `MaxResults`.
    NextToken,
}

impl PageStyle {
    /// From the catalogue's `pagination.style` (`page` or `token`).
    pub fn from_catalogue(style: &str) -> Option<PageStyle> {
        match style {
            "page" => Some(PageStyle::PageNumber),
            "token" => Some(PageStyle::NextToken),
            _ => None,
        }
    }

    /// `page` or `token`, as the catalogue (and the npm package's operation table) spells it.
    pub const fn name(self) -> &'static str {
        match self {
            PageStyle::PageNumber => "page",
            PageStyle::NextToken => "token",
        }
    }

    /// The request parameter that says which page to return (wire name): `PageNumber` (from 1) or
    /// `NextToken` (the previous answer's, left out for the first page).
    pub const fn cursor_param(self) -> &'static str {
        match self {
            PageStyle::PageNumber => "PageNumber",
            PageStyle::NextToken => "NextToken",
        }
    }

    /// The request parameter for the page size (wire name): `PageSize` or `MaxResults`. Its
    /// documented maximum and default are the operation's `Pagination::max_size` and
    /// `Pagination::default_size`.
    pub const fn size_param(self) -> &'static str {
        match self {
            PageStyle::PageNumber => "PageSize",
            PageStyle::NextToken => "MaxResults",
        }
    }

    /// The answer field that says whether more pages follow (wire name): `TotalCount` (more
    /// follow while fewer items were seen) or `NextToken` (more follow while it is not empty).
    pub const fn more_field(self) -> &'static str {
        match self {
            PageStyle::PageNumber => "TotalCount",
            PageStyle::NextToken => "NextToken",
        }
    }
}
