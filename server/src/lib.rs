//! The ChatKit server for LangGraph agents.
//!
//! The LangGraph adapter, sessions and the binary arrive with the server issue.

pub use chatkit_sdk as sdk;
