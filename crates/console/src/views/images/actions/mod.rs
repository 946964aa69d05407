//! The image actions where users find them (an image's details, a row's menu, the selection's
//! toolbar): each opens the dialog every action runs in (`views::dialog`), and long work (an image
//! being made or copied) goes to the tray. Which actions apply to which images, and the tasks
//! they start: `model::image_actions`.

mod change;
mod copy;
mod create;
mod import;
mod share;

use super::state::Images;
use crate::model::image_actions::{changed_regions, image_task, ImageAction, ImageFacts};
use crate::model::plan::Confirm;
use crate::model::View;
use crate::state::AppState;
use crate::views::dialog::DialogSpec;
use crate::views::tray::{Followed, Tray};
use leptos::prelude::*;
use serde_json::{json, Value};

/// What the actions share: where their dialog opens, the tray, and how the view refreshes the
/// regions an action changed.
#[derive(Clone, Copy)]
pub struct Actions {
    state: AppState,
    tray: Tray,
    pub dialog: RwSignal<Option<DialogSpec>>,
    /// What the view says of work no waiter follows (an export started, with its task ID).
    pub note: RwSignal<Option<String>>,
    refresh: Callback<Vec<String>>,
    /// Counts the actions done, for what shows an image to load it again.
    changed: RwSignal<u64>,
}

impl Actions {
    /// The actions of a view that reloads the regions `refresh` is given.
    pub fn new(state: AppState, refresh: Callback<Vec<String>>) -> Actions {
        Actions {
            state,
            tray: Tray::get(),
            dialog: RwSignal::new(None),
            note: RwSignal::new(None),
            refresh,
            changed: RwSignal::new(0),
        }
    }

    /// What should make a shown image load again when it changes: the count of actions done, and
    /// the statuses of the images the tray follows (not their percentages).
    pub fn changes(self) -> Memo<(u64, Vec<Followed>)> {
        Memo::new(move |_| (self.changed.get(), self.tray.statuses(View::Images)))
    }

    /// Opens the dialog of `action` on `images`.
    pub fn open(self, action: ImageAction, images: &[ImageFacts]) {
        let spec = match action {
            // Not a dialog of one operation: the distribution's own (`views::distribute`).
            ImageAction::Distribute => return crate::views::distribute::Distributions::get().open(images[0].clone()),
            ImageAction::Copy => copy::copy(self, &images[0]),
            ImageAction::Share => share::share(self, &images[0]),
            ImageAction::Edit => change::edit(self, &images[0]),
            _ => change::change(self, action, images),
        };
        self.dialog.set(Some(spec));
    }

    /// Opens the dialog that makes an image in `region`.
    pub fn create(self, region: String) {
        self.dialog.set(Some(create::create(self, region)));
    }

    /// Opens the wizard that imports an image from OSS into `region`.
    pub fn import(self, region: String) {
        self.dialog.set(Some(import::import(self, region)));
    }

    /// When a dialog's calls all succeeded: the images they started followed in the tray, and
    /// the regions they changed refreshed.
    fn done(self, action: &'static str) -> Callback<Vec<(Value, Value)>> {
        Callback::new(move |calls: Vec<(Value, Value)>| {
            for (request, answer) in &calls {
                if let Some(task) = image_task(action, request, answer) {
                    // A new image is opened, to act on it next; copies are elsewhere.
                    if action != "CopyImage" {
                        self.state.route.set(task.route.clone());
                    }
                    self.tray.add(self.state, task);
                }
            }
            self.changed.update(|n| *n += 1);
            self.refresh.run(changed_regions(&calls));
        })
    }
}

/// A dialog on `images` with no fields: the base the others fill in.
fn spec(action: ImageAction, images: &[ImageFacts], title: String, intro: String, actions: Actions) -> DialogSpec {
    DialogSpec {
        title,
        intro,
        op: action.operation(),
        base: json!({}),
        initial: json!({}),
        fields: Vec::new(),
        steps: Vec::new(),
        more: false,
        wording: Vec::new(),
        extra: None,
        targets: images.iter().map(ImageFacts::target).collect(),
        per_value: None,
        confirm: Confirm::Nothing,
        warning: None,
        action: action.label().to_string(),
        on_done: actions.done(action.operation().name),
    }
}

/// `web (m-1)`, or `2 images`.
fn naming(images: &[ImageFacts]) -> String {
    match images {
        [one] => one.target().describe(),
        many => format!("{} images", many.len()),
    }
}

/// The buttons of the actions offered for `images` (in an image's details, a row's menu, the
/// selection's toolbar); `label` names the group for screen readers. A button stays while its
/// action is offered, so that focus comes back to it when its dialog closes.
pub fn action_buttons(actions: Actions, images: Signal<Vec<ImageFacts>>, label: &'static str) -> impl IntoView {
    let offered = move || images.with(|shown| ImageAction::offered(shown));
    let button = move |action: ImageAction| {
        let class = if action == ImageAction::Delete { "destroys" } else { "" };
        let open = move |_| actions.open(action, &images.get_untracked());
        view! { <button type="button" class=class on:click=open>{action.label()}</button> }
    };
    view! {
        <div class="image-actions" role="group" aria-label=label>
            <For each=offered key=|action| *action children=button />
        </div>
    }
}

/// The actions offered for the selected rows, above the table (bulk: deprecate, restore, delete).
pub fn selection_actions(actions: Actions, images: Images) -> impl IntoView {
    let facts = Signal::derive(move || images.selected_rows().iter().map(|row| ImageFacts::of_row(row)).collect());
    let count = move || facts.with(Vec::len);
    view! {
        <div class="selection-actions" class:none-selected=move || count() == 0>
            {move || (count() > 0).then(|| view! { <span>{format!("{} selected:", count())}</span> })}
            {action_buttons(actions, facts, "Actions on the selected images")}
        </div>
    }
}
