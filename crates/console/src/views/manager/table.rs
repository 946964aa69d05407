//! A region's list as a table (cards on a narrow screen), the frame the Pipelines and Components
//! views share: a caption counting the items, the column heads (the last, the row's actions, named
//! for screen readers only), a row per item; a hint when the region has none.

use leptos::prelude::*;
use serde_json::Value;

/// `items` of `region` as a table of `noun` ("pipelines"), headed by `columns`, each item drawn
/// by `row`; nothing while they load.
pub fn list_table(
    items: Option<Vec<Value>>,
    region: &str,
    noun: &'static str,
    columns: &'static [&'static str],
    row: impl Fn(Value) -> AnyView,
) -> Option<AnyView> {
    let items = items?;
    if items.is_empty() {
        return Some(view! { <p class="hint">{format!("No {noun} in {region} yet.")}</p> }.into_any());
    }
    let mut title = noun.to_string();
    title[..1].make_ascii_uppercase();
    let heads = columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view();
    Some(
        view! {
            <div class="table-wrap">
                <table class="manager-table">
                    <caption>{format!("{title} in {region} ({})", items.len())}</caption>
                    <thead><tr>
                        {heads}<th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody>{items.into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any(),
    )
}
