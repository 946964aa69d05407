//! The regions the Images view loads: the sandbox's eight (the catalogue's) unless the user chose
//! others. The choice is kept in localStorage as a list of region IDs, nothing else (no
//! credentials, no account).

use super::connection::region_problem;
use ecsimg_core::catalogue::REGIONS;
use serde_json::Value;

/// The localStorage key of the choice.
pub const STORAGE_KEY: &str = "ecsimg.images.regions";

/// The regions loaded until the user chooses: every region the catalogue names.
pub fn default_regions() -> Vec<String> {
    REGIONS.iter().map(|r| r.to_string()).collect()
}

/// The regions a stored choice names (each a well-formed region ID, each once), or `None` for
/// anything else: then the default applies.
pub fn from_stored(text: &str) -> Option<Vec<String>> {
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(text) else { return None };
    let mut regions: Vec<String> = Vec::new();
    for region in items.iter().filter_map(Value::as_str) {
        if region_problem(region).is_none() && !regions.iter().any(|r| r == region) {
            regions.push(region.to_string());
        }
    }
    (!regions.is_empty()).then_some(regions)
}

pub fn to_stored(regions: &[String]) -> String {
    Value::from(regions.to_vec()).to_string()
}

/// The regions offered as checkboxes: the catalogue's, then any other the user added.
pub fn offered(chosen: &[String]) -> Vec<String> {
    let mut offered = default_regions();
    offered.extend(chosen.iter().filter(|r| !REGIONS.contains(&r.as_str())).cloned());
    offered
}

/// The choice with `region` ticked or unticked, in the order the regions are offered.
pub fn toggled(chosen: &[String], region: &str, on: bool) -> Vec<String> {
    offered(chosen).into_iter().filter(|r| if r == region { on } else { chosen.contains(r) }).collect()
}

/// The choice with a region the user typed added, or why it cannot be.
pub fn added(chosen: &[String], typed: &str) -> Result<Vec<String>, String> {
    let region = typed.trim();
    if let Some(problem) = region_problem(region) {
        return Err(problem);
    }
    let mut regions = chosen.to_vec();
    if !regions.iter().any(|r| r == region) {
        regions.push(region.to_string());
    }
    Ok(regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_choices_read_back_and_bad_ones_do_not() {
        let chosen = vec!["cn-hangzhou".to_string(), "me-central-1".to_string()];
        assert_eq!(from_stored(&to_stored(&chosen)), Some(chosen));
        assert_eq!(
            from_stored(r#"["cn-hangzhou", "cn-hangzhou", "EVIL.example", 3]"#),
            Some(vec!["cn-hangzhou".into()])
        );
        for bad in ["", "nonsense", "{}", "[]", r#"["a/b"]"#] {
            assert_eq!(from_stored(bad), None, "{bad}");
        }
        assert_eq!(default_regions().len(), REGIONS.len());
    }

    #[test]
    fn ticking_keeps_the_offered_order() {
        let all = default_regions();
        let fewer = toggled(&all, "cn-shanghai", false);
        assert_eq!(fewer.len(), all.len() - 1);
        assert_eq!(toggled(&fewer, "cn-shanghai", true), all);
        let custom = added(&fewer, " me-central-1 ").unwrap();
        assert_eq!(custom.last().map(String::as_str), Some("me-central-1"));
        assert_eq!(offered(&custom).last().map(String::as_str), Some("me-central-1"));
        assert_eq!(added(&custom, "me-central-1").unwrap(), custom);
        assert!(added(&custom, "cn_hangzhou").unwrap_err().contains("got \"cn_hangzhou\""));
        assert_eq!(toggled(&custom, "me-central-1", false), fewer);
    }
}
