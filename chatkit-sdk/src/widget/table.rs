//! Table, Table.Row and Table.Cell: in the TypeScript widget types (chatkit-js), not in the
//! Python SDK (which passes them through untyped).

use serde_json::Number;

use super::component::component;
use super::{Dimension, Spacing, TableCellAlign, TableColSize, WidgetComponent};

component! {
    /// A table of rows.
    Table = "Table" {
        /// The rows.
        children: Option<Vec<TableRow>>,
    }
}

component! {
    /// A table row.
    TableRow = "Table.Row" {
        /// The cells.
        children: Option<Vec<TableCell>>,
        /// Render as a header row.
        header: Option<bool>,
    }
}

component! {
    /// A table cell.
    TableCell = "Table.Cell" {
        /// The cell content.
        children: Option<Vec<WidgetComponent>>,
        /// Width.
        width: Option<Dimension>,
        /// Inner spacing.
        padding: Option<Spacing>,
        /// Columns spanned.
        col_span: Option<Number>,
        /// Rows spanned.
        row_span: Option<Number>,
        /// Horizontal alignment.
        align: Option<TableCellAlign>,
        /// Vertical alignment.
        v_align: Option<TableCellAlign>,
        /// Column size.
        col_size: Option<TableColSize>,
    }
}

impl Table {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a row.
    pub fn row(mut self, row: TableRow) -> Self {
        self.children.get_or_insert_with(Vec::new).push(row);
        self
    }
}

impl TableRow {
    /// An empty row.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a cell.
    pub fn cell(mut self, cell: TableCell) -> Self {
        self.children.get_or_insert_with(Vec::new).push(cell);
        self
    }
}

impl TableCell {
    /// A cell holding one component.
    pub fn new(content: impl Into<WidgetComponent>) -> Self {
        TableCell {
            children: Some(vec![content.into()]),
            ..Default::default()
        }
    }
}
