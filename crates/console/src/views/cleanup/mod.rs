//! Clean up (`#/cleanup`): the account's own images nothing appears to need, found by the npm
//! package's `findCleanupCandidates` in the Images view's regions, each with why (and the kept ones
//! with why); the user selects, checks them with `deleteImages`' DryRun (nothing deleted), then
//! deletes them after a confirmation naming the count and the size, with progress and a report.

mod confirm;
mod report;
mod table;

use super::images::regions::remembered;
use crate::client::Client;
use crate::model::cleanup::{Deletion, Findings};
use crate::state::AppState;
use crate::views::region_boxes::region_boxes;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// The view's state: cheap handles to its signals.
#[derive(Clone, Copy)]
pub struct Cleanup {
    app: AppState,
    /// The regions looked at (the Images view's chosen ones, each may be unticked).
    regions: RwSignal<Vec<String>>,
    /// "Older than" as typed.
    days: RwSignal<String>,
    /// Shared images are candidates too (flagged with who loses them).
    shared: RwSignal<bool>,
    findings: RwSignal<Option<Findings>>,
    /// The candidates selected, by key (`region/id`).
    selected: RwSignal<Vec<String>>,
    /// The last check's or deletion's report, as the package made it.
    report: RwSignal<Option<Value>>,
    /// What runs now, in words (`None`: nothing).
    busy: RwSignal<Option<&'static str>>,
    problem: RwSignal<Option<String>>,
    confirming: RwSignal<bool>,
}

impl Cleanup {
    fn new(app: AppState) -> Cleanup {
        Cleanup {
            app,
            regions: RwSignal::new(remembered()),
            days: RwSignal::new("90".into()),
            shared: RwSignal::new(false),
            findings: RwSignal::new(None),
            selected: RwSignal::new(Vec::new()),
            report: RwSignal::new(None),
            busy: RwSignal::new(None),
            problem: RwSignal::new(None),
            confirming: RwSignal::new(false),
        }
    }

    /// The days typed, when they are a whole number.
    fn days(self) -> Option<u32> {
        self.days.with(|d| d.trim().parse().ok())
    }

    /// The selection's count and size.
    fn total(self) -> (usize, u64) {
        let keys = self.selected.get();
        self.findings.with(|f| f.as_ref().map_or((0, 0), |f| f.total(&keys)))
    }

    /// Runs `work` on a client of the connection of now, saying `what` meanwhile; a failure is shown.
    fn work<F>(self, what: &'static str, work: impl FnOnce(Client, web_sys::AbortSignal) -> F + 'static)
    where
        F: std::future::Future<Output = Result<(), crate::model::Failure>> + 'static,
    {
        let Ok(controller) = web_sys::AbortController::new() else { return };
        self.busy.set(Some(what));
        self.problem.set(None);
        let connection = self.app.connection.get_untracked();
        spawn_local(async move {
            let result = match Client::new(&connection, false) {
                Ok(client) => work(client, controller.signal()).await,
                Err(failure) => Err(failure),
            };
            if let Err(failure) = result {
                self.problem.set(Some(format!("{}: {}", failure.headline(), failure.message)));
            }
            self.busy.set(None);
        });
    }

    fn find(self) {
        let Some(days) = self.days() else {
            self.problem.set(Some("Older than: type a whole number of days.".into()));
            return;
        };
        let (regions, shared) = (self.regions.get_untracked(), self.shared.get_untracked());
        self.selected.set(Vec::new());
        self.report.set(None);
        self.work("Looking for candidates…", move |client, signal| async move {
            let found = client.cleanup_candidates(&regions, days, shared, &signal).await?;
            self.findings.set(Some(Findings::of(&found)));
            Ok(())
        });
    }

    /// The DryRun check (`confirmed` false) or the deletion of the selected candidates.
    fn delete(self, confirmed: bool) {
        let keys = self.selected.get_untracked();
        let Some(targets) = self.findings.with_untracked(|f| f.as_ref().map(|f| f.targets(&keys))) else { return };
        let what = if confirmed { "Deleting…" } else { "Checking (DryRun: nothing is deleted)…" };
        self.work(what, move |client, signal| async move {
            let progress = move |report: Value| self.report.set(Some(report));
            let report = client.delete_images(&targets, confirmed, &signal, progress).await?;
            if confirmed {
                self.drop_deleted(&Deletion::of(&report));
            }
            self.report.set(Some(report));
            Ok(())
        });
    }

    /// Takes the deleted images out of the candidates and the selection.
    fn drop_deleted(self, deletion: &Deletion) {
        let gone: Vec<String> =
            deletion.rows.iter().filter(|r| r.status == "deleted").map(|r| format!("{}/{}", r.region, r.id)).collect();
        self.findings.update(|f| {
            if let Some(f) = f {
                f.candidates.retain(|c| !gone.contains(&c.key()));
            }
        });
        self.selected.update(|s| s.retain(|k| !gone.contains(k)));
    }
}

#[component]
pub fn CleanupView() -> impl IntoView {
    let app = expect_context::<AppState>();
    let c = Cleanup::new(app);
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        c.find();
    };
    let busy = move || c.busy.get().is_some();
    view! {
        <main id="main" tabindex="-1" class="cleanup-view">
            <h2>"Clean up"</h2>
            <p class="hint">
                "Your own images that nothing appears to need: not used by instances, older than the days you give, not the \
                 newest of their family, not the base image of an image pipeline, not shared. Check them (nothing is deleted), \
                 then delete the ones you choose."
            </p>
            <form class="cleanup-search" on:submit=find novalidate>
                {regions_view(c)}
                <div class="field">
                    <label for="cleanup-days">"Older than (days)"</label>
                    <input id="cleanup-days" type="number" min="0" step="1" inputmode="numeric" prop:value=move || c.days.get()
                        on:input=move |ev| c.days.set(event_target_value(&ev)) />
                </div>
                <div class="field-inline">
                    <input type="checkbox" id="cleanup-shared" prop:checked=move || c.shared.get()
                        on:change=move |ev| c.shared.set(event_target_checked(&ev)) />
                    <label for="cleanup-shared">"Include images shared with other accounts (flagged: they lose them)"</label>
                </div>
                <button type="submit" class="primary" disabled=busy>"Find candidates"</button>
            </form>
            <p class="cleanup-status" role="status" aria-live="polite">{move || status(c)}</p>
            {move || c.problem.get().map(|p| view! { <p class="problems" role="alert">{p}</p> })}
            {move || c.findings.with(Option::is_some).then(|| table::findings_view(c))}
            {move || report::report_view(c)}
            {move || c.confirming.get().then(|| confirm::confirm_view(c))}
        </main>
    }
}

/// The Images view's regions, each ticked (untick one to leave it out).
fn regions_view(c: Cleanup) -> impl IntoView {
    let set = Callback::new(move |regions| c.regions.set(regions));
    view! {
        <fieldset class="group region-boxes">
            <legend>"Regions (the Images view's)"</legend>
            {region_boxes("cleanup-region", remembered(), c.regions.into(), set)}
        </fieldset>
    }
}

/// What runs, or what the last search found.
fn status(c: Cleanup) -> String {
    if let Some(busy) = c.busy.get() {
        return busy.to_string();
    }
    c.findings.with(|f| {
        f.as_ref().map_or_else(String::new, |f| {
            let gib: u64 = f.candidates.iter().map(|c| c.size_gib).sum();
            format!(
                "{} ({gib} GiB); {} kept.",
                crate::format::count(f.candidates.len() as u64, "candidates"),
                f.kept.len()
            )
        })
    })
}
