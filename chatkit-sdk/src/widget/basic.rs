//! Basic: a bare root, used for entity previews. Unknown props are kept, as in the reference.

use serde::Deserializer;

use super::component::component;
use super::{
    Alignment, Direction, IntDimension, IntSpacingValue, Justification, Theme, WidgetComponent,
};
use crate::wire::{ExtraProps, OneOrMany};

component! {
    /// A bare root (entity previews). Children may come as one component or a list; they are
    /// always written as a list. Props we do not model are kept in `extra`.
    Basic = "Basic" {
        /// Child components.
        @[serde(default, deserialize_with = "one_or_many")]
        children: Vec<WidgetComponent>,
        /// Force a color scheme.
        theme: Option<Theme>,
        /// Layout direction.
        direction: Option<Direction>,
        /// Space between children.
        gap: Option<IntDimension>,
        /// Inner spacing.
        padding: Option<IntSpacingValue>,
        /// Cross-axis alignment of children.
        align: Option<Alignment>,
        /// Main-axis distribution of children.
        justify: Option<Justification>,
        /// Props this SDK does not model, kept for a lossless round trip.
        @[serde(flatten)]
        @[schemars(skip)]
        extra: ExtraProps,
    }
}

fn one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<WidgetComponent>, D::Error> {
    let children: Option<OneOrMany<WidgetComponent>> =
        serde::Deserialize::deserialize(deserializer)?;
    Ok(children.map(|c| c.0).unwrap_or_default())
}

impl Basic {
    /// An empty Basic root.
    pub fn new() -> Self {
        Self::default()
    }
}

super::component::required_children!(Basic: WidgetComponent);
