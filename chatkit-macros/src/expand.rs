//! The whole macro on a token stream: parse, check, and generate — or the errors alone.
//!
//! Apart from `lib.rs` so that it runs outside a compiler too: the fuzz target
//! `widget_markup` (`tests/fuzz`) feeds it markup parsed from a string.

use proc_macro2::{TokenStream, TokenTree};

use crate::{codegen, parse, validate};

/// Stack for each token of the input. syn parses nested Rust recursively — a type such as
/// `<<<…>>>`, brackets in brackets, closures returning closures — and every level takes a token
/// at least; a level costs about 3 KiB of stack optimized, and under 32 KiB unoptimized (as a
/// proc macro is in a debug build: the unit test below fails at 24). With twice that per token
/// no markup, however nested, runs out of stack, which would crash the compiler instead of
/// reporting an error. Reserved, not used: only the pages touched take memory.
const STACK_PER_TOKEN: usize = 64 * 1024;
/// The least stack the expansion runs on.
const MIN_STACK: usize = 1024 * 1024;

/// The expansion of `widget! { input }`, on a stack sized for the input.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let stack = MIN_STACK.saturating_add(count_tokens(&input).saturating_mul(STACK_PER_TOKEN));
    stacker::grow(stack, move || expand_here(input))
}

/// How many tokens, in groups too (without recursion, so that counting cannot overflow).
fn count_tokens(input: &TokenStream) -> usize {
    let mut count = 0;
    let mut pending = vec![input.clone()];
    while let Some(stream) = pending.pop() {
        for tree in stream {
            count += 1;
            if let TokenTree::Group(group) = tree {
                pending.push(group.stream());
            }
        }
    }
    count
}

fn expand_here(input: TokenStream) -> TokenStream {
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
fn failure(errors: Vec<syn::Error>) -> TokenStream {
    let errors = errors.into_iter().map(|e| e.to_compile_error());
    quote::quote!({
        #(#errors)*
        ::core::unreachable!()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup nested thousands deep, run on a thread of 256 KiB of stack: each comes back as
    /// compile errors or code, none overflows (found by the `widget_markup` fuzz target: a
    /// `{<<<…>>>}` child of some 2,800 bytes crashed on 8 MiB).
    #[test]
    fn deeply_nested_markup_does_not_run_out_of_stack() {
        let deep = [
            format!("{{ {} }}", "<".repeat(3000)),
            format!("<Card>{}{}</Card>", "{".repeat(3000), "}".repeat(3000)),
            format!(
                "<Card padding={{{}1{}}} />",
                "(".repeat(3000),
                ")".repeat(3000)
            ),
            format!("<Card padding={{{}1}} />", "|".repeat(6000)),
            "<Box>".repeat(2000),
            format!(
                "<Box>{}{}</Box>",
                "if a { <Box>".repeat(1000),
                "</Box> }".repeat(1000)
            ),
        ];
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                deep.iter()
                    .map(|markup| {
                        // Lexing the string and printing the result are the test's own work
                        // (the compiler does them in a real expansion): on a stack of their own.
                        let big = 256 * 1024 * 1024;
                        let tokens = stacker::grow(big, || {
                            markup.parse::<TokenStream>().unwrap_or_default()
                        });
                        let out = expand(tokens);
                        stacker::grow(big, move || out.to_string().len())
                    })
                    .collect::<Vec<_>>()
            });
        let sizes = handle
            .and_then(|h| h.join().map_err(|_| std::io::Error::other("panicked")))
            .unwrap_or_default();
        assert_eq!(sizes.len(), 6, "an expansion panicked");
        assert!(sizes.iter().all(|&n| n > 0));
    }
}
