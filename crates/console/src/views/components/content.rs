//! One component, as the route opens it: its attributes, and its content (the template text) in
//! monospace with a Copy button.

use super::{dialogs, Ctx};
use crate::format::{field_text, short_time};
use crate::request_view::copy;
use crate::views::manager::attributes;
use leptos::prelude::*;

pub fn content_view(ctx: Ctx, id: String) -> impl IntoView {
    move || {
        let Some(component) = ctx.component(&id) else {
            let words = if ctx.list.with(|l| l.items.is_none()) {
                format!("Loading component {id}…")
            } else {
                format!("There is no component {id} in {}.", ctx.region.get())
            };
            return view! { <p class="hint">{words}</p> }.into_any();
        };
        let text = |key: &str| field_text(&component, key);
        let content = text("content");
        let for_copy = content.clone();
        let delete = {
            let component = component.clone();
            move |_| ctx.dialog.set(Some(dialogs::delete(ctx, &component)))
        };
        view! {
            <section class="detail" aria-labelledby="detail-title">
                <h3 id="detail-title" tabindex="-1">{format!("Component {}", text("name"))}</h3>
                <p class="detail-id">"ID "<code>{text("imageComponentId")}</code></p>
                {attributes(vec![
                    ("Type", text("componentType")),
                    ("System", text("systemType")),
                    ("Version", text("componentVersion")),
                    ("Created", short_time(&text("creationTime"))),
                    ("Description", text("description")),
                ])}
                <div class="snippet-head">
                    <h4 id="content-title">"Content"</h4>
                    <button type="button" on:click=move |_| copy(for_copy.clone())>"Copy content"</button>
                </div>
                <pre class="content" aria-labelledby="content-title" tabindex="0">{content}</pre>
                <div class="detail-actions">
                    <button type="button" on:click=delete>"Delete component"</button>
                </div>
            </section>
        }
        .into_any()
    }
}
