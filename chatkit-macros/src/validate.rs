//! Checking markup against the element table before any code is generated: every problem is
//! reported at its token, all in one pass.

use std::collections::HashSet;

use proc_macro2::Span;
use syn::Lit;
use syn::spanned::Spanned;

use crate::ast::{Attr, AttrValue, Element, ElementName, Else, If, Node};
use crate::model::{self, Bool, Children, Num, Prop, Str};
use crate::suggest::did_you_mean;
use crate::table::ELEMENTS;

/// What an element name refers to.
pub enum Resolved {
    /// A built-in widget.
    Builtin(&'static model::Element),
    /// A user component (`Component` implementor).
    User,
    /// Neither (already reported).
    Unknown,
}

/// Resolves a tag name. Capitalised names that are not built-ins are user components — unless
/// they look like a typo of a built-in, which is reported (write a path to force a component).
pub fn resolve(name: &ElementName, errors: &mut Vec<syn::Error>) -> Resolved {
    let ElementName::Name { text, .. } = name else {
        return Resolved::User;
    };
    if let Some(element) = model::element(text) {
        return Resolved::Builtin(element);
    }
    let tags = ELEMENTS.iter().map(|e| e.tag);
    let capitalised = text.chars().next().is_some_and(char::is_uppercase);
    // Only a near-certain typo (one edit away, or a different case) is reported; anything else
    // capitalised is taken as a user component.
    let typo = tags
        .clone()
        .any(|tag| tag.eq_ignore_ascii_case(text) || strsim::damerau_levenshtein(tag, text) <= 1);
    if !capitalised || text.contains('.') || typo {
        let mut message = format!("unknown widget `{text}`{}", did_you_mean(text, tags));
        if capitalised && !text.contains('.') {
            message.push_str(&format!(
                "\n(if `{text}` is your own component, write its path: `<self::{text} …>`)"
            ));
        }
        errors.push(name.error(message));
        return Resolved::Unknown;
    }
    Resolved::User
}

/// Validates the whole markup.
pub fn check(nodes: &[Node]) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    for node in nodes {
        check_node(node, None, &mut errors);
    }
    errors
}

/// The element whose children are being checked: its tag and rule.
#[derive(Clone, Copy)]
struct Parent<'a> {
    tag: &'a str,
    rule: Children,
}

fn check_node(node: &Node, parent: Option<Parent<'_>>, errors: &mut Vec<syn::Error>) {
    match node {
        Node::Element(element) => check_element(element, parent, errors),
        Node::Fragment(children) => children.iter().for_each(|c| check_node(c, parent, errors)),
        Node::Expr(_) => {}
        Node::For(f) => f.body.iter().for_each(|c| check_node(c, parent, errors)),
        Node::If(i) => check_if(i, parent, errors),
        Node::Match(m) => {
            for arm in &m.arms {
                arm.body.iter().for_each(|c| check_node(c, parent, errors));
            }
        }
        Node::Text(text) => errors.push(syn::Error::new(
            text.span(),
            "text cannot be a child: put it in a prop, e.g. `<Text value=\"…\" />`",
        )),
    }
}

fn check_if(node: &If, parent: Option<Parent<'_>>, errors: &mut Vec<syn::Error>) {
    node.then.iter().for_each(|c| check_node(c, parent, errors));
    match &node.otherwise {
        Some(Else::If(next)) => check_if(next, parent, errors),
        Some(Else::Block(body)) => body.iter().for_each(|c| check_node(c, parent, errors)),
        None => {}
    }
}

fn check_element(element: &Element, parent: Option<Parent<'_>>, errors: &mut Vec<syn::Error>) {
    let resolved = resolve(&element.name, errors);
    let text = element.name.text();
    if let (Some(parent), Resolved::Builtin(builtin)) = (parent, &resolved) {
        check_placement(builtin, &element.name, parent, errors);
    }
    match resolved {
        Resolved::Builtin(builtin) => {
            check_props(builtin, element, errors);
            check_children(builtin, element, errors);
            let me = Parent {
                tag: builtin.tag,
                rule: builtin.children,
            };
            for child in &element.children {
                check_node(child, Some(me), errors);
            }
        }
        Resolved::User => {
            check_duplicates(&text, &element.attrs, errors);
            let me = Parent {
                tag: "",
                rule: Children::Components,
            };
            for child in &element.children {
                check_node(child, Some(me), errors);
            }
        }
        Resolved::Unknown => {
            for child in &element.children {
                check_node(child, None, errors);
            }
        }
    }
}

/// Whether a built-in may stand where its parent puts it.
fn check_placement(
    child: &model::Element,
    name: &ElementName,
    parent: Parent<'_>,
    errors: &mut Vec<syn::Error>,
) {
    let required = match parent.rule {
        Children::ListViewItems => Some("ListViewItem"),
        Children::TableRows => Some("Table.Row"),
        Children::TableCells => Some("Table.Cell"),
        _ => None,
    };
    let problem = match required {
        Some(required) if child.tag != required => Some(format!(
            "`{}` cannot be a child of `{}`: it takes only `{required}`",
            child.tag, parent.tag
        )),
        None if child.root && !parent.tag.is_empty() => Some(format!(
            "`{}` is a root widget and cannot be inside `{}`",
            child.tag, parent.tag
        )),
        _ => None,
    };
    if let Some(problem) = problem {
        errors.push(name.error(problem));
    }
}

fn check_children(element: &model::Element, markup: &Element, errors: &mut Vec<syn::Error>) {
    let Some(first) = markup.children.first() else {
        return;
    };
    match element.children {
        Children::None => errors.push(syn::Error::new(
            node_span(first),
            format!("`{}` takes no children", element.tag),
        )),
        Children::Single => {
            let single =
                markup.children.len() == 1 && matches!(first, Node::Element(_) | Node::Expr(_));
            if !single {
                errors.push(
                    markup
                        .name
                        .error(format!("`{}` takes exactly one child element", element.tag)),
                );
            }
        }
        _ => {}
    }
}

fn node_span(node: &Node) -> Span {
    match node {
        Node::Element(e) => e.name.span(),
        Node::Expr(e) => e.span(),
        Node::Text(t) => t.span(),
        Node::For(f) => f.expr.span(),
        Node::If(_) | Node::Match(_) | Node::Fragment(_) => Span::call_site(),
    }
}

fn check_duplicates(tag: &str, attrs: &[Attr], errors: &mut Vec<syn::Error>) {
    let mut seen = HashSet::new();
    for attr in attrs {
        let name = attr.name.to_string();
        if !seen.insert(name.clone()) {
            errors.push(syn::Error::new(
                attr.name.span(),
                format!("duplicate prop `{name}` on {tag}"),
            ));
        }
    }
}

fn check_props(element: &model::Element, markup: &Element, errors: &mut Vec<syn::Error>) {
    check_duplicates(element.tag, &markup.attrs, errors);
    for attr in &markup.attrs {
        let name = attr.name.to_string();
        if name == "children" {
            errors.push(syn::Error::new(
                attr.name.span(),
                format!(
                    "`children` is not a prop: put children between `<{0}>` and `</{0}>`",
                    element.tag
                ),
            ));
            continue;
        }
        match element.prop(&name) {
            Some(prop) => check_value(element, prop, attr, errors),
            None => errors.push(syn::Error::new(
                attr.name.span(),
                format!(
                    "unknown prop `{name}` on {}{}",
                    element.tag,
                    did_you_mean(&name, element.props.iter().map(|p| p.name))
                ),
            )),
        }
    }
    let given: HashSet<String> = markup.attrs.iter().map(|a| a.name.to_string()).collect();
    for prop in element.props.iter().filter(|p| p.required) {
        if !given.contains(prop.name) {
            errors.push(markup.name.error(format!(
                "missing required prop `{}` on {}",
                prop.name, element.tag
            )));
        }
    }
}

/// What a prop takes, for messages: "one of a|b", "a string or a number", "`{…}`".
pub fn expected(prop: &Prop) -> String {
    let mut parts = Vec::new();
    match prop.string {
        Str::No => {}
        Str::Any => parts.push("a string".to_owned()),
        Str::OneOf { values, .. } => parts.push(format!("one of {}", values.join("|"))),
        Str::Icon(_) => {
            parts.push("an icon name (e.g. `star`) or `vendor:…`/`lucide:…`".to_owned())
        }
    }
    match prop.number {
        Num::No => {}
        Num::Integer => parts.push("an integer".to_owned()),
        Num::Any => parts.push("a number".to_owned()),
    }
    match prop.boolean {
        Bool::No => {}
        Bool::Any => parts.push("`true`/`false`".to_owned()),
        Bool::FalseAs(_) => parts.push("`false`".to_owned()),
    }
    let Some(last) = parts.pop() else {
        return "an expression `{…}`".to_owned();
    };
    if parts.is_empty() {
        last
    } else {
        format!("{} or {last}", parts.join(", "))
    }
}

fn check_value(element: &model::Element, prop: &Prop, attr: &Attr, errors: &mut Vec<syn::Error>) {
    let describe = |got: String| {
        format!(
            "{}.{} expects {}, got {got}",
            element.tag,
            prop.name,
            expected(prop)
        )
    };
    let (lit, span) = match &attr.value {
        AttrValue::Expr(_) => return,
        AttrValue::Flag => {
            if matches!(prop.boolean, Bool::Any) {
                return;
            }
            errors.push(syn::Error::new(
                attr.name.span(),
                describe("a bare flag (`true`)".to_owned()),
            ));
            return;
        }
        AttrValue::Lit { lit, .. } => (lit, lit.span()),
    };
    let problem = match lit {
        Lit::Str(s) => {
            let value = s.value();
            match prop.string {
                Str::Any => None,
                Str::OneOf { values, .. } if values.contains(&value.as_str()) => None,
                Str::OneOf { values, .. } => Some(format!(
                    "{}{}",
                    describe(format!("`{value}`")),
                    did_you_mean(&value, values.iter().copied())
                )),
                Str::Icon(names)
                    if names.contains(&value.as_str())
                        || value.starts_with("vendor:")
                        || value.starts_with("lucide:") =>
                {
                    None
                }
                Str::Icon(names) => Some(format!(
                    "{}{}",
                    describe(format!("`{value}`")),
                    did_you_mean(&value, names.iter().copied())
                )),
                Str::No => Some(describe(format!("the string `{value:?}`"))),
            }
        }
        Lit::Int(i) => match prop.number {
            Num::Integer | Num::Any if i.suffix().is_empty() => None,
            Num::Integer | Num::Any => Some(format!(
                "{}.{}: write the number without a type suffix",
                element.tag, prop.name
            )),
            Num::No => Some(describe(format!("the number `{}`", i.base10_digits()))),
        },
        Lit::Float(f) => match prop.number {
            Num::Any if f.suffix().is_empty() => None,
            Num::Any => Some(format!(
                "{}.{}: write the number without a type suffix",
                element.tag, prop.name
            )),
            Num::Integer | Num::No => Some(describe(format!("the number `{}`", f.base10_digits()))),
        },
        Lit::Bool(b) => match prop.boolean {
            Bool::Any => None,
            Bool::FalseAs(_) if !b.value => None,
            _ => Some(describe(format!("`{}`", b.value))),
        },
        other => Some(describe(format!(
            "`{}`",
            quote::ToTokens::to_token_stream(other)
        ))),
    };
    if let Some(problem) = problem {
        errors.push(syn::Error::new(span, problem));
    }
}
