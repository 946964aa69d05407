//! The Distribute dialog (the image manager's modal shell: focus in, kept in, given back): first
//! the form and, below it, the plan — every call the package will make — then, once started, the
//! distribution itself (`matrix`).

use super::form::fields;
use super::matrix::run_view;
use super::{Distributions, Opened};
use crate::client::workflows::plan_distribution;
use crate::model::distribution::form::DistributeForm;
use crate::model::distribution::plan_lines;
use crate::model::image_actions::ImageFacts;
use crate::state::AppState;
use crate::views::dialog::Modal;
use leptos::prelude::*;
use serde_json::Value;

/// Where the dialog opens (one at a time), mounted once beside every view: one modal from opening
/// to closing (so the focus goes back to what opened it), the form giving way to the run.
#[component]
pub fn DistributionDialog() -> impl IntoView {
    let d = Distributions::get();
    let open = Memo::new(move |_| d.dialog.with(Option::is_some));
    let content = Memo::new(move |_| d.dialog.get());
    let close = Callback::new(move |_| d.dialog.set(None));
    move || {
        open.get().then(|| {
            let title = match d.dialog.get_untracked() {
                Some(Opened::Form(image)) => format!("Distribute {} ({})", image.name, image.id),
                _ => "Distribution".to_string(),
            };
            let body = move || match content.get() {
                Some(Opened::Form(image)) => form_view(d, image, close).into_any(),
                _ => run_view(d, close).into_any(),
            };
            view! { <Modal title=title on_close=close closable=Signal::from(true)>{body}</Modal> }
        })
    }
}

/// The form, the plan of what it says (or why there is none yet), and the button that starts it.
fn form_view(d: Distributions, image: ImageFacts, close: Callback<()>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let form = RwSignal::new(DistributeForm { name: image.name.clone(), ..DistributeForm::default() });
    let (region, id) = (image.region.clone(), image.id.clone());
    let plan = Signal::derive(move || {
        let problems = form.with(DistributeForm::problems);
        if !problems.is_empty() {
            return Err(problems.join(" "));
        }
        plan_distribution(&form.with(|f| f.request(&region, &id))).map_err(|f| f.message)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(plan) = plan.get_untracked() {
            d.forget();
            d.dialog.set(Some(Opened::Run));
            d.run(app, plan);
            // The button pressed is gone: the focus goes to what the run says.
            crate::focus::after_render(".distribution-status");
        } else {
            crate::focus::after_render("#distribute-reason");
        }
    };
    let count = move || form.with(|f| f.regions.len());
    view! {
        <form class="dialog-body distribute-form" on:submit=submit novalidate>
            <p class="dialog-intro">
                "Copies the image to each region ticked, waits until each copy is Available, shares it with the accounts \
                 and puts it in the family. Regions run side by side and fail alone; the progress is kept in this browser \
                 (localStorage, no credentials), so a reload resumes it without copying twice."
            </p>
            {fields(form, image.region.clone())}
            {plan_view(plan)}
            <div class="dialog-actions">
                <button type="submit" class="primary" aria-disabled=move || plan.with(Result::is_err).to_string()
                    aria-describedby="distribute-reason">
                    {move || format!("Distribute to {}", crate::format::count(count() as u64, "regions"))}
                </button>
                <button type="button" class="dialog-cancel" on:click=move |_| close.run(())>"Cancel"</button>
                <p id="distribute-reason" class="reason" tabindex="-1" aria-live="polite">
                    {move || plan.get().err().map(|why| format!("Cannot start yet: {why}"))}
                </p>
            </div>
        </form>
    }
}

/// "The calls it will make": the plan's calls in words.
fn plan_view(plan: Signal<Result<Value, String>>) -> impl IntoView {
    let lines = move || plan.with(|p| p.as_ref().map(plan_lines).unwrap_or_default());
    view! {
        <section class="plan" aria-labelledby="distribute-plan">
            <h3 id="distribute-plan">{move || format!("The calls it will make ({})", lines().len())}</h3>
            <ol>{move || lines().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ol>
        </section>
    }
}
