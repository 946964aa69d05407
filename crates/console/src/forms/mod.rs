//! The form of an operation, generated from the catalogue: one editor per parameter (identity
//! parameters folded away), the core's validation as the user types, and a submit button that
//! says why it is disabled.

mod check;
mod ctx;
mod field;
mod labels;
mod operation;
mod parts;
mod scalar;
mod value;

pub use check::Checked;
pub use ctx::FormCtx;
pub use field::editor;
pub use labels::Labels;
pub use operation::OperationForm;
pub use value::set;
