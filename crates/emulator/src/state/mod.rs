//! The emulator's state: every resource of every account and region, the work in progress, and
//! the answers to create calls that may be replayed. It is saved as JSON for `--state` ([`persist`]).
//!
//! What happens by itself is here too ([`lifecycle`] for images and tasks, [`executions`] for image
//! pipeline runs), with the rules it shares with the operations ([`images`], [`pipelines`],
//! [`tags`]), so that the operations build on the state and never the other way round.

pub mod executions;
pub mod ids;
pub mod images;
pub mod lifecycle;
pub mod model;
mod persist;
pub mod pipelines;
pub mod shares;
pub mod table;
pub mod tags;

pub use model::*;
pub use shares::Shares;
pub use table::Table;

use std::collections::VecDeque;

/// Something that happens by itself at a point in time.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    /// A waiting copy starts, or an image in progress finishes (by [`image_key`]).
    Image(String),
    /// An import or export task finishes.
    Task(String),
    /// A pipeline execution enters its next status.
    Execution(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    /// Feeds resource IDs; never reused, so IDs stay unique across restarts.
    pub next_id: u64,
    /// By `region/id` ([`image_key`]): public images have the same ID in every region.
    pub images: Table<Image>,
    pub snapshots: Table<Snapshot>,
    pub instances: Table<Instance>,
    /// By bucket name (OSS bucket names are global).
    pub buckets: Table<Bucket>,
    pub components: Table<Component>,
    pub pipelines: Table<Pipeline>,
    pub executions: Table<Execution>,
    pub tasks: Table<Task>,
    /// `account/action/ClientToken` → the first answer.
    pub replays: Table<Replay>,
    /// What happens next, in time order, each once (a sorted queue rather than a `BTreeSet`: one
    /// B-tree fewer in the wasm, and the same JSON array).
    pub due: VecDeque<(Millis, Due)>,
}

/// The key of an image in [`Store::images`].
pub fn image_key(region: &str, id: &str) -> String {
    format!("{region}/{id}")
}

impl Store {
    pub fn image(&self, region: &str, id: &str) -> Option<&Image> {
        self.images.get(&image_key(region, id))
    }

    pub fn image_mut(&mut self, region: &str, id: &str) -> Option<&mut Image> {
        self.images.get_mut(&image_key(region, id))
    }

    pub fn insert_image(&mut self, image: Image) {
        self.images.insert(image_key(&image.region, &image.id), image);
    }

    /// A new resource ID such as `m-bp1g6zv0ce8oghu7abcd`.
    pub fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        ids::resource_id(prefix, self.next_id)
    }

    pub fn schedule(&mut self, at: Millis, what: Due) {
        let event = (at, what);
        if let Err(place) = self.due.binary_search(&event) {
            self.due.insert(place, event);
        }
    }

    /// Drops every scheduled event of one resource (for cancellations and deletions).
    pub fn unschedule(&mut self, what: &Due) {
        self.due.retain(|(_, d)| d != what);
    }

    /// Carries out everything due by `now`, in time order (events may schedule further events).
    pub fn tick(&mut self, now: Millis, timing: &lifecycle::Timing) {
        while self.due.front().is_some_and(|(at, _)| *at <= now) {
            let Some((at, what)) = self.due.pop_front() else { break };
            match what {
                Due::Image(key) => lifecycle::image_due(self, &key, at),
                Due::Task(id) => lifecycle::task_due(self, &id),
                Due::Execution(id) => executions::due(self, &id, at, timing),
            }
        }
    }
}
