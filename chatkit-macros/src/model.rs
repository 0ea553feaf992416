//! The shape of the element table (`table.rs`, generated from `schema/widgets.schema.json`).

/// A built-in element.
#[derive(Debug)]
pub struct Element {
    /// The wire `type`, which is also the tag: `Button`, `Table.Row`.
    pub tag: &'static str,
    /// The Rust struct in `chatkit_sdk::widget`.
    pub rust: &'static str,
    /// Whether it is a root (Card, ListView, Basic).
    pub root: bool,
    /// What it takes as children.
    pub children: Children,
    /// Whether `children` is a required key (it is always written then; markup may leave it empty).
    #[allow(dead_code)]
    pub children_required: bool,
    /// Its props, in declaration order (`key`/`id` included).
    pub props: &'static [Prop],
}

/// What an element takes as children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Children {
    /// No children.
    None,
    /// Any components.
    Components,
    /// `ListViewItem`s only.
    ListViewItems,
    /// `Table.Row`s only.
    TableRows,
    /// `Table.Cell`s only.
    TableCells,
    /// Exactly one component.
    Single,
}

/// A prop of a built-in element.
#[derive(Debug)]
pub struct Prop {
    /// The wire (and markup) name, camelCase.
    pub name: &'static str,
    /// The builder setter.
    pub setter: &'static str,
    /// Whether it must be given.
    pub required: bool,
    /// Which string literals it takes.
    pub string: Str,
    /// Which number literals it takes.
    pub number: Num,
    /// Which bool literals it takes.
    pub boolean: Bool,
}

/// String literals a prop takes.
#[derive(Debug)]
pub enum Str {
    /// None.
    No,
    /// Any string.
    Any,
    /// One of `values` of the literal enum `rust` (built as `rust::ALL[i]`).
    OneOf {
        /// The enum in `chatkit_sdk::widget`.
        rust: &'static str,
        /// Its wire values, in `ALL` order.
        values: &'static [&'static str],
    },
    /// An icon: a named icon (`IconName::ALL_NAMED[i]`) or `vendor:…`/`lucide:…`.
    Icon(&'static [&'static str]),
}

/// Number literals a prop takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// None.
    No,
    /// Integers only.
    Integer,
    /// Integers and floats.
    Any,
}

/// Bool literals a prop takes.
#[derive(Debug)]
pub enum Bool {
    /// None.
    No,
    /// `true` and `false` (and the bare-name flag form).
    Any,
    /// Only `false`, built as this path.
    FalseAs(&'static str),
}

impl Element {
    /// The prop named `name`.
    pub fn prop(&self, name: &str) -> Option<&'static Prop> {
        self.props.iter().find(|p| p.name == name)
    }
}

/// The element with this tag.
pub fn element(tag: &str) -> Option<&'static Element> {
    crate::table::ELEMENTS.iter().find(|e| e.tag == tag)
}
