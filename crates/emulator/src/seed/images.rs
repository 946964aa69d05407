//! Public images, shaped like Alibaba Cloud's: the same families in every region; and a few
//! Marketplace images.

use super::{REGIONS, SEEDED_AT};
use crate::state::{Image, Owner, Store};
use serde_json::{json, Map, Value};

/// `(ID stem, OS name, family, OS type, platform, architecture, size GiB, boot mode)`; the ID is
/// `<stem>_20G_alibase_20250915.vhd`.
type Public = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, u64, &'static str);

const PUBLIC: &[Public] = &[
    (
        "aliyun_3_x64",
        "Alibaba Cloud Linux 3.2104 LTS 64 bit",
        "acs:alibaba_cloud_linux_3_2104_lts_x64",
        "linux",
        "Aliyun",
        "x86_64",
        40,
        "UEFI-Preferred",
    ),
    (
        "aliyun_3_arm64",
        "Alibaba Cloud Linux 3.2104 LTS 64 bit ARM Edition",
        "acs:alibaba_cloud_linux_3_2104_lts_arm64",
        "linux",
        "Aliyun",
        "arm64",
        40,
        "UEFI",
    ),
    (
        "aliyun_2_1903_x64",
        "Alibaba Cloud Linux 2.1903 LTS 64 bit",
        "acs:aliyun_2_1903_x64",
        "linux",
        "Aliyun",
        "x86_64",
        40,
        "BIOS",
    ),
    ("anolisos_8_9_x64", "Anolis OS 8.9 64 bit", "acs:anolisos_8_x64", "linux", "Anolis", "x86_64", 40, "BIOS"),
    (
        "ubuntu_24_04_x64",
        "Ubuntu 24.04 64 bit",
        "acs:ubuntu_24_04_x64",
        "linux",
        "Ubuntu",
        "x86_64",
        40,
        "UEFI-Preferred",
    ),
    (
        "ubuntu_22_04_x64",
        "Ubuntu 22.04 64 bit",
        "acs:ubuntu_22_04_x64",
        "linux",
        "Ubuntu",
        "x86_64",
        40,
        "UEFI-Preferred",
    ),
    (
        "ubuntu_22_04_arm64",
        "Ubuntu 22.04 64 bit ARM Edition",
        "acs:ubuntu_22_04_arm64",
        "linux",
        "Ubuntu",
        "arm64",
        40,
        "UEFI",
    ),
    ("ubuntu_20_04_x64", "Ubuntu 20.04 64 bit", "acs:ubuntu_20_04_x64", "linux", "Ubuntu", "x86_64", 40, "BIOS"),
    ("centos_7_9_x64", "CentOS 7.9 64 bit", "acs:centos_7_9_x64", "linux", "CentOS", "x86_64", 40, "BIOS"),
    (
        "centos_stream_9_x64",
        "CentOS Stream 9 64 bit",
        "acs:centos_stream_9_x64",
        "linux",
        "CentOS Stream",
        "x86_64",
        40,
        "UEFI-Preferred",
    ),
    (
        "centos_stream_9_arm64",
        "CentOS Stream 9 64 bit ARM Edition",
        "acs:centos_stream_9_arm64",
        "linux",
        "CentOS Stream",
        "arm64",
        40,
        "UEFI",
    ),
    ("debian_12_x64", "Debian 12.7 64 bit", "acs:debian_12_x64", "linux", "Debian", "x86_64", 40, "UEFI-Preferred"),
    (
        "debian_12_arm64",
        "Debian 12.7 64 bit ARM Edition",
        "acs:debian_12_arm64",
        "linux",
        "Debian",
        "arm64",
        40,
        "UEFI",
    ),
    ("debian_11_x64", "Debian 11.11 64 bit", "acs:debian_11_x64", "linux", "Debian", "x86_64", 40, "BIOS"),
    (
        "rockylinux_9_x64",
        "Rocky Linux 9.4 64 bit",
        "acs:rockylinux_9_x64",
        "linux",
        "Rocky Linux",
        "x86_64",
        40,
        "UEFI-Preferred",
    ),
    (
        "almalinux_9_x64",
        "AlmaLinux 9.4 64 bit",
        "acs:almalinux_9_x64",
        "linux",
        "AlmaLinux",
        "x86_64",
        40,
        "UEFI-Preferred",
    ),
    ("opensuse_15_6_x64", "openSUSE 15.6 64 bit", "acs:opensuse_15_x64", "linux", "OpenSUSE", "x86_64", 40, "BIOS"),
    ("fedora_40_x64", "Fedora 40 64 bit", "acs:fedora_40_x64", "linux", "Fedora", "x86_64", 40, "UEFI-Preferred"),
    (
        "win2022_21H2_x64_dtc_en-us",
        "Windows Server 2022 Datacenter 64-bit (English)",
        "acs:windows_server_2022_datacenter_en-us",
        "windows",
        "Windows Server 2022",
        "x86_64",
        40,
        "UEFI-Preferred",
    ),
    (
        "win2022_21H2_x64_dtc_zh-cn",
        "Windows Server 2022 Datacenter 64-bit (Chinese)",
        "acs:windows_server_2022_datacenter_zh-cn",
        "windows",
        "Windows Server 2022",
        "x86_64",
        40,
        "UEFI-Preferred",
    ),
    (
        "win2019_1809_x64_dtc_en-us",
        "Windows Server 2019 Datacenter 64-bit (English)",
        "acs:windows_server_2019_datacenter_en-us",
        "windows",
        "Windows Server 2019",
        "x86_64",
        40,
        "BIOS",
    ),
    (
        "win2016_1607_x64_dtc_en-us",
        "Windows Server 2016 Datacenter 64-bit (English)",
        "acs:windows_server_2016_datacenter_en-us",
        "windows",
        "Windows Server 2016",
        "x86_64",
        40,
        "BIOS",
    ),
    (
        "win2012r2_9600_x64_dtc_en-us",
        "Windows Server 2012 R2 Datacenter 64-bit (English)",
        "acs:windows_server_2012_r2_datacenter_en-us",
        "windows",
        "Windows Server 2012",
        "x86_64",
        40,
        "BIOS",
    ),
    ("freebsd_14_1_x64", "FreeBSD 14.1 64 bit", "acs:freebsd_14_x64", "linux", "FreeBSD", "x86_64", 40, "BIOS"),
];

/// The public image ID of a stem in a region (the same in every region, like the real service).
pub fn public_id(_region: &str, stem: &str) -> String {
    format!("{stem}_20G_alibase_20250915.vhd")
}

pub fn public(store: &mut Store) {
    for region in REGIONS {
        for &(stem, name, family, os_type, platform, arch, size, boot) in PUBLIC {
            let id = public_id(region, stem);
            let mut attrs = os_attrs(name, os_type, platform, arch, size, boot);
            attrs.insert("ImageVersion".into(), "20250915".into());
            let image = Image {
                name: id.trim_end_matches(".vhd").to_string(),
                family: Some(family.to_string()),
                ..Image::new(id.clone(), region.to_string(), Owner::System, SEEDED_AT, attrs)
            };
            store.insert_image(image);
        }
    }
}

/// `(ID stem, name, product code, OS name, platform)` of the Marketplace images (x86_64 Linux, 40 GiB).
const MARKETPLACE: &[(&str, &str, &str, &str, &str)] = &[
    ("wordpress", "WordPress 6.6 on Ubuntu 22.04", "cmjj00001", "Ubuntu 22.04 64 bit", "Ubuntu"),
    ("gitlab", "GitLab CE 17 on Alibaba Cloud Linux 3", "cmjj00002", "Alibaba Cloud Linux 3.2104 LTS 64 bit", "Aliyun"),
];

/// Regions the Marketplace images are offered in.
pub const MARKETPLACE_REGIONS: &[&str] = &["cn-hangzhou", "cn-shanghai"];

/// Two Alibaba Cloud Marketplace images (`ImageOwnerAlias` `marketplace`, a `ProductCode`) in each
/// of [`MARKETPLACE_REGIONS`], e.g. `m-market-wordpress-hangzhou`.
pub fn marketplace(store: &mut Store) {
    for region in MARKETPLACE_REGIONS {
        for &(stem, name, product, os_name, platform) in MARKETPLACE {
            let id = format!("m-market-{stem}-{}", super::city(region));
            let mut attrs = os_attrs(os_name, "linux", platform, "x86_64", 40, "UEFI-Preferred");
            attrs.insert("Description".into(), format!("{name}, from the Alibaba Cloud Marketplace").into());
            attrs.insert("ProductCode".into(), product.into());
            attrs.insert("IsSubscribed".into(), true.into());
            let image = Image {
                name: name.to_string(),
                ..Image::new(id, region.to_string(), Owner::Marketplace, SEEDED_AT, attrs)
            };
            store.insert_image(image);
        }
    }
}

/// What an image of Alibaba Cloud's or the Marketplace's says about its OS and its one system disk.
fn os_attrs(name: &str, os_type: &str, platform: &str, arch: &str, size: u64, boot: &str) -> Map<String, Value> {
    let mut attrs = Map::new();
    attrs.insert("Architecture".into(), arch.into());
    attrs.insert("BootMode".into(), boot.into());
    attrs.insert("Description".into(), "".into());
    attrs.insert("IsSupportCloudinit".into(), true.into());
    attrs.insert("IsSupportIoOptimized".into(), true.into());
    attrs.insert("IsSubscribed".into(), false.into());
    attrs.insert("OSName".into(), name.into());
    attrs.insert("OSNameEn".into(), name.into());
    attrs.insert("OSType".into(), os_type.into());
    attrs.insert("Platform".into(), platform.into());
    attrs.insert("ProductCode".into(), "".into());
    attrs.insert("Size".into(), size.into());
    attrs.insert("LoginAsNonRootSupported".into(), Value::Bool(os_type == "linux"));
    attrs.insert("LicenseType".into(), "Auto".into());
    attrs.insert(
        "Features".into(),
        json!({"NvmeSupport": "supported", "ImdsSupport": "v2", "CpuOnlineUpgrade": "supported", "CpuOnlineDowngrade": "unsupported", "MemoryOnlineUpgrade": "unsupported", "MemoryOnlineDowngrade": "unsupported"}),
    );
    attrs.insert(
        "DiskDeviceMappings".into(),
        json!({"DiskDeviceMapping": [{"Device": "/dev/xvda", "Size": size.to_string(), "Type": "system", "Format": "", "ImportOSSBucket": "", "ImportOSSObject": "", "SnapshotId": ""}]}),
    );
    attrs
}
