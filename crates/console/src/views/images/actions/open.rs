//! The image the route opens (`#/images/<region>/<imageId>`) with its actions: loaded with
//! DescribeImages again after an action, whenever an image the tray follows changes status, and
//! now and then while it is being made.

use super::{action_buttons, Actions};
use crate::client::Client;
use crate::format::field_text;
use crate::model::image_actions::ImageFacts;
use crate::model::View;
use ecsimg_core::catalogue::{sdk_name, IdKind, Outcome};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use std::time::Duration;

/// How soon an image being made is looked at again.
const LOOK_AGAIN: Duration = Duration::from_secs(2);

/// The image `id` of `region` and the buttons of what can be done to it.
pub fn open_image(actions: Actions, region: String, id: String) -> impl IntoView {
    let image = RwSignal::new(None::<Result<Value, String>>);
    let tray = Memo::new(move |_| {
        actions.tray.tasks.with(|t| {
            let images = t.list.iter().filter(|task| task.spec.route.view == View::Images);
            images.map(|task| task.state.status().to_string()).collect::<Vec<_>>()
        })
    });
    let (from, of) = (region.clone(), id.clone());
    let latest = StoredValue::new(0u64);
    let tick = RwSignal::new(0u64);
    Effect::new(move |_| {
        tray.track();
        actions.changed.track();
        tick.track();
        let generation = latest.get_value() + 1;
        latest.set_value(generation);
        load(actions, from.clone(), of.clone(), move |found| {
            // An older look answering late does not undo a newer one.
            if latest.try_get_value() != Some(generation) {
                return;
            }
            // While it is made, look again now and then (the tray may follow it from elsewhere).
            if found.as_ref().is_ok_and(under_way) {
                set_timeout(move || tick.try_update(|n| *n += 1).unwrap_or_default(), LOOK_AGAIN);
            }
            image.try_set(Some(found));
        });
    });
    let facts = Signal::derive(move || match image.get() {
        Some(Ok(item)) => vec![ImageFacts::of(&item, &region)],
        _ => Vec::new(),
    });
    let heading = move || match image.get() {
        None => format!("{id}: loading…"),
        Some(Err(why)) => why,
        Some(Ok(item)) => format!("{} · {}", facts.with(|f| f[0].target().describe()), field_text(&item, "status")),
    };
    view! {
        <section class="open-image" aria-label="Image">
            <h3 aria-live="polite">{heading}</h3>
            {action_buttons(actions, facts, "Image actions")}
        </section>
    }
}

fn under_way(item: &Value) -> bool {
    let lifecycle = IdKind::Image.lifecycle().expect("the catalogue says how images move");
    lifecycle.status_of(item).is_some_and(|s| lifecycle.outcome(s) == Outcome::Waiting)
}

/// Looks the image up (in every status), and hands on what was found or why not.
fn load(actions: Actions, region: String, id: String, found: impl FnOnce(Result<Value, String>) + 'static) {
    let lifecycle = IdKind::Image.lifecycle().expect("the catalogue says how images move");
    let describe = lifecycle.describe_op();
    let mut request = json!({ "regionId": region, "imageId": id });
    for (wire, value) in lifecycle.request {
        request[sdk_name(wire)] = (*value).into();
    }
    let connection = actions.state.connection.get_untracked();
    spawn_local(async move {
        let answer = async { Client::new(&connection, false)?.call(describe.name, &request, None).await }.await;
        found(match answer {
            Ok(answer) => answer["images"].get(0).cloned().ok_or(format!("{id} is not in {region} (any more).")),
            Err(failure) => Err(format!("{} of {id}: {}", describe.name, failure.message)),
        });
    });
}
