//! ListView: a root that shows rows (ListViewItems), with "show more".

use super::component::component;
use super::{
    ActionConfig, Alignment, IntDimension, ListViewLimit, Theme, WidgetComponent, WidgetStatus,
};

component! {
    /// A root that shows rows (`ListViewItem`s), with "show more" past `limit`.
    ListView = "ListView" {
        /// Child components. Required.
        children: Vec<ListViewItem>,
        /// How many rows to show before "show more".
        limit: Option<ListViewLimit>,
        /// Status line at the top.
        status: Option<WidgetStatus>,
        /// Force a color scheme.
        theme: Option<Theme>,
    }
}

component! {
    /// A clickable row of a `ListView`.
    ListViewItem = "ListViewItem" {
        /// Child components. Required.
        children: Vec<WidgetComponent>,
        /// The action sent on click.
        on_click_action: Option<ActionConfig>,
        /// Space between children.
        gap: Option<IntDimension>,
        /// Cross-axis alignment of children.
        align: Option<Alignment>,
    }
}

impl ListView {
    /// An empty list; add rows with [`ListView::child`].
    pub fn new() -> Self {
        Self::default()
    }
}

impl ListViewItem {
    /// An empty row; add content with [`ListViewItem::child`].
    pub fn new() -> Self {
        Self::default()
    }
}

super::component::required_children!(ListView: ListViewItem, ListViewItem: WidgetComponent);
