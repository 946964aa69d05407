//! Test-only crate: see `tests/` and the Node suite beside it.
