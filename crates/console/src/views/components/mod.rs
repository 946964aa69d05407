//! The Components view (`#/components[/<region>[/<component ID>]]`): the image components of a
//! region, the pipelines' reusable build and test steps (DescribeImageComponents); one's content
//! (the template text, monospace, with Copy); create and delete in dialogs.

mod content;
mod dialogs;
mod table;

use super::dialog::{dialog_host, DialogSpec};
use super::manager::{list_status, load_list, region_of, trouble_view, view_head, List};
use crate::model::View;
use crate::results::Cancellable;
use crate::state::AppState;
use ecsimg_core::catalogue::{operation, Operation};
use leptos::prelude::*;
use serde_json::{json, Value};

/// The call that lists components.
fn describe() -> &'static Operation {
    operation("DescribeImageComponents").expect("the catalogue has DescribeImageComponents")
}

/// What the view's parts share.
#[derive(Clone, Copy)]
struct Ctx {
    state: AppState,
    region: Memo<String>,
    list: RwSignal<List>,
    dialog: RwSignal<Option<DialogSpec>>,
    task: Cancellable,
}

impl Ctx {
    /// Loads the region's components again.
    fn reload(self) {
        let request = json!({ "regionId": self.region.get_untracked() });
        load_list(self.state, describe(), request, self.list, self.task);
    }

    /// The component the route opens, as the list has it.
    fn component(self, id: &str) -> Option<Value> {
        self.list.with(|l| {
            l.items.as_ref()?.iter().find(|c| c.get("imageComponentId").and_then(Value::as_str) == Some(id)).cloned()
        })
    }
}

#[component]
pub fn ComponentsView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = Ctx {
        state,
        region: region_of(state),
        list: RwSignal::new(List::default()),
        dialog: RwSignal::new(None),
        task: Cancellable::new(),
    };
    // The region's components, loaded when it (or the connection) changes.
    let connection = Memo::new(move |_| state.connection.with(|c| c.describe()));
    Effect::new(move |_| {
        ctx.region.track();
        connection.track();
        ctx.reload();
    });
    let trouble = RwSignal::new(None);
    let open = Memo::new(move |_| state.route.with(|r| r.path.get(1).cloned()));
    view! {
        <main id="main" tabindex="-1" class="manager">
            {view_head(
                View::Components,
                ctx.region,
                ctx.list,
                "Create component",
                move || ctx.dialog.set(Some(dialogs::create(ctx))),
                move || ctx.reload(),
            )}
            <p class="view-intro">
                "Components are the reusable steps of pipelines: the commands that build an image (build components) \
                 or check it (test components). A pipeline runs the components it names, in order."
            </p>
            {trouble_view(trouble)}
            {list_status(ctx.list, "components")}
            {table::components_table(ctx)}
            {move || open.get().map(|id| content::content_view(ctx, id))}
            {dialog_host(ctx.dialog)}
        </main>
    }
}
