use super::{Operation, OPERATIONS};

/// An operation by its wire name (`CreateImage`).
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.name == name)
}

/// An operation by its official TS SDK method name (`createImage`).
pub fn operation_by_method(method: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.method == method)
}

/// The candidate closest to a misspelt name, when it is close enough to be what was meant.
pub fn suggest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_lower = typed.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&typed_lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_operations_by_wire_and_method_name() {
        assert_eq!(operation("CreateImage").unwrap().method, "createImage");
        assert_eq!(operation_by_method("describeImageFromFamily").unwrap().name, "DescribeImageFromFamily");
        assert!(operation("createImage").is_none());
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["imageName", "imageFamily", "instanceId"];
        assert_eq!(suggest("imageNmae", names), Some("imageName"));
        assert_eq!(suggest("ImageName", names), Some("imageName"));
        assert_eq!(suggest("zzz", names), None);
    }
}
