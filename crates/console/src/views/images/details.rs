//! An image's details, beside the table (`#/images/<region>/<imageId>`): every attribute in words,
//! its disks, tags and image check, whom it is shared with (DescribeImageSharePermission), its
//! family and whether it is the family's newest (DescribeImageFromFamily), and its copies in the
//! other regions loaded. It loads the image itself, so a link or a reload opens it before (or
//! without) the table.

use super::actions::{action_buttons, Actions};
use super::load::{describe_request, images as image_lifecycle};
use super::state::Images;
use super::table::details_route;
use crate::client::Client;
use crate::format::{short_time, thousands};
use crate::model::image_actions::ImageFacts;
use crate::model::image_details::{check, disks, sections, tags, Section};
use crate::model::{Failure, Route, View};
use crate::results::cancel::Cancellable;
use crate::results::status::status_badge;
use crate::widgets::FailureView;
use ecsimg_core::catalogue::{operation, sdk_name};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

/// An answer on its way.
#[derive(Debug, Clone, PartialEq)]
enum Fetched {
    Loading,
    Ready(Value),
    Failed(Failure),
}

const SHARES: &str = "DescribeImageSharePermission";
const FAMILY: &str = "DescribeImageFromFamily";

/// Makes a call; its answer (flat view), unless the details were closed first (`None`).
async fn fetch(images: Images, action: &'static str, request: Value, signal: &web_sys::AbortSignal) -> Option<Fetched> {
    let connection = images.app.connection.get_untracked();
    let outcome = match Client::new(&connection, false) {
        Ok(client) => client.call(action, &request, Some(signal)).await,
        Err(e) => Err(e),
    };
    match outcome {
        Err(failure) if failure.is_aborted() => None,
        Err(failure) => Some(Fetched::Failed(failure)),
        Ok(answer) => {
            images.app.known.learn([&answer]);
            Some(Fetched::Ready(answer))
        }
    }
}

/// The image in DescribeImages' answer.
fn first_image(fetched: &Fetched) -> Option<Value> {
    match fetched {
        Fetched::Ready(answer) => answer.get("images").and_then(|l| l.get(0)).cloned(),
        _ => None,
    }
}

/// The details' answers: the image, then whom it is shared with (its owner alone may ask) and
/// its family's newest image.
#[derive(Clone, Copy)]
struct Answers {
    image: RwSignal<Fetched>,
    shares: RwSignal<Option<Fetched>>,
    newest: RwSignal<Option<Fetched>>,
}

impl Answers {
    async fn load(self, images: Images, region: String, id: String, signal: web_sys::AbortSignal) {
        // The owner the table found it under, else the service's default (all but marketplace).
        let alias = images.find(&region, &id).map(|r| r.owner.clone()).filter(|a| !a.is_empty());
        let mut request = describe_request(alias.as_deref(), &region);
        request[image_lifecycle().key_param().field()] = id.into();
        let Some(fetched) = fetch(images, image_lifecycle().describe, request, &signal).await else { return };
        let found = first_image(&fetched);
        if self.image.try_set(fetched).is_some() {
            return;
        }
        let Some(found) = found else { return };
        let text = |key: &str| found.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
        let family = text("imageFamily");
        if !family.is_empty() {
            self.newest.set(Some(Fetched::Loading));
            let (answers, signal, region) = (self, signal.clone(), region.clone());
            spawn_local(async move {
                let request = json!({"regionId": region, "imageFamily": family});
                if let Some(fetched) = fetch(images, FAMILY, request, &signal).await {
                    answers.newest.try_set(Some(fetched));
                }
            });
        }
        if text("imageOwnerAlias") == "self" {
            self.shares.set(Some(Fetched::Loading));
            let mut request = json!({"regionId": region, "imageId": text("imageId")});
            if let Some(p) = operation(SHARES).and_then(|op| op.pagination) {
                request[sdk_name(p.style.size_param())] = p.max_size.into();
            }
            if let Some(fetched) = fetch(images, SHARES, request, &signal).await {
                self.shares.try_set(Some(fetched));
            }
        }
    }
}

#[component]
pub fn ImageDetails(images: Images, region: String, id: String) -> impl IntoView {
    let answers =
        Answers { image: RwSignal::new(Fetched::Loading), shares: RwSignal::new(None), newest: RwSignal::new(None) };
    let image = answers.image;
    let actions = expect_context::<Actions>();
    let load = loader(images, answers, region.clone(), id.clone());
    // Loaded again once an action is done or an image the tray follows moves on.
    let changes = actions.changes();
    let reload = load.clone();
    Effect::watch(move || changes.get(), move |_, _, _| reload(), false);
    let facts = {
        let region = region.clone();
        Signal::derive(move || {
            image.with(|f| first_image(f).map(|i| vec![ImageFacts::of(&i, &region)]).unwrap_or_default())
        })
    };
    crate::focus::after_render("#image-details-title");
    let close = closer(images);
    // The name the table knows until the image's own answer says it.
    let known = images.find(&region, &id).map(|r| r.name.clone()).filter(|n| !n.is_empty());
    let fallback = known.unwrap_or(id.clone());
    let title = move || {
        let named = image.with(|f| first_image(f).and_then(|i| i.get("imageName")?.as_str().map(str::to_string)));
        named.unwrap_or(fallback.clone())
    };
    view! {
        <aside class="image-details" aria-labelledby="image-details-title">
            <div class="details-head">
                <h3 id="image-details-title" tabindex="-1">{title}</h3>
                <button type="button" class="close" on:click=move |_| close()>"Close"<span class="visually-hidden">" the details"</span></button>
            </div>
            <p class="details-where"><code>{id.clone()}</code>" · "{region.clone()}</p>
            {action_buttons(actions, facts, "Image actions")}
            {body(images, answers, region, id, load)}
        </aside>
    }
}

/// Loads the image (now, and whenever the function returned is called), with its shares and its
/// family's newest; a reload keeps what is shown (and its buttons) until the answer comes.
fn loader(images: Images, answers: Answers, region: String, id: String) -> impl Fn() + Clone + Send + Sync + 'static {
    let task = Cancellable::new();
    let load = move || {
        task.cancel();
        let Some(signal) = task.start() else { return };
        if !matches!(answers.image.get_untracked(), Fetched::Ready(_)) {
            answers.image.set(Fetched::Loading);
        }
        answers.shares.set(None);
        answers.newest.set(None);
        spawn_local(answers.load(images, region.clone(), id.clone(), signal));
    };
    load();
    load
}

/// What closes the details (back to the table, its focus there), also on Escape, unless Escape
/// closes a dialog over them (an action on this image).
fn closer(images: Images) -> impl Fn() + Copy + 'static {
    let close = move || {
        images.app.route.set(Route::of(View::Images));
        crate::focus::after_render(".images-list .vt-scroll");
    };
    let on_escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && !dialog_open() {
            close();
        }
    });
    on_cleanup(move || on_escape.remove());
    close
}

/// The image's attributes once loaded; loading, its failure with Retry, or that it is gone.
fn body(
    images: Images,
    answers: Answers,
    region: String,
    id: String,
    load: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let Answers { image, shares, newest } = answers;
    move || {
        match image.get() {
        Fetched::Loading => view! { <p class="hint" role="status">"Loading the image…"</p> }.into_any(),
        Fetched::Failed(failure) => view! {
            <FailureView failure=failure />
            <button type="button" on:click={ let load = load.clone(); move |_| load() }>"Retry"</button>
        }
        .into_any(),
        ready => match first_image(&ready) {
            None => view! {
                <p class="hint">{format!("No image {id} in {region} that this account can see: it may have been deleted.")}</p>
            }
            .into_any(),
            Some(found) => attributes(images, &region, found, shares, newest).into_any(),
        },
    }
    }
}

/// Everything about the image, in sections.
fn attributes(
    images: Images,
    region: &str,
    image: Value,
    shares: RwSignal<Option<Fetched>>,
    newest: RwSignal<Option<Fetched>>,
) -> impl IntoView {
    let text = |key: &str| image.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let lifecycle = image_lifecycle();
    let status = lifecycle.status_of(&image).unwrap_or_default().to_string();
    let progress = lifecycle.in_progress.contains(&status.as_str()).then(|| lifecycle.percent_of(&image));
    let now = js_sys::Date::now();
    let (id, name, family) = (text("imageId"), text("imageName"), text("imageFamily"));
    view! {
        <p class="details-status">{status_badge(lifecycle, status, progress)}</p>
        {sections(&image, now).into_iter().map(section_view).collect_view()}
        {disks_view(&image)}
        {tags_view(&image)}
        {check_view(&image)}
        {shares_view(shares)}
        {family_view(&family, &id, newest, region.to_string())}
        {copies_view(images, region.to_string(), name)}
    }
}

/// A heading with the API name it comes from, in small monospace.
fn heading(title: &'static str, api: &'static str) -> impl IntoView {
    view! { <h4>{title}" "<code class="api">{api}</code></h4> }
}

fn section_view(section: Section) -> impl IntoView {
    view! {
        <section class="attrs">
            <h4>{section.title}</h4>
            <dl>
                {section.attributes.into_iter().map(|a| view! {
                    <div class="attr">
                        <dt title=a.help>{a.label}" "<code class="api">{a.api}</code></dt>
                        <dd>{a.value}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

fn disks_view(image: &Value) -> impl IntoView {
    let disks = disks(image);
    (!disks.is_empty()).then(|| {
        view! {
            <section class="attrs">
                {heading("Disks and snapshots", "diskDeviceMappings")}
                <div class="table-wrap">
                    <table class="disks">
                        <thead><tr><th scope="col">"Device"</th><th scope="col">"Disk"</th><th scope="col">"Size"</th><th scope="col">"Snapshot"</th><th scope="col">"Notes"</th></tr></thead>
                        <tbody>
                            {disks.into_iter().map(|d| view! {
                                <tr><td><code>{d.device}</code></td><td>{d.role}</td><td>{d.size}</td><td><code>{d.snapshot}</code></td><td>{d.notes}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    })
}

fn tags_view(image: &Value) -> impl IntoView {
    let tags = tags(image);
    view! {
        <section class="attrs">
            {heading("Tags", "tags")}
            {if tags.is_empty() {
                view! { <p class="hint">"No tags."</p> }.into_any()
            } else {
                view! {
                    <ul class="tags">
                        {tags.into_iter().map(|(k, v)| view! { <li><span class="tag-key">{k}</span>{(!v.is_empty()).then(|| format!(" = {v}"))}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn check_view(image: &Value) -> impl IntoView {
    check(image).map(|(status, items)| {
        view! {
            <section class="attrs">
                {heading("Image check", "detectionOptions")}
                <p>{format!("Check {}", if status.is_empty() { "status unknown".into() } else { status.to_lowercase() })}</p>
                <ul class="checks">
                    {items.into_iter().map(|item| { let risky = item.risk.is_some(); view! {
                        <li class:risk=risky>
                            <strong>{item.name}</strong>": "{item.value}
                            {item.risk.map(|r| view! { <span class="bad">{format!(" — {r}")}</span> })}
                        </li>
                    }}).collect_view()}
                </ul>
            </section>
        }
    })
}

fn shares_view(shares: RwSignal<Option<Fetched>>) -> impl IntoView {
    let body = move || match shares.get() {
        None => view! { <p class="hint">"Only the image's owner can see whom it is shared with."</p> }.into_any(),
        Some(Fetched::Loading) => view! { <p class="hint">"Loading…"</p> }.into_any(),
        Some(Fetched::Failed(failure)) => view! { <FailureView failure=failure /> }.into_any(),
        Some(Fetched::Ready(answer)) => share_list(&answer).into_any(),
    };
    view! {
        <section class="attrs shares">
            {heading("Shared with", SHARES)}
            {body}
        </section>
    }
}

fn share_list(answer: &Value) -> impl IntoView {
    let list = |key: &str| answer.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let field = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let accounts: Vec<(String, String)> =
        list("accounts").iter().map(|a| (field(a, "aliyunId"), short_time(&field(a, "sharedTime")))).collect();
    let groups: Vec<String> = list("shareGroups").iter().map(|g| field(g, "group")).collect();
    if accounts.is_empty() && groups.is_empty() {
        return view! { <p class="hint">"Not shared with any account."</p> }.into_any();
    }
    view! {
        <ul class="share-list">
            {accounts.into_iter().map(|(account, since)| view! {
                <li>"Account "<code>{account}</code>{(!since.is_empty()).then(|| format!(", since {since}"))}</li>
            }).collect_view()}
            {groups.into_iter().map(|g| view! {
                <li>{if g == "all" { "Every Alibaba Cloud account (the group ".to_string() + &g + ")" } else { format!("The group {g}") }}</li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn family_view(family: &str, id: &str, newest: RwSignal<Option<Fetched>>, region: String) -> impl IntoView {
    let (family, id) = (family.to_string(), id.to_string());
    let body = move || {
        if family.is_empty() {
            return view! { <p class="hint">"Not in an image family."</p> }.into_any();
        }
        match newest.get() {
            None | Some(Fetched::Loading) => {
                view! { <p class="hint">{format!("{family}: finding its newest image…")}</p> }.into_any()
            }
            Some(Fetched::Failed(failure)) => view! { <FailureView failure=failure /> }.into_any(),
            Some(Fetched::Ready(answer)) => {
                let latest =
                    answer.get("image").and_then(|i| i.get("imageId")).and_then(Value::as_str).map(str::to_string);
                match latest {
                    Some(latest) if latest == id => view! {
                        <p class="newest ok">{format!("{family}: this is the family's newest Available image, the one new instances of the family get.")}</p>
                    }
                    .into_any(),
                    Some(latest) => {
                        let name = answer["image"]["imageName"].as_str().unwrap_or(&latest).to_string();
                        view! {
                            <p class="newest">{format!("{family}: not the newest. The family's newest Available image is ")}
                                <a href=details_route(&region, &latest).hash()>{name}</a>" ("<code>{latest.clone()}</code>")."</p>
                        }
                        .into_any()
                    }
                    None => view! { <p class="hint">{format!("{family} has no Available image in this region.")}</p> }.into_any(),
                }
            }
        }
    };
    view! {
        <section class="attrs">
            {heading("Family", FAMILY)}
            {body}
        </section>
    }
}

fn copies_view(images: Images, region: String, name: String) -> impl IntoView {
    let copies = {
        let (region, name) = (region.clone(), name.clone());
        move || images.copies_of(&region, &name)
    };
    view! {
        <section class="attrs copies">
            <h4>"Copies in other regions"</h4>
            {move || {
                let copies = copies();
                if copies.is_empty() {
                    view! { <p class="hint">{format!("No image called {name} in the other regions loaded.")}</p> }.into_any()
                } else {
                    view! {
                        <p class="hint">{format!("{} images called {name} elsewhere:", thousands(copies.len() as u64))}</p>
                        <ul class="copy-list">
                            {copies.into_iter().map(|c| view! {
                                <li>
                                    <a href=details_route(&c.region, &c.id).hash()>{c.region.clone()}</a>
                                    " · "<code>{c.id.clone()}</code>" · "{c.status.clone()}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Whether a dialog is open over the view (`views::dialog`).
fn dialog_open() -> bool {
    let document = web_sys::window().and_then(|w| w.document());
    document.is_some_and(|d| d.query_selector("dialog[open]").ok().flatten().is_some())
}
