//! The ChatKit server for LangGraph agents: the LangGraph client and adapter, the HTTP app with
//! sessions and health, the demo widgets, and the embedded web pages.

pub mod adapter;
pub mod app;
pub mod config;
pub mod csrf;
pub mod interrupt;
pub mod langgraph;
pub mod rate_limit;
pub mod serve;
pub mod session;
pub mod web;
pub mod widgets;

pub use chatkit_sdk as sdk;
