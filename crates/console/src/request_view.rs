//! "Show request": the signed request of the form (see `model::preview`), and the same call as
//! curl, as an `aliyun ecs` command and as JavaScript, each with a Copy button.

use crate::model::{Presigned, Preview};
use crate::widgets::FailureView;
use leptos::prelude::*;

/// Copies text to the clipboard (a best effort: it needs a secure context).
fn copy(text: String) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(&text);
    }
}

#[component]
pub fn RequestView(preview: Preview) -> impl IntoView {
    let Preview { action, outcome, javascript } = preview;
    match outcome {
        Err(failure) => view! { <FailureView failure=failure /> }.into_any(),
        Ok(signed) => {
            let Presigned { method, url, headers, string_to_sign, canonical_request, curl, cli } = signed;
            let snippets = [("curl", curl), ("aliyun CLI", cli), ("JavaScript", javascript)];
            view! {
                <section class="request-view" aria-label="Signed request">
                    <h3>{format!("{action} request (signed, not sent)")}</h3>
                    <dl>
                        <dt>"Method"</dt><dd><code>{method}</code></dd>
                        <dt>"URL"</dt><dd><code class="wrap">{url}</code></dd>
                        <dt>"Headers"</dt>
                        <dd><pre>{headers.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("\n")}</pre></dd>
                        {canonical_request.map(|c| view! { <dt>"Canonical request"</dt><dd><pre>{c}</pre></dd> })}
                        <dt>"String to sign"</dt><dd><pre>{string_to_sign}</pre></dd>
                    </dl>
                    {snippets.into_iter().map(|(name, text)| snippet(name, text)).collect_view()}
                </section>
            }
            .into_any()
        }
    }
}

fn snippet(name: &'static str, text: String) -> impl IntoView {
    let for_copy = text.clone();
    view! {
        <div class="snippet">
            <div class="snippet-head">
                <h4>{name}</h4>
                <button type="button" on:click=move |_| copy(for_copy.clone())>{format!("Copy {name}")}</button>
            </div>
            <pre>{text}</pre>
        </div>
    }
}
