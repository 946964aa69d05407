//! What every field editor of a form shares.

use super::check::Checked;
use super::labels::Labels;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy)]
pub struct FormCtx {
    pub form: RwSignal<Value>,
    /// Problem messages by path (`tag[0].key`; `""` for the request as a whole).
    pub problems: Memo<HashMap<String, Vec<String>>>,
    /// Warnings by path: said, but the call may go.
    warnings: Memo<HashMap<String, Vec<String>>>,
    /// Required fields left empty, by path.
    missing: Memo<HashSet<String>>,
    /// Fields the user has left: their problems show.
    pub touched: RwSignal<HashSet<String>>,
    /// After a submit attempt every problem shows.
    pub show_all: RwSignal<bool>,
    /// The form's own words for some of its fields (a dialog's); the others are named in the
    /// catalogue's words.
    pub labels: Labels,
}

impl FormCtx {
    pub fn new(form: RwSignal<Value>, checked: Memo<Checked>) -> FormCtx {
        FormCtx {
            form,
            problems: Memo::new(move |_| checked.with(|c| c.by_path.clone())),
            warnings: Memo::new(move |_| checked.with(|c| c.warnings.clone())),
            missing: Memo::new(move |_| checked.with(|c| c.missing.clone())),
            touched: RwSignal::new(HashSet::new()),
            show_all: RwSignal::new(false),
            labels: Labels::new([]),
        }
    }

    /// A form whose problems come from elsewhere (a dialog's plan), with no warnings or quiet
    /// notes of its own.
    pub fn with_problems(form: RwSignal<Value>, problems: Memo<HashMap<String, Vec<String>>>) -> FormCtx {
        FormCtx {
            form,
            problems,
            warnings: Memo::new(|_| HashMap::new()),
            missing: Memo::new(|_| HashSet::new()),
            touched: RwSignal::new(HashSet::new()),
            show_all: RwSignal::new(false),
            labels: Labels::new([]),
        }
    }

    /// The same form, some fields named in its own words.
    pub fn with_labels(self, labels: Labels) -> FormCtx {
        FormCtx { labels, ..self }
    }

    /// Whether what is wrong at `key` is said: once the field was left, or after a submit attempt.
    fn said(self, key: &str) -> bool {
        self.show_all.get() || self.touched.with(|t| t.contains(key))
    }

    /// The problems shown at `key` (`tag[0].key`). A memo of its own, so a field's problem list is
    /// redrawn only when it changes.
    pub fn shown_problems(self, key: String) -> Memo<Vec<String>> {
        Memo::new(move |_| {
            if self.said(&key) {
                self.problems.with(|p| p.get(&key).cloned().unwrap_or_default())
            } else {
                Vec::new()
            }
        })
    }

    /// The warnings shown at `key`, on the same terms as its problems.
    pub fn shown_warnings(self, key: String) -> Memo<Vec<String>> {
        Memo::new(move |_| {
            if self.said(&key) {
                self.warnings.with(|w| w.get(&key).cloned().unwrap_or_default())
            } else {
                Vec::new()
            }
        })
    }

    /// Whether the field at `key` is required and empty, and its problem not said yet: then it says
    /// so quietly (no alert before the user did anything).
    pub fn quietly_missing(self, key: String) -> Memo<bool> {
        Memo::new(move |_| !self.said(&key) && self.missing.with(|m| m.contains(&key)))
    }

    /// Marks the field at `key` as left.
    pub fn touch(self, key: &str) {
        if !self.touched.with_untracked(|t| t.contains(key)) {
            self.touched.update(|t| {
                t.insert(key.to_string());
            });
        }
    }

    /// Back to a fresh form: no field left, no submit attempted.
    pub fn reset(self) {
        self.touched.set(HashSet::new());
        self.show_all.set(false);
    }
}
