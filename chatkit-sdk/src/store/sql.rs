//! The Postgres store's queries, through sqlx (the SQLite store is on rusqlite: see
//! `sqlite.rs` for why).

use crate::store::StoreError;

/// A backend failure.
pub(crate) fn backend(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Backend(Box::new(error))
}

/// Whether a database error is a unique-key violation.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

pub(crate) const INSERT_ITEM: &str =
    "INSERT INTO chatkit_items (owner, thread_id, id, data) VALUES ($1, $2, $3, $4)";
pub(crate) const UPSERT_ITEM: &str = "INSERT INTO chatkit_items (owner, thread_id, id, data) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (owner, thread_id, id) DO UPDATE SET data = excluded.data";
pub(crate) const UPSERT_THREAD: &str = "INSERT INTO chatkit_threads (owner, id, data) VALUES ($1, $2, $3) \
     ON CONFLICT (owner, id) DO UPDATE SET data = excluded.data";
pub(crate) const DELETE_ITEM: &str =
    "DELETE FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND id = $3";
pub(crate) const UPSERT_ATTACHMENT: &str = "INSERT INTO chatkit_attachments (owner, id, data, metadata) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (owner, id) DO UPDATE SET data = excluded.data, metadata = excluded.metadata";
pub(crate) const THREAD_EXISTS: &str =
    "SELECT 1 AS one FROM chatkit_threads WHERE owner = $1 AND id = $2";

/// Implements [`Store`](crate::store::Store) for a struct holding `pool: sqlx::Pool<$db>`;
/// write transactions start with `$begin` (SQLite takes the write lock up front, so concurrent
/// writers queue on the busy timeout instead of failing to upgrade a read lock).
///
/// A listing comes back as one row: its page's JSON documents joined into one array by the
/// database (`$concat_asc`/`$concat_desc`: the backend's ordered string aggregate of `data`), so
/// the driver hands over one value instead of a row per item (with sqlx's SQLite driver every
/// row is a message between threads: that was a third of a listing's CPU).
macro_rules! sql_store {
    ($store:ty, $db:ty, $begin:literal, $concat_asc:literal, $concat_desc:literal) => {
        impl $store {
            async fn thread_exists(&self, owner: &str, thread_id: &str) -> Result<(), $crate::store::StoreError> {
                let row = ::sqlx::query($crate::store::sql::THREAD_EXISTS)
                    .bind(owner)
                    .bind(thread_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::store::sql::backend)?;
                match row {
                    Some(_) => Ok(()),
                    None => Err($crate::store::StoreError::thread_not_found(thread_id)),
                }
            }

            /// The `seq` bounds of a page: rows after the cursor (or all), in order.
            async fn cursor_seq(
                &self,
                sql: &'static str,
                owner: &str,
                scope: Option<&str>,
                query: &$crate::store::PageQuery,
            ) -> Result<i64, $crate::store::StoreError> {
                let Some(after) = &query.after else {
                    return Ok(match query.order {
                        $crate::page::Order::Asc => i64::MIN,
                        $crate::page::Order::Desc => i64::MAX,
                    });
                };
                let mut q = ::sqlx::query(sql).bind(owner);
                if let Some(scope) = scope {
                    q = q.bind(scope);
                }
                let row = q.bind(after).fetch_optional(&self.pool).await.map_err($crate::store::sql::backend)?;
                match row {
                    Some(row) => ::sqlx::Row::try_get::<i64, _>(&row, "seq").map_err($crate::store::sql::backend),
                    None => Err($crate::store::StoreError::InvalidCursor(after.clone())),
                }
            }
        }

        #[::async_trait::async_trait]
        impl<C: $crate::store::StoreContext + ?Sized> $crate::store::Store<C> for $store {
            async fn load_thread(&self, thread_id: &str, ctx: &C) -> Result<$crate::ThreadMetadata, $crate::store::StoreError> {
                let row = ::sqlx::query("SELECT data FROM chatkit_threads WHERE owner = $1 AND id = $2")
                    .bind(ctx.user_id())
                    .bind(thread_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::store::sql::backend)?
                    .ok_or_else(|| $crate::store::StoreError::thread_not_found(thread_id))?;
                decode(&row)
            }

            async fn save_thread(&self, thread: &$crate::ThreadMetadata, ctx: &C) -> Result<(), $crate::store::StoreError> {
                <Self as $crate::store::Store<C>>::write_batch(self, &thread.id, &[$crate::store::WriteOp::SaveThread(thread.clone())], ctx).await
            }

            async fn load_threads(
                &self,
                query: &$crate::store::PageQuery,
                ctx: &C,
            ) -> Result<$crate::Page<$crate::ThreadMetadata>, $crate::store::StoreError> {
                let owner = ctx.user_id();
                let from = self
                    .cursor_seq("SELECT seq FROM chatkit_threads WHERE owner = $1 AND id = $2", owner, None, query)
                    .await?;
                let sql = match query.order {
                    $crate::page::Order::Asc => concat!("SELECT '[' || ", $concat_asc, " || ']' AS data FROM (SELECT seq, data FROM chatkit_threads WHERE owner = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3) AS page"),
                    $crate::page::Order::Desc => concat!("SELECT '[' || ", $concat_desc, " || ']' AS data FROM (SELECT seq, data FROM chatkit_threads WHERE owner = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3) AS page"),
                };
                let limit = query.effective_limit();
                let row = ::sqlx::query(sql)
                    .bind(owner)
                    .bind(from)
                    .bind((limit + 1) as i64)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::sql::backend)?;
                Ok(query.finish(decode_array(&row)?, |t: &$crate::ThreadMetadata| t.id.as_str()))
            }

            async fn delete_thread(&self, thread_id: &str, ctx: &C) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.pool.begin_with($begin).await.map_err($crate::store::sql::backend)?;
                ::sqlx::query("DELETE FROM chatkit_items WHERE owner = $1 AND thread_id = $2")
                    .bind(ctx.user_id())
                    .bind(thread_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::store::sql::backend)?;
                ::sqlx::query("DELETE FROM chatkit_threads WHERE owner = $1 AND id = $2")
                    .bind(ctx.user_id())
                    .bind(thread_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::store::sql::backend)?;
                tx.commit().await.map_err($crate::store::sql::backend)
            }

            async fn load_thread_items(
                &self,
                thread_id: &str,
                query: &$crate::store::PageQuery,
                ctx: &C,
            ) -> Result<$crate::Page<$crate::ThreadItem>, $crate::store::StoreError> {
                let owner = ctx.user_id();
                // A cursor is checked after the thread (the thread's error comes first); without
                // one, rows prove the thread exists: it is only looked up for an empty page.
                if query.after.is_some() {
                    self.thread_exists(owner, thread_id).await?;
                }
                let from = self
                    .cursor_seq(
                        "SELECT seq FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND id = $3",
                        owner,
                        Some(thread_id),
                        query,
                    )
                    .await?;
                let sql = match query.order {
                    $crate::page::Order::Asc => concat!("SELECT '[' || ", $concat_asc, " || ']' AS data FROM (SELECT seq, data FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND seq > $3 ORDER BY seq ASC LIMIT $4) AS page"),
                    $crate::page::Order::Desc => concat!("SELECT '[' || ", $concat_desc, " || ']' AS data FROM (SELECT seq, data FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4) AS page"),
                };
                let limit = query.effective_limit();
                let row = ::sqlx::query(sql)
                    .bind(owner)
                    .bind(thread_id)
                    .bind(from)
                    .bind((limit + 1) as i64)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::sql::backend)?;
                let rows = decode_array(&row)?;
                if rows.is_empty() && query.after.is_none() {
                    self.thread_exists(owner, thread_id).await?;
                }
                Ok(query.finish(rows, |i: &$crate::ThreadItem| i.id.as_str()))
            }

            async fn add_thread_item(&self, thread_id: &str, item: &$crate::ThreadItem, ctx: &C) -> Result<(), $crate::store::StoreError> {
                <Self as $crate::store::Store<C>>::write_batch(self, thread_id, &[$crate::store::WriteOp::AddItem(item.clone())], ctx).await
            }

            async fn save_item(&self, thread_id: &str, item: &$crate::ThreadItem, ctx: &C) -> Result<(), $crate::store::StoreError> {
                <Self as $crate::store::Store<C>>::write_batch(self, thread_id, &[$crate::store::WriteOp::SaveItem(item.clone())], ctx).await
            }

            async fn load_item(&self, thread_id: &str, item_id: &str, ctx: &C) -> Result<$crate::ThreadItem, $crate::store::StoreError> {
                self.thread_exists(ctx.user_id(), thread_id).await?;
                let row = ::sqlx::query("SELECT data FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND id = $3")
                    .bind(ctx.user_id())
                    .bind(thread_id)
                    .bind(item_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::store::sql::backend)?
                    .ok_or_else(|| $crate::store::StoreError::item_not_found(item_id))?;
                decode(&row)
            }

            async fn delete_thread_item(&self, thread_id: &str, item_id: &str, ctx: &C) -> Result<(), $crate::store::StoreError> {
                <Self as $crate::store::Store<C>>::write_batch(self, thread_id, &[$crate::store::WriteOp::DeleteItem(item_id.to_owned())], ctx).await
            }

            async fn save_feedback(
                &self,
                thread_id: &str,
                item_ids: &[String],
                kind: $crate::FeedbackKind,
                ctx: &C,
            ) -> Result<(), $crate::store::StoreError> {
                self.thread_exists(ctx.user_id(), thread_id).await?;
                let mut tx = self.pool.begin_with($begin).await.map_err($crate::store::sql::backend)?;
                for id in item_ids {
                    let done = ::sqlx::query("UPDATE chatkit_items SET feedback = $4 WHERE owner = $1 AND thread_id = $2 AND id = $3")
                        .bind(ctx.user_id())
                        .bind(thread_id)
                        .bind(id)
                        .bind(kind.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err($crate::store::sql::backend)?;
                    if done.rows_affected() == 0 {
                        // Dropping the transaction rolls the others back.
                        return Err($crate::store::StoreError::item_not_found(id));
                    }
                }
                tx.commit().await.map_err($crate::store::sql::backend)
            }

            async fn load_feedback(
                &self,
                thread_id: &str,
                item_id: &str,
                ctx: &C,
            ) -> Result<Option<$crate::FeedbackKind>, $crate::store::StoreError> {
                self.thread_exists(ctx.user_id(), thread_id).await?;
                let row = ::sqlx::query("SELECT feedback FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND id = $3")
                    .bind(ctx.user_id())
                    .bind(thread_id)
                    .bind(item_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::store::sql::backend)?
                    .ok_or_else(|| $crate::store::StoreError::item_not_found(item_id))?;
                let kind: Option<String> = ::sqlx::Row::try_get(&row, "feedback").map_err($crate::store::sql::backend)?;
                Ok(match kind.as_deref() {
                    Some("positive") => Some($crate::FeedbackKind::Positive),
                    Some("negative") => Some($crate::FeedbackKind::Negative),
                    _ => None,
                })
            }

            async fn save_attachment(&self, attachment: &$crate::Attachment, ctx: &C) -> Result<(), $crate::store::StoreError> {
                <Self as $crate::store::Store<C>>::write_batch(self, "", &[$crate::store::WriteOp::SaveAttachment(attachment.clone())], ctx).await
            }

            async fn load_attachment(&self, attachment_id: &str, ctx: &C) -> Result<$crate::Attachment, $crate::store::StoreError> {
                let row = ::sqlx::query("SELECT data, metadata FROM chatkit_attachments WHERE owner = $1 AND id = $2")
                    .bind(ctx.user_id())
                    .bind(attachment_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::store::sql::backend)?
                    .ok_or_else(|| $crate::store::StoreError::attachment_not_found(attachment_id))?;
                let mut attachment: $crate::Attachment = decode(&row)?;
                let metadata: Option<String> = ::sqlx::Row::try_get(&row, "metadata").map_err($crate::store::sql::backend)?;
                attachment.metadata = match metadata {
                    Some(text) => Some(::serde_json::from_str(&text).map_err($crate::store::sql::backend)?),
                    None => None,
                };
                Ok(attachment)
            }

            async fn write_batch(
                &self,
                thread_id: &str,
                ops: &[$crate::store::WriteOp],
                ctx: &C,
            ) -> Result<(), $crate::store::StoreError> {
                use $crate::store::sql::backend;
                use $crate::store::WriteOp;
                if ops.is_empty() {
                    // Nothing to write: no transaction (and no write lock) at all.
                    return Ok(());
                }
                let owner = ctx.user_id();
                let mut tx = self.pool.begin_with($begin).await.map_err(backend)?;
                let mut thread_known = false;
                for op in ops {
                    if !matches!(op, WriteOp::SaveThread(_) | WriteOp::SaveAttachment(_)) && !thread_known {
                        let exists = ::sqlx::query($crate::store::sql::THREAD_EXISTS)
                            .bind(owner)
                            .bind(thread_id)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(backend)?;
                        if exists.is_none() {
                            return Err($crate::store::StoreError::thread_not_found(thread_id));
                        }
                        thread_known = true;
                    }
                    let done = match op {
                        WriteOp::SaveThread(thread) => {
                            ::sqlx::query($crate::store::sql::UPSERT_THREAD).bind(owner).bind(&thread.id).bind(encode(thread)?).execute(&mut *tx).await
                        }
                        WriteOp::AddItem(item) => {
                            ::sqlx::query($crate::store::sql::INSERT_ITEM).bind(owner).bind(thread_id).bind(&item.id).bind(encode(item)?).execute(&mut *tx).await
                        }
                        WriteOp::SaveItem(item) => {
                            ::sqlx::query($crate::store::sql::UPSERT_ITEM).bind(owner).bind(thread_id).bind(&item.id).bind(encode(item)?).execute(&mut *tx).await
                        }
                        WriteOp::DeleteItem(id) => {
                            ::sqlx::query($crate::store::sql::DELETE_ITEM).bind(owner).bind(thread_id).bind(id).execute(&mut *tx).await
                        }
                        WriteOp::SaveAttachment(attachment) => {
                            let metadata = match &attachment.metadata {
                                Some(m) => Some(::serde_json::to_string(m).map_err(backend)?),
                                None => None,
                            };
                            ::sqlx::query($crate::store::sql::UPSERT_ATTACHMENT).bind(owner).bind(&attachment.id).bind(encode(attachment)?).bind(metadata).execute(&mut *tx).await
                        }
                    };
                    if let Err(error) = done {
                        // Dropping the transaction rolls back everything before.
                        return Err(match op {
                            WriteOp::AddItem(item) if $crate::store::sql::is_unique_violation(&error) => {
                                $crate::store::StoreError::Conflict { what: "item", id: item.id.clone() }
                            }
                            _ => backend(error),
                        });
                    }
                }
                tx.commit().await.map_err(backend)
            }

            async fn delete_attachment(&self, attachment_id: &str, ctx: &C) -> Result<(), $crate::store::StoreError> {
                ::sqlx::query("DELETE FROM chatkit_attachments WHERE owner = $1 AND id = $2")
                    .bind(ctx.user_id())
                    .bind(attachment_id)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::store::sql::backend)?;
                Ok(())
            }
        }

        fn encode<T: ::serde::Serialize>(value: &T) -> Result<String, $crate::store::StoreError> {
            ::serde_json::to_string(value).map_err($crate::store::sql::backend)
        }

        fn decode<T: ::serde::de::DeserializeOwned>(row: &<$db as ::sqlx::Database>::Row) -> Result<T, $crate::store::StoreError> {
            let data: String = ::sqlx::Row::try_get(row, "data").map_err($crate::store::sql::backend)?;
            ::serde_json::from_str(&data).map_err($crate::store::sql::backend)
        }

        /// The documents of a listing's one row (`data`: a JSON array, or NULL for no rows).
        fn decode_array<T: ::serde::de::DeserializeOwned>(row: &<$db as ::sqlx::Database>::Row) -> Result<Vec<T>, $crate::store::StoreError> {
            let data: Option<String> = ::sqlx::Row::try_get(row, "data").map_err($crate::store::sql::backend)?;
            match data {
                Some(text) => ::serde_json::from_str(&text).map_err($crate::store::sql::backend),
                None => Ok(Vec::new()),
            }
        }
    };
}

pub(crate) use sql_store;
