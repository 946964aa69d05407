//! The console's state, shared through context: cheap `Copy` handles to signals.

use crate::model::known_ids::{slot, KINDS};
use crate::model::sandbox::SandboxStart;
use crate::model::{CallRecord, Connection, DemoResource, IdList, Learned, Preview, Route};
use crate::session;
use ecsimg_core::catalogue::{IdKind, Operation};
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct AppState {
    /// Where the user is (the view, and what is open in it): the URL's hash.
    pub route: RwSignal<Route>,
    pub connection: RwSignal<Connection>,
    pub selected: RwSignal<&'static Operation>,
    /// One form per operation, kept while switching between them.
    forms: StoredValue<HashMap<&'static str, RwSignal<Value>>>,
    /// The call whose answer is shown. Calls are shared, never changed: showing one, or listing
    /// them all, copies no answer.
    pub shown: RwSignal<Option<Arc<CallRecord>>>,
    /// Every call made in this tab, the latest first.
    pub history: RwSignal<Vec<Arc<CallRecord>>>,
    pub known: KnownIds,
    /// The last request signed for "Show request".
    pub preview: RwSignal<Option<Preview>>,
    /// A call is in flight.
    pub busy: RwSignal<bool>,
    /// The sandbox's demo instances and snapshots, once its worker is up.
    pub sandbox_fleet: RwSignal<Vec<DemoResource>>,
    /// What the sandbox started from, once its worker is up.
    pub sandbox_start: RwSignal<Option<SandboxStart>>,
    next_id: StoredValue<u64>,
    /// The app's reactive owner: forms are made under it, so that they outlive the form view
    /// that first asked for them (which is disposed when another operation is selected).
    owner: StoredValue<Option<Owner>>,
}

/// The form shown first: the list of images (the call that describes them, as the catalogue's
/// image lifecycle names it).
fn first_operation() -> &'static Operation {
    IdKind::Image.lifecycle().expect("the catalogue says how images move").describe_op()
}

/// The IDs seen in answers, a signal per kind: the suggestions of one kind redraw only when that
/// kind learns an ID.
#[derive(Clone, Copy)]
pub struct KnownIds([RwSignal<IdList>; KINDS]);

impl KnownIds {
    fn new() -> KnownIds {
        KnownIds(std::array::from_fn(|_| RwSignal::new(IdList::default())))
    }

    /// The IDs of a kind seen so far.
    pub fn of(self, kind: IdKind) -> RwSignal<IdList> {
        self.0[slot(kind)]
    }

    /// Forgets every ID learned (the sandbox was reset: they name nothing any more).
    pub fn forget(self) {
        for list in self.0 {
            list.set(IdList::default());
        }
    }

    /// Learns the IDs of answers (or of a page's items); only the kinds that gain one notify.
    pub fn learn<'a>(self, values: impl IntoIterator<Item = &'a Value>) {
        for (kind, found) in Learned::from(values).kinds() {
            self.of(kind).maybe_update(|list| list.add_all(found));
        }
    }
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            route: RwSignal::new(crate::views::initial_route()),
            connection: RwSignal::new(session::restore()),
            selected: RwSignal::new(first_operation()),
            forms: StoredValue::new(HashMap::new()),
            shown: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            known: KnownIds::new(),
            preview: RwSignal::new(None),
            busy: RwSignal::new(false),
            sandbox_fleet: RwSignal::new(Vec::new()),
            sandbox_start: RwSignal::new(None),
            next_id: StoredValue::new(0),
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// The form of an operation, made on first use with the connection's region filled in.
    pub fn form_for(&self, op: &'static Operation) -> RwSignal<Value> {
        if let Some(form) = self.forms.with_value(|f| f.get(op.name).copied()) {
            return form;
        }
        let region = self.connection.with_untracked(|c| c.region.clone());
        let make = || RwSignal::new(json!({ "regionId": region }));
        let form = self.owner.with_value(|owner| match owner {
            Some(owner) => owner.with(make),
            None => make(),
        });
        self.forms.update_value(|f| {
            f.insert(op.name, form);
        });
        form
    }

    /// Moves the forms still on the connection's previous region to its new one (a form whose
    /// region the user chose keeps it).
    pub fn follow_region(&self, previous: &str, next: &str) {
        self.forms.with_value(|forms| {
            for form in forms.values() {
                form.maybe_update(|request| crate::model::region::follow_region(request, previous, next));
            }
        });
    }

    pub fn next_call_id(&self) -> u64 {
        self.next_id.update_value(|n| *n += 1);
        self.next_id.get_value()
    }
}
