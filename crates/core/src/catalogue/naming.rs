/// The official TypeScript SDK's name for a wire name: `ImageId` → `imageId`, while names that
/// start with an acronym stay as they are (`OSSBucket`, `KMSKeyId`, `OSType`).
///
/// Shared with `build.rs`, which bakes the names of known fields into the catalogue (a field whose
/// official name breaks the rule, like `VSwitchId` → `vSwitchId`, says so with `"field"`); at run
/// time it names what the catalogue does not know (fields the service added since).
pub fn sdk_name(wire: &str) -> String {
    let mut chars = wire.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second) if !second.is_some_and(|c| c.is_ascii_uppercase()) => {
            first.to_ascii_lowercase().to_string() + &wire[first.len_utf8()..]
        }
        _ => wire.to_string(),
    }
}
