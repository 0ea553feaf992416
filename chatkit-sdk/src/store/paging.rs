//! Paging as the reference does it.

use crate::page::{Order, Page};
use crate::store::StoreError;

/// A listing request: `limit` (null or 0 means 20), `order` (by creation time) and the `after`
/// cursor (the id of the last element of the previous page).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageQuery {
    /// Page size; `None` or 0 means [`PageQuery::DEFAULT_LIMIT`].
    pub limit: Option<u32>,
    /// Oldest or newest first.
    pub order: Order,
    /// Start strictly after this id.
    pub after: Option<String>,
}

impl PageQuery {
    /// The page size used when none (or 0) is given, as in the reference (`limit or 20`).
    pub const DEFAULT_LIMIT: usize = 20;

    /// A query for the first page.
    pub fn new(limit: Option<u32>, order: Order, after: Option<String>) -> Self {
        PageQuery {
            limit,
            order,
            after,
        }
    }

    /// The effective page size.
    pub fn effective_limit(&self) -> usize {
        match self.limit {
            None | Some(0) => Self::DEFAULT_LIMIT,
            Some(n) => n as usize,
        }
    }

    /// Pages rows already in creation order: reverses for `desc`, starts after the cursor,
    /// takes `limit`, and sets `has_more`/`after` (the last id, only when there is more).
    pub fn page<T: Clone>(
        &self,
        rows: &[T],
        id_of: impl Fn(&T) -> &str,
    ) -> Result<Page<T>, StoreError> {
        let ordered: Vec<&T> = match self.order {
            Order::Asc => rows.iter().collect(),
            Order::Desc => rows.iter().rev().collect(),
        };
        let start = match &self.after {
            None => 0,
            Some(cursor) => {
                ordered
                    .iter()
                    .position(|row| id_of(row) == cursor)
                    .ok_or_else(|| StoreError::InvalidCursor(cursor.clone()))?
                    + 1
            }
        };
        let rest = &ordered[start..];
        let limit = self.effective_limit();
        let data: Vec<T> = rest.iter().take(limit).map(|row| (*row).clone()).collect();
        let has_more = rest.len() > limit;
        let after = if has_more {
            data.last().map(|row| id_of(row).to_owned())
        } else {
            None
        };
        Ok(Page::new(data, has_more, after))
    }
}
