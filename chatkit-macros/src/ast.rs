//! The syntax tree of `widget!` markup.

use proc_macro2::Span;
use syn::{Expr, Ident, Lit, Pat};

/// A markup node.
pub enum Node {
    /// `<Tag …/>` or `<Tag …>…</Tag>`.
    Element(Element),
    /// `<>…</>`.
    Fragment(Vec<Node>),
    /// `{expr}`: a component or an iterator of components.
    Expr(Expr),
    /// `for pat in expr { … }`.
    For(For),
    /// `if cond { … } else …`.
    If(If),
    /// `match expr { pat => … }`.
    Match(Match),
    /// A bare string literal (an error: text goes in a prop).
    Text(syn::LitStr),
}

/// An element.
pub struct Element {
    /// The tag name.
    pub name: ElementName,
    /// The props, in order.
    pub attrs: Vec<Attr>,
    /// The children (empty for `<Tag/>`).
    pub children: Vec<Node>,
}

/// A tag name: a built-in or user component (`Button`, `Table.Row`, `ImageCarousel`), or a path
/// to a user component (`self::Card`, `crate::ui::Heading`).
pub enum ElementName {
    /// Dot-separated identifiers.
    Name {
        /// The name as written, e.g. `Table.Row`.
        text: String,
        /// The identifiers, with their spans.
        idents: Vec<Ident>,
    },
    /// A `::` path: always a user component.
    Path(syn::Path),
}

impl ElementName {
    /// The name as written.
    pub fn text(&self) -> String {
        match self {
            ElementName::Name { text, .. } => text.clone(),
            ElementName::Path(path) => path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect::<Vec<_>>()
                .join("::"),
        }
    }

    /// An error covering the whole name (`Table.Row`, not just `Table`).
    pub fn error(&self, message: impl std::fmt::Display) -> syn::Error {
        match self {
            ElementName::Name { idents, .. } => {
                let tokens = quote::quote!(#(#idents).*);
                syn::Error::new_spanned(tokens, message)
            }
            ElementName::Path(path) => syn::Error::new_spanned(path, message),
        }
    }

    /// Where the name is.
    pub fn span(&self) -> Span {
        match self {
            ElementName::Name { idents, .. } => {
                let first = idents.first().map_or_else(Span::call_site, Ident::span);
                let last = idents.last().map_or(first, Ident::span);
                first.join(last).unwrap_or(first)
            }
            ElementName::Path(path) => syn::spanned::Spanned::span(path),
        }
    }
}

/// A prop: `name="lit"`, `name=4`, `name={expr}` or a bare `name` (true).
pub struct Attr {
    /// The prop name.
    pub name: Ident,
    /// Its value.
    pub value: AttrValue,
}

/// The value of a prop.
pub enum AttrValue {
    /// A literal; `negative` when written `-4`.
    Lit {
        /// The literal.
        lit: Lit,
        /// Whether a `-` came before it.
        negative: bool,
    },
    /// `{expr}`.
    Expr(Expr),
    /// A bare prop name: `true`.
    Flag,
}

/// `for pat in expr { body }`.
pub struct For {
    /// The loop pattern.
    pub pat: Pat,
    /// The iterated expression.
    pub expr: Expr,
    /// The body.
    pub body: Vec<Node>,
}

/// `if cond { then } else …`.
pub struct If {
    /// The condition.
    pub cond: Cond,
    /// The markup when it holds.
    pub then: Vec<Node>,
    /// `else if …` or `else { … }`.
    pub otherwise: Option<Else>,
}

/// An `if` condition.
pub enum Cond {
    /// `if expr`.
    Expr(Expr),
    /// `if let pat = expr`.
    Let(Pat, Expr),
}

/// The `else` branch.
pub enum Else {
    /// `else if …`.
    If(Box<If>),
    /// `else { … }`.
    Block(Vec<Node>),
}

/// `match expr { arms }`.
pub struct Match {
    /// The matched expression.
    pub expr: Expr,
    /// The arms.
    pub arms: Vec<Arm>,
}

/// One match arm: `pat (if guard)? => markup`.
pub struct Arm {
    /// The pattern.
    pub pat: Pat,
    /// The guard.
    pub guard: Option<Expr>,
    /// The markup.
    pub body: Vec<Node>,
}
