//! Where in a request a problem is, renderable as the caller spelled it (`tag[0].key`, the official
//! TS SDK's names) or as it travels on the wire (`Tag.1.Key`, for the emulator's answers).

use crate::catalogue::{Field, Operation, Shape};
use crate::wire::number::push_decimal;

#[derive(Clone)]
pub enum Segment {
    Field(&'static Field),
    /// A key the catalogue does not know, as the caller wrote it.
    Unknown(String),
    /// A 0-based list position.
    Index(usize),
}

impl std::fmt::Debug for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Segment::Field(field) => write!(f, "Field({})", field.name()),
            Segment::Unknown(name) => write!(f, "Unknown({name:?})"),
            Segment::Index(i) => write!(f, "Index({i})"),
        }
    }
}

impl PartialEq for Segment {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            // Catalogue fields are statics: the same field is the same address.
            (Segment::Field(a), Segment::Field(b)) => std::ptr::eq(*a, *b),
            (Segment::Unknown(a), Segment::Unknown(b)) => a == b,
            (Segment::Index(a), Segment::Index(b)) => a == b,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// The official TS SDK's field names and JS indexing: `diskDeviceMapping[1].size`.
    Sdk,
    /// Wire names and 1-based positions: `DiskDeviceMapping.2.Size`.
    Wire,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Path(pub Vec<Segment>);

impl Path {
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn child(&self, segment: Segment) -> Path {
        let mut segments = self.0.clone();
        segments.push(segment);
        Path(segments)
    }

    /// Resolves a dotted wire path (`ImportImageOptions.DiskDeviceMappings.2.OSSBucket`; numbers are
    /// 1-based positions) against an operation's parameters. Unknown parts are kept verbatim.
    pub fn from_wire(op: &Operation, wire: &str) -> Path {
        let mut segments = Vec::new();
        let mut fields: &'static [Field] = op.params;
        let mut current: Option<&'static Field> = None;
        for part in wire.split('.') {
            let item = current.and_then(|f| match f.shape() {
                Shape::List { item, .. } => Some(item),
                _ => None,
            });
            if let (Some(item), Ok(n)) = (item, part.parse::<usize>()) {
                segments.push(Segment::Index(n.saturating_sub(1)));
                current = Some(item);
                fields = match item.shape() {
                    Shape::Struct(f) => f,
                    _ => &[],
                };
                continue;
            }
            if let Some(Shape::Struct(f)) = item.map(Field::shape) {
                fields = f;
            }
            match fields.iter().find(|f| f.name() == part) {
                Some(f) => {
                    segments.push(Segment::Field(f));
                    current = Some(f);
                    fields = match f.shape() {
                        Shape::Struct(inner) => inner,
                        _ => &[],
                    };
                }
                None => {
                    segments.push(Segment::Unknown(part.to_string()));
                    current = None;
                    fields = &[];
                }
            }
        }
        Path(segments)
    }

    pub fn render(&self, spelling: Spelling) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            match (segment, spelling) {
                (Segment::Index(i), Spelling::Sdk) => {
                    out.push('[');
                    push_decimal(&mut out, *i as u64);
                    out.push(']');
                }
                (Segment::Index(i), Spelling::Wire) => {
                    out.push('.');
                    push_decimal(&mut out, *i as u64 + 1);
                }
                (named, _) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(match (named, spelling) {
                        (Segment::Field(f), Spelling::Sdk) => f.field(),
                        (Segment::Field(f), Spelling::Wire) => f.name(),
                        (Segment::Unknown(name), _) => name,
                        (Segment::Index(_), _) => unreachable!(),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::operation;

    #[test]
    fn renders_both_spellings() {
        let op = operation("CreateImagePipeline").unwrap();
        let path = Path::from_wire(op, "ImportImageOptions.DiskDeviceMappings.2.OSSBucket");
        assert_eq!(path.render(Spelling::Sdk), "importImageOptions.diskDeviceMappings[1].OSSBucket");
        assert_eq!(path.render(Spelling::Wire), "ImportImageOptions.DiskDeviceMappings.2.OSSBucket");
    }

    #[test]
    fn keeps_unknown_parts() {
        let op = operation("CreateImage").unwrap();
        let path = Path::from_wire(op, "Tag.3.Colour");
        assert_eq!(path.render(Spelling::Sdk), "tag[2].Colour");
        assert_eq!(Path::from_wire(op, "AddAccount.1").render(Spelling::Sdk), "AddAccount.1");
    }
}
