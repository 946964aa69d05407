//! The last check's or deletion's report: per image its status in words (and colour), why it
//! would fail or failed, the totals, and the CSV and JSON exports (the package's).

use super::Cleanup;
use crate::client::workflows::deletion_report;
use crate::model::cleanup::{Deletion, DeletionRow};
use crate::views::images::download::download;
use leptos::prelude::*;

pub fn report_view(c: Cleanup) -> Option<impl IntoView> {
    let raw = c.report.get()?;
    let deletion = Deletion::of(&raw);
    let title = if deletion.check { "Check (DryRun: nothing deleted)" } else { "Deletion" };
    let totals = match (deletion.check, deletion.waiting()) {
        (_, n) if n > 0 => format!("{n} to go."),
        (true, _) => format!(
            "{} would be deleted ({} GiB); {} would fail.",
            deletion.count,
            deletion.total_gib,
            deletion.failures()
        ),
        (false, _) => {
            format!("{} deleted ({} GiB); {} failed.", deletion.count, deletion.total_gib, deletion.failures())
        }
    };
    let over = deletion.waiting() == 0 && c.busy.with(Option::is_none);
    let export = move |csv: bool| {
        let raw = raw.clone();
        move |_| {
            let (name, mime) = if csv { ("deletion.csv", "text/csv") } else { ("deletion.json", "application/json") };
            download(name, mime, &deletion_report(&raw, csv));
        }
    };
    Some(view! {
        <section class="cleanup-report" aria-labelledby="cleanup-report">
            <h3 id="cleanup-report">{title}</h3>
            <p role="status">{totals}</p>
            <div class="table-scroll">
                <table class="cleanup-table">
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Image ID"</th><th scope="col">"Region"</th>
                        <th scope="col">"Size (GiB)"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>{deletion.rows.into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
            {over.then(|| view! {
                <div class="report-exports">
                    <button type="button" on:click=export(true)>"Export CSV"</button>
                    <button type="button" on:click=export(false)>"Export JSON"</button>
                </div>
            })}
        </section>
    })
}

fn row(r: DeletionRow) -> impl IntoView {
    let (words, tone) = r.words();
    view! {
        <tr data-status=r.status.clone()>
            <td>{r.name.clone()}</td><td><code>{r.id.clone()}</code></td><td data-label="Region">{r.region.clone()}</td>
            <td data-label="Size (GiB)">{r.size_gib}</td>
            <td>
                <span class=format!("badge tone-{tone}")>{words}</span>
                {r.reason.map(|why| view! { <p class="cell-reason bad">{why}</p> })}
                {r.note.map(|n| view! { <p class="muted">{n}</p> })}
            </td>
        </tr>
    }
}
