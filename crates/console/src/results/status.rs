//! A status as a badge: its colour says at a glance where the catalogue's lifecycle puts it (done,
//! failed, under way, or in none of its lists), its text says it to everyone.

use ecsimg_core::catalogue::{IdKind, Lifecycle, Outcome};
use leptos::prelude::*;

/// How things of a kind move through their statuses (images, pipeline executions).
pub fn lifecycle_of(kind: IdKind) -> &'static Lifecycle {
    kind.lifecycle().expect("the catalogue says how images and executions move")
}

/// The colour of a status: `ok` (green) when done, `bad` (red) when failed, `busy` (blue) while
/// under way, `other` for a status the lifecycle lists nowhere (added since, or an ending no
/// waiter waits for).
pub fn tone(lifecycle: &Lifecycle, status: &str) -> &'static str {
    match lifecycle.outcome(status) {
        Outcome::Done => "ok",
        Outcome::Failed => "bad",
        Outcome::Waiting if lifecycle.in_progress.contains(&status) => "busy",
        Outcome::Waiting => "other",
    }
}

/// A status badge, with a progress bar of the work under way when there is one.
pub fn status_badge(lifecycle: &Lifecycle, status: String, progress: Option<u8>) -> AnyView {
    let tone = tone(lifecycle, &status);
    view! {
        <span class=format!("badge tone-{tone}")>{status}</span>
        {progress.map(|p| view! {
            <progress class="mini" max="100" value=p.to_string() aria-label=format!("{p}% done")></progress>
            <span class="pct">{format!("{p}%")}</span>
        })}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_has_the_tone_of_where_its_lifecycle_puts_it() {
        for kind in [IdKind::Image, IdKind::Execution] {
            let l = lifecycle_of(kind);
            assert!(l.done.iter().all(|s| tone(l, s) == "ok"));
            assert!(l.failed.iter().all(|s| tone(l, s) == "bad"));
            assert!(l.in_progress.iter().all(|s| tone(l, s) == "busy"));
            assert_eq!(tone(l, "Something new"), "other");
        }
        let images = lifecycle_of(IdKind::Image);
        assert_eq!(
            ["Available", "Creating", "Waiting", "CreateFailed"].map(|s| tone(images, s)),
            ["ok", "busy", "busy", "bad"]
        );
        let executions = lifecycle_of(IdKind::Execution);
        assert_eq!(["SUCCESS", "BUILDING", "TEST_FAILED"].map(|s| tone(executions, s)), ["ok", "busy", "bad"]);
    }
}
