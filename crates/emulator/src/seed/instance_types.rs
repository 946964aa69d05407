//! The instance-type fixture behind DescribeAvailableResource and DescribeImageSupportInstanceTypes:
//! what each type is, which disks it takes, what images it boots, and its stock in each zone.
//!
//! Every region has the same three zones (`seed::zones`) and the same stock table, chosen so that
//! every status the service reports shows up somewhere: e.g. in zone `a` `ecs.g7.2xlarge` is sold
//! out, the GPU type is scarce, `ecs.g6` is being retired, and the arm64 types are not offered.

/// Stock of one type in one zone, as `StatusCategory` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stock {
    NotOffered,
    ClosedWithoutStock,
    WithoutStock,
    ClosedWithStock,
    WithStock,
}

impl Stock {
    pub fn category(self) -> &'static str {
        match self {
            Stock::NotOffered | Stock::ClosedWithoutStock => "ClosedWithoutStock",
            Stock::WithoutStock => "WithoutStock",
            Stock::ClosedWithStock => "ClosedWithStock",
            Stock::WithStock => "WithStock",
        }
    }

    /// `Available` while there is stock (even if it will not be replenished), else `SoldOut`.
    pub fn status(self) -> &'static str {
        match self {
            Stock::WithStock | Stock::ClosedWithStock => "Available",
            _ => "SoldOut",
        }
    }
}

/// One instance type as the emulator offers it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InstanceType {
    pub id: &'static str,
    pub family: &'static str,
    pub cores: u32,
    pub memory_gib: f32,
    /// `x86_64` or `arm64`: images run only on types of their architecture (i386 images on x86_64).
    pub arch: &'static str,
    /// Disk categories it takes, for the system disk and data disks alike.
    pub disks: &'static [&'static str],
    /// Boots UEFI-only images (older generations boot BIOS only).
    pub uefi: bool,
    /// Attaches disks over NVMe only: images need `Features.NvmeSupport=supported`.
    pub nvme_only: bool,
    /// Can be bought as a preemptible (spot) instance.
    pub spot: bool,
    /// Stock in zones `a`, `b`, `c`.
    pub stock: [Stock; 3],
}

const GEN8: &[&str] = &["cloud_essd", "cloud_auto"];
const GEN7: &[&str] = &["cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto"];
const ENTRY: &[&str] = &["cloud_efficiency", "cloud_essd", "cloud_auto", "cloud_essd_entry"];
const OLD: &[&str] = &["cloud_efficiency", "cloud_ssd", "cloud_essd"];

use Stock::{
    ClosedWithStock as LOW, ClosedWithoutStock as GONE, NotOffered as NO, WithStock as OK, WithoutStock as OUT,
};

/// Shapes of one generation: `(family, arch, disks, uefi, nvme_only, spot)`.
type Generation = (&'static str, &'static str, &'static [&'static str], bool, bool, bool);

const T6: Generation = ("ecs.t6", "x86_64", OLD, false, false, false);
const E: Generation = ("ecs.e", "x86_64", ENTRY, true, false, false);
const G6: Generation = ("ecs.g6", "x86_64", OLD, false, false, true);
const G7: Generation = ("ecs.g7", "x86_64", GEN7, true, false, true);
const C7: Generation = ("ecs.c7", "x86_64", GEN7, true, false, true);
const R7: Generation = ("ecs.r7", "x86_64", GEN7, true, false, true);
const GN7I: Generation = ("ecs.gn7i", "x86_64", GEN7, true, false, true);
const G8I: Generation = ("ecs.g8i", "x86_64", GEN8, true, true, true);
const C8I: Generation = ("ecs.c8i", "x86_64", GEN8, true, true, true);
const G8Y: Generation = ("ecs.g8y", "arm64", GEN8, true, true, true);
const C8Y: Generation = ("ecs.c8y", "arm64", GEN8, true, true, true);
const R8Y: Generation = ("ecs.r8y", "arm64", GEN8, true, true, true);

const fn t(id: &'static str, generation: Generation, cores: u32, memory_gib: f32, stock: [Stock; 3]) -> InstanceType {
    let (family, arch, disks, uefi, nvme_only, spot) = generation;
    InstanceType { id, family, cores, memory_gib, arch, disks, uefi, nvme_only, spot, stock }
}

pub const INSTANCE_TYPES: &[InstanceType] = &[
    t("ecs.t6-c1m1.large", T6, 2, 2.0, [OK, OK, LOW]),
    t("ecs.t6-c1m2.large", T6, 2, 4.0, [OK, GONE, OK]),
    t("ecs.e-c1m2.large", E, 2, 4.0, [OK, OK, OK]),
    t("ecs.g7.large", G7, 2, 8.0, [OK, OK, OK]),
    t("ecs.g7.xlarge", G7, 4, 16.0, [OK, LOW, OK]),
    t("ecs.g7.2xlarge", G7, 8, 32.0, [OUT, OK, OK]),
    t("ecs.c7.large", C7, 2, 4.0, [OK, OK, OK]),
    t("ecs.c7.xlarge", C7, 4, 8.0, [OK, OK, OUT]),
    t("ecs.r7.large", R7, 2, 16.0, [OK, NO, OK]),
    t("ecs.g8i.large", G8I, 2, 8.0, [OK, OK, OK]),
    t("ecs.g8i.xlarge", G8I, 4, 16.0, [OK, OK, LOW]),
    t("ecs.c8i.large", C8I, 2, 4.0, [NO, OK, OK]),
    t("ecs.g6.large", G6, 2, 8.0, [LOW, GONE, NO]),
    t("ecs.gn7i-c8g1.2xlarge", GN7I, 8, 30.0, [OUT, OK, NO]),
    t("ecs.g8y.large", G8Y, 2, 8.0, [NO, OK, OK]),
    t("ecs.g8y.xlarge", G8Y, 4, 16.0, [NO, OK, OUT]),
    t("ecs.c8y.large", C8Y, 2, 4.0, [NO, OK, OK]),
    t("ecs.r8y.large", R8Y, 2, 16.0, [NO, LOW, OK]),
];

/// Dedicated host types, offered in every zone.
pub const DDH_TYPES: &[&str] = &["ddh.g7", "ddh.c7", "ddh.r7", "ddh.g8i", "ddh.g8y"];

/// Sizes a disk category takes, in GiB: `(min, max)` for a system disk and for a data disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskSizes {
    pub category: &'static str,
    pub system: (u32, u32),
    pub data: (u32, u32),
}

const fn sizes(category: &'static str, system: (u32, u32), data: (u32, u32)) -> DiskSizes {
    DiskSizes { category, system, data }
}

pub const DISK_SIZES: &[DiskSizes] = &[
    sizes("cloud", (20, 500), (5, 2000)),
    sizes("cloud_efficiency", (20, 2048), (20, 32768)),
    sizes("cloud_ssd", (20, 2048), (20, 32768)),
    sizes("cloud_essd", (20, 2048), (20, 65536)),
    sizes("cloud_auto", (20, 2048), (1, 65536)),
    sizes("cloud_essd_entry", (20, 2048), (10, 32768)),
];

pub fn find(id: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|t| t.id == id)
}

impl InstanceType {
    /// Stock in `zone` (`<region>-a`, `-b`, `-c`); types are not offered in other zones.
    pub fn stock_in(&self, zone: &str) -> Stock {
        let index = match zone.rsplit('-').next() {
            Some("a") => 0,
            Some("b") => 1,
            Some("c") => 2,
            _ => return Stock::NotOffered,
        };
        self.stock[index]
    }

    /// Whether the type runs images of `arch` (`x86_64`, `i386` or `arm64`).
    pub fn runs(&self, arch: &str) -> bool {
        self.arch == if arch == "arm64" { "arm64" } else { "x86_64" }
    }
}
