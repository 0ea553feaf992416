//! Layout components: flex containers, forms, spacers, dividers and transitions.

use super::component::component;
use super::{ActionConfig, Color, Direction, IntDimension, WidgetComponent};

component! {
    /// A flex container; `direction` picks row or column.
    Box = "Box" extends BoxBase {
        /// Layout direction.
        direction: Option<Direction>,
    }
}

component! {
    /// A horizontal flex container.
    Row = "Row" extends BoxBase {
    }
}

component! {
    /// A vertical flex container.
    Col = "Col" extends BoxBase {
    }
}

component! {
    /// A flex container whose controls submit together through `onSubmitAction`.
    Form = "Form" extends BoxBase {
        /// The action sent on submit.
        on_submit_action: Option<ActionConfig>,
        /// Layout direction.
        direction: Option<Direction>,
    }
}

component! {
    /// Flexible empty space that pushes its siblings apart.
    Spacer = "Spacer" {
        /// Minimum size.
        min_size: Option<IntDimension>,
    }
}

component! {
    /// A horizontal rule.
    Divider = "Divider" {
        /// Color.
        color: Option<Color>,
        /// Size.
        size: Option<IntDimension>,
        /// Space around the divider.
        spacing: Option<IntDimension>,
        /// Remove the default spacing.
        flush: Option<bool>,
    }
}

component! {
    /// Animates its one child when the child changes.
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
