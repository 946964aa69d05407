//! The candidates as a table with a checkbox each (and one for all), each with why it is a
//! candidate and whether it is shared; the selection's total with "Check selected" and "Delete…";
//! the kept images, folded, each with why.

use super::Cleanup;
use crate::model::cleanup::{Candidate, Kept};
use leptos::prelude::*;

pub fn findings_view(c: Cleanup) -> impl IntoView {
    let (candidates, kept, errors) =
        c.findings.with_untracked(|f| f.clone().map(|f| (f.candidates, f.kept, f.errors)).unwrap_or_default());
    let keys: Vec<String> = candidates.iter().map(Candidate::key).collect();
    let all = move || !keys.is_empty() && c.selected.with(|s| keys.iter().all(|k| s.contains(k)));
    let every: Vec<String> = candidates.iter().map(Candidate::key).collect();
    let toggle_all =
        move |ev: leptos::ev::Event| c.selected.set(if event_target_checked(&ev) { every.clone() } else { Vec::new() });
    let rows = candidates.into_iter().map(|candidate| row(c, candidate)).collect_view();
    view! {
        <section class="cleanup-findings" aria-labelledby="cleanup-candidates">
            <h3 id="cleanup-candidates">"Candidates"</h3>
            {errors.into_iter().map(|e| view! { <p class="problems">{format!("Not looked at: {e}")}</p> }).collect_view()}
            {selection_bar(c)}
            <div class="table-scroll">
                <table class="cleanup-table">
                    <thead><tr>
                        <th scope="col"><input type="checkbox" aria-label="Select every candidate" prop:checked=all on:change=toggle_all /></th>
                        <th scope="col">"Name"</th><th scope="col">"Image ID"</th><th scope="col">"Region"</th>
                        <th scope="col">"Age (days)"</th><th scope="col">"Size (GiB)"</th>
                        <th scope="col">"Why it is a candidate"</th><th scope="col">"Shared"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {kept_view(kept)}
        </section>
    }
}

fn row(c: Cleanup, candidate: Candidate) -> impl IntoView {
    let key = candidate.key();
    let (is, name) = (key.clone(), key.clone());
    let ticked = move || c.selected.with(|s| s.contains(&is));
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        c.selected.update(|s| {
            s.retain(|k| *k != name);
            if on {
                s.push(name.clone());
            }
        });
    };
    let label = format!("Select {} ({})", candidate.name, candidate.id);
    let reasons = candidate.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view();
    view! {
        <tr data-key=key>
            <td><input type="checkbox" aria-label=label prop:checked=ticked on:change=toggle /></td>
            <td class="name">{candidate.name.clone()}</td>
            <td><code>{candidate.id.clone()}</code></td>
            <td data-label="Region">{candidate.region.clone()}</td>
            <td data-label="Age (days)">{candidate.age_days}</td>
            <td data-label="Size (GiB)">{candidate.size_gib}</td>
            <td><ul class="reasons">{reasons}</ul></td>
            <td data-label="Shared">{candidate.flagged.clone().unwrap_or_else(|| "No".into())}</td>
        </tr>
    }
}

/// `2 selected: 60 GiB`, "Check selected", "Delete 2 images (60 GiB)…".
fn selection_bar(c: Cleanup) -> impl IntoView {
    let total = move || c.total();
    let none = move || total().0 == 0;
    let busy = move || c.busy.with(Option::is_some);
    let delete_label = move || {
        let (n, gib) = total();
        format!("Delete {} ({gib} GiB)…", crate::format::count(n as u64, "images"))
    };
    view! {
        <div class="selection-actions cleanup-selection">
            <span aria-live="polite">{move || { let (n, gib) = total(); format!("{n} selected: {gib} GiB") }}</span>
            <button type="button" disabled=move || none() || busy() on:click=move |_| c.delete(false)>"Check selected"</button>
            <button type="button" class="destroys" disabled=move || none() || busy()
                on:click=move |_| c.confirming.set(true)>{delete_label}</button>
        </div>
    }
}

/// The kept images, folded, each with why.
fn kept_view(kept: Vec<Kept>) -> impl IntoView {
    let n = kept.len();
    let items = kept
        .into_iter()
        .map(
            |k| view! { <li><strong>{k.name}</strong>" "<code>{k.id}</code>" · "{k.region}": "{k.why.join("; ")}</li> },
        )
        .collect_view();
    view! {
        <details class="cleanup-kept">
            <summary>{format!("Kept: {n} images, each with why")}</summary>
            <ul>{items}</ul>
        </details>
    }
}
