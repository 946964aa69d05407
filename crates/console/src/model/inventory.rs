//! The images of one owner tab across the chosen regions, as the regions answer: each region
//! loading, loaded with its count, or failed with why; and every row loaded so far.

use super::{Failure, ImageRow};
use crate::format::{count, thousands};
use ecsimg_core::catalogue::operation;
use std::sync::Arc;

/// What people call the groups of images `ImageOwnerAlias` names, in the order the tabs show them:
/// their own first.
const OWNER_LABELS: [(&str, &str); 4] =
    [("self", "My images"), ("others", "Shared with me"), ("system", "Public"), ("marketplace", "Marketplace")];

/// The owner tabs: the values of DescribeImages' `ImageOwnerAlias` (the catalogue's), each with
/// what a person calls that group of images, people's own first.
pub fn owner_tabs() -> Vec<(&'static str, &'static str)> {
    let param = operation("DescribeImages").and_then(|op| op.param("ImageOwnerAlias"));
    let aliases: Vec<&str> = param.map_or(Vec::new(), |p| p.check().one_of.iter().collect());
    let labelled = OWNER_LABELS.iter().filter(|(alias, _)| aliases.contains(alias)).copied();
    let others = aliases.iter().filter(|a| !OWNER_LABELS.iter().any(|(known, _)| known == *a));
    labelled.chain(others.map(|alias| (*alias, owner_label(alias)))).collect()
}

/// `self` → `My images`, ...
pub fn owner_label(alias: &str) -> &'static str {
    OWNER_LABELS.iter().find(|(a, _)| *a == alias).map_or("Other images", |(_, label)| label)
}

/// Where the loading of one region is.
#[derive(Debug, Clone, PartialEq)]
pub enum RegionLoad {
    /// Not started yet (at most a few regions load at once), or under way with `loaded` images so
    /// far of the `total` its first page told.
    Loading {
        loaded: usize,
        total: Option<u64>,
    },
    Loaded {
        count: usize,
    },
    Failed(Failure),
}

impl RegionLoad {
    /// What the region's line says: `Loading… 200 of 1,000`, `12 images`, `Failed: …`.
    pub fn describe(&self) -> String {
        match self {
            RegionLoad::Loading { loaded: 0, total: None } => "Waiting to load…".into(),
            RegionLoad::Loading { loaded, total } => {
                let of = total.map(|t| format!(" of {}", thousands(t))).unwrap_or_default();
                format!("Loading… {}{of}", thousands(*loaded as u64))
            }
            RegionLoad::Loaded { count: n } => count(*n as u64, "images"),
            RegionLoad::Failed(failure) => format!("Failed: {}", failure.message),
        }
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, RegionLoad::Loading { .. })
    }
}

/// One region of the inventory.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionState {
    pub region: String,
    pub load: RegionLoad,
}

/// The images of one owner tab.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inventory {
    regions: Vec<RegionState>,
    rows: Vec<Arc<ImageRow>>,
}

impl Inventory {
    /// An inventory about to load `regions`.
    pub fn new(regions: &[String]) -> Inventory {
        let waiting = |region: &String| RegionState {
            region: region.clone(),
            load: RegionLoad::Loading { loaded: 0, total: None },
        };
        Inventory { regions: regions.iter().map(waiting).collect(), rows: Vec::new() }
    }

    pub fn regions(&self) -> &[RegionState] {
        &self.regions
    }

    /// Every row loaded, region after region, in the order they arrived.
    pub fn rows(&self) -> &[Arc<ImageRow>] {
        &self.rows
    }

    fn slot(&mut self, region: &str) -> Option<&mut RegionLoad> {
        self.regions.iter_mut().find(|r| r.region == region).map(|r| &mut r.load)
    }

    /// A region loads again (a retry): its rows go, until its pages come back.
    pub fn restart(&mut self, region: &str) {
        self.rows.retain(|r| r.region != region);
        if let Some(load) = self.slot(region) {
            *load = RegionLoad::Loading { loaded: 0, total: None };
        }
    }

    /// A page of a region's images arrived, with the total its answer told.
    pub fn add_page(&mut self, region: &str, rows: Vec<ImageRow>, total: Option<u64>) {
        let added = rows.len();
        let Some(load) = self.slot(region) else { return };
        let loaded = match load {
            RegionLoad::Loading { loaded, .. } => *loaded + added,
            _ => added,
        };
        *load = RegionLoad::Loading { loaded, total };
        self.rows.extend(rows.into_iter().map(Arc::new));
    }

    /// A region loaded again while its rows stayed shown (after an action changed it): its rows
    /// are replaced at once by `rows`, or, when the reload failed, kept with the failure said.
    pub fn replace(&mut self, region: &str, result: Result<Vec<ImageRow>, Failure>) {
        if self.slot(region).is_none() {
            return;
        }
        let result = result.map(|rows| {
            self.rows.retain(|r| r.region != region);
            self.rows.extend(rows.into_iter().map(Arc::new));
        });
        self.finish(region, result);
    }

    /// A region's loading ended.
    pub fn finish(&mut self, region: &str, result: Result<(), Failure>) {
        let count = self.rows.iter().filter(|r| r.region == region).count();
        if let Some(load) = self.slot(region) {
            *load = match result {
                Ok(()) => RegionLoad::Loaded { count },
                Err(failure) => RegionLoad::Failed(failure),
            };
        }
    }

    /// The listing of `regions` ended with `failure` (not a region's own): each of them still
    /// loading failed with it.
    pub fn fail_unfinished(&mut self, regions: &[String], failure: &Failure) {
        for state in self.regions.iter_mut().filter(|r| regions.contains(&r.region) && r.load.is_loading()) {
            state.load = RegionLoad::Failed(failure.clone());
        }
    }

    /// Whether some region is still loading.
    pub fn loading(&self) -> bool {
        self.regions.iter().any(|r| r.load.is_loading())
    }

    /// `1,234 images in 8 regions`, `Loading 3 of 8 regions: 120 images so far`, with the regions
    /// that failed.
    pub fn summary(&self) -> String {
        let images = count(self.rows.len() as u64, "images");
        let regions = count(self.regions.len() as u64, "regions");
        let waiting = self.regions.iter().filter(|r| r.load.is_loading()).count();
        let failed = self.regions.iter().filter(|r| matches!(r.load, RegionLoad::Failed(_))).count();
        let main = if waiting > 0 {
            format!("Loading {} of {regions}: {images} so far", thousands(waiting as u64))
        } else {
            format!("{images} in {regions}")
        };
        match failed {
            0 => main,
            1 => format!("{main} · 1 region failed"),
            n => format!("{main} · {n} regions failed"),
        }
    }

    /// The row of the image `id` in `region`, if it was loaded.
    pub fn find(&self, region: &str, id: &str) -> Option<Arc<ImageRow>> {
        self.rows.iter().find(|r| r.region == region && r.id == id).cloned()
    }

    /// The images called `name` in other regions than `region`: its copies.
    pub fn copies_of(&self, region: &str, name: &str) -> Vec<Arc<ImageRow>> {
        self.rows.iter().filter(|r| r.region != region && r.name == name && !name.is_empty()).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn image(id: &str, name: &str, region: &str) -> ImageRow {
        ImageRow::listed_in(&json!({"imageId": id, "imageName": name, "status": "Available"}), region)
    }

    fn regions() -> Vec<String> {
        ["cn-hangzhou", "cn-shanghai", "us-west-1"].map(String::from).to_vec()
    }

    #[test]
    fn owner_tabs_are_the_catalogues_aliases() {
        let tabs = owner_tabs();
        assert_eq!(
            tabs,
            [("self", "My images"), ("others", "Shared with me"), ("system", "Public"), ("marketplace", "Marketplace")]
        );
    }

    #[test]
    fn regions_fill_as_they_answer() {
        let mut inventory = Inventory::new(&regions());
        assert!(inventory.loading());
        assert_eq!(inventory.summary(), "Loading 3 of 3 regions: 0 images so far");
        assert_eq!(inventory.regions()[0].load.describe(), "Waiting to load…");
        inventory.add_page("cn-hangzhou", vec![image("m-1", "web", "cn-hangzhou")], Some(2));
        assert_eq!(inventory.regions()[0].load.describe(), "Loading… 1 of 2");
        inventory.add_page("cn-hangzhou", vec![image("m-2", "db", "cn-hangzhou")], Some(2));
        inventory.finish("cn-hangzhou", Ok(()));
        assert_eq!(inventory.regions()[0].load, RegionLoad::Loaded { count: 2 });
        inventory.add_page("cn-shanghai", vec![image("m-3", "web", "cn-shanghai")], Some(1));
        inventory.finish("cn-shanghai", Ok(()));
        let message = "DescribeImages: Throttling.User (HTTP 400): slow down";
        let throttled = Failure {
            kind: "api".into(),
            code: Some("Throttling.User".into()),
            message: message.into(),
            ..Failure::default()
        };
        inventory.finish("us-west-1", Err(throttled));
        assert!(!inventory.loading());
        assert_eq!(inventory.summary(), "3 images in 3 regions · 1 region failed");
        assert_eq!(
            inventory.regions()[2].load.describe(),
            "Failed: DescribeImages: Throttling.User (HTTP 400): slow down"
        );
        assert_eq!(inventory.regions()[1].load.describe(), "1 image");
        // A retry starts the region afresh.
        inventory.restart("cn-hangzhou");
        assert_eq!(inventory.rows().len(), 1);
        assert!(inventory.loading());
        // A region not asked for is not made up.
        inventory.add_page("eu-central-1", vec![image("m-9", "x", "eu-central-1")], None);
        assert_eq!(inventory.rows().len(), 1);
    }

    #[test]
    fn a_region_loaded_again_replaces_its_rows_at_once_or_keeps_them_when_it_fails() {
        let mut inventory = Inventory::new(&regions());
        inventory.add_page("cn-hangzhou", vec![image("m-1", "web", "cn-hangzhou")], Some(1));
        inventory.add_page("cn-shanghai", vec![image("m-2", "web", "cn-shanghai")], Some(1));
        inventory.finish("cn-hangzhou", Ok(()));
        let fresh = vec![image("m-1", "web", "cn-hangzhou"), image("m-5", "new", "cn-hangzhou")];
        inventory.replace("cn-hangzhou", Ok(fresh));
        let keys: Vec<String> = inventory.rows().iter().map(|r| r.key()).collect();
        assert_eq!(keys, ["cn-shanghai/m-2", "cn-hangzhou/m-1", "cn-hangzhou/m-5"]);
        assert_eq!(inventory.regions()[0].load, RegionLoad::Loaded { count: 2 });
        let failure = Failure { message: "offline".into(), ..Failure::default() };
        inventory.replace("cn-hangzhou", Err(failure));
        assert_eq!(inventory.rows().len(), 3);
        assert_eq!(inventory.regions()[0].load.describe(), "Failed: offline");
        inventory.replace("eu-central-1", Ok(vec![image("m-9", "x", "eu-central-1")]));
        assert_eq!(inventory.rows().len(), 3);
    }

    #[test]
    fn a_listing_that_fails_fails_only_the_regions_it_had_not_finished() {
        let mut inventory = Inventory::new(&regions());
        inventory.finish("cn-hangzhou", Ok(()));
        let failure = Failure { message: "no credentials".into(), ..Failure::default() };
        inventory.fail_unfinished(&regions()[..2], &failure);
        let said: Vec<String> = inventory.regions().iter().map(|r| r.load.describe()).collect();
        assert_eq!(said, ["0 images", "Failed: no credentials", "Waiting to load…"]);
    }

    #[test]
    fn copies_are_images_of_the_same_name_in_other_regions() {
        let mut inventory = Inventory::new(&regions());
        for (id, name, region) in [
            ("m-1", "web", "cn-hangzhou"),
            ("m-2", "web", "cn-shanghai"),
            ("m-3", "db", "us-west-1"),
            ("m-4", "web", "cn-hangzhou"),
        ] {
            inventory.add_page(region, vec![image(id, name, region)], None);
        }
        let copies: Vec<String> = inventory.copies_of("cn-hangzhou", "web").iter().map(|r| r.key()).collect();
        assert_eq!(copies, ["cn-shanghai/m-2"]);
        assert!(inventory.copies_of("cn-hangzhou", "").is_empty());
        assert_eq!(inventory.find("us-west-1", "m-3").map(|r| r.name.clone()), Some("db".into()));
        assert_eq!(inventory.find("cn-hangzhou", "m-3"), None);
    }
}
