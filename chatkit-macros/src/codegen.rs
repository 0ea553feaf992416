//! Turning validated markup into builder calls.
//!
//! Every path is absolute (`::chatkit_sdk::…`, `::core::…`, `::std::…`) so the expansion works
//! under `#![no_implicit_prelude]` and next to user types named like ours. Setters carry the span
//! of the prop name and values keep the user's spans, so rustc reports type errors of `{expr}`
//! props at the expression.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Lit;

use crate::ast::{Attr, AttrValue, Cond, Element, ElementName, Else, If, Node};
use crate::model::{self, Bool, Children, Str};
use crate::table::ELEMENTS;
use crate::validate::{Resolved, resolve};

/// The expression for the whole markup: the element's own type for a single element, otherwise
/// a `Vec<WidgetComponent>`.
pub fn expand(nodes: &[Node]) -> TokenStream {
    match nodes {
        [Node::Element(element)] => element_expr(element),
        nodes => children_vec(nodes, &quote!(::chatkit_sdk::widget::WidgetComponent)),
    }
}

fn element_expr(element: &Element) -> TokenStream {
    let mut ignored = Vec::new();
    match resolve(&element.name, &mut ignored) {
        Resolved::Builtin(builtin) => builtin_expr(builtin, element),
        Resolved::User | Resolved::Unknown => user_expr(element),
    }
}

fn builtin_expr(builtin: &model::Element, element: &Element) -> TokenStream {
    let span = element.name.span();
    let ty = format_ident!("{}", builtin.rust, span = span);
    // Props are assigned to the fields of one value (what each setter does) rather than chained
    // through the setters, which would move the whole struct once per prop.
    let widget = Ident::new("__chatkit_widget", Span::mixed_site());
    let mut sets = Vec::new();
    for attr in &element.attrs {
        let name = attr.name.to_string();
        let Some(prop) = builtin.prop(&name) else {
            continue;
        };
        let field = format_ident!("{}", prop.setter, span = attr.name.span());
        sets.push(assign(&widget, &field, prop_value(prop, attr)));
    }
    if !element.children.is_empty() {
        let field = format_ident!("children", span = span);
        let children = match builtin.children {
            Children::Single => {
                let child = single_child(&element.children);
                quote!(::std::boxed::Box::new(#child))
            }
            Children::ListViewItems => children_vec(
                &element.children,
                &quote!(::chatkit_sdk::widget::ListViewItem),
            ),
            Children::TableRows => {
                children_vec(&element.children, &quote!(::chatkit_sdk::widget::TableRow))
            }
            Children::TableCells => {
                children_vec(&element.children, &quote!(::chatkit_sdk::widget::TableCell))
            }
            Children::Components | Children::None => children_vec(
                &element.children,
                &quote!(::chatkit_sdk::widget::WidgetComponent),
            ),
        };
        sets.push(quote!(#widget.#field = ::chatkit_sdk::wire::Prop::from_value(#children);));
    }
    quote_spanned!(span=> {
        let mut #widget = <::chatkit_sdk::widget::#ty as ::core::default::Default>::default();
        #(#sets)*
        #widget
    })
}

/// `widget.field = value`, through the field's `Prop` wrapping and the value's `Into`.
fn assign(widget: &Ident, field: &Ident, value: TokenStream) -> TokenStream {
    quote_spanned!(field.span()=>
        #widget.#field = ::chatkit_sdk::wire::Prop::from_value(::core::convert::Into::into(#value));
    )
}

/// For the workspace's tests: `[(tag, prop, write)]` with, for every prop of every element that
/// takes any string, a function that builds the element with only that prop set from `lit`,
/// exactly as `widget!` sets it from a literal, and writes the element's wire JSON.
pub fn every_literal_prop(lit: &syn::LitStr) -> TokenStream {
    let widget = Ident::new("__chatkit_widget", Span::mixed_site());
    let cases = ELEMENTS.iter().flat_map(|element| {
        let ty = format_ident!("{}", element.rust);
        let widget = &widget;
        element
            .props
            .iter()
            .filter(|prop| matches!(prop.string, Str::Any))
            .map(move |prop| {
                let (tag, name) = (element.tag, prop.name);
                let set = assign(widget, &format_ident!("{}", prop.setter), string_value(prop, lit));
                quote!((#tag, #name, (|| {
                    let mut #widget = <::chatkit_sdk::widget::#ty as ::core::default::Default>::default();
                    #set
                    ::chatkit_sdk::to_wire_json(&#widget).ok()
                }) as fn() -> ::core::option::Option<::std::string::String>))
            })
    });
    quote!([#(#cases),*])
}

/// The one child of a `Transition`, as a `WidgetComponent`.
fn single_child(children: &[Node]) -> TokenStream {
    let child = match children {
        [Node::Element(element)] => element_expr(element),
        [Node::Expr(expr)] => quote!(#expr),
        _ => quote!(::core::unreachable!()),
    };
    quote!(::core::convert::Into::<::chatkit_sdk::widget::WidgetComponent>::into(#child))
}

fn prop_value(prop: &model::Prop, attr: &Attr) -> TokenStream {
    let span = attr.name.span();
    match &attr.value {
        AttrValue::Flag => quote_spanned!(span=> true),
        AttrValue::Expr(expr) => quote!(#expr),
        AttrValue::Lit { lit, negative } => {
            let sign = negative.then(|| quote!(-));
            match lit {
                Lit::Str(s) => string_value(prop, s),
                Lit::Bool(b) if !b.value => match prop.boolean {
                    Bool::FalseAs(path) => path.parse().unwrap_or_else(|_| quote!(false)),
                    _ => quote!(#lit),
                },
                _ => quote!(#sign #lit),
            }
        }
    }
}

fn string_value(prop: &model::Prop, lit: &syn::LitStr) -> TokenStream {
    let value = lit.value();
    let span = lit.span();
    match prop.string {
        Str::OneOf { rust, values } => {
            let ty = format_ident!("{}", rust, span = span);
            let index = values.iter().position(|v| *v == value).unwrap_or_default();
            quote_spanned!(span=> ::chatkit_sdk::widget::#ty::ALL[#index])
        }
        Str::Icon(names) => match names.iter().position(|n| *n == value) {
            Some(index) => quote_spanned!(span=>
                ::core::clone::Clone::clone(&::chatkit_sdk::IconName::ALL_NAMED[#index])
            ),
            None => quote_spanned!(span=>
                ::chatkit_sdk::IconName::Custom(::std::string::String::from(#lit))
            ),
        },
        // A literal is kept as it is (`Str` borrows it): no allocation per build.
        Str::Any => quote_spanned!(span=> ::chatkit_sdk::widget::Str::from_static(#lit)),
        Str::No => quote!(#lit),
    }
}

/// A user component: `Name { prop: value, … }` rendered through `Component::render`.
fn user_expr(element: &Element) -> TokenStream {
    let path = match &element.name {
        ElementName::Path(path) => quote!(#path),
        ElementName::Name { idents, .. } => {
            let first = &idents[..1];
            quote!(#(#first)*)
        }
    };
    let fields = element.attrs.iter().map(|attr| {
        let name = &attr.name;
        let value = match &attr.value {
            AttrValue::Flag => quote_spanned!(name.span()=> true),
            AttrValue::Expr(expr) => {
                quote_spanned!(name.span()=> ::core::convert::Into::into(#expr))
            }
            AttrValue::Lit {
                lit: Lit::Str(s), ..
            } => {
                quote_spanned!(name.span()=> ::core::convert::Into::into(#s))
            }
            AttrValue::Lit { lit, negative } => {
                let sign = negative.then(|| quote!(-));
                quote!(#sign #lit)
            }
        };
        quote!(#name: #value)
    });
    let children = (!element.children.is_empty()).then(|| {
        let children_ident = format_ident!("children", span = element.name.span());
        let vec = children_vec(
            &element.children,
            &quote!(::chatkit_sdk::widget::WidgetComponent),
        );
        quote!(#children_ident: #vec,)
    });
    let span = element.name.span();
    quote_spanned!(span=>
        ::chatkit_sdk::widget::Component::render(#path { #(#fields,)* #children })
    )
}

/// A block building a `Vec<item>` from child nodes, with real `for`/`if`/`match`. The vector is
/// allocated once: sized for the children written out, grown by each `for` loop's length.
fn children_vec(nodes: &[Node], item: &TokenStream) -> TokenStream {
    let vec = Ident::new("__chatkit_children", Span::mixed_site());
    let pushes = nodes.iter().map(|node| push_node(node, &vec, item));
    let capacity = static_len(nodes);
    quote!({
        let mut #vec: ::std::vec::Vec<#item> = ::std::vec::Vec::with_capacity(#capacity);
        #(#pushes)*
        #vec
    })
}

/// How many children `nodes` push, not counting `for` loops (an `{expr}` counts one; of the
/// branches of an `if` or `match`, the longest).
fn static_len(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|node| match node {
            Node::Element(_) | Node::Expr(_) => 1,
            Node::Fragment(children) => static_len(children),
            Node::If(i) => if_len(i),
            Node::Match(m) => m
                .arms
                .iter()
                .map(|arm| static_len(&arm.body))
                .max()
                .unwrap_or(0),
            Node::For(_) | Node::Text(_) => 0,
        })
        .sum()
}

fn if_len(node: &If) -> usize {
    let otherwise = match &node.otherwise {
        None => 0,
        Some(Else::If(next)) => if_len(next),
        Some(Else::Block(body)) => static_len(body),
    };
    static_len(&node.then).max(otherwise)
}

use proc_macro2::Ident;

fn push_node(node: &Node, vec: &Ident, item: &TokenStream) -> TokenStream {
    match node {
        Node::Element(element) => {
            let expr = element_expr(element);
            let span = element.name.span();
            quote_spanned!(span=>
                ::chatkit_sdk::widget::IntoChildren::<#item>::push_into(#expr, &mut #vec);
            )
        }
        Node::Expr(expr) => {
            let span = syn::spanned::Spanned::span(expr);
            quote_spanned!(span=>
                ::chatkit_sdk::widget::IntoChildren::<#item>::push_into(#expr, &mut #vec);
            )
        }
        Node::Fragment(children) => {
            let pushes = children.iter().map(|c| push_node(c, vec, item));
            quote!(#(#pushes)*)
        }
        Node::For(f) => {
            let (pat, expr) = (&f.pat, &f.expr);
            let pushes = f.body.iter().map(|c| push_node(c, vec, item));
            let iter = Ident::new("__chatkit_iter", Span::mixed_site());
            let per_item = static_len(&f.body);
            // A `match`, not a `let`: temporaries of `#expr` live as long as the loop, as in
            // a plain `for`.
            quote!(match ::core::iter::IntoIterator::into_iter(#expr) {
                #iter => {
                    #vec.reserve(::core::iter::Iterator::size_hint(&#iter).0.saturating_mul(#per_item));
                    for #pat in #iter { #(#pushes)* }
                }
            })
        }
        Node::If(i) => push_if(i, vec, item),
        Node::Match(m) => {
            let expr = &m.expr;
            let arms = m.arms.iter().map(|arm| {
                let pat = &arm.pat;
                let guard = arm.guard.as_ref().map(|g| quote!(if #g));
                let pushes = arm.body.iter().map(|c| push_node(c, vec, item));
                quote!(#pat #guard => { #(#pushes)* })
            });
            quote!(match #expr { #(#arms)* })
        }
        Node::Text(_) => TokenStream::new(),
    }
}

fn push_if(node: &If, vec: &Ident, item: &TokenStream) -> TokenStream {
    let cond = match &node.cond {
        Cond::Expr(expr) => quote!(#expr),
        Cond::Let(pat, expr) => quote!(let #pat = #expr),
    };
    let then = node.then.iter().map(|c| push_node(c, vec, item));
    let otherwise = match &node.otherwise {
        None => None,
        Some(Else::If(next)) => {
            let next = push_if(next, vec, item);
            Some(quote!(else #next))
        }
        Some(Else::Block(body)) => {
            let pushes = body.iter().map(|c| push_node(c, vec, item));
            Some(quote!(else { #(#pushes)* }))
        }
    };
    quote!(if #cond { #(#then)* } #otherwise)
}
