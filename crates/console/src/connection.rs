//! The connection panel: target, region, signature version, for a real account its credentials
//! (see `model::connection`; remembering them is opt-in and warned about, and they are forgotten
//! when their STS token expires while the page is open), and for the sandbox what it keeps in this
//! browser and "Reset sandbox".

use crate::client::sandbox;
use crate::model::connection::{region_problem, Credential, LONG_TERM_REFUSED};
use crate::model::region::unknown_region;
use crate::model::{Connection, Target};
use crate::session;
use crate::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

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
    // web/sandbox.js says when it replaced the sandbox's worker after a panic there, and whether
    // the new one started from the saved state.
    let restarted = RwSignal::new(None::<bool>);
    let _ = window_event_listener_untyped("ecsimg-sandbox-restarted", move |ev| {
        let detail = js_sys::Reflect::get(&ev, &"detail".into()).unwrap_or_default();
        let from_saved = js_sys::Reflect::get(&detail, &"fromSaved".into()).is_ok_and(|v| v.is_truthy());
        restarted.set(Some(from_saved));
    });
    let expired = forget_when_expired(edit);
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
                {credentials(edit, expired.cleared)}
            </Show>
            {move || expired.note.get().map(|note| view! { <p id="conn-expired" class="warning" role="status">{note}</p> })}
            <Show when=move || target() == Target::InPage>
                {sandbox_state()}
            </Show>
            <Show when=move || restarted.get().is_some() && target() == Target::InPage>
                <p class="warning" role="status">
                    {move || if restarted.get() == Some(true) {
                        "The sandbox stopped on an internal error and was restarted from its last saved state: \
                         the call that failed was not carried out."
                    } else {
                        "The sandbox stopped on an internal error and was restarted with a fresh demo state: \
                         your earlier sandbox resources are gone."
                    }}
                </p>
            </Show>
        </section>
    }
}

/// What forgetting expired credentials leaves for the panel: the note saying so, and a signal
/// that empties the write-only secret and token inputs.
#[derive(Clone, Copy)]
struct Expired {
    note: RwSignal<Option<String>>,
    cleared: RwSignal<u32>,
}

/// Forgets the STS credentials (memory and sessionStorage) when their token's expiry passes while
/// the page is open, and says so; a timer per expiry, replaced when it changes.
fn forget_when_expired(edit: Edit) -> Expired {
    let connection = edit.0;
    let expired = Expired { note: RwSignal::new(None), cleared: RwSignal::new(0) };
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let expiry = connection.with(|c| c.token_expiry_ms().filter(|_| c.has_token()));
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let Some(expiry) = expiry else { return };
        let forget = move || {
            let mut forgot = false;
            edit.apply(|c| forgot = c.forget_expired(session::now_ms()));
            if forgot {
                expired.cleared.update(|n| *n += 1);
                expired.note.set(Some(format!(
                    "The STS credentials expired at {} and were forgotten, from memory and from this tab's storage. \
                     Enter new ones to call Alibaba Cloud.",
                    iso_time(expiry)
                )));
            }
        };
        // A browser timer waits at most about 24 days; an STS token lasts hours.
        let wait = (expiry - session::now_ms()).clamp(0.0, f64::from(i32::MAX));
        timer.set_value(set_timeout_with_handle(forget, Duration::from_millis(wait as u64)).ok());
    });
    expired
}

/// What the sandbox keeps in this browser, and "Reset sandbox", which says what it clears and asks
/// to confirm.
fn sandbox_state() -> impl IntoView {
    let state = expect_context::<AppState>();
    let confirming = RwSignal::new(false);
    let done = RwSignal::new(None::<&'static str>);
    let kept = move || state.sandbox_start.get().unwrap_or_default().words();
    let ask = move |_| {
        done.set(None);
        confirming.set(true);
        crate::focus::after_render("#sandbox-reset-confirm");
    };
    let reset = move |_| {
        confirming.set(false);
        spawn_local(async move {
            let worked = sandbox::reset().await;
            if worked {
                state.known.forget();
            }
            done.set(Some(if worked {
                "The sandbox is back to its demo state; its saved copy in this browser is deleted."
            } else {
                "The sandbox could not be reset: it did not start."
            }));
        });
    };
    view! {
        <div class="sandbox-state">
            <p class="hint">{kept}</p>
            <Show when=move || !confirming.get()>
                <button type="button" on:click=ask>"Reset sandbox…"</button>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="group" aria-labelledby="sandbox-reset-what">
                    <p id="sandbox-reset-what">
                        "Reset the sandbox? This deletes everything made in it (images and their copies, shares, \
                         components, templates, build tasks, imports and exports), in this page and in the copy \
                         saved in this browser, and brings back the demo account as it was at first. The sandbox \
                         stores no credentials; this tab's history of calls stays."
                    </p>
                    <button type="button" id="sandbox-reset-confirm" class="danger" on:click=reset>"Reset the sandbox"</button>
                    <button type="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
                </div>
            </Show>
            <p class="hint" role="status">{move || done.get()}</p>
        </div>
    }
}

/// The region: on the sandbox one of its regions, on a real account any well-formed region ID (one
/// the console does not know is warned about, with "did you mean"). Forms still on the previous
/// region follow a change.
fn region_field(edit: Edit) -> impl IntoView {
    let state = expect_context::<AppState>();
    let connection = edit.0;
    let problem = RwSignal::new(None::<String>);
    let warning = RwSignal::new(None::<String>);
    let on_region = move |ev| {
        let region = event_target_value(&ev).trim().to_string();
        let sandbox = connection.with_untracked(|c| c.target != Target::AlibabaCloud);
        let malformed = region_problem(&region);
        let unknown = malformed.is_none().then(|| unknown_region(&region, sandbox)).flatten();
        // The sandbox has its regions only; a real account may have others.
        let (refused, warned) = if sandbox { (malformed.or(unknown), None) } else { (malformed, unknown) };
        warning.set(warned);
        problem.set(refused);
        if problem.with(Option::is_none) {
            let previous = connection.with_untracked(|c| c.region.clone());
            state.follow_region(&previous, &region);
            edit.apply(move |c| c.region = region);
        }
    };
    let described = move || match (problem.with(Option::is_some), warning.with(Option::is_some)) {
        (true, _) => Some("conn-region-problem"),
        (false, true) => Some("conn-region-warning"),
        _ => None,
    };
    view! {
        <div class="field-inline">
            <label for="conn-region">"Region"</label>
            <input id="conn-region" list="conn-regions" autocomplete="off" spellcheck="false" size="16"
                prop:value=move || connection.with(|c| c.region.clone())
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=described
                on:change=on_region />
            <datalist id="conn-regions">
                {ecsimg_core::catalogue::REGIONS.iter().map(|r| view! { <option value=*r></option> }).collect_view()}
            </datalist>
            {move || problem.get().map(|p| view! { <p id="conn-region-problem" class="problems" role="alert">{p}</p> })}
            {move || warning.get().map(|w| view! { <p id="conn-region-warning" class="warnings" role="status">{w}</p> })}
        </div>
    }
}

/// The credentials of a real account, and whether to remember them in this tab (STS credentials
/// only, until the token's expiry).
fn credentials(edit: Edit, cleared: RwSignal<u32>) -> impl IntoView {
    let connection = edit.0;
    let set = move |which: Credential| move |ev| edit.apply(|c| c.set_credential(which, event_target_value(&ev)));
    // Why remembering was just refused, if it was.
    let refusal = RwSignal::new(None::<&'static str>);
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
                // (Emptied when expired credentials are forgotten.)
                <input id="conn-secret" type="password" autocomplete="off" prop:value=move || { cleared.track(); String::new() }
                    on:change=set(Credential::AccessKeySecret) />
            </div>
            <div class="field-inline">
                <label for="conn-token">"STS token (optional)"</label>
                <input id="conn-token" type="password" autocomplete="off" prop:value=move || { cleared.track(); String::new() }
                    on:change=set(Credential::SecurityToken) />
            </div>
            {expiry_field(edit, refusal)}
            {remember_field(edit, refusal)}
            <p class="hint">"Kept in memory only unless you ask; calls go through this site's proxy to Alibaba Cloud."</p>
        </div>
    }
}

/// When the STS token expires: checked as a date; a remembered token whose expiry has passed is
/// forgotten.
fn expiry_field(edit: Edit, refusal: RwSignal<Option<&'static str>>) -> impl IntoView {
    let connection = edit.0;
    let problem = RwSignal::new(None::<String>);
    let on_expiry = move |ev| {
        let text = event_target_value(&ev).trim().to_string();
        let parsed = js_sys::Date::parse(&text);
        if !text.is_empty() && parsed.is_nan() {
            problem.set(Some(format!(
                "an expiry is a date and time such as 2026-01-31T12:00:00Z (the Expiration STS gives), got {text:?}"
            )));
            return;
        }
        problem.set(None);
        let now = session::now_ms();
        let expiry = (!text.is_empty()).then_some(parsed);
        edit.apply(|c| c.set_token_expiry(expiry, now));
        if expiry.is_some_and(|e| e <= now) && connection.with_untracked(Connection::remember) {
            let mut outcome = Ok(());
            edit.apply(|c| outcome = c.set_remember(true, now));
            refusal.set(outcome.err());
        }
    };
    view! {
        <div class="field-inline">
            <label for="conn-expiry">"Token expires (optional)"</label>
            <input id="conn-expiry" autocomplete="off" spellcheck="false" size="24" placeholder="2026-01-31T12:00:00Z"
                prop:value=move || expiry_text(connection)
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=move || problem.with(|p| p.is_some().then_some("conn-expiry-problem"))
                on:change=on_expiry />
            {move || problem.get().map(|p| view! { <p id="conn-expiry-problem" class="problems" role="alert">{p}</p> })}
        </div>
    }
}

/// "Remember in this tab": offered for STS credentials only, with why not beside it, and while
/// ticked, what remembering them means.
fn remember_field(edit: Edit, refusal: RwSignal<Option<&'static str>>) -> impl IntoView {
    let connection = edit.0;
    let has_token = move || connection.with(Connection::has_token);
    let remembered = move || connection.with(Connection::remember);
    let on_remember = move |ev| {
        let on = event_target_checked(&ev);
        let mut outcome = Ok(());
        edit.apply(|c| outcome = c.set_remember(on, session::now_ms()));
        refusal.set(outcome.err());
    };
    view! {
        <div class="field-inline">
            <input id="conn-remember" type="checkbox" prop:checked=remembered
                disabled=move || !has_token()
                aria-describedby=move || (!has_token() || refusal.with(Option::is_some)).then_some("conn-remember-note")
                on:change=on_remember />
            <label for="conn-remember">"Remember in this tab (sessionStorage)"</label>
        </div>
        // Why the checkbox is off: said beside it, for a long-term key always (the checkbox is
        // disabled), and as an alert when ticking it was just refused.
        {move || match (has_token(), refusal.get()) {
            (false, _) => Some(view! { <p id="conn-remember-note" class="hint">{LONG_TERM_REFUSED}</p> }.into_any()),
            (true, Some(why)) => Some(view! { <p id="conn-remember-note" class="problems" role="alert">{why}</p> }.into_any()),
            (true, None) => None,
        }}
        <Show when=remembered>
            <p class="warning" role="alert">
                {move || format!(
                    "These STS credentials are stored unencrypted in this tab's sessionStorage until {} (the token's \
                     expiry, or an hour when not given); after that they are deleted when the page next loads. \
                     The browser writes sessionStorage to disk to restore the session after a restart, copies it \
                     into a duplicated tab, and clears it only when the tab is closed for good; any script on \
                     this origin can read it.",
                    expiry_text(connection)
                )}
            </p>
        </Show>
    }
}

/// The token's expiry as ISO 8601, or nothing.
fn expiry_text(connection: RwSignal<Connection>) -> String {
    connection.with(|c| c.token_expiry_ms().map(iso_time).unwrap_or_default())
}

/// A time (ms since the epoch) as ISO 8601 in UTC.
fn iso_time(ms: f64) -> String {
    String::from(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).to_iso_string())
}
