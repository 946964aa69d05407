//! "Show request": the signed request of the form (see `model::preview`), and the same call as
//! curl, as an `aliyun ecs` command and as JavaScript, each with a Copy button. For an operation
//! that changes state it says the signed request is a live call anyone holding it can replay, and
//! offers the parameters without the signature ("Copy parameters only").

use crate::model::{Presigned, Preview};
use crate::widgets::FailureView;
use leptos::prelude::*;

/// Copies text to the clipboard (a best effort: it needs a secure context).
pub fn copy(text: String) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(&text);
    }
}

#[component]
pub fn RequestView(preview: Preview) -> impl IntoView {
    let Preview { action, changes_state, outcome, javascript } = preview;
    match outcome {
        Err(failure) => view! { <FailureView failure=failure /> }.into_any(),
        Ok(signed) => {
            let unsigned = changes_state.then(|| signed.unsigned_parameters(action));
            let Presigned { method, url, headers, string_to_sign, canonical_request, curl, cli, .. } = signed;
            let snippets = [("curl", curl), ("aliyun CLI", cli), ("JavaScript", javascript)];
            let live = unsigned.map(|parameters| {
                let for_copy = parameters.clone();
                view! {
                    <div class="live-call">
                        <p class="warning" role="note">
                            {format!(
                                "This is a live signed call: {action} changes your resources. The URL with its headers, \
                                 the curl command and the CLI command are valid for 15 minutes from now, and anyone who \
                                 holds one of them can send it once, as you. Do not paste them where others can read \
                                 them; share the parameters only."
                            )}
                        </p>
                        <div class="snippet">
                            <div class="snippet-head">
                                <h4>"Parameters only (unsigned, not replayable)"</h4>
                                <button type="button" on:click=move |_| copy(for_copy.clone())>"Copy parameters only"</button>
                            </div>
                            <pre class="unsigned">{parameters}</pre>
                        </div>
                    </div>
                }
            });
            view! {
                <section class="request-view" aria-label="Signed request">
                    <h3>{format!("{action} request (signed, not sent)")}</h3>
                    {live}
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
