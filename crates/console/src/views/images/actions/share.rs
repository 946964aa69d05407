//! Share an image with accounts, or stop sharing it (ModifyImageSharePermission), the accounts it
//! is shared with now shown from DescribeImageSharePermission, each with a box to stop.

use super::{naming, spec, Actions};
use crate::client::Client;
use crate::model::image_actions::{shared_accounts, ImageAction, ImageFacts};
use crate::views::dialog::{DialogSpec, Extra};
use ecsimg_core::catalogue::operation;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use std::sync::Arc;

/// The form field of the accounts to stop sharing with.
const REMOVE: &str = "removeAccount";

pub fn share(actions: Actions, image: &ImageFacts) -> DialogSpec {
    let images = std::slice::from_ref(image);
    DialogSpec {
        intro: "The accounts you add can make instances from the image; those you remove can no longer (their \
                instances keep running). Up to 10 of each per call."
            .into(),
        fields: vec!["addAccount"],
        extra: Some(current(actions, image.clone())),
        action: "Save sharing".into(),
        ..spec(ImageAction::Share, images, format!("Share {}", naming(images)), String::new(), actions)
    }
}

/// Where the accounts loaded are: `None` while loading, else the accounts or why not.
type Shared = Option<Result<Vec<String>, String>>;

/// The accounts the image is shared with now, each with a box that removes it.
fn current(actions: Actions, image: ImageFacts) -> Extra {
    Arc::new(move |form: RwSignal<Value>| {
        let shared = RwSignal::new(Shared::None);
        load(actions, &image, shared);
        let list = move || {
            match shared.get() {
            None => view! { <p class="hint">"Loading the accounts it is shared with…"</p> }.into_any(),
            Some(Err(why)) => view! { <p class="problems">{why}</p> }.into_any(),
            Some(Ok(accounts)) if accounts.is_empty() => {
                view! { <p class="hint">"Not shared with any account yet."</p> }.into_any()
            }
            Some(Ok(accounts)) => view! {
                <ul class="shared-accounts">{accounts.into_iter().map(|a| view! { <li>{account_box(form, a)}</li> }).collect_view()}</ul>
            }
            .into_any(),
        }
        };
        view! {
            <fieldset class="group">
                <legend>"Shared with now "<code class="api-name">{REMOVE}</code></legend>
                <p class="description">"Tick an account to stop sharing with it."</p>
                {list}
            </fieldset>
        }
        .into_any()
    })
}

fn load(actions: Actions, image: &ImageFacts, shared: RwSignal<Shared>) {
    let connection = actions.state.connection.get_untracked();
    let describe = operation("DescribeImageSharePermission").expect("the catalogue has DescribeImageSharePermission");
    let request = json!({ "regionId": image.region, "imageId": image.id });
    spawn_local(async move {
        let answer = async { Client::new(&connection, false)?.call(describe.name, &request, None).await }.await;
        let outcome = answer
            .map(|a| shared_accounts(&a))
            .map_err(|f| format!("{} could not say who it is shared with: {}", describe.name, f.message));
        shared.try_set(Some(outcome));
    });
}

fn account_box(form: RwSignal<Value>, account: String) -> impl IntoView {
    let (on, set) = (account.clone(), account.clone());
    let ticked = move || form.with(|f| removing(f).contains(&on));
    let toggle = move |ev: leptos::ev::Event| {
        let tick = event_target_checked(&ev);
        form.update(|f| {
            let mut list = removing(f);
            list.retain(|a| *a != set);
            if tick {
                list.push(set.clone());
            }
            match list.is_empty() {
                true => f.as_object_mut().map(|m| m.remove(REMOVE)),
                false => f.as_object_mut().map(|m| m.insert(REMOVE.into(), json!(list))),
            };
        });
    };
    let id = format!("unshare-{account}");
    view! {
        <div class="field-inline">
            <input type="checkbox" id=id.clone() prop:checked=ticked on:change=toggle />
            <label for=id>{format!("Stop sharing with {account}")}</label>
        </div>
    }
}

fn removing(form: &Value) -> Vec<String> {
    let list = form.get(REMOVE).and_then(Value::as_array);
    list.map(|l| l.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
}
