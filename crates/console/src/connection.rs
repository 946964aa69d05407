//! The connection panel: target, region, signature version, and for a real account its
//! credentials (see `model::connection`; remembering them is opt-in and warned about).

use crate::model::connection::{region_problem, Credential};
use crate::model::{Connection, Target};
use crate::session;
use leptos::prelude::*;

/// Changes the connection and keeps sessionStorage's copy (if any) in step.
#[derive(Clone, Copy)]
struct Edit(RwSignal<Connection>);

impl Edit {
    fn apply(self, change: impl FnOnce(&mut Connection)) {
        self.0.update(|c| {
            change(c);
            session::persist(c);
        })
    }
}

#[component]
pub fn ConnectionPanel(connection: RwSignal<Connection>) -> impl IntoView {
    let edit = Edit(connection);
    let target = move || connection.with(|c| c.target);
    let on_target = move |ev| {
        let target = match event_target_value(&ev).as_str() {
            "local" => Target::LocalEmulator,
            "aliyun" => Target::AlibabaCloud,
            _ => Target::InPage,
        };
        edit.apply(move |c| c.target = target);
    };
    view! {
        <section class="connection" aria-label="Connection">
            <div class="field-inline">
                <label for="conn-target">"Connection"</label>
                <select id="conn-target" on:change=on_target>
                    <option value="sandbox" selected=move || target() == Target::InPage>"Sandbox (in this page)"</option>
                    <option value="local" selected=move || target() == Target::LocalEmulator>"Sandbox (local emulator via proxy)"</option>
                    <option value="aliyun" selected=move || target() == Target::AlibabaCloud>"Alibaba Cloud (via proxy)"</option>
                </select>
            </div>
            {region_field(edit)}
            <div class="field-inline">
                <label for="conn-signature">"Signature"</label>
                <select id="conn-signature" on:change=move |ev| { let v1 = event_target_value(&ev) == "v1"; edit.apply(move |c| c.signature_v1 = v1) }>
                    <option value="v3" selected=move || connection.with(|c| !c.signature_v1)>"V3 (ACS3-HMAC-SHA256)"</option>
                    <option value="v1" selected=move || connection.with(|c| c.signature_v1)>"V1 (HMAC-SHA1)"</option>
                </select>
            </div>
            <Show when=move || target() == Target::AlibabaCloud>
                {credentials(edit)}
            </Show>
        </section>
    }
}

/// The region: any region of a real account; the suggestions are the sandbox's.
fn region_field(edit: Edit) -> impl IntoView {
    let connection = edit.0;
    let problem = RwSignal::new(None::<String>);
    let on_region = move |ev| {
        let region = event_target_value(&ev).trim().to_string();
        problem.set(region_problem(&region));
        if problem.with(Option::is_none) {
            edit.apply(move |c| c.region = region);
        }
    };
    view! {
        <div class="field-inline">
            <label for="conn-region">"Region"</label>
            <input id="conn-region" list="conn-regions" autocomplete="off" spellcheck="false" size="16"
                prop:value=move || connection.with(|c| c.region.clone())
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=move || problem.with(|p| p.is_some().then_some("conn-region-problem"))
                on:change=on_region />
            <datalist id="conn-regions">
                {ecsimg_core::catalogue::REGIONS.iter().map(|r| view! { <option value=*r></option> }).collect_view()}
            </datalist>
            {move || problem.get().map(|p| view! { <p id="conn-region-problem" class="problems" role="alert">{p}</p> })}
        </div>
    }
}

/// The credentials of a real account, and whether to remember them in this tab.
fn credentials(edit: Edit) -> impl IntoView {
    let connection = edit.0;
    let set = move |which: Credential| move |ev| edit.apply(|c| c.set_credential(which, event_target_value(&ev)));
    view! {
        <div class="credentials">
            <div class="field-inline">
                <label for="conn-id">"AccessKey ID"</label>
                <input id="conn-id" autocomplete="off" spellcheck="false"
                    prop:value=move || connection.with(|c| c.access_key_id().to_string())
                    on:change=set(Credential::AccessKeyId) />
            </div>
            <div class="field-inline">
                <label for="conn-secret">"AccessKey secret"</label>
                // Write-only: the secret is read from the input and never written back into the page.
                <input id="conn-secret" type="password" autocomplete="off" on:change=set(Credential::AccessKeySecret) />
            </div>
            <div class="field-inline">
                <label for="conn-token">"STS token (optional)"</label>
                <input id="conn-token" type="password" autocomplete="off" on:change=set(Credential::SecurityToken) />
            </div>
            <div class="field-inline">
                <input id="conn-remember" type="checkbox" prop:checked=move || connection.with(|c| c.remember)
                    on:change=move |ev| { let on = event_target_checked(&ev); edit.apply(move |c| c.remember = on) } />
                <label for="conn-remember">"Remember in this tab (sessionStorage)"</label>
            </div>
            <Show when=move || connection.with(|c| c.remember)>
                <p class="warning" role="alert">
                    "The credentials are stored unencrypted in this tab's sessionStorage until the tab closes; any script on this origin can read them. Prefer short-lived STS credentials."
                </p>
            </Show>
            <p class="hint">"Kept in memory only unless you ask; calls go through this site's proxy to Alibaba Cloud."</p>
        </div>
    }
}
