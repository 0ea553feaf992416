//! Layout components: flex containers, forms, spacers, dividers and transitions.

use super::component::component;
use super::{
    ActionConfig, Alignment, BorderValue, Color, Dimension, Direction, FlexWrap, Justification,
    Radius, SpacingValue, WidgetComponent,
};

component! {
    /// The `Box` widget.
    Box = "Box" {
        /// Child components.
        children: Option<Vec<WidgetComponent>>,
        /// Cross-axis alignment of children.
        align: Option<Alignment>,
        /// Main-axis distribution of children.
        justify: Option<Justification>,
        /// Whether children wrap.
        wrap: Option<FlexWrap>,
        /// Flex grow/shrink (CSS `flex`).
        flex: Option<Dimension>,
        /// Space between children.
        gap: Option<Dimension>,
        /// Height.
        height: Option<Dimension>,
        /// Width.
        width: Option<Dimension>,
        /// Size.
        size: Option<Dimension>,
        /// Minimum height.
        min_height: Option<Dimension>,
        /// Minimum width.
        min_width: Option<Dimension>,
        /// Minimum size.
        min_size: Option<Dimension>,
        /// Maximum height.
        max_height: Option<Dimension>,
        /// Maximum width.
        max_width: Option<Dimension>,
        /// Maximum size.
        max_size: Option<Dimension>,
        /// Inner spacing.
        padding: Option<SpacingValue>,
        /// Outer spacing.
        margin: Option<SpacingValue>,
        /// Border width, border, or per-side borders.
        border: Option<BorderValue>,
        /// Corner radius.
        radius: Option<Radius>,
        /// Background color.
        background: Option<Color>,
        /// Width/height ratio.
        aspect_ratio: Option<Dimension>,
        /// Layout direction.
        direction: Option<Direction>,
    }
}

component! {
    /// The `Row` widget.
    Row = "Row" {
        /// Child components.
        children: Option<Vec<WidgetComponent>>,
        /// Cross-axis alignment of children.
        align: Option<Alignment>,
        /// Main-axis distribution of children.
        justify: Option<Justification>,
        /// Whether children wrap.
        wrap: Option<FlexWrap>,
        /// Flex grow/shrink (CSS `flex`).
        flex: Option<Dimension>,
        /// Space between children.
        gap: Option<Dimension>,
        /// Height.
        height: Option<Dimension>,
        /// Width.
        width: Option<Dimension>,
        /// Size.
        size: Option<Dimension>,
        /// Minimum height.
        min_height: Option<Dimension>,
        /// Minimum width.
        min_width: Option<Dimension>,
        /// Minimum size.
        min_size: Option<Dimension>,
        /// Maximum height.
        max_height: Option<Dimension>,
        /// Maximum width.
        max_width: Option<Dimension>,
        /// Maximum size.
        max_size: Option<Dimension>,
        /// Inner spacing.
        padding: Option<SpacingValue>,
        /// Outer spacing.
        margin: Option<SpacingValue>,
        /// Border width, border, or per-side borders.
        border: Option<BorderValue>,
        /// Corner radius.
        radius: Option<Radius>,
        /// Background color.
        background: Option<Color>,
        /// Width/height ratio.
        aspect_ratio: Option<Dimension>,
    }
}

component! {
    /// The `Col` widget.
    Col = "Col" {
        /// Child components.
        children: Option<Vec<WidgetComponent>>,
        /// Cross-axis alignment of children.
        align: Option<Alignment>,
        /// Main-axis distribution of children.
        justify: Option<Justification>,
        /// Whether children wrap.
        wrap: Option<FlexWrap>,
        /// Flex grow/shrink (CSS `flex`).
        flex: Option<Dimension>,
        /// Space between children.
        gap: Option<Dimension>,
        /// Height.
        height: Option<Dimension>,
        /// Width.
        width: Option<Dimension>,
        /// Size.
        size: Option<Dimension>,
        /// Minimum height.
        min_height: Option<Dimension>,
        /// Minimum width.
        min_width: Option<Dimension>,
        /// Minimum size.
        min_size: Option<Dimension>,
        /// Maximum height.
        max_height: Option<Dimension>,
        /// Maximum width.
        max_width: Option<Dimension>,
        /// Maximum size.
        max_size: Option<Dimension>,
        /// Inner spacing.
        padding: Option<SpacingValue>,
        /// Outer spacing.
        margin: Option<SpacingValue>,
        /// Border width, border, or per-side borders.
        border: Option<BorderValue>,
        /// Corner radius.
        radius: Option<Radius>,
        /// Background color.
        background: Option<Color>,
        /// Width/height ratio.
        aspect_ratio: Option<Dimension>,
    }
}

component! {
    /// The `Form` widget.
    Form = "Form" {
        /// Child components.
        children: Option<Vec<WidgetComponent>>,
        /// Cross-axis alignment of children.
        align: Option<Alignment>,
        /// Main-axis distribution of children.
        justify: Option<Justification>,
        /// Whether children wrap.
        wrap: Option<FlexWrap>,
        /// Flex grow/shrink (CSS `flex`).
        flex: Option<Dimension>,
        /// Space between children.
        gap: Option<Dimension>,
        /// Height.
        height: Option<Dimension>,
        /// Width.
        width: Option<Dimension>,
        /// Size.
        size: Option<Dimension>,
        /// Minimum height.
        min_height: Option<Dimension>,
        /// Minimum width.
        min_width: Option<Dimension>,
        /// Minimum size.
        min_size: Option<Dimension>,
        /// Maximum height.
        max_height: Option<Dimension>,
        /// Maximum width.
        max_width: Option<Dimension>,
        /// Maximum size.
        max_size: Option<Dimension>,
        /// Inner spacing.
        padding: Option<SpacingValue>,
        /// Outer spacing.
        margin: Option<SpacingValue>,
        /// Border width, border, or per-side borders.
        border: Option<BorderValue>,
        /// Corner radius.
        radius: Option<Radius>,
        /// Background color.
        background: Option<Color>,
        /// Width/height ratio.
        aspect_ratio: Option<Dimension>,
        /// The action sent on submit.
        on_submit_action: Option<ActionConfig>,
        /// Layout direction.
        direction: Option<Direction>,
    }
}

component! {
    /// The `Spacer` widget.
    Spacer = "Spacer" {
        /// Minimum size.
        min_size: Option<Dimension>,
    }
}

component! {
    /// The `Divider` widget.
    Divider = "Divider" {
        /// Color.
        color: Option<Color>,
        /// Size.
        size: Option<Dimension>,
        /// Space around the divider.
        spacing: Option<Dimension>,
        /// Remove the default spacing.
        flush: Option<bool>,
    }
}

component! {
    /// The `Transition` widget.
    Transition = "Transition" {
        /// Child components.
        children: Option<std::boxed::Box<WidgetComponent>>,
    }
}

macro_rules! empty_new {
    ($($name:ident),*) => {$(
        impl $name {
            /// An empty component; set props with the builder methods.
            pub fn new() -> Self {
                Self::default()
            }
        }
    )*};
}

empty_new!(Box, Row, Col, Form, Spacer, Divider);

super::component::optional_children!(Box, Row, Col, Form);

impl Transition {
    /// A transition around one component.
    pub fn new(child: impl Into<WidgetComponent>) -> Self {
        Transition {
            children: Some(std::boxed::Box::new(child.into())),
            ..Default::default()
        }
    }
}
