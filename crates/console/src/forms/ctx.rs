//! What every field editor of a form shares.

use super::labels::Labels;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy)]
pub struct FormCtx {
    pub form: RwSignal<Value>,
    /// Problem messages by path (`tag[0].key`; `""` for the request as a whole).
    pub problems: Memo<HashMap<String, Vec<String>>>,
    /// Fields the user has left: their problems show.
    pub touched: RwSignal<HashSet<String>>,
    /// After a submit attempt every problem shows.
    pub show_all: RwSignal<bool>,
    /// Names the fields in words (the image manager's dialogs); `None`: by their SDK names.
    pub labels: Option<Labels>,
}

impl FormCtx {
    pub fn new(form: RwSignal<Value>, problems: Memo<HashMap<String, Vec<String>>>) -> FormCtx {
        FormCtx { form, problems, touched: RwSignal::new(HashSet::new()), show_all: RwSignal::new(false), labels: None }
    }

    /// The same form, its fields named in words.
    pub fn with_labels(self, labels: Labels) -> FormCtx {
        FormCtx { labels: Some(labels), ..self }
    }

    /// The problems shown at `key` (`tag[0].key`): once the field was left, or after a submit
    /// attempt. A memo of its own, so a field's problem list is redrawn only when it changes.
    pub fn shown_problems(self, key: String) -> Memo<Vec<String>> {
        Memo::new(move |_| {
            let shown = self.show_all.get() || self.touched.with(|t| t.contains(&key));
            if shown {
                self.problems.with(|p| p.get(&key).cloned().unwrap_or_default())
            } else {
                Vec::new()
            }
        })
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
