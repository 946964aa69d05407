//! Work in many regions at once, a few at a time: a real account's regions are separate
//! endpoints, and loading all of them in parallel would meet the service's rate limits sooner
//! (the client backs off when it does, so fewer at once finishes sooner).

use leptos::task::spawn_local;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;

/// How many regions are worked on at once.
pub const AT_ONCE: usize = 4;

/// Runs `task` for each region, at most [`AT_ONCE`] at a time, in the order given: each time a
/// region's task ends, the next region's starts.
pub fn each_region<F, Fut>(regions: Vec<String>, task: F)
where
    F: Fn(String) -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let queue = Rc::new(RefCell::new(VecDeque::from(regions)));
    let task = Rc::new(task);
    for _ in 0..AT_ONCE.min(queue.borrow().len()) {
        let (queue, task) = (Rc::clone(&queue), Rc::clone(&task));
        spawn_local(async move {
            loop {
                let next = queue.borrow_mut().pop_front();
                let Some(region) = next else { break };
                task(region).await;
            }
        });
    }
}
