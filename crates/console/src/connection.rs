//! Where calls go and as whom: the sandbox (in the page, or the local emulator through the proxy)
//! or an Alibaba Cloud account through the proxy. Credentials live in memory; remembering them in
//! sessionStorage is opt-in and warned about; localStorage is never used.

use leptos::prelude::*;

/// The same-origin path the proxy serves (Trunk's `[[proxy]]` in development, nginx in production).
pub const PROXY_PATH: &str = "/api/ecs";

const STORAGE_KEY: &str = "ecsimg.connection";

/// A region ID as the proxy forwards it (web/nginx/ecsimg.conf checks the same): one DNS label of
/// lowercase letters, digits and hyphens, since it becomes part of the endpoint's host name.
fn region_problem(region: &str) -> Option<String> {
    let ok = (1..=63).contains(&region.len())
        && region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    (!ok).then(|| format!("a region ID is lowercase letters, digits and hyphens (cn-hangzhou), got {region:?}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The emulator running in this page.
    InPage,
    /// The local emulator, through the proxy.
    LocalEmulator,
    /// A real account, through the proxy.
    AlibabaCloud,
}

#[derive(Clone, PartialEq)]
pub struct Connection {
    pub target: Target,
    pub region: String,
    pub signature_v1: bool,
    access_key_id: String,
    access_key_secret: String,
    security_token: String,
    /// Keep the credentials in sessionStorage (this tab only) across reloads.
    pub remember: bool,
}

/// The secret never prints, not even in debug output.
impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").field("target", &self.target).field("region", &self.region).finish_non_exhaustive()
    }
}

impl Default for Connection {
    fn default() -> Self {
        Connection {
            target: Target::InPage,
            region: "cn-hangzhou".into(),
            signature_v1: false,
            access_key_id: String::new(),
            access_key_secret: String::new(),
            security_token: String::new(),
            remember: false,
        }
    }
}

impl Connection {
    /// `(id, secret, token)`: the sandbox's demo account, or what the user gave.
    pub fn credentials(&self) -> (String, String, Option<String>) {
        match self.target {
            Target::InPage | Target::LocalEmulator => ("demo".into(), "demo-secret".into(), None),
            Target::AlibabaCloud => (
                self.access_key_id.clone(),
                self.access_key_secret.clone(),
                Some(self.security_token.clone()).filter(|t| !t.is_empty()),
            ),
        }
    }

    /// Why calls cannot be made yet, if they cannot.
    pub fn missing(&self) -> Option<&'static str> {
        (self.target == Target::AlibabaCloud && (self.access_key_id.is_empty() || self.access_key_secret.is_empty()))
            .then_some("Enter an AccessKey ID and secret to call Alibaba Cloud.")
    }

    pub fn describe(&self) -> String {
        let target = match self.target {
            Target::InPage => "Sandbox (in this page)",
            Target::LocalEmulator => "Sandbox (local emulator)",
            Target::AlibabaCloud => "Alibaba Cloud",
        };
        format!("{target} · {} · {}", self.region, if self.signature_v1 { "V1" } else { "V3" })
    }

    /// The connection remembered in this tab's sessionStorage, if the user asked for that.
    pub fn restored() -> Connection {
        let stored = session_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let Some(value) = stored.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok()) else {
            return Connection::default();
        };
        let text = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        Connection {
            target: Target::AlibabaCloud,
            region: Some(text("region")).filter(|r| !r.is_empty()).unwrap_or_else(|| "cn-hangzhou".into()),
            signature_v1: value.get("v1").and_then(|v| v.as_bool()).unwrap_or(false),
            access_key_id: text("id"),
            access_key_secret: text("secret"),
            security_token: text("token"),
            remember: true,
        }
    }

    /// Writes or clears the sessionStorage copy, as `remember` says.
    fn persist(&self) {
        let Some(storage) = session_storage() else { return };
        if self.remember && self.target == Target::AlibabaCloud {
            let value = serde_json::json!({
                "region": self.region, "v1": self.signature_v1,
                "id": self.access_key_id, "secret": self.access_key_secret, "token": self.security_token,
            });
            let _ = storage.set_item(STORAGE_KEY, &value.to_string());
        } else {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The connection panel: target, region, signature version, credentials.
#[component]
pub fn ConnectionPanel(connection: RwSignal<Connection>) -> impl IntoView {
    let update = move |change: Box<dyn FnOnce(&mut Connection)>| {
        connection.update(|c| {
            change(c);
            c.persist();
        })
    };
    let target = move || connection.with(|c| c.target);
    let on_target = move |ev| {
        let target = match event_target_value(&ev).as_str() {
            "local" => Target::LocalEmulator,
            "aliyun" => Target::AlibabaCloud,
            _ => Target::InPage,
        };
        update(Box::new(move |c| c.target = target));
    };
    let problem = RwSignal::new(None::<String>);
    let on_region = move |ev| {
        let region = event_target_value(&ev).trim().to_string();
        problem.set(region_problem(&region));
        if problem.with(Option::is_none) {
            update(Box::new(move |c| c.region = region));
        }
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
            <div class="field-inline">
                <label for="conn-region">"Region"</label>
                // Any region of a real account; the suggestions are the sandbox's.
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
            <div class="field-inline">
                <label for="conn-signature">"Signature"</label>
                <select id="conn-signature" on:change=move |ev| { let v1 = event_target_value(&ev) == "v1"; update(Box::new(move |c| c.signature_v1 = v1)) }>
                    <option value="v3" selected=move || connection.with(|c| !c.signature_v1)>"V3 (ACS3-HMAC-SHA256)"</option>
                    <option value="v1" selected=move || connection.with(|c| c.signature_v1)>"V1 (HMAC-SHA1)"</option>
                </select>
            </div>
            <Show when=move || target() == Target::AlibabaCloud>
                <div class="credentials">
                    <div class="field-inline">
                        <label for="conn-id">"AccessKey ID"</label>
                        <input id="conn-id" autocomplete="off" spellcheck="false"
                            prop:value=move || connection.with(|c| c.access_key_id.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |c| c.access_key_id = v)) } />
                    </div>
                    <div class="field-inline">
                        <label for="conn-secret">"AccessKey secret"</label>
                        // Write-only: the secret is read from the input and never written back into the page.
                        <input id="conn-secret" type="password" autocomplete="off"
                            on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |c| c.access_key_secret = v)) } />
                    </div>
                    <div class="field-inline">
                        <label for="conn-token">"STS token (optional)"</label>
                        <input id="conn-token" type="password" autocomplete="off"
                            on:change=move |ev| { let v = event_target_value(&ev); update(Box::new(move |c| c.security_token = v)) } />
                    </div>
                    <div class="field-inline">
                        <input id="conn-remember" type="checkbox" prop:checked=move || connection.with(|c| c.remember)
                            on:change=move |ev| { let on = event_target_checked(&ev); update(Box::new(move |c| c.remember = on)) } />
                        <label for="conn-remember">"Remember in this tab (sessionStorage)"</label>
                    </div>
                    <Show when=move || connection.with(|c| c.remember)>
                        <p class="warning" role="alert">
                            "The credentials are stored unencrypted in this tab's sessionStorage until the tab closes; any script on this origin can read them. Prefer short-lived STS credentials."
                        </p>
                    </Show>
                    <p class="hint">"Kept in memory only unless you ask; calls go through this site's proxy to Alibaba Cloud."</p>
                </div>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::region_problem;

    #[test]
    fn a_region_is_one_lowercase_dns_label() {
        for ok in ["cn-hangzhou", "ap-northeast-1", "me-central-1"] {
            assert_eq!(region_problem(ok), None, "{ok}");
        }
        for bad in ["", "cn_hangzhou", "CN-HANGZHOU", "cn-hangzhou.evil.com", "a/b", &"a".repeat(64)] {
            assert!(region_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(
            region_problem("cn_hangzhou").unwrap(),
            "a region ID is lowercase letters, digits and hyphens (cn-hangzhou), got \"cn_hangzhou\""
        );
    }
}
