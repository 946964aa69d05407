//! The operation catalogue: every operation, parameter and response field of ECS API 2014-05-26
//! that ecsimg speaks, as static tables compiled from `catalogue/ecs.json` by `build.rs`.
//!
//! Everything else (validation, flattening, signing input, response decoding, the npm package's
//! TS types and tables, the console's forms, the emulator's parameter parsing) walks these tables,
//! so adding an operation or a parameter is one edit to that JSON file.
//!
//! Besides the operations ([`OPERATIONS`]: each one's [`OperationKind`], [`Group`], parameters
//! and response fields, [`Pagination`] and [`Waiter`]), the catalogue states:
//! - the groups, in order ([`Group::ALL`], [`Group::title`]);
//! - the kinds of ID ([`IdKind`]), which the fields holding one name (`Field::id_kind`, with the
//!   `docs` feature);
//! - how images and pipeline executions move through their statuses ([`LIFECYCLES`]: the describe
//!   call, the status field, the done / failed / in-progress statuses, the percentage), and the
//!   waiters that follow them ([`WAITERS`], [`waiter`]).

mod lifecycle;
mod lookup;
mod naming;
mod paging;
mod words;

#[cfg(feature = "docs")]
pub use lifecycle::waiters_after;
pub use lifecycle::{parse_percent, waiter, Lifecycle, Outcome, Percent, Probe, Until, WaiterSpec, NOT_FOUND};
pub use lookup::{operation, operation_by_method, suggest};
pub use naming::sdk_name;
pub use paging::PageStyle;
pub use words::{items_in_words, length_in_words, range_in_words};

/// One API operation (an RPC `Action`).
#[derive(Debug)]
pub struct Operation {
    /// Wire name, e.g. `CreateImage`.
    pub name: &'static str,
    /// The official TS SDK's method name, e.g. `createImage`.
    pub method: &'static str,
    /// What it does: reads, creates, changes or deletes.
    pub kind: OperationKind,
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
    /// What a client may do after an attempt that may have reached the service.
    #[cfg(feature = "docs")]
    pub retry: Retry,
    /// Documented errors (read through [`Operation::errors`]).
    #[cfg(feature = "errors")]
    errors: Errors,
}

impl Operation {
    /// Whether the operation takes a `ClientToken`, so that a retried call does its work once (only
    /// creates do; the npm client makes one per call).
    pub fn takes_client_token(&self) -> bool {
        self.param("ClientToken").is_some()
    }

    /// A top-level parameter by wire name.
    pub fn param(&self, wire: &str) -> Option<&'static Field> {
        self.params.iter().find(|f| f.name() == wire)
    }

    /// The documented errors, in the catalogue's order.
    #[cfg(feature = "errors")]
    pub fn errors(&self) -> impl Iterator<Item = ErrorCode> {
        self.errors.0.split_terminator('\n').map(|line| {
            let (status, rest) = line.split_once(' ').unwrap_or_default();
            let (code, message) = rest.split_once(' ').unwrap_or_default();
            ErrorCode { status: status.parse().unwrap_or_default(), code, message }
        })
    }
}

/// An operation's documented errors, one a line: `404 InvalidImageId.NotFound The specified ...`
/// (the build checks that a code has no space and a message no line break). One string rather
/// than a list of pointers to each code and message, which in wasm compress badly.
#[cfg(feature = "errors")]
#[derive(Debug, Clone, Copy)]
struct Errors(&'static str);

/// What a retry may do after an attempt that may have reached the service (a timeout, a network
/// error, a 5xx). Reads, deletes and creates with a ClientToken may always be resent.
#[cfg(feature = "docs")]
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// A change that is safe to send twice: it sets a state (an attribute to a value, an account
    /// in or out of a share, a copy cancelled), so a second send leaves what the first left.
    pub resend: bool,
    /// Documented codes that, answered to a retry of a delete or cancel, mean the earlier attempt
    /// did it (the resource is gone).
    pub gone: &'static [&'static str],
}

/// What an operation does (`kind` in the catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperationKind {
    /// Describes; changes nothing.
    Read,
    /// Makes something (an image, a copy, a template, an execution, an export task).
    Create,
    /// Changes something that exists (attributes, sharing), or cancels work under way.
    Change,
    Delete,
}

impl OperationKind {
    /// `read`, `create`, `change` or `delete`, as the catalogue spells it.
    pub const fn name(self) -> &'static str {
        match self {
            OperationKind::Read => "read",
            OperationKind::Create => "create",
            OperationKind::Change => "change",
            OperationKind::Delete => "delete",
        }
    }

    /// Whether a successful call changes state (everything but a read).
    pub const fn changes_state(self) -> bool {
        !matches!(self, OperationKind::Read)
    }
}

/// How a describe call pages through its results: the style (which fixes the keys, see
/// [`PageStyle`]), the list of items, and the page sizes, from the size parameter's documented
/// maximum and default.
#[derive(Debug, Clone, Copy)]
pub struct Pagination {
    pub style: PageStyle,
    /// Wire name of the top-level response list holding the items (e.g. `Images`).
    pub items: &'static str,
    /// The largest page the service returns (`PageSize` up to 100, `MaxResults` up to 500).
    pub max_size: u32,
    /// The page size when the call gives none (`PageSize` 10, `MaxResults` 50).
    pub default_size: u32,
    /// What the items are called, in the plural (`images`, `accounts`).
    #[cfg(feature = "docs")]
    pub noun: &'static str,
}

/// The npm client's waiter for an operation's long work (`waitForImageCopied`), and what it waits
/// on: the region in the request field `region` (else `regionId`), the ID in the answer field
/// `target` (else, as for a delete, in the request field), passed on under the same name. SDK
/// field names. What the waiter does is its [`WaiterSpec`] ([`Waiter::spec`]).
#[derive(Debug, Clone, Copy)]
pub struct Waiter {
    pub name: &'static str,
    pub region: &'static str,
    pub target: &'static str,
}

impl Waiter {
    /// The waiter's definition (checked by the build to exist).
    pub fn spec(&self) -> &'static WaiterSpec {
        waiter(self.name).expect("the build checks that every operation's waiter is defined")
    }

    /// Whether the waiter must be told the region: the work ends in another region than the call's
    /// (a copy, in its destination's).
    pub fn names_region(&self) -> bool {
        self.region != "regionId"
    }
}

/// A request parameter or a response field. Both directions share one shape so that one walker
/// serves validation, flattening, decoding and form generation.
///
/// Generated by the build into one table of all fields, it holds small numbers into the
/// catalogue's tables (its strings, the fields, checks and docs) rather than pointers: in wasm a
/// pointer is an absolute address, four bytes that compress badly.
pub struct Field {
    /// Where the SDK name starts in [`TEXT`] (the wire name right after it), and their lengths.
    names: u16,
    field_len: u8,
    name_len: u8,
    /// A struct's first child in [`FIELDS`], a list's entry in [`LISTS`].
    at: u16,
    /// How many children a struct has.
    count: u8,
    /// The kind of shape (the low three bits) and the flags.
    flags: u8,
    /// Index in [`CHECKS`] (0: [`Check::NONE`]).
    check_at: u16,
    /// What the value is the ID of.
    #[cfg(feature = "docs")]
    id: Option<IdKind>,
    /// Index in [`DOCS`] (0: [`Docs::NONE`]).
    #[cfg(feature = "docs")]
    docs_at: u16,
}

/// A list's item (in [`FIELDS`]), its limit and the key the service wraps it in.
struct List {
    item: u16,
    max_items: Option<u32>,
    /// Offset and length in [`TEXT`]; no wrap when the length is 0.
    wrap: u16,
    wrap_len: u8,
}

impl List {
    fn shape(&self) -> Shape {
        let wrap = (self.wrap_len > 0).then(|| text(usize::from(self.wrap), self.wrap_len));
        Shape::List { item: &FIELDS[usize::from(self.item)], max_items: self.max_items, wrap }
    }
}

/// `n` fields from `at` in [`FIELDS`]: an operation's parameters or its response.
const fn fields(at: usize, n: usize) -> &'static [Field] {
    FIELDS.split_at(at).1.split_at(n).0
}

/// `len` bytes from `at` in [`TEXT`].
///
/// This and `Field`'s accessors are inlined natively, where the walkers that call them for every
/// field of a request live in other codegen units; in wasm the size-tuned inliner decides (forcing
/// it there makes the npm wasm larger).
#[cfg_attr(not(target_arch = "wasm32"), inline)]
fn text(at: usize, len: u8) -> &'static str {
    &TEXT[at..at + usize::from(len)]
}

impl Field {
    // Kinds of shape (`flags & KIND`): the scalars in `SCALARS`' order, then a struct and a list.
    const KIND: u8 = 0b111;
    const STRING: u8 = 0;
    const INTEGER: u8 = 1;
    const LONG: u8 = 2;
    const FLOAT: u8 = 3;
    const BOOLEAN: u8 = 4;
    const STRUCT: u8 = 5;
    const LIST: u8 = 6;
    const SCALARS: [Scalar; 5] = [Scalar::String, Scalar::Integer, Scalar::Long, Scalar::Float, Scalar::Boolean];
    const REQUIRED: u8 = 1 << 3;
    const HIDDEN: u8 = 1 << 4;
    const DEPRECATED: u8 = 1 << 5;

    /// Wire name of this segment (`ImageName`, `Tag`, `Key`); empty for a list's item.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn name(&self) -> &'static str {
        text(usize::from(self.names) + usize::from(self.field_len), self.name_len)
    }

    /// The official TS SDK's name for it (`imageName`, `tag`, `key`, `OSSBucket`).
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn field(&self) -> &'static str {
        text(usize::from(self.names), self.field_len)
    }

    /// A scalar, a struct of fields or a list of items.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn shape(&self) -> Shape {
        let at = usize::from(self.at);
        match self.flags & Field::KIND {
            Field::STRUCT => Shape::Struct(&FIELDS[at..at + usize::from(self.count)]),
            Field::LIST => LISTS[at].shape(),
            scalar => Shape::Scalar(Field::SCALARS[usize::from(scalar)]),
        }
    }

    /// Whether a request must give it.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn required(&self) -> bool {
        self.flags & Field::REQUIRED != 0
    }

    /// Identity parameters the SDK exposes but the documentation does not (`OwnerId`, ...).
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn hidden(&self) -> bool {
        self.flags & Field::HIDDEN != 0
    }

    /// Documented as deprecated (the TS types mark it `@deprecated`).
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn deprecated(&self) -> bool {
        self.flags & Field::DEPRECATED != 0
    }

    /// The value's documented limits ([`Check::NONE`] when it has none).
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn check(&self) -> &'static Check {
        &CHECKS[usize::from(self.check_at)]
    }

    /// What the field's value is the ID of (an image, a region, an account), when it holds one
    /// (with `docs`: the console's suggestions read it, the npm package does not).
    #[cfg(feature = "docs")]
    pub fn id_kind(&self) -> Option<IdKind> {
        self.id
    }

    /// Its description, example, default, unit and label ([`Docs::NONE`] when it has none).
    #[cfg(feature = "docs")]
    pub fn docs(&self) -> &'static Docs {
        &DOCS[usize::from(self.docs_at)]
    }
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct("Field");
        out.field("name", &self.name())
            .field("field", &self.field())
            .field("shape", &self.shape())
            .field("required", &self.required())
            .field("hidden", &self.hidden())
            .field("deprecated", &self.deprecated())
            .field("check", self.check());
        #[cfg(feature = "docs")]
        out.field("id_kind", &self.id_kind()).field("docs", self.docs());
        out.finish()
    }
}

#[derive(Debug, Clone, Copy)]
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
    pub one_of: Words,
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
        Check { one_of: Words(""), comma: false, min_len: None, max_len: None, min: None, max: None, text: None };
}

/// A few values kept as one text, a value a line: in wasm a list of `&str` is a pair of absolute
/// pointers per value, which compress badly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words(pub &'static str);

impl Words {
    pub fn iter(self) -> impl Iterator<Item = &'static str> + Clone {
        self.0.split_terminator('\n')
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(self, value: &str) -> bool {
        self.iter().any(|w| w == value)
    }

    pub fn first(self) -> Option<&'static str> {
        self.iter().next()
    }

    /// The values with `separator` between them.
    pub fn join(self, separator: &str) -> String {
        self.0.replace('\n', separator)
    }
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
    /// The field in words where the words of its SDK name are not good English (`regionId`:
    /// `Region`, `dryRun`: `Check only (DryRun)`): the console's forms and dialogs name it so.
    pub label: Option<&'static str>,
}

impl Docs {
    pub const NONE: Docs = Docs { text: "", example: None, default: None, unit: None, label: None };
}

/// A documented error of an operation.
#[derive(Debug, Clone, Copy)]
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
        crate::search::replace_first(self.pattern, "{region}", region)
    }
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_come_in_the_catalogues_order_with_their_titles() {
        let titles: Vec<&str> = Group::ALL.iter().map(|g| g.title()).collect();
        assert_eq!(
            titles,
            ["Images", "Copy & share", "Import & export", "Components", "Pipelines & executions", "Resources"]
        );
        assert_eq!(Group::CopyAndShare.id(), "copy-and-share");
        assert_eq!(Group::from_name("pipelines"), Some(Group::Pipelines));
        assert!(Group::ALL.iter().all(|g| OPERATIONS.iter().any(|op| op.group == *g)), "a group without operations");
    }

    #[test]
    fn operations_say_what_they_do() {
        let kind = |name: &str| operation(name).unwrap().kind;
        assert_eq!(kind("DescribeImages"), OperationKind::Read);
        assert_eq!(kind("CopyImage"), OperationKind::Create);
        assert_eq!(kind("ModifyImageAttribute"), OperationKind::Change);
        assert_eq!(kind("DeleteImage"), OperationKind::Delete);
        for op in OPERATIONS {
            assert_eq!(op.kind.changes_state(), !op.name.starts_with("Describe"), "{}", op.name);
            if op.takes_client_token() {
                assert_eq!(op.kind, OperationKind::Create, "{}", op.name);
            }
        }
    }

    #[test]
    fn paging_keys_and_sizes_come_from_the_parameters() {
        let images = operation("DescribeImages").unwrap().pagination.unwrap();
        assert_eq!((images.style, images.max_size, images.default_size), (PageStyle::PageNumber, 100, 10));
        let components = operation("DescribeImageComponents").unwrap().pagination.unwrap();
        assert_eq!((components.style, components.max_size, components.default_size), (PageStyle::NextToken, 500, 50));
        for op in OPERATIONS {
            let Some(p) = op.pagination else { continue };
            let size = op.param(p.style.size_param()).unwrap();
            assert_eq!(size.check().max, Some(i64::from(p.max_size)), "{}", op.name);
            assert!(op.param(p.style.cursor_param()).is_some(), "{}", op.name);
            assert!(op.response.iter().any(|f| f.name() == p.style.more_field()), "{}", op.name);
        }
    }

    #[test]
    #[cfg(feature = "docs")]
    fn id_fields_say_what_they_name() {
        let param = |op: &str, wire: &str| operation(op).unwrap().param(wire).unwrap();
        assert_eq!(param("CreateImage", "InstanceId").id_kind(), Some(IdKind::Instance));
        assert_eq!(param("CopyImage", "DestinationRegionId").id_kind(), Some(IdKind::Region));
        assert_eq!(param("CreateImage", "ImageName").id_kind(), None);
        let Shape::List { item, .. } = &param("ModifyImageSharePermission", "AddAccount").shape() else { panic!() };
        assert_eq!(item.id_kind(), Some(IdKind::Account));
        assert_eq!(IdKind::Image.label(), Some("imageName"));
        assert_eq!(IdKind::from_name("resource-group"), Some(IdKind::ResourceGroup));
        // Every field named like an ID says so.
        fn walk(fields: &[Field], at: &str) {
            for f in fields {
                let holder = match f.shape() {
                    Shape::List { item, .. } => item,
                    _ => f,
                };
                if f.name().ends_with("Id") && f.name() != "RequestId" {
                    assert!(holder.id_kind().is_some(), "{at}.{}", f.name());
                }
                match f.shape() {
                    Shape::Struct(inner) => walk(inner, at),
                    Shape::List { item, .. } => walk(std::slice::from_ref(item), at),
                    Shape::Scalar(_) => {}
                }
            }
        }
        for op in OPERATIONS {
            walk(op.params, op.name);
            walk(op.response, op.name);
        }
    }
}
