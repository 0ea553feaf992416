//! Widgets: typed component trees shown in `widget` items.
//!
//! A widget item holds a [`WidgetRoot`] (`Card`, `ListView` or `Basic`) whose children are
//! [`WidgetComponent`]s. Every component and prop of the protocol is here (PROTOCOL.md §7 and the
//! TypeScript types of `@openai/chatkit`), each prop with a builder setter:
//!
//! ```
//! use chatkit_sdk::widget::*;
//! use chatkit_sdk::IconName;
//! use serde_json::json;
//!
//! let card = Card::new()
//!     .size(CardSize::Sm)
//!     .child(Text::new("Delete this file?").weight(FontWeight::Semibold))
//!     .child(
//!         Row::new()
//!             .gap(2)
//!             .child(Button::new("Yes").color(ButtonColor::Danger).icon_start(IconName::Check)
//!                 .on_click_action(ActionConfig::new("confirm").payload(json!({"ok": true}))))
//!             .child(Button::new("No").variant(ControlVariant::Ghost)),
//!     );
//! let json = serde_json::to_value(WidgetRoot::from(card))?;
//! assert_eq!(json["type"], "Card");
//! assert_eq!(json["children"][1]["children"][0]["color"], "danger");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! On input, a component of a type we do not know becomes a [`DynamicComponent`] that keeps
//! every prop, so it survives a load/save round trip; props we do not know on a known type are
//! dropped, as in the reference.

mod action_config;
mod basic;
mod card;
mod chart;
pub(crate) mod component;
mod content;
mod controls;
mod diff;
mod dynamic;
mod layout;
mod list_view;
mod literals;
mod markup;
pub(crate) mod splice;
mod str_value;
mod table;
mod text;
mod values;
pub(crate) mod write_json;

pub use action_config::{ActionConfig, ActionHandler, LoadingBehavior};
pub use basic::Basic;
pub use card::Card;
pub use chart::{AreaSeries, BarSeries, Chart, LineSeries, Series};
pub use content::{Badge, Button, Icon, Image};
pub use controls::{Checkbox, DatePicker, Input, RadioGroup, Select, Textarea};
pub use diff::{DiffError, diff_widget, stream_widget};
pub use dynamic::{DynamicComponent, DynamicRoot};
pub use layout::{Box, Col, Divider, Form, Row, Spacer, Transition};
pub use list_view::{ListView, ListViewItem};
pub use literals::*;
pub use markup::{Component, IntoChildren, IntoWidgetRoot};
pub use str_value::Str;
pub use table::{Table, TableCell, TableRow};
pub use text::{Caption, Label, Markdown, Text, Title};
pub use values::{
    Border, BorderSide, BorderValue, Borders, CardAction, Color, Dimension, Editable,
    EditableProps, IntDimension, IntSpacingValue, ListViewLimit, RadioOption, SelectOption,
    Spacing, SpacingValue, ThemeColor, WidgetStatus, XAxis, XAxisConfig,
};
pub use write_json::WriteJson;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize, Serializer};

use crate::icon::IconName;

/// A literal prop value outside its allowed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{type_name} expects one of {}, got `{value}`", expected.join("|"))]
pub struct UnknownLiteral {
    /// The literal type, e.g. `ButtonColor`.
    pub type_name: &'static str,
    /// The value given.
    pub value: String,
    /// The allowed values.
    pub expected: &'static [&'static str],
}

crate::wire::required_prop!(IconName, XAxis);

impl Default for IconName {
    /// The neutral `dot` icon (only so widget structs can derive `Default`).
    fn default() -> Self {
        IconName::Dot
    }
}

/// Defines a union of widget structs: deserialized by `type`, serialized by the variant itself
/// (each struct writes its own `type` at the protocol's position), and described in JSON Schema
/// as `anyOf` the variants.
///
/// Every variant is boxed, the fallback too: widget structs are 100–450 bytes of mostly-`None`
/// props, so an unboxed union is the size of its largest one, and a tree of them moved that much
/// per node (a children list of 50 was 28 KB); boxed, a node is two words.
macro_rules! widget_union {
    (
        $(#[$meta:meta])*
        $name:ident { $($variant:ident = $tag:literal),* $(,)? }
        $(fallback: $(#[$fallback_meta:meta])* $fallback:ident($fallback_ty:ty))?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[serde(tag = "type")]
        pub enum $name {
            $(
                #[doc = concat!("`", stringify!($variant), "`")]
                #[serde(rename = $tag)]
                $variant(::std::boxed::Box<$variant>),
            )*
            $(
                $(#[$fallback_meta])*
                #[serde(untagged)]
                $fallback(::std::boxed::Box<$fallback_ty>),
            )?
        }

        impl $name {
            /// The wire `type` of the value.
            pub fn type_name(&self) -> &str {
                match self {
                    $($name::$variant(_) => $variant::TYPE,)*
                    $($name::$fallback(inner) => &inner.kind,)?
                }
            }

            /// The `id` prop.
            pub fn id(&self) -> Option<&str> {
                match self {
                    $($name::$variant(inner) => inner.id.as_deref(),)*
                    $($name::$fallback(inner) => inner.id.as_deref(),)?
                }
            }
        }

        impl WriteJson for $name {
            fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
                match self {
                    $($name::$variant(inner) => inner.write_json(out),)*
                    $($name::$fallback(inner) => write_json::write_serde(inner, out),)?
                }
            }
        }

        impl Serialize for $name {
            /// Through the wire serializer ([`crate::to_wire_json`]) the JSON comes from
            /// [`WriteJson`]; any other serializer gets serde's field-by-field output (the same
            /// bytes from serde_json).
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                splice::serialize(self, serializer, |serializer| match self {
                    $($name::$variant(inner) => inner.serialize(serializer),)*
                    $($name::$fallback(inner) => inner.serialize(serializer),)?
                })
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }

            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                let variants = vec![$(generator.subschema_for::<$variant>()),*];
                json_schema!({ "anyOf": variants })
            }
        }

        $(
            impl From<$variant> for $name {
                fn from(inner: $variant) -> Self {
                    $name::$variant(::std::boxed::Box::new(inner))
                }
            }
        )*
    };
}

widget_union! {
    /// The root of a widget tree.
    WidgetRoot { Card = "Card", ListView = "ListView", Basic = "Basic" }
    fallback:
        /// A root whose props do not fit its type, kept as it came.
        Dynamic(DynamicRoot)
}

widget_union! {
    /// Any non-root component.
    WidgetComponent {
        Text = "Text", Title = "Title", Caption = "Caption", Markdown = "Markdown",
        Label = "Label", Badge = "Badge", Icon = "Icon", Image = "Image", Button = "Button",
        Box = "Box", Row = "Row", Col = "Col", Form = "Form", Spacer = "Spacer",
        Divider = "Divider", Transition = "Transition", ListViewItem = "ListViewItem",
        Input = "Input", Textarea = "Textarea", Select = "Select", Checkbox = "Checkbox",
        RadioGroup = "RadioGroup", DatePicker = "DatePicker", Chart = "Chart",
        Table = "Table", TableRow = "Table.Row", TableCell = "Table.Cell",
    }
    fallback:
        /// A component type this SDK does not know, kept as it came.
        Dynamic(DynamicComponent)
}

impl WidgetComponent {
    /// The child components, if this component has any.
    pub fn children(&self) -> Vec<&WidgetComponent> {
        match self {
            WidgetComponent::Box(c) => c.children.iter().flatten().collect(),
            WidgetComponent::Row(c) => c.children.iter().flatten().collect(),
            WidgetComponent::Col(c) => c.children.iter().flatten().collect(),
            WidgetComponent::Form(c) => c.children.iter().flatten().collect(),
            WidgetComponent::ListViewItem(c) => c.children.iter().collect(),
            WidgetComponent::Transition(c) => c.children.iter().map(|b| &**b).collect(),
            WidgetComponent::TableCell(c) => c.children.iter().flatten().collect(),
            WidgetComponent::Dynamic(c) => c.children.iter().flat_map(|c| &c.0).collect(),
            _ => Vec::new(),
        }
    }
}

impl WidgetRoot {
    /// The top-level children.
    pub fn children(&self) -> Vec<&WidgetComponent> {
        match self {
            WidgetRoot::Card(card) => card.children.iter().collect(),
            WidgetRoot::ListView(_) => Vec::new(),
            WidgetRoot::Basic(basic) => basic.children.iter().collect(),
            WidgetRoot::Dynamic(root) => root.children.iter().flat_map(|c| &c.0).collect(),
        }
    }
}
