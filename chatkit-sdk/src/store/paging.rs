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

    /// The page of a database query that fetched up to `limit + 1` rows in page order (the
    /// extra row only says more follow): `has_more`, and the cursor when more follow.
    pub fn finish<T>(&self, mut rows: Vec<T>, id_of: impl Fn(&T) -> &str) -> Page<T> {
        let limit = self.effective_limit();
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        let after = if has_more {
            rows.last().map(|row| id_of(row).to_owned())
        } else {
            None
        };
        Page::new(rows, has_more, after)
    }

    /// Pages rows already in creation order: reverses for `desc`, starts after the cursor,
    /// takes `limit`, and sets `has_more`/`after` (the last id, only when there is more).
    pub fn page<T: Clone>(
        &self,
        rows: &[T],
        id_of: impl Fn(&T) -> &str,
    ) -> Result<Page<T>, StoreError> {
        self.page_indexed(
            rows.len(),
            |i| rows.get(i),
            |cursor| rows.iter().position(|row| id_of(row) == cursor),
            &id_of,
        )
    }

    /// [`PageQuery::page`] over any indexed rows in creation order: `get(i)` is the row at `i`,
    /// `position(id)` where an id is (O(1) with an index). Touches only the rows of the page.
    pub fn page_indexed<'r, T: Clone + 'r>(
        &self,
        len: usize,
        get: impl Fn(usize) -> Option<&'r T>,
        position: impl Fn(&str) -> Option<usize>,
        id_of: impl Fn(&T) -> &str,
    ) -> Result<Page<T>, StoreError> {
        // Positions counted in the requested order: `k`-th row of the page order.
        let at = |k: usize| match self.order {
            Order::Asc => get(k),
            Order::Desc => get(len - 1 - k),
        };
        let start = match &self.after {
            None => 0,
            Some(cursor) => {
                let i =
                    position(cursor).ok_or_else(|| StoreError::InvalidCursor(cursor.clone()))?;
                match self.order {
                    Order::Asc => i + 1,
                    Order::Desc => len - i,
                }
            }
        };
        let limit = self.effective_limit();
        let end = len.min(start.saturating_add(limit));
        let data: Vec<T> = (start..end).filter_map(|k| at(k).cloned()).collect();
        let has_more = len.saturating_sub(start) > limit;
        let after = if has_more {
            data.last().map(|row| id_of(row).to_owned())
        } else {
            None
        };
        Ok(Page::new(data, has_more, after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(page: &Page<String>) -> Vec<&str> {
        page.data.iter().map(String::as_str).collect()
    }

    /// Walks every page of `rows` in `order`, `limit` at a time.
    fn walk(rows: &[String], order: Order, limit: u32) -> Vec<Vec<String>> {
        let mut pages = Vec::new();
        let mut after = None;
        loop {
            let query = PageQuery::new(Some(limit), order, after.take());
            let page = query
                .page(rows, |r| r.as_str())
                .unwrap_or_else(|e| panic!("{e}"));
            pages.push(page.data.clone());
            match page.after {
                Some(cursor) if page.has_more => after = Some(cursor),
                _ => return pages,
            }
        }
    }

    #[test]
    fn pages_cover_every_row_once_in_both_orders() {
        let rows: Vec<String> = (1..=7).map(|n| format!("r{n}")).collect();
        let asc: Vec<String> = walk(&rows, Order::Asc, 3).concat();
        assert_eq!(asc, rows);
        let mut desc = walk(&rows, Order::Desc, 3).concat();
        desc.reverse();
        assert_eq!(desc, rows);
        assert_eq!(walk(&rows, Order::Desc, 3)[0], ["r7", "r6", "r5"]);
        // An exact multiple of the limit: the last page says there is no more.
        assert_eq!(walk(&rows[..6], Order::Asc, 3).len(), 2);
    }

    #[test]
    fn the_cursor_is_exclusive_and_an_unknown_one_is_refused() {
        let rows: Vec<String> = (1..=4).map(|n| format!("r{n}")).collect();
        let query = PageQuery::new(Some(10), Order::Desc, Some("r3".into()));
        let page = query
            .page(&rows, |r| r.as_str())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ids(&page), ["r2", "r1"]);
        assert!(!page.has_more && page.after.is_none());
        let query = PageQuery::new(Some(10), Order::Asc, Some("r4".into()));
        assert!(
            query
                .page(&rows, |r| r.as_str())
                .is_ok_and(|p| p.data.is_empty())
        );
        let query = PageQuery::new(Some(10), Order::Asc, Some("nope".into()));
        assert!(matches!(
            query.page(&rows, |r| r.as_str()),
            Err(StoreError::InvalidCursor(_))
        ));
    }
}
