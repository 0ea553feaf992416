//! The `widget!` proc macro for `chatkit-sdk`.
//!
//! The macro itself arrives with the `widget!` issue; the crate exists now so the workspace
//! layout is final and later work only adds code.
