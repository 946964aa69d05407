//! One pipeline, as the route opens it: what it builds from and with, its buttons, and its runs as
//! timelines (the API view's), newest first, with live status.

use super::table::{run_buttons, source};
use super::Ctx;
use crate::format::{field_text, short_time};
use crate::results::{executions_view, Items};
use crate::views::manager::attributes;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

pub fn detail_view(ctx: Ctx, id: String) -> impl IntoView {
    let pipeline = {
        let id = id.clone();
        Memo::new(move |_| ctx.pipeline(&id))
    };
    move || {
        let Some(pipeline) = pipeline.get() else {
            let words = if ctx.list.with(|l| l.items.is_none()) {
                format!("Loading pipeline {id}…")
            } else {
                format!("There is no pipeline {id} in {}.", ctx.region.get())
            };
            return view! { <p class="hint">{words}</p> }.into_any();
        };
        let text = |key: &str| field_text(&pipeline, key);
        let last = {
            let id = id.clone();
            Memo::new(move |_| ctx.last_runs.with(|runs| runs.get(&id).cloned()))
        };
        let content = |title: &'static str, key: &str| {
            let body = text(key);
            (!body.is_empty()).then(|| view! { <h4>{title}</h4><pre class="content">{body}</pre> })
        };
        view! {
            <section class="detail" aria-labelledby="detail-title">
                <h3 id="detail-title" tabindex="-1">{format!("Pipeline {}", text("name"))}</h3>
                <div class="detail-actions">{run_buttons(ctx, pipeline.clone(), last)}</div>
                <p class="detail-id">"ID "<code>{text("imagePipelineId")}</code></p>
                {attributes(vec![
                    ("Builds from", source(&pipeline)),
                    ("Instance type", text("instanceType")),
                    ("Copies to", text("toRegionIds")),
                    ("Shares with", text("addAccounts")),
                    ("Created", short_time(&text("creationTime"))),
                    ("Description", text("description")),
                ])}
                {content("Build commands", "buildContent")}
                {content("Test commands", "testContent")}
                <h4 id="runs-title">"Runs"</h4>
                {runs_view(ctx)}
            </section>
        }
        .into_any()
    }
}

/// The open pipeline's runs, redrawn as they are loaded again.
fn runs_view(ctx: Ctx) -> impl IntoView {
    move || {
        let runs: Option<Vec<Value>> = ctx.runs.with(|l| l.items.clone());
        match runs {
            None => view! { <p class="hint">"Loading the runs…"</p> }.into_any(),
            Some(runs) if runs.is_empty() => {
                view! { <p class="hint">"No runs yet: Run now starts one."</p> }.into_any()
            }
            Some(runs) => executions_view(Items::new(runs.into_iter().map(Arc::new).collect())).into_any(),
        }
    }
}
