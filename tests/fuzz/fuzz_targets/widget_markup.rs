//! Any `widget!` markup, given as a string: the macro's parser, checks and code generation never
//! panic (a wrong markup is compile errors, never an internal error).
//!
//! A proc-macro crate exports nothing but its macros, so the macro's modules are compiled into
//! this target as they are; `expand` is the whole macro on a token stream.
#![no_main]
#![allow(dead_code)]

#[path = "../../../chatkit-macros/src/ast.rs"]
mod ast;
#[path = "../../../chatkit-macros/src/codegen.rs"]
mod codegen;
#[path = "../../../chatkit-macros/src/expand.rs"]
mod expand;
#[path = "../../../chatkit-macros/src/model.rs"]
mod model;
#[path = "../../../chatkit-macros/src/parse.rs"]
mod parse;
#[path = "../../../chatkit-macros/src/suggest.rs"]
mod suggest;
#[path = "../../../chatkit-macros/src/table.rs"]
#[rustfmt::skip]
mod table;
#[path = "../../../chatkit-macros/src/validate.rs"]
mod validate;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A stack overflow kills the process before libFuzzer can save the input (it has no signal
    // stack here): with this set, each input is written there first.
    if let Some(path) = std::env::var_os("FUZZ_LAST_INPUT") {
        let _ = std::fs::write(path, data);
    }
    let Ok(markup) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(tokens) = markup.parse::<proc_macro2::TokenStream>() else {
        return;
    };
    let _ = expand::expand(tokens);
});
