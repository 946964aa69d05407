//! The abort handle of a long task a result panel runs ("Load all", "Wait until done"): one task
//! at a time, cancelled by its button or when the panel goes away (nobody would see its pages).

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Cancellable(StoredValue<Option<web_sys::AbortController>>);

impl Cancellable {
    /// A handle that aborts its task when the current reactive owner (the panel) is cleaned up.
    pub fn new() -> Cancellable {
        let handle = Cancellable(StoredValue::new(None));
        on_cleanup(move || handle.cancel());
        handle
    }

    /// Starts a task: the signal to give its calls.
    pub fn start(&self) -> Option<web_sys::AbortSignal> {
        let controller = web_sys::AbortController::new().ok()?;
        let signal = controller.signal();
        self.0.set_value(Some(controller));
        Some(signal)
    }

    /// The task ended by itself.
    pub fn finished(&self) {
        self.0.set_value(None);
    }

    pub fn cancel(&self) {
        self.0.try_with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    }
}
