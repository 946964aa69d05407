//! The Pipelines view (`#/pipelines[/<region>[/<pipeline ID>]]`): the image pipelines (image
//! templates, in the API) of a region, each with its last run and its status; "Run now", followed
//! in the task tray; a pipeline's runs as timelines with live status; cancel a run; create and
//! delete in dialogs.

mod detail;
mod dialogs;
mod runs;
mod table;

use super::dialog::{dialog_host, DialogSpec};
use super::manager::{list_status, load_list, region_of, trouble_view, view_head, List, Trouble};
use super::tray::Tray;
use crate::format::field_text;
use crate::model::View;
use crate::results::Cancellable;
use crate::state::AppState;
use ecsimg_core::catalogue::{operation, Operation};
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;

fn op(name: &str) -> &'static Operation {
    operation(name).expect("the catalogue has the pipeline operations")
}

/// What the view's parts share.
#[derive(Clone, Copy)]
struct Ctx {
    state: AppState,
    tray: Tray,
    region: Memo<String>,
    /// The region's pipelines.
    list: RwSignal<List>,
    list_task: Cancellable,
    /// Each pipeline's last run, by pipeline ID.
    last_runs: RwSignal<HashMap<String, Value>>,
    /// The runs of the pipeline the route opens.
    runs: RwSignal<List>,
    runs_task: Cancellable,
    /// The region's components, for the create dialog's picker.
    components: RwSignal<List>,
    components_task: Cancellable,
    dialog: RwSignal<Option<DialogSpec>>,
    trouble: Trouble,
    /// The pipeline the route opens.
    open: Memo<Option<String>>,
}

impl Ctx {
    fn reload(self) {
        let request = json!({ "regionId": self.region.get_untracked() });
        load_list(self.state, op("DescribeImagePipelines"), request, self.list, self.list_task);
    }

    /// The pipeline of this ID, as the list has it.
    fn pipeline(self, id: &str) -> Option<Value> {
        self.list.with(|l| l.items.as_ref()?.iter().find(|p| field_text(p, "imagePipelineId") == id).cloned())
    }
}

#[component]
pub fn PipelinesView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = Ctx {
        state,
        tray: Tray::get(),
        region: region_of(state),
        list: RwSignal::new(List::default()),
        list_task: Cancellable::new(),
        last_runs: RwSignal::new(HashMap::new()),
        runs: RwSignal::new(List::default()),
        runs_task: Cancellable::new(),
        components: RwSignal::new(List::default()),
        components_task: Cancellable::new(),
        dialog: RwSignal::new(None),
        trouble: RwSignal::new(None),
        open: Memo::new(move |_| state.route.with(|r| r.path.get(1).cloned())),
    };
    // The region's pipelines, loaded when it (or the connection) changes.
    let connection = Memo::new(move |_| state.connection.with(|c| c.describe()));
    Effect::new(move |_| {
        ctx.region.track();
        connection.track();
        ctx.reload();
    });
    runs::follow_runs(ctx);
    view! {
        <main id="main" tabindex="-1" class="manager">
            {view_head(
                View::Pipelines,
                ctx.region,
                ctx.list,
                "Create pipeline",
                move || ctx.dialog.set(Some(dialogs::create(ctx))),
                move || ctx.reload(),
            )}
            <p class="view-intro">
                "A pipeline (an image template, in the API) builds an image: it starts a build instance from a base \
                 image, runs its components, tests the result and saves it as a new image, then copies and shares it \
                 as it says. Each run is followed in the Tasks tray."
            </p>
            {trouble_view(ctx.trouble)}
            {list_status(ctx.list, "pipelines")}
            {table::pipelines_table(ctx)}
            {move || ctx.open.get().map(|id| detail::detail_view(ctx, id))}
            {dialog_host(ctx.dialog)}
        </main>
    }
}
