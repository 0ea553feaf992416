//! Card: the usual widget root, a rounded box with optional confirm/cancel buttons.

use super::component::component;
use super::{
    BorderValue, CardAction, CardSize, Color, SpacingValue, Theme, WidgetComponent, WidgetStatus,
};

component! {
    /// A bordered box: the usual widget root; with `asForm`, a form with confirm/cancel buttons.
    Card = "Card" {
        /// Treat the card as a form (confirm submits it).
        as_form: Option<bool>,
        /// Child components. Required.
        children: Vec<WidgetComponent>,
        /// Background color.
        background: Option<Color>,
        /// Border (TypeScript-only prop; the Python SDK drops it).
        border: Option<BorderValue>,
        /// Size.
        size: Option<CardSize>,
        /// Inner spacing.
        padding: Option<SpacingValue>,
        /// Status line at the top.
        status: Option<WidgetStatus>,
        /// Collapsed.
        collapsed: Option<bool>,
        /// The confirm button.
        confirm: Option<CardAction>,
        /// The cancel button.
        cancel: Option<CardAction>,
        /// Force a color scheme.
        theme: Option<Theme>,
    }
}

impl Card {
    /// An empty card; add children with [`Card::child`].
    pub fn new() -> Self {
        Self::default()
    }
}

super::component::required_children!(Card: WidgetComponent);
