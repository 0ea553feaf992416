//! The ChatKit server for LangGraph agents.
//!
//! The LangGraph adapter, sessions and the binary arrive with the server issue; the demo widgets
//! it shows are here already.

pub mod adapter;
pub mod app;
pub mod config;
pub mod langgraph;
pub mod session;
pub mod widgets;

pub use chatkit_sdk as sdk;
