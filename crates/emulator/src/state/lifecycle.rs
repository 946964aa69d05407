//! Time in the emulator: how long work takes (scaled by `--speed`), and what happens when it is due.

use super::{Due, ImageStatus, Millis, Origin, Owner, Span, Store, TaskKind};

/// Base durations at `--speed 1`, close to what small images take on the real service.
pub const CREATE_MS: u64 = 20_000;
pub const COPY_MS: u64 = 30_000;
pub const IMPORT_MS: u64 = 40_000;
pub const EXPORT_MS: u64 = 20_000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// How many times faster than real time lifecycles run (tests use thousands).
    pub speed: f64,
}

impl Default for Timing {
    fn default() -> Self {
        Timing { speed: 1.0 }
    }
}

impl Timing {
    /// `base_ms` at this speed, at least 1 ms.
    pub fn scaled(&self, base_ms: u64) -> u64 {
        ((base_ms as f64) / self.speed.max(1e-9)).round().max(1.0) as u64
    }

    /// The span of work of `base_ms` starting at `start`.
    pub fn span(&self, start: Millis, base_ms: u64) -> Span {
        Span { start, end: start + self.scaled(base_ms) }
    }
}

/// Registers an image whose work is in progress over `span` (`Waiting` until it starts).
pub fn start_image(store: &mut Store, mut image: super::Image, span: Span, now: Millis) {
    image.status = if span.start > now { ImageStatus::Waiting } else { ImageStatus::Creating };
    image.progress = Some(span);
    let at = if image.status == ImageStatus::Waiting { span.start } else { span.end };
    store.schedule(at, Due::Image(super::image_key(&image.region, &image.id)));
    store.insert_image(image);
}

/// When an account's single copy slot in `region` is free: its copies into a region run one at a time.
pub fn copy_slot_free_at(store: &Store, region: &str, owner: Owner, now: Millis) -> Millis {
    store
        .images
        .values()
        .filter(|i| i.region == region && i.owner == owner && matches!(i.origin, Origin::Copied { .. }))
        .filter(|i| matches!(i.status, ImageStatus::Waiting | ImageStatus::Creating))
        .filter_map(|i| i.progress.map(|p| p.end))
        .fold(now, Millis::max)
}

pub fn image_due(store: &mut Store, key: &str, at: Millis) {
    let Some(image) = store.images.get_mut(key) else { return };
    let Some(span) = image.progress else { return };
    match image.status {
        ImageStatus::Waiting => {
            image.status = ImageStatus::Creating;
            store.schedule(span.end, Due::Image(key.to_string()));
        }
        ImageStatus::Creating if at >= span.end => {
            image.status = if image.fails { ImageStatus::CreateFailed } else { ImageStatus::Available };
            image.progress = None;
        }
        _ => {}
    }
}

pub fn task_due(store: &mut Store, id: &str) {
    let Some(task) = store.tasks.get_mut(id) else { return };
    task.done = true;
    let task = task.clone();
    if task.kind == TaskKind::Export {
        let size = store
            .image(&task.region, &task.image)
            .and_then(|i| i.attrs.get("Size"))
            .and_then(|s| s.as_u64())
            .unwrap_or(20);
        if let (Some(bucket), Some(object)) = (&task.bucket, &task.object) {
            if let Some(bucket) = store.buckets.get_mut(bucket) {
                bucket.objects.insert(object.clone(), size << 30);
            }
        }
    }
}
