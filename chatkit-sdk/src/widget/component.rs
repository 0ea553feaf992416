//! The `component!` macro: one widget struct with its wire layout and builder.
//!
//! Every widget struct gets `key` and `id` first, then the fixed `type`, then its props in the
//! protocol's declaration order (the reference writes `key, id, type, …`). Optional props are
//! `Option`s left out while `None`; required props are always written. Each prop gets a setter
//! that takes anything `Into` the prop's value type, so
//! `Button::new("Yes").color(ButtonColor::Success).icon_start(IconName::Check)` reads naturally.
//!
//! Each struct also gets its [`WriteJson`](super::WriteJson) writer (the wire path). A field's
//! `@[serde(...)]` attributes reach the serde derive only: the writer knows no renames or custom
//! serializers, and flattening only through the field's type (`ExtraProps`). A new attribute
//! that changes the output must be mirrored in the writer; `tests/tests/write_json.rs` compares
//! the two over every component.

/// The props of a widget struct, for its JSON Schema: `(Rust field name, optional)` in
/// declaration order.
pub trait WidgetProps {
    /// The props.
    const PROPS: &'static [(&'static str, bool)];
}

/// Sets a widget schema's `required` list: `type` (always written) and every non-`Option` prop.
/// (serde's `skip_serializing_if` sits on every prop, which alone would make all of them
/// optional in the schema.)
pub(crate) fn fix_required<T: WidgetProps>(schema: &mut schemars::Schema) {
    let mut required = vec![serde_json::Value::from("type")];
    required.extend(
        T::PROPS
            .iter()
            .filter(|(_, optional)| !optional)
            .map(|(name, _)| serde_json::Value::from(camel_case(name))),
    );
    schema
        .ensure_object()
        .insert("required".to_owned(), serde_json::Value::Array(required));
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

macro_rules! component {
    // The flex-container props shared by Box, Row, Col and Form (Python's `BoxBase`). As in the
    // reference, they come *before* `key, id, type` on the wire.
    (
        $(#[$meta:meta])*
        $name:ident = $tag:literal extends BoxBase { $($rest:tt)* }
    ) => {
        $crate::widget::component::component! {
            @define
            $(#[$meta])*
            $name = $tag
            lead {
                /// Child components.
                children: Option<Vec<$crate::widget::WidgetComponent>>,
                /// Cross-axis alignment of children.
                align: Option<$crate::widget::Alignment>,
                /// Main-axis distribution of children.
                justify: Option<$crate::widget::Justification>,
                /// Whether children wrap.
                wrap: Option<$crate::widget::FlexWrap>,
                /// Flex grow/shrink (CSS `flex`).
                flex: Option<$crate::widget::IntDimension>,
                /// Space between children.
                gap: Option<$crate::widget::IntDimension>,
                /// Height.
                height: Option<$crate::widget::Dimension>,
                /// Width.
                width: Option<$crate::widget::Dimension>,
                /// Size.
                size: Option<$crate::widget::Dimension>,
                /// Minimum height.
                min_height: Option<$crate::widget::IntDimension>,
                /// Minimum width.
                min_width: Option<$crate::widget::IntDimension>,
                /// Minimum size.
                min_size: Option<$crate::widget::IntDimension>,
                /// Maximum height.
                max_height: Option<$crate::widget::IntDimension>,
                /// Maximum width.
                max_width: Option<$crate::widget::IntDimension>,
                /// Maximum size.
                max_size: Option<$crate::widget::IntDimension>,
                /// Inner spacing.
                padding: Option<$crate::widget::SpacingValue>,
                /// Outer spacing.
                margin: Option<$crate::widget::SpacingValue>,
                /// Border width, border, or per-side borders.
                border: Option<$crate::widget::BorderValue>,
                /// Corner radius.
                radius: Option<$crate::widget::Radius>,
                /// Background color.
                background: Option<$crate::widget::Color>,
                /// Width/height ratio.
                aspect_ratio: Option<$crate::widget::Dimension>,
            }
            rest { $($rest)* }
        }
    };
    (
        $(#[$meta:meta])*
        $name:ident = $tag:literal { $($rest:tt)* }
    ) => {
        $crate::widget::component::component! {
            @define
            $(#[$meta])*
            $name = $tag
            lead {}
            rest { $($rest)* }
        }
    };
    (
        @define
        $(#[$meta:meta])*
        $name:ident = $tag:literal
        lead {
            $(
                $(#[doc = $lead_doc:expr])*
                $lead:ident : $lead_ty:ty
            ),* $(,)?
        }
        rest {
            $(
                $(#[doc = $doc:expr])*
                $(@[$($field_attr:tt)*])*
                $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema)]
        #[serde(rename_all = "camelCase")]
        #[schemars(transform = $crate::widget::component::fix_required::<$name>)]
        pub struct $name {
            $(
                $(#[doc = $lead_doc])*
                #[serde(skip_serializing_if = "crate::wire::is_unset")]
                pub $lead: $lead_ty,
            )*
            /// A key that keeps the component's identity across updates (as in React lists).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub key: Option<String>,
            /// The component id that streaming updates refer to (`component_id`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            #[serde(rename = "type", default)]
            r#type: $crate::wire::TypeTag<$name>,
            $(
                $(#[doc = $doc])*
                $(#[$($field_attr)*])*
                #[serde(skip_serializing_if = "crate::wire::is_unset")]
                pub $field: $ty,
            )*
        }

        impl $crate::widget::WriteJson for $name {
            fn write_json(&self, out: &mut ::std::vec::Vec<u8>) -> ::std::result::Result<(), ::serde_json::Error> {
                use $crate::widget::write_json::prop_key;
                let mut object = $crate::widget::write_json::Object::open(out);
                $(object.prop(prop_key!($lead), &self.$lead)?;)*
                object.prop(b"\"key\":", &self.key)?;
                object.prop(b"\"id\":", &self.id)?;
                object.raw(b"\"type\":", concat!("\"", $tag, "\"").as_bytes());
                $(object.prop(prop_key!($field), &self.$field)?;)*
                object.close();
                Ok(())
            }
        }

        impl $crate::wire::Tagged for $name {
            const TAG: &'static str = $tag;
        }

        impl $crate::widget::component::WidgetProps for $name {
            const PROPS: &'static [(&'static str, bool)] = &[
                $((stringify!($lead), <$lead_ty as $crate::wire::Prop>::OPTIONAL),)*
                $((stringify!($field), <$ty as $crate::wire::Prop>::OPTIONAL)),*
            ];
        }

        impl $name {
            /// The wire `type` of this component.
            pub const TYPE: &'static str = $tag;

            /// Sets `key`.
            pub fn key(mut self, key: impl Into<String>) -> Self {
                self.key = Some(key.into());
                self
            }

            /// Sets `id`.
            pub fn id(mut self, id: impl Into<String>) -> Self {
                self.id = Some(id.into());
                self
            }

            $(
                $(#[doc = $lead_doc])*
                pub fn $lead(mut self, value: impl Into<<$lead_ty as $crate::wire::Prop>::Value>) -> Self {
                    self.$lead = $crate::wire::Prop::from_value(value.into());
                    self
                }
            )*

            $(
                $(#[doc = $doc])*
                pub fn $field(mut self, value: impl Into<<$ty as $crate::wire::Prop>::Value>) -> Self {
                    self.$field = $crate::wire::Prop::from_value(value.into());
                    self
                }
            )*
        }
    };
}

pub(crate) use component;

/// Adds `child`/`children` helpers to containers whose `children` is `Option<Vec<_>>`.
macro_rules! optional_children {
    ($($name:ident),* $(,)?) => {$(
        impl $name {
            /// Appends a child.
            pub fn child(mut self, child: impl Into<$crate::widget::WidgetComponent>) -> Self {
                self.children.get_or_insert_with(Vec::new).push(child.into());
                self
            }
        }
    )*};
}

pub(crate) use optional_children;

/// Adds `child` to containers whose `children` is a required `Vec<_>`.
macro_rules! required_children {
    ($($name:ident: $child:ty),* $(,)?) => {$(
        impl $name {
            /// Appends a child.
            pub fn child(mut self, child: impl Into<$child>) -> Self {
                self.children.push(child.into());
                self
            }
        }
    )*};
}

pub(crate) use required_children;
