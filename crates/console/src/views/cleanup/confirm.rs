//! The confirmation before the deletion: it names the count and the total size and lists every
//! image (the modal shell: focus in, kept in, given back to "Delete…").

use super::Cleanup;
use crate::views::dialog::Modal;
use leptos::prelude::*;

pub fn confirm_view(c: Cleanup) -> impl IntoView {
    let keys = c.selected.get_untracked();
    let images: Vec<_> =
        c.findings.with_untracked(|f| f.as_ref().map(|f| f.selected(&keys).cloned().collect()).unwrap_or_default());
    let (n, gib) = (images.len(), images.iter().map(|i| i.size_gib).sum::<u64>());
    let what = format!("{} ({gib} GiB)", crate::format::count(n as u64, "images"));
    let close = Callback::new(move |_| c.confirming.set(false));
    let delete = move |_| {
        c.confirming.set(false);
        c.delete(true);
    };
    let list = images
        .into_iter()
        .map(|i| view! { <li><strong>{i.name}</strong>" "<code>{i.id}</code>{format!(" · {} · {} GiB", i.region, i.size_gib)}</li> })
        .collect_view();
    view! {
        <Modal title=format!("Delete {what}?") on_close=close closable=Signal::from(true)>
            <div class="dialog-body">
                <p class="warning">{format!(
                    "Deletes these {what}. Deleted images cannot be recovered; the snapshots they were made of stay, \
                     and are billed until you delete them."
                )}</p>
                <ul class="cleanup-confirm-list">{list}</ul>
                <div class="dialog-actions">
                    <button type="button" class="primary destroys" on:click=delete>{format!("Delete {what}")}</button>
                    <button type="button" class="dialog-cancel" on:click=move |_| close.run(())>"Cancel"</button>
                </div>
            </div>
        </Modal>
    }
}
