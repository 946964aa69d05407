//! What the Distribute dialog asks, and the `DistributionRequest` the package plans from it: the
//! regions ticked (each a destination with the same name, description and encryption), the
//! accounts typed (one per line, or separated by commas or spaces), the optional family.

use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DistributeForm {
    pub regions: Vec<String>,
    pub name: String,
    pub description: String,
    pub encrypted: bool,
    pub kms_key: String,
    /// The accounts as typed.
    pub accounts: String,
    pub family: String,
}

impl DistributeForm {
    /// The accounts typed, each once, in their order.
    pub fn accounts(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for account in self.accounts.split(|c: char| c == ',' || c.is_whitespace()).filter(|a| !a.is_empty()) {
            if !out.iter().any(|a| a == account) {
                out.push(account.to_string());
            }
        }
        out
    }

    /// What stops it from being planned, in words (the calls' own checks come with the plan's calls).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.regions.is_empty() {
            problems.push("Tick at least one destination region.".to_string());
        }
        for account in self.accounts().iter().filter(|a| !a.chars().all(|c| c.is_ascii_digit())) {
            problems.push(format!("{account} is not an account ID (digits only)."));
        }
        if !self.encrypted && !self.kms_key.trim().is_empty() {
            problems
                .push("A KMS key is used only when the copies are encrypted: tick Encrypt, or clear the key.".into());
        }
        problems
    }

    /// The `DistributionRequest` of `image` in `region` (empty fields left out: the service's defaults).
    pub fn request(&self, region: &str, image: &str) -> Value {
        let mut destination = Map::new();
        let mut put = |key: &str, value: &str| {
            if !value.trim().is_empty() {
                destination.insert(key.into(), Value::from(value.trim()));
            }
        };
        put("imageName", &self.name);
        put("description", &self.description);
        if self.encrypted {
            put("kmsKeyId", &self.kms_key);
            destination.insert("encrypted".into(), Value::Bool(true));
        }
        let destinations: Vec<Value> = self
            .regions
            .iter()
            .map(|r| {
                let mut d = destination.clone();
                d.insert("regionId".into(), Value::from(r.as_str()));
                Value::Object(d)
            })
            .collect();
        let mut request = json!({ "sourceRegionId": region, "imageId": image, "destinations": destinations,
            "shareWith": self.accounts() });
        if !self.family.trim().is_empty() {
            request["family"] = Value::from(self.family.trim());
        }
        request
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_has_a_destination_per_region_and_each_account_once() {
        let form = DistributeForm {
            regions: vec!["cn-shanghai".into(), "cn-beijing".into()],
            name: "web-copy".into(),
            accounts: "1002\n1003, 1002 ".into(),
            family: " web ".into(),
            ..DistributeForm::default()
        };
        assert!(form.problems().is_empty());
        let request = form.request("cn-hangzhou", "m-1");
        assert_eq!(
            request,
            json!({"sourceRegionId": "cn-hangzhou", "imageId": "m-1", "shareWith": ["1002", "1003"], "family": "web",
                "destinations": [{"regionId": "cn-shanghai", "imageName": "web-copy"},
                    {"regionId": "cn-beijing", "imageName": "web-copy"}]})
        );
    }

    #[test]
    fn encryption_carries_its_key() {
        let form = DistributeForm {
            regions: vec!["cn-shanghai".into()],
            encrypted: true,
            kms_key: "key-1".into(),
            ..DistributeForm::default()
        };
        let request = form.request("cn-hangzhou", "m-1");
        assert_eq!(
            request["destinations"][0],
            json!({"regionId": "cn-shanghai", "encrypted": true, "kmsKeyId": "key-1"})
        );
        assert!(request.get("family").is_none());
    }

    #[test]
    fn problems_are_said_in_words() {
        let form = DistributeForm { accounts: "abc".into(), kms_key: "k".into(), ..DistributeForm::default() };
        let problems = form.problems().join(" ");
        assert!(problems.contains("Tick at least one destination region."), "{problems}");
        assert!(problems.contains("abc is not an account ID"), "{problems}");
        assert!(problems.contains("tick Encrypt"), "{problems}");
    }
}
