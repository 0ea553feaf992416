//! Parsing `widget!` markup into the syntax tree (hand-written on syn).
//!
//! Problems that do not stop the parse (a mismatched closing tag, text where a node should be)
//! are collected and reported together with the validation errors.

use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Ident, Lit, Pat, Token, braced};

use crate::ast::{Arm, Attr, AttrValue, Cond, Element, ElementName, Else, For, If, Match, Node};

/// The whole macro input: top-level nodes, plus recoverable parse errors.
pub struct Markup {
    /// The top-level nodes.
    pub nodes: Vec<Node>,
    /// Errors that did not stop the parse.
    pub errors: Vec<syn::Error>,
}

impl Parse for Markup {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut errors = Vec::new();
        let nodes = parse_nodes(input, &mut errors)?;
        Ok(Markup { nodes, errors })
    }
}

/// Nodes until the end of the stream or a closing tag `</`.
fn parse_nodes(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Vec<Node>> {
    let mut nodes = Vec::new();
    let at_close = |input: ParseStream| input.peek(Token![<]) && input.peek2(Token![/]);
    while !input.is_empty() && !at_close(input) {
        nodes.push(parse_node(input, errors)?);
    }
    Ok(nodes)
}

fn parse_node(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Node> {
    if input.peek(Token![<]) {
        if input.peek2(Token![>]) {
            return parse_fragment(input, errors);
        }
        return parse_element(input, errors).map(Node::Element);
    }
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        // `{for …}`, `{if …}` and `{match …}` are the braced spellings of the bare forms.
        if content.peek(Token![for]) || content.peek(Token![if]) || content.peek(Token![match]) {
            let node = parse_node(&content, errors)?;
            if !content.is_empty() {
                return Err(content.error("expected one `for`/`if`/`match` inside `{…}`"));
            }
            return Ok(node);
        }
        let expr: Expr = content.parse()?;
        if !content.is_empty() {
            return Err(content.error("expected one expression inside `{…}`"));
        }
        return Ok(Node::Expr(expr));
    }
    if input.peek(Token![for]) {
        return parse_for(input, errors).map(Node::For);
    }
    if input.peek(Token![if]) {
        return parse_if(input, errors).map(Node::If);
    }
    if input.peek(Token![match]) {
        return parse_match(input, errors).map(Node::Match);
    }
    if input.peek(syn::LitStr) {
        return input.parse().map(Node::Text);
    }
    Err(input.error("expected markup: `<Element …>`, `<>…</>`, `{expr}`, `for`, `if` or `match`"))
}

fn parse_fragment(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Node> {
    input.parse::<Token![<]>()?;
    input.parse::<Token![>]>()?;
    let children = parse_nodes(input, errors)?;
    if input.is_empty() {
        errors.push(input.error("unclosed fragment: expected `</>`"));
        return Ok(Node::Fragment(children));
    }
    input.parse::<Token![<]>()?;
    input.parse::<Token![/]>()?;
    if !input.peek(Token![>]) {
        let close = parse_name(input)?;
        errors.push(close.error(format!(
            "closing tag `</{}>` does not match the fragment `<>`",
            close.text()
        )));
    }
    input.parse::<Token![>]>()?;
    Ok(Node::Fragment(children))
}

fn parse_name(input: ParseStream) -> syn::Result<ElementName> {
    let is_path = input.peek(Token![::])
        || input.peek(Token![crate])
        || input.peek(Token![self])
        || input.peek(Token![super])
        || (input.peek(Ident) && input.peek2(Token![::]));
    if is_path {
        return syn::Path::parse_mod_style(input).map(ElementName::Path);
    }
    let first = Ident::parse_any(input)?;
    let mut text = first.to_string();
    let mut idents = vec![first];
    while input.peek(Token![.]) {
        input.parse::<Token![.]>()?;
        let next = Ident::parse_any(input)?;
        text.push('.');
        text.push_str(&next.to_string());
        idents.push(next);
    }
    Ok(ElementName::Name { text, idents })
}

fn parse_element(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Element> {
    input.parse::<Token![<]>()?;
    let name = parse_name(input)?;
    let mut attrs = Vec::new();
    while !(input.peek(Token![>]) || input.peek(Token![/]) || input.is_empty()) {
        attrs.push(parse_attr(input)?);
    }
    if input.peek(Token![/]) {
        input.parse::<Token![/]>()?;
        input.parse::<Token![>]>()?;
        return Ok(Element {
            name,
            attrs,
            children: Vec::new(),
        });
    }
    input.parse::<Token![>]>()?;
    let children = parse_nodes(input, errors)?;
    if input.is_empty() {
        errors.push(name.error(format!("unclosed `<{0}>`: expected `</{0}>`", name.text())));
        return Ok(Element {
            name,
            attrs,
            children,
        });
    }
    input.parse::<Token![<]>()?;
    input.parse::<Token![/]>()?;
    if input.peek(Token![>]) {
        errors.push(input.error(format!(
            "closing tag `</>` does not match `<{}>`",
            name.text()
        )));
    } else {
        let close = parse_name(input)?;
        if close.text() != name.text() {
            let mut error = close.error(format!(
                "closing tag `</{}>` does not match `<{}>`",
                close.text(),
                name.text()
            ));
            error.combine(name.error(format!("`<{}>` is opened here", name.text())));
            errors.push(error);
        }
    }
    input.parse::<Token![>]>()?;
    Ok(Element {
        name,
        attrs,
        children,
    })
}

fn parse_attr(input: ParseStream) -> syn::Result<Attr> {
    let name = Ident::parse_any(input)?;
    if !input.peek(Token![=]) {
        return Ok(Attr {
            name,
            value: AttrValue::Flag,
        });
    }
    input.parse::<Token![=]>()?;
    let value = if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        let expr: Expr = content.parse()?;
        if !content.is_empty() {
            return Err(content.error("expected one expression inside `{…}`"));
        }
        AttrValue::Expr(expr)
    } else {
        let negative = input.peek(Token![-]);
        if negative {
            input.parse::<Token![-]>()?;
        }
        let lit: Lit = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected a literal or `{{expr}}` as the value of `{name}`"),
            )
        })?;
        if negative && !matches!(lit, Lit::Int(_) | Lit::Float(_)) {
            return Err(syn::Error::new(lit.span(), "only numbers can be negative"));
        }
        AttrValue::Lit { lit, negative }
    };
    Ok(Attr { name, value })
}

fn parse_body(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Vec<Node>> {
    let content;
    braced!(content in input);
    let nodes = parse_nodes(&content, errors)?;
    if !content.is_empty() {
        return Err(content.error("unexpected closing tag"));
    }
    Ok(nodes)
}

fn parse_for(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<For> {
    input.parse::<Token![for]>()?;
    let pat = Pat::parse_multi_with_leading_vert(input)?;
    input.parse::<Token![in]>()?;
    let expr = Expr::parse_without_eager_brace(input)?;
    let body = parse_body(input, errors)?;
    Ok(For { pat, expr, body })
}

fn parse_if(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<If> {
    input.parse::<Token![if]>()?;
    let cond = if input.peek(Token![let]) {
        input.parse::<Token![let]>()?;
        let pat = Pat::parse_multi_with_leading_vert(input)?;
        input.parse::<Token![=]>()?;
        Cond::Let(pat, Expr::parse_without_eager_brace(input)?)
    } else {
        Cond::Expr(Expr::parse_without_eager_brace(input)?)
    };
    let then = parse_body(input, errors)?;
    let otherwise = if input.peek(Token![else]) {
        input.parse::<Token![else]>()?;
        if input.peek(Token![if]) {
            Some(Else::If(Box::new(parse_if(input, errors)?)))
        } else {
            Some(Else::Block(parse_body(input, errors)?))
        }
    } else {
        None
    };
    Ok(If {
        cond,
        then,
        otherwise,
    })
}

fn parse_match(input: ParseStream, errors: &mut Vec<syn::Error>) -> syn::Result<Match> {
    input.parse::<Token![match]>()?;
    let expr = Expr::parse_without_eager_brace(input)?;
    let content;
    braced!(content in input);
    let mut arms = Vec::new();
    while !content.is_empty() {
        let pat = Pat::parse_multi_with_leading_vert(&content)?;
        let guard = if content.peek(Token![if]) {
            content.parse::<Token![if]>()?;
            Some(content.parse::<Expr>()?)
        } else {
            None
        };
        content.parse::<Token![=>]>()?;
        let body = if content.peek(syn::token::Brace) {
            parse_body(&content, errors)?
        } else {
            vec![parse_node(&content, errors)?]
        };
        if content.peek(Token![,]) {
            content.parse::<Token![,]>()?;
        }
        arms.push(Arm { pat, guard, body });
    }
    Ok(Match { expr, arms })
}
