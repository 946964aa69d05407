//! The instance-type fixture behind DescribeAvailableResource and DescribeImageSupportInstanceTypes.

/// One instance type as the emulator offers it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InstanceType {
    pub id: &'static str,
    pub family: &'static str,
    pub cores: u32,
    pub memory_gib: f32,
    /// `x86_64` or `arm64`: images run only on types of their architecture.
    pub arch: &'static str,
    pub system_disks: &'static [&'static str],
    pub data_disks: &'static [&'static str],
}

const ESSD: &[&str] = &["cloud_essd", "cloud_auto", "cloud_essd_entry"];
const EFFICIENCY: &[&str] = &["cloud_efficiency", "cloud_ssd", "cloud_essd"];

const fn t(
    id: &'static str,
    family: &'static str,
    cores: u32,
    memory_gib: f32,
    arch: &'static str,
    disks: &'static [&'static str],
) -> InstanceType {
    InstanceType { id, family, cores, memory_gib, arch, system_disks: disks, data_disks: disks }
}

pub const INSTANCE_TYPES: &[InstanceType] = &[
    t("ecs.t6-c1m1.large", "ecs.t6", 2, 2.0, "x86_64", EFFICIENCY),
    t("ecs.t6-c1m2.large", "ecs.t6", 2, 4.0, "x86_64", EFFICIENCY),
    t("ecs.e-c1m2.large", "ecs.e", 2, 4.0, "x86_64", ESSD),
    t("ecs.g7.large", "ecs.g7", 2, 8.0, "x86_64", ESSD),
    t("ecs.g7.xlarge", "ecs.g7", 4, 16.0, "x86_64", ESSD),
    t("ecs.g7.2xlarge", "ecs.g7", 8, 32.0, "x86_64", ESSD),
    t("ecs.c7.large", "ecs.c7", 2, 4.0, "x86_64", ESSD),
    t("ecs.c7.xlarge", "ecs.c7", 4, 8.0, "x86_64", ESSD),
    t("ecs.r7.large", "ecs.r7", 2, 16.0, "x86_64", ESSD),
    t("ecs.g8i.large", "ecs.g8i", 2, 8.0, "x86_64", ESSD),
    t("ecs.g8i.xlarge", "ecs.g8i", 4, 16.0, "x86_64", ESSD),
    t("ecs.c8i.large", "ecs.c8i", 2, 4.0, "x86_64", ESSD),
    t("ecs.g6.large", "ecs.g6", 2, 8.0, "x86_64", EFFICIENCY),
    t("ecs.gn7i-c8g1.2xlarge", "ecs.gn7i", 8, 30.0, "x86_64", ESSD),
    t("ecs.g8y.large", "ecs.g8y", 2, 8.0, "arm64", ESSD),
    t("ecs.g8y.xlarge", "ecs.g8y", 4, 16.0, "arm64", ESSD),
    t("ecs.c8y.large", "ecs.c8y", 2, 4.0, "arm64", ESSD),
    t("ecs.r8y.large", "ecs.r8y", 2, 16.0, "arm64", ESSD),
];

pub fn find(id: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|t| t.id == id)
}
