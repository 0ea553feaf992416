//! `widget!`: JSX-like markup for ChatKit widgets, checked at compile time.
//!
//! Use it through `chatkit_sdk::widget!`. The macro parses the markup, checks it against a
//! table of every widget, prop and literal generated from the widget JSON Schema
//! (`schema/widgets.schema.json`), and turns it into builder calls — one module each (`parse`,
//! `validate`, `codegen`).
//!
//! # Grammar
//!
//! ```text
//! markup    := node+                                  (one element → that element's type;
//!                                                      anything else → Vec<WidgetComponent>)
//! node      := element | fragment | "{" expr "}" | for | if | match
//! element   := "<" name prop* "/>"
//!            | "<" name prop* ">" node* "</" name ">"
//! fragment  := "<>" node* "</>"
//! name      := Ident ("." Ident)*                     (Button, Table.Row, ImageCarousel)
//!            | path                                   (self::Card, crate::ui::Heading)
//! prop      := ident                                  (a flag: `block` is `block=true`)
//!            | ident "=" literal                      ("md", 4, -1, 1.5, true)
//!            | ident "=" "{" expr "}"
//! for       := "for" pat "in" expr "{" node* "}"
//! if        := "if" (expr | "let" pat "=" expr) "{" node* "}" ("else" (if | "{" node* "}"))?
//! match     := "match" expr "{" (pat ("if" expr)? "=>" ("{" node* "}" | node) ","?)* "}"
//! ```
//!
//! `{for …}`, `{if …}` and `{match …}` are accepted as spellings of the bare forms.
//!
//! * Built-in elements are the widgets of `chatkit_sdk::widget` (`Card`, `Text`, `Table.Row`, …);
//!   prop names are the protocol's camelCase names (`onClickAction`, `iconStart`).
//! * A capitalised name that is not a built-in is **your component**: a struct implementing
//!   `chatkit_sdk::widget::Component`, built from the props as fields (and `children`, when the
//!   markup has children) and rendered. A name that looks like a typo of a built-in is reported;
//!   write a path (`<self::Buton …>`) to use such a component anyway.
//! * `{expr}` children take a component or any iterator of components (`Vec`, `Option`,
//!   `.map(…)`); `{expr}` props go through the prop's setter, so rustc checks their types at the
//!   expression.
//!
//! # Checks
//!
//! All reported together, each at its token: unknown widget or prop (with "did you mean"), a
//! literal outside the prop's allowed values, a missing required prop, a duplicate prop,
//! children on a widget that takes none (or the wrong kind of child), a mismatched closing tag,
//! text outside a prop. On error the macro expands to nothing but the errors, so no follow-on
//! type errors appear. Where a *root* is required (`WidgetItem::new`, …) a non-root value is
//! reported by the `IntoWidgetRoot` bound: "`Row` is not a widget root".
//!
//! # Example
//!
//! ```
//! use chatkit_sdk::widget;
//! use chatkit_sdk::widget::{ActionConfig, ButtonColor};
//! use serde_json::json;
//!
//! struct Choice { id: &'static str, label: String, color: ButtonColor }
//! let choices = vec![
//!     Choice { id: "yes", label: "Yes".into(), color: ButtonColor::Success },
//!     Choice { id: "no", label: "No".into(), color: ButtonColor::Danger },
//! ];
//! let show_cancel = true;
//!
//! let card = widget! {
//!     <Card size="md" padding=4>
//!         <Text value="Delete the file?" weight="semibold" />
//!         <Row gap="md" justify="center">
//!             for choice in &choices {
//!                 <Button label={choice.label.clone()} color={choice.color}
//!                         onClickAction={ActionConfig::new("user_decision").payload(json!({"choice": choice.id}))} />
//!             }
//!             if show_cancel { <Button label="Cancel" variant="ghost" block /> }
//!         </Row>
//!     </Card>
//! };
//! let json = serde_json::to_value(&card)?;
//! assert_eq!(json["children"][1]["children"][1]["label"], "No");
//! assert_eq!(json["children"][1]["children"][2]["variant"], "ghost");
//! # Ok::<(), serde_json::Error>(())
//! ```

mod ast;
mod codegen;
mod expand;
mod model;
mod parse;
mod suggest;
#[rustfmt::skip]
mod table;
mod validate;

use proc_macro::TokenStream;

/// Builds a widget tree from JSX-like markup, checked at compile time. See the crate docs for
/// the grammar and the checks.
#[proc_macro]
pub fn widget(input: TokenStream) -> TokenStream {
    expand::expand(input.into()).into()
}

/// Not for use: the workspace's tests check with it that every prop taking any string accepts a
/// literal (`[(tag, prop, write)]`, see `codegen::every_literal_prop`).
#[doc(hidden)]
#[proc_macro]
pub fn __every_literal_prop(input: TokenStream) -> TokenStream {
    let lit = syn::parse_macro_input!(input as syn::LitStr);
    codegen::every_literal_prop(&lit).into()
}
