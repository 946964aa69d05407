//! The operation catalogue: every operation, parameter and response field of ECS API 2014-05-26
//! that ecsimg speaks, as static tables compiled from `catalogue/ecs.json` by `build.rs`.
//!
//! Everything else (validation, flattening, signing input, response decoding, the npm package's
//! TS types, the console's forms, the emulator's parameter parsing) walks these tables, so adding an
//! operation or a parameter is one edit to that JSON file.

mod lookup;
mod naming;

pub use lookup::{operation, operation_by_method, suggest};
pub use naming::sdk_name;

/// One API operation (an RPC `Action`).
#[derive(Debug)]
pub struct Operation {
    /// Wire name, e.g. `CreateImage`.
    pub name: &'static str,
    /// The official TS SDK's method name, e.g. `createImage`.
    pub method: &'static str,
    pub group: Group,
    pub params: &'static [Field],
    /// Cross-parameter rules, in wire names.
    pub rules: &'static [Rule],
    pub response: &'static [Field],
    pub pagination: Option<Pagination>,
    #[cfg(feature = "docs")]
    pub summary: &'static str,
    /// The waiter that follows the long work this operation starts (for the console).
    #[cfg(feature = "docs")]
    pub waiter: Option<Waiter>,
    #[cfg(feature = "errors")]
    pub errors: &'static [ErrorCode],
}

impl Operation {
    /// Whether the operation creates something and so takes a `ClientToken` for idempotency.
    pub fn idempotent_create(&self) -> bool {
        self.param("ClientToken").is_some()
    }

    /// A top-level parameter by wire name.
    pub fn param(&self, wire: &str) -> Option<&'static Field> {
        self.params.iter().find(|f| f.name == wire)
    }
}

/// The console groups operations by the task they serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Images,
    CopyAndShare,
    ImportAndExport,
    Components,
    Pipelines,
    Resources,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Images => "Images",
            Group::CopyAndShare => "Copy & share",
            Group::ImportAndExport => "Import & export",
            Group::Components => "Components",
            Group::Pipelines => "Pipelines & executions",
            Group::Resources => "Resources",
        }
    }
}

/// How a describe call pages through its results.
#[derive(Debug, Clone, Copy)]
pub struct Pagination {
    pub style: PageStyle,
    /// Wire name of the top-level response list holding the items (e.g. `Images`).
    pub items: &'static str,
    /// What the items are called, in the plural (`images`, `accounts`).
    #[cfg(feature = "docs")]
    pub noun: &'static str,
}

/// The npm client's waiter for an operation's long work (`waitForImageCopied`), and what it waits
/// on: the region in the request field `region` (else `regionId`), the ID in the answer field
/// `target`, passed on under the same name. SDK field names.
#[derive(Debug, Clone, Copy)]
pub struct Waiter {
    pub name: &'static str,
    pub region: &'static str,
    pub target: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `PageNumber` / `PageSize` / `TotalCount`.
    PageNumber,
    /// `NextToken` / `MaxResults`.
    NextToken,
}

/// A request parameter or a response field. Both directions share one shape so that one walker
/// serves validation, flattening, decoding and form generation.
#[derive(Debug)]
pub struct Field {
    /// Wire name of this segment (`ImageName`, `Tag`, `Key`); empty for a list's item.
    pub name: &'static str,
    /// The official TS SDK's name for it (`imageName`, `tag`, `key`, `OSSBucket`).
    pub field: &'static str,
    pub shape: Shape,
    pub required: bool,
    /// Identity parameters the SDK exposes but the documentation does not (`OwnerId`, ...).
    pub hidden: bool,
    pub deprecated: bool,
    pub check: &'static Check,
    #[cfg(feature = "docs")]
    pub docs: &'static Docs,
}

#[derive(Debug)]
pub enum Shape {
    Scalar(Scalar),
    /// Flattened with dots: `Features.NvmeSupport`.
    Struct(&'static [Field]),
    /// Flattened 1-based: `Tag.1.Key`, `AddAccount.1`. In responses, `wrap` names the key of the
    /// object the service wraps the array in (`Images: {Image: [...]}`).
    List {
        item: &'static Field,
        max_items: Option<u32>,
        wrap: Option<&'static str>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    Float,
    Boolean,
}

impl Scalar {
    pub fn name(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Long => "long",
            Scalar::Float => "float",
            Scalar::Boolean => "boolean",
        }
    }
}

/// Documented limits of a scalar value.
#[derive(Debug)]
pub struct Check {
    /// Allowed values (empty: any).
    pub one_of: &'static [&'static str],
    /// The value is a comma-separated list of `one_of` values.
    pub comma: bool,
    /// Length in characters (Unicode scalar values).
    pub min_len: Option<u32>,
    pub max_len: Option<u32>,
    /// Numeric range, inclusive.
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub text: Option<&'static Text>,
}

impl Check {
    pub const NONE: Check =
        Check { one_of: &[], comma: false, min_len: None, max_len: None, min: None, max: None, text: None };
}

/// Documented rules on the characters of a string.
#[derive(Debug)]
pub struct Text {
    pub first: First,
    /// When set, only letters, digits and these characters are allowed.
    pub chars: Option<&'static str>,
    /// Only ASCII characters are allowed.
    pub ascii: bool,
    pub not_prefix: &'static [&'static str],
    pub not_contains: &'static [&'static str],
    pub pattern: Option<Pattern>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum First {
    Any,
    /// A letter of any script (Chinese characters included).
    Letter,
    AsciiLetter,
}

/// Formats too specific for the generic rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// `major.minor.patch`, digits only.
    Version,
    /// OSS bucket names: lowercase letters, digits and hyphens, not starting or ending with a hyphen.
    OssBucket,
    /// `arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}`.
    CloudBoxArn,
    /// A region ID such as `cn-hangzhou`: lowercase letters, digits and hyphens. It becomes part of
    /// the endpoint host, so nothing else may pass.
    RegionId,
}

/// A rule across parameters. Paths are dotted wire names without list indices
/// (`ImportImageOptions.DiskDeviceMappings`).
#[derive(Debug)]
pub enum Rule {
    /// At least one of these must be given.
    OneOf(&'static [&'static str]),
    /// `param` must be given when every condition holds.
    Require { param: &'static str, when: &'static [Cond] },
    /// When every condition holds, `param` may only take these values (as sent on the wire).
    Restrict { param: &'static str, to: &'static [&'static str], when: &'static [Cond] },
    /// At most one of these may be given.
    Exclusive(&'static [&'static str]),
    /// No two items of the list may have the same value of `by`.
    Unique { list: &'static str, by: &'static str },
}

/// `param` is given and, when `values` is not empty, equals one of them (as sent on the wire).
#[derive(Debug)]
pub struct Cond {
    pub param: &'static str,
    pub values: &'static [&'static str],
}

/// Human documentation of a field, for the console and the generated TS doc comments.
#[derive(Debug)]
pub struct Docs {
    pub text: &'static str,
    pub example: Option<&'static str>,
    pub default: Option<&'static str>,
    pub unit: Option<&'static str>,
}

impl Docs {
    pub const NONE: Docs = Docs { text: "", example: None, default: None, unit: None };
}

/// A documented error of an operation.
#[derive(Debug)]
pub struct ErrorCode {
    pub status: u16,
    pub code: &'static str,
    pub message: &'static str,
}

/// How the service's endpoint host follows from the region.
#[derive(Debug)]
pub struct EndpointRule {
    /// `ecs.{region}.aliyuncs.com`.
    pub pattern: &'static str,
    /// Regions the official SDK sends elsewhere.
    pub overrides: &'static [(&'static str, &'static str)],
}

impl EndpointRule {
    /// The endpoint host for a region, exactly as the official SDK resolves it.
    pub fn host(&self, region: &str) -> String {
        match self.overrides.iter().find(|(r, _)| *r == region) {
            Some((_, host)) => (*host).to_string(),
            None => self.regional_host(region),
        }
    }

    /// `ecs.<region>.aliyuncs.com`, which every region answers on: the host a same-origin proxy
    /// (web/nginx/ecsimg.conf) sends for a call, from the call's own `RegionId`, so the host a
    /// client in proxy mode signs. It differs from [`EndpointRule::host`] for the overridden regions
    /// (cn-hangzhou's SDK endpoint is `ecs-cn-hangzhou.aliyuncs.com`).
    pub fn regional_host(&self, region: &str) -> String {
        self.pattern.replace("{region}", region)
    }
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
