//! What the emulator remembers. Static attributes of a resource are kept in the service's own
//! response shape (`attrs`, wire names) so describe calls return them as they are; fields the
//! logic reads or changes are typed.

use super::shares::Shares;
use serde_json::{Map, Value};

/// Milliseconds since the Unix epoch, as passed in by the caller (the library reads no clock).
pub type Millis = u64;

/// An Alibaba Cloud account ID.
pub type AccountId = u64;

/// Who owns an image: Alibaba Cloud (public images), an Alibaba Cloud Marketplace vendor, or an
/// account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    System,
    Marketplace,
    Account(AccountId),
}

/// A span of time in which something progresses from 0 % to 100 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: Millis,
    pub end: Millis,
}

impl Span {
    /// Whole percent done at `now`, 0..=100.
    pub fn percent(&self, now: Millis) -> u64 {
        if now >= self.end {
            100
        } else if now <= self.start {
            0
        } else {
            (now - self.start) * 100 / (self.end - self.start).max(1)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageStatus {
    /// Queued behind another copy into the same region.
    Waiting,
    Creating,
    Available,
    UnAvailable,
    CreateFailed,
    Deprecated,
}

impl ImageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageStatus::Waiting => "Waiting",
            ImageStatus::Creating => "Creating",
            ImageStatus::Available => "Available",
            ImageStatus::UnAvailable => "UnAvailable",
            ImageStatus::CreateFailed => "CreateFailed",
            ImageStatus::Deprecated => "Deprecated",
        }
    }
}

/// How an image in progress came to be, and what it ends as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Created,
    /// A copy of `source` (in another region); cancellable while in progress.
    Copied {
        source: String,
    },
    Imported {
        task: String,
    },
    /// Built by an image pipeline execution.
    Built {
        execution: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub id: String,
    pub region: String,
    pub owner: Owner,
    pub status: ImageStatus,
    /// While `Waiting`/`Creating`: when the work starts and ends.
    pub progress: Option<Span>,
    /// Whether the work in progress ends in `CreateFailed`.
    pub fails: bool,
    pub origin: Origin,
    pub created: Millis,
    pub name: String,
    pub family: Option<String>,
    pub tags: Vec<(String, String)>,
    /// Accounts the image is shared with, and when.
    pub shared_with: Shares,
    /// Share groups (`all`), sorted.
    pub share_groups: Vec<String>,
    /// Published as a community image.
    pub community: bool,
    /// Other response attributes, in wire names (`Architecture`, `OSType`, `Size`, `DiskDeviceMappings`...).
    pub attrs: Map<String, Value>,
}

impl Image {
    /// Shared with every account (the share group `all`).
    pub fn shared_with_all(&self) -> bool {
        self.share_groups.iter().any(|g| g == "all")
    }

    /// An Available image named after its ID, with no family, tags or sharing: each way of making
    /// an image changes what differs (`Image { status, origin, name, ..Image::new(...) }`).
    pub fn new(id: String, region: String, owner: Owner, created: Millis, attrs: Map<String, Value>) -> Image {
        Image {
            name: id.clone(),
            id,
            region,
            owner,
            status: ImageStatus::Available,
            progress: None,
            fails: false,
            origin: Origin::Created,
            created,
            family: None,
            tags: Vec::new(),
            shared_with: Shares::default(),
            share_groups: Vec::new(),
            community: false,
            attrs,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub id: String,
    pub region: String,
    pub owner: AccountId,
    /// `system` or `data`.
    pub disk_type: String,
    pub size_gib: u64,
    /// Snapshots the emulator seeds as broken: images made from them end in `CreateFailed`.
    pub corrupt: bool,
    pub source_image: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub id: String,
    pub region: String,
    pub zone: String,
    pub owner: AccountId,
    pub image: String,
    pub instance_type: String,
    /// `Running` or `Stopped`.
    pub status: String,
    pub system_disk_gib: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub name: String,
    pub region: String,
    pub owner: AccountId,
    /// Object name → size in bytes.
    pub objects: super::Table<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub id: String,
    pub region: String,
    pub owner: AccountId,
    pub name: String,
    pub version: String,
    pub tags: Vec<(String, String)>,
    pub created: Millis,
    /// Other response attributes in wire names.
    pub attrs: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    pub id: String,
    pub region: String,
    pub owner: AccountId,
    pub name: String,
    pub tags: Vec<(String, String)>,
    pub created: Millis,
    /// The request that created it (official TS SDK names), which executions build from.
    pub request: Value,
    /// Response attributes in wire names.
    pub attrs: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecutionStatus {
    Preparing,
    Building,
    Testing,
    Distributing,
    Releasing,
    Success,
    Failed,
    TestFailed,
    Cancelling,
    Cancelled,
}

impl ExecutionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionStatus::Preparing => "PREPARING",
            ExecutionStatus::Building => "BUILDING",
            ExecutionStatus::Testing => "TESTING",
            ExecutionStatus::Distributing => "DISTRIBUTING",
            ExecutionStatus::Releasing => "RELEASING",
            ExecutionStatus::Success => "SUCCESS",
            ExecutionStatus::Failed => "FAILED",
            ExecutionStatus::TestFailed => "TEST_FAILED",
            ExecutionStatus::Cancelling => "CANCELLING",
            ExecutionStatus::Cancelled => "CANCELLED",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            ExecutionStatus::Success
                | ExecutionStatus::Failed
                | ExecutionStatus::TestFailed
                | ExecutionStatus::Cancelled
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    pub id: String,
    pub region: String,
    pub owner: AccountId,
    pub pipeline: String,
    pub status: ExecutionStatus,
    /// When the current status began.
    pub since: Millis,
    pub created: Millis,
    pub modified: Millis,
    pub image: Option<String>,
    pub tags: Vec<(String, String)>,
    pub error_code: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskKind {
    Import,
    Export,
}

/// An import or export task (the `TaskId` those calls return).
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: String,
    pub region: String,
    pub owner: AccountId,
    pub kind: TaskKind,
    pub image: String,
    pub span: Span,
    /// Export only: where the image file goes.
    pub bucket: Option<String>,
    pub object: Option<String>,
    pub done: bool,
}

/// The answer to a create call that carried a ClientToken, for replays.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    /// The call's parameters, canonical (sorted wire pairs), to tell a replay from a new call.
    pub fingerprint: String,
    /// The original answer without its RequestId.
    pub body: Value,
    /// When the first call was carried out (a record from a state file older than this field
    /// reads as 0, long expired).
    pub at: Millis,
}
