//! The conformance double: a handler that behaves exactly like the reference server's
//! (PROTOCOL.md §9), its HTTP app, and a driver that replays the reference run against it.

pub mod app;
pub mod driver;
pub mod normalize;
pub mod python_json;
pub mod reference;
