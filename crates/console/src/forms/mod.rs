//! The form of an operation, generated from the catalogue: one editor per parameter (identity
//! parameters folded away), the core's validation as the user types, and a submit button that
//! says why it is disabled.

mod check;
mod ctx;
mod field;
mod operation;
mod parts;
mod scalar;
mod value;

pub use operation::OperationForm;
