//! Workspace-level test support: the reference transcripts and helpers to replay them.

pub mod conformance;
pub mod gallery;
pub mod skip;
pub mod transcript;

use std::path::PathBuf;

/// The workspace's `tests/data` directory.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}
