//! A dialog in steps (a wizard: import an image): its fields in parts shown one at a time under
//! a heading the screen reader announces ("Step 2 of 4: What it is"), Next refusing to leave a
//! step whose fields have problems (each said beside its field, the focus on the first), Back
//! and Next keeping what was entered (every step stays in the page, hidden), and a last step
//! that reviews the calls before the dialog runs. A dialog without steps is one part, always
//! at its review.

use super::fields::rendered;
use crate::forms::FormCtx;
use crate::model::plan::Problems;
use ecsimg_core::catalogue::Operation;
use leptos::prelude::*;

/// A part of a dialog in steps: its heading, and the fields it shows (dotted SDK names, as
/// `DialogSpec::fields`).
#[derive(Clone)]
pub struct Step {
    pub title: &'static str,
    pub fields: Vec<&'static str>,
}

/// The heading of the step that reviews the calls.
const REVIEW: &str = "Review and run";

/// Where a dialog is among its steps.
#[derive(Clone, Copy)]
pub struct Steps {
    /// The step shown, from 0.
    pub at: RwSignal<usize>,
    /// The headings of the steps with fields (none: the dialog has no steps).
    titles: StoredValue<Vec<&'static str>>,
    /// The paths of each step's fields, as the core renders them (problems are found by these).
    paths: StoredValue<Vec<Vec<String>>>,
}

impl Steps {
    /// The steps of a dialog of `op` (none: one part with all its `fields`), and each part's fields.
    pub fn lay_out(
        op: &'static Operation,
        fields: Vec<&'static str>,
        steps: Vec<Step>,
    ) -> (Steps, Vec<Vec<&'static str>>) {
        let (titles, parts): (Vec<&'static str>, Vec<_>) = match steps.is_empty() {
            true => (Vec::new(), vec![fields]),
            false => steps.into_iter().map(|s| (s.title, s.fields)).unzip(),
        };
        let paths = parts.iter().map(|p| p.iter().map(|f| rendered(op, f)).collect()).collect();
        (Steps { at: RwSignal::new(0), titles: StoredValue::new(titles), paths: StoredValue::new(paths) }, parts)
    }

    /// Whether the dialog has steps.
    pub fn stepped(self) -> bool {
        self.titles.with_value(|t| !t.is_empty())
    }

    /// The number of steps, the review included.
    fn count(self) -> usize {
        self.titles.with_value(Vec::len) + 1
    }

    /// Whether the review (the calls, the confirmation, the run button) shows: at the last
    /// step, or always in a dialog without steps.
    pub fn reviewing(self) -> bool {
        !self.stepped() || self.at.get() + 1 == self.count()
    }

    /// Whether the fields of part `i` show (a dialog without steps is one part).
    pub fn showing(self, i: usize) -> bool {
        !self.stepped() || self.at.get() == i
    }

    /// `Step 2 of 4: What it is`.
    pub fn heading(self) -> String {
        let at = self.at.get();
        let title = self.titles.with_value(|t| t.get(at).copied()).unwrap_or(REVIEW);
        format!("Step {} of {}: {title}", at + 1, self.count())
    }

    /// The paths with problems among the shown step's fields.
    pub fn problems_here(self, problems: &Problems) -> Vec<String> {
        let at = self.at.get();
        self.paths.with_value(|p| p.get(at).map(|fields| problems.under(fields))).unwrap_or_default()
    }

    /// Next: on to the following step when the shown one's fields have no problems; else each
    /// problem said beside its field and the focus on the first.
    pub fn next(self, ctx: FormCtx, problems: &Problems) {
        let here = self.problems_here(problems);
        if here.is_empty() {
            self.go(self.at.get_untracked() + 1);
            return;
        }
        for path in &here {
            ctx.touch(path);
        }
        crate::focus::after_render("dialog .dialog-step:not([hidden]) [aria-invalid=true]");
    }

    /// Back to the step before, what was entered kept.
    pub fn back(self) {
        self.go(self.at.get_untracked().saturating_sub(1));
    }

    /// Shows step `i` and takes the focus to its heading, so that it is announced.
    fn go(self, i: usize) {
        self.at.set(i.min(self.count() - 1));
        crate::focus::after_render("#dialog-step");
    }
}

/// The heading of the shown step (nothing in a dialog without steps).
pub fn step_heading(steps: Steps) -> impl IntoView {
    steps.stepped().then(|| {
        view! { <h3 id="dialog-step" class="dialog-step-title" tabindex="-1">{move || steps.heading()}</h3> }
    })
}

/// Back, beside the run button (from the second step on).
pub fn back_button(steps: Steps) -> impl IntoView {
    move || {
        (steps.stepped() && steps.at.get() > 0)
            .then(|| view! { <button type="button" class="dialog-back" on:click=move |_| steps.back()>"Back"</button> })
    }
}
