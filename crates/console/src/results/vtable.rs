//! A windowed table for lists of any length: a scroll box of fixed-height rows in which only the
//! rows in view (and a few around them) are in the DOM, between two spacers that keep the scroll
//! height right. Rows are only ever appended ("Load all"), so a new page changes nothing on screen
//! but the spacer below and the row count; scrolling swaps a row or two at a time.
//!
//! The spacers are `<svg height>` elements: the CSP allows no inline style, and an SVG's height
//! attribute is no style.
//!
//! On a narrow screen the first columns (ID, name, status) keep the width and the others are a
//! tap away: styles.css hides them until "Show all columns" is pressed.

use leptos::prelude::*;
use std::sync::Arc;

/// Every row's height in CSS pixels: `.vt td` in styles.css is exactly this high.
pub const ROW_HEIGHT: f64 = 34.0;
/// Rows rendered above and below the visible ones, so a quick scroll shows no gap.
pub const OVERSCAN: usize = 15;
/// The columns a narrow screen shows until "Show all columns" (styles.css hides the others).
const NARROW_COLUMNS: usize = 3;
/// The scroll box's height until it is measured (about its CSS max-height).
const DEFAULT_VIEWPORT: f64 = 600.0;

/// The rows `start..end` to render for a scroll box of `viewport` pixels scrolled to `scroll_top`,
/// over `count` rows of `row_height`: the visible ones and `overscan` more on each side.
pub fn window(scroll_top: f64, viewport: f64, row_height: f64, count: usize, overscan: usize) -> (usize, usize) {
    if count == 0 || row_height <= 0.0 || !scroll_top.is_finite() || !viewport.is_finite() {
        return (0, count.min(overscan));
    }
    let first = ((scroll_top.max(0.0) / row_height).floor() as usize).min(count - 1);
    let visible = (viewport.max(0.0) / row_height).ceil() as usize + 1;
    (first.saturating_sub(overscan), (first + visible + overscan).min(count))
}

/// The rows of a list, kept out of the reactive system (a `StoredValue`): views read the rows
/// they show; `len` and `generation` are what they track.
pub struct Items<R: Send + Sync + 'static> {
    rows: StoredValue<Vec<R>>,
    len: RwSignal<usize>,
    /// Bumped when the rows are replaced rather than appended to.
    generation: RwSignal<u64>,
}

impl<R: Send + Sync + 'static> Clone for Items<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for Items<R> {}

impl<R: Clone + Send + Sync + 'static> Items<R> {
    pub fn new(rows: Vec<R>) -> Self {
        let len = rows.len();
        Items { rows: StoredValue::new(rows), len: RwSignal::new(len), generation: RwSignal::new(0) }
    }

    /// The number of rows (tracked).
    pub fn len(&self) -> usize {
        self.len.get()
    }

    /// Changes when the rows are replaced (tracked).
    pub fn generation(&self) -> u64 {
        self.generation.get()
    }

    /// A row (rows are cheap to clone: `Arc`s).
    pub fn get(&self, index: usize) -> Option<R> {
        self.rows.with_value(|rows| rows.get(index).cloned())
    }

    /// Reads every row (untracked: track `len` and `generation` for changes).
    pub fn with_rows<T>(&self, read: impl FnOnce(&[R]) -> T) -> T {
        self.rows.with_value(|rows| read(rows))
    }

    /// Appends rows: views of the rows already there are untouched.
    pub fn extend(&self, more: Vec<R>) {
        if more.is_empty() {
            return;
        }
        let mut len = 0;
        self.rows.update_value(|rows| {
            rows.extend(more);
            len = rows.len();
        });
        self.len.set(len);
    }

    /// Replaces every row (views of the old ones go).
    pub fn replace(&self, rows: Vec<R>) {
        let len = rows.len();
        self.rows.set_value(rows);
        self.generation.update(|g| *g += 1);
        self.len.set(len);
    }
}

/// A column: its header, its width class (`w-xs` ... `w-xl` in styles.css; the table's layout is
/// fixed, so widths do not jump as other rows scroll into view) and how a row fills its cell.
pub struct Column<R> {
    pub title: String,
    pub width: &'static str,
    pub cell: Arc<dyn Fn(&R) -> AnyView + Send + Sync>,
    /// What the header holds instead of the title, if more (a sort button).
    pub head: Option<Head>,
}

/// A header with controls: what it shows, and its `aria-sort` (`ascending`, `descending`, `none`)
/// when the column sorts.
pub struct Head {
    pub view: Box<dyn FnOnce() -> AnyView + Send + Sync>,
    pub sort: Option<Signal<&'static str>>,
}

impl<R> Column<R> {
    pub fn new(
        title: impl Into<String>,
        width: &'static str,
        cell: impl Fn(&R) -> AnyView + Send + Sync + 'static,
    ) -> Self {
        Column { title: title.into(), width, cell: Arc::new(cell), head: None }
    }

    pub fn with_head(self, head: Head) -> Self {
        Column { head: Some(head), ..self }
    }
}

/// Text in a cell, cut with an ellipsis when too long; the whole text on hover.
pub fn text_cell(text: String) -> AnyView {
    let title = text.clone();
    view! { <span class="cell" title=title>{text}</span> }.into_any()
}

/// The windowed table of `items`; `caption` names it (and the scroll box, for screen readers).
pub fn virtual_table<R: Clone + Send + Sync + 'static>(
    items: Items<R>,
    columns: Vec<Column<R>>,
    caption: impl Fn() -> String + Send + Sync + 'static,
    class: &'static str,
) -> AnyView {
    let mut columns = columns;
    let heads: Vec<(String, &'static str, Option<Head>)> =
        columns.iter_mut().map(|c| (c.title.clone(), c.width, c.head.take())).collect();
    let cells: RowCells = Arc::new(move |i| {
        items.get(i).map(|r| columns.iter().map(|c| view! { <td>{(c.cell)(&r)}</td> }.into_any()).collect())
    });
    let rows = Rows {
        len: Signal::derive(move || items.len()),
        generation: Signal::derive(move || items.generation()),
        cells,
        caption: Signal::derive(caption),
    };
    table(rows, heads, class)
}

/// The cells of row `i` (none once the rows were replaced).
type RowCells = Arc<dyn Fn(usize) -> Option<Vec<AnyView>> + Send + Sync>;

/// What the table needs of a list, whatever its rows are: one table for every kind of row keeps
/// the console's wasm small.
struct Rows {
    len: Signal<usize>,
    generation: Signal<u64>,
    cells: RowCells,
    caption: Signal<String>,
}

fn table(rows: Rows, heads: Vec<(String, &'static str, Option<Head>)>, class: &'static str) -> AnyView {
    let Rows { len, generation, cells, caption } = rows;
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let range = Memo::new(move |_| window(scroll_top.get(), viewport.get(), ROW_HEIGHT, len.get(), OVERSCAN));
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            let height = f64::from(el.client_height());
            if height > 0.0 {
                viewport.set(height);
            }
        }
    };
    let span = heads.len().max(1).to_string();
    let top = move || (range.get().0 as f64 * ROW_HEIGHT).to_string();
    let bottom = move || (len.get().saturating_sub(range.get().1) as f64 * ROW_HEIGHT).to_string();
    let keys = move || {
        let generation = generation.get();
        let (start, end) = range.get();
        (start..end).map(move |i| (generation, i)).collect::<Vec<_>>()
    };
    let row = move |(_, i): (u64, usize)| {
        view! { <tr class="vt-row" aria-rowindex=(i + 2).to_string()>{cells(i)}</tr> }
    };
    let all_columns = RwSignal::new(false);
    let toggle = (heads.len() > NARROW_COLUMNS).then(|| {
        view! {
            <button type="button" class="columns-toggle" aria-pressed=move || all_columns.get().to_string()
                on:click=move |_| all_columns.update(|all| *all = !*all)>
                {move || if all_columns.get() { "Show fewer columns" } else { "Show all columns" }}
            </button>
        }
    });
    view! {
        {toggle}
        // Rows come and go as the box scrolls: not news for the result's live region.
        <div class="vt-scroll" class:all-columns=move || all_columns.get() node_ref=scroller on:scroll=on_scroll tabindex="0" role="region" aria-label=caption aria-live="off">
            <table class=format!("vt {class}") aria-rowcount=move || (len.get() + 1).to_string()>
                <caption>{caption}</caption>
                <colgroup>{heads.iter().map(|(_, width, _)| view! { <col class=*width /> }).collect_view()}</colgroup>
                <thead>
                    <tr aria-rowindex="1">{heads.into_iter().map(header).collect_view()}</tr>
                </thead>
                <tbody>
                    <tr class="vt-pad" aria-hidden="true"><td colspan=span.clone()><svg width="1" height=top></svg></td></tr>
                    <For each=keys key=|k| *k children=row />
                    <tr class="vt-pad" aria-hidden="true"><td colspan=span><svg width="1" height=bottom></svg></td></tr>
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A column's header cell: its title, or its own controls and `aria-sort`.
fn header((title, _, head): (String, &'static str, Option<Head>)) -> AnyView {
    match head {
        None => view! { <th scope="col">{title}</th> }.into_any(),
        Some(Head { view, sort }) => {
            view! { <th scope="col" aria-sort=move || sort.map(|s| s.get())>{view()}</th> }.into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_visible_rows_and_the_overscan() {
        // At the top: 600 px show 18 rows (+1 partly), and 15 more below.
        assert_eq!(window(0.0, 600.0, 34.0, 10_000, 15), (0, 34));
        // Scrolled to row 1000.
        assert_eq!(window(34_000.0, 600.0, 34.0, 10_000, 15), (985, 1034));
        // Near the end the window stops at the last row.
        assert_eq!(window(339_900.0, 600.0, 34.0, 10_000, 15), (9_982, 10_000));
        // Scrolled past the end (the list shrank): the last rows, never an empty or reversed range.
        assert_eq!(window(1e9, 600.0, 34.0, 50, 15), (34, 50));
    }

    #[test]
    fn small_and_odd_inputs() {
        assert_eq!(window(0.0, 600.0, 34.0, 0, 15), (0, 0));
        assert_eq!(window(0.0, 600.0, 34.0, 3, 15), (0, 3));
        assert_eq!(window(-50.0, 600.0, 34.0, 100, 15), (0, 34));
        assert_eq!(window(f64::NAN, 600.0, 34.0, 100, 15), (0, 15));
        assert_eq!(window(0.0, 0.0, 34.0, 100, 0), (0, 1));
    }

    #[test]
    fn at_most_about_fifty_rows_whatever_the_length() {
        for count in [1, 10, 100, 10_000, 1_000_000] {
            for top in [0.0, 5_000.0, 123_456.0, 33_999_966.0] {
                let (start, end) = window(top, 600.0, ROW_HEIGHT, count, OVERSCAN);
                assert!(start <= end && end <= count);
                assert!(end - start <= 50, "{count} rows at {top}: {start}..{end}");
            }
        }
    }
}
