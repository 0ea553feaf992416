//! The whole macro on a token stream: parse, check, and generate — or the errors alone.
//!
//! Apart from `lib.rs` so that it runs outside a compiler too: the fuzz target
//! `widget_markup` (`tests/fuzz`) feeds it markup parsed from a string.

use crate::{codegen, parse, validate};

/// The expansion of `widget! { input }`.
pub(crate) fn expand(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let markup = match syn::parse2::<parse::Markup>(input) {
        Ok(markup) => markup,
        Err(error) => return failure(vec![error]),
    };
    if markup.nodes.is_empty() {
        return failure(vec![syn::Error::new(
            proc_macro2::Span::call_site(),
            "`widget!` needs markup, e.g. `widget! { <Card>…</Card> }`",
        )]);
    }
    let mut errors = markup.errors;
    errors.extend(validate::check(&markup.nodes));
    if !errors.is_empty() {
        return failure(errors);
    }
    codegen::expand(&markup.nodes)
}

/// The errors, and an expression of any type so nothing else is reported.
fn failure(errors: Vec<syn::Error>) -> proc_macro2::TokenStream {
    let errors = errors.into_iter().map(|e| e.to_compile_error());
    quote::quote!({
        #(#errors)*
        ::core::unreachable!()
    })
}
