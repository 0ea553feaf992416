//! `PostgresStore`: for several server nodes sharing one database.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::postgres::PgPoolOptions;
use sqlx::{AssertSqlSafe, PgPool, SqlSafeStr};

use super::document::{backend, decode, encode};
use super::{PageQuery, Store, StoreContext, StoreError, WriteOp};
use crate::attachment::Attachment;
use crate::feedback::FeedbackKind;
use crate::item::ThreadItem;
use crate::page::{Order, Page};
use crate::thread::ThreadMetadata;

/// A [`Store`] in Postgres: the same schema as [`SqliteStore`](super::SqliteStore), tables
/// prefixed `chatkit_`. Every row is owned by a user; listings page by creation order through
/// an index; multi-row writes run in transactions.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

fn migrator() -> Migrator {
    let mut migrator = Migrator::with_migrations(vec![Migration::new(
        1,
        Cow::Borrowed("init"),
        MigrationType::Simple,
        AssertSqlSafe(include_str!("../../migrations/postgres/0001_init.sql")).into_sql_str(),
        false,
    )]);
    migrator.dangerous_set_table_name("_chatkit_migrations");
    migrator
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect(url)
            .await
            .map_err(backend)?;
        Self::with_pool(pool).await
    }

    /// Uses an existing pool, running the migrations.
    pub async fn with_pool(pool: PgPool) -> Result<Self, StoreError> {
        migrator().run(&pool).await.map_err(backend)?;
        Ok(PostgresStore { pool })
    }

    /// The pool.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Whether a database error is a unique-key violation.
fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

const INSERT_ITEM: &str =
    "INSERT INTO chatkit_items (owner, thread_id, id, data) VALUES ($1, $2, $3, $4)";
const UPSERT_ITEM: &str = "INSERT INTO chatkit_items (owner, thread_id, id, data) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (owner, thread_id, id) DO UPDATE SET data = excluded.data";
const UPSERT_THREAD: &str = "INSERT INTO chatkit_threads (owner, id, data) VALUES ($1, $2, $3) \
     ON CONFLICT (owner, id) DO UPDATE SET data = excluded.data";
const DELETE_ITEM: &str =
    "DELETE FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND id = $3";
const UPSERT_ATTACHMENT: &str = "INSERT INTO chatkit_attachments (owner, id, data, metadata) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (owner, id) DO UPDATE SET data = excluded.data, metadata = excluded.metadata";
const THREAD_EXISTS: &str = "SELECT 1 AS one FROM chatkit_threads WHERE owner = $1 AND id = $2";

// A listing comes back as one row: its page's JSON documents joined into one array by the
// database (`string_agg`, in page order), so the driver hands over one value instead of a row
// per item.
impl PostgresStore {
    async fn thread_exists(&self, owner: &str, thread_id: &str) -> Result<(), StoreError> {
        let row = sqlx::query(THREAD_EXISTS)
            .bind(owner)
            .bind(thread_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        match row {
            Some(_) => Ok(()),
            None => Err(StoreError::thread_not_found(thread_id)),
        }
    }

    /// The `seq` bounds of a page: rows after the cursor (or all), in order.
    async fn cursor_seq(
        &self,
        sql: &'static str,
        owner: &str,
        scope: Option<&str>,
        query: &PageQuery,
    ) -> Result<i64, StoreError> {
        let Some(after) = &query.after else {
            return Ok(match query.order {
                Order::Asc => i64::MIN,
                Order::Desc => i64::MAX,
            });
        };
        let mut q = sqlx::query(sql).bind(owner);
        if let Some(scope) = scope {
            q = q.bind(scope);
        }
        let row = q
            .bind(after)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        match row {
            Some(row) => sqlx::Row::try_get::<i64, _>(&row, "seq").map_err(backend),
            None => Err(StoreError::InvalidCursor(after.clone())),
        }
    }
}

#[async_trait::async_trait]
impl<C: StoreContext + ?Sized> Store<C> for PostgresStore {
    async fn load_thread(&self, thread_id: &str, ctx: &C) -> Result<ThreadMetadata, StoreError> {
        let row = sqlx::query("SELECT data FROM chatkit_threads WHERE owner = $1 AND id = $2")
            .bind(ctx.user_id())
            .bind(thread_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::thread_not_found(thread_id))?;
        decode_row(&row)
    }

    async fn save_thread(&self, thread: &ThreadMetadata, ctx: &C) -> Result<(), StoreError> {
        <Self as Store<C>>::write_batch(
            self,
            &thread.id,
            &[WriteOp::SaveThread(thread.clone())],
            ctx,
        )
        .await
    }

    async fn load_threads(
        &self,
        query: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadMetadata>, StoreError> {
        let owner = ctx.user_id();
        let from = self
            .cursor_seq(
                "SELECT seq FROM chatkit_threads WHERE owner = $1 AND id = $2",
                owner,
                None,
                query,
            )
            .await?;
        let sql = match query.order {
            Order::Asc => {
                "SELECT '[' || string_agg(data, ',' ORDER BY seq ASC) || ']' AS data FROM (SELECT seq, data FROM chatkit_threads WHERE owner = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3) AS page"
            }
            Order::Desc => {
                "SELECT '[' || string_agg(data, ',' ORDER BY seq DESC) || ']' AS data FROM (SELECT seq, data FROM chatkit_threads WHERE owner = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3) AS page"
            }
        };
        let limit = query.effective_limit();
        let row = sqlx::query(sql)
            .bind(owner)
            .bind(from)
            .bind((limit + 1) as i64)
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        Ok(query.finish(decode_array(&row)?, |t: &ThreadMetadata| t.id.as_str()))
    }

    async fn delete_thread(&self, thread_id: &str, ctx: &C) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN").await.map_err(backend)?;
        sqlx::query("DELETE FROM chatkit_items WHERE owner = $1 AND thread_id = $2")
            .bind(ctx.user_id())
            .bind(thread_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query("DELETE FROM chatkit_threads WHERE owner = $1 AND id = $2")
            .bind(ctx.user_id())
            .bind(thread_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn load_thread_items(
        &self,
        thread_id: &str,
        query: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadItem>, StoreError> {
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
            Order::Asc => {
                "SELECT '[' || string_agg(data, ',' ORDER BY seq ASC) || ']' AS data FROM (SELECT seq, data FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND seq > $3 ORDER BY seq ASC LIMIT $4) AS page"
            }
            Order::Desc => {
                "SELECT '[' || string_agg(data, ',' ORDER BY seq DESC) || ']' AS data FROM (SELECT seq, data FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4) AS page"
            }
        };
        let limit = query.effective_limit();
        let row = sqlx::query(sql)
            .bind(owner)
            .bind(thread_id)
            .bind(from)
            .bind((limit + 1) as i64)
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        let rows = decode_array(&row)?;
        if rows.is_empty() && query.after.is_none() {
            self.thread_exists(owner, thread_id).await?;
        }
        Ok(query.finish(rows, |i: &ThreadItem| i.id.as_str()))
    }

    async fn add_thread_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError> {
        <Self as Store<C>>::write_batch(self, thread_id, &[WriteOp::AddItem(item.clone())], ctx)
            .await
    }

    async fn save_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError> {
        <Self as Store<C>>::write_batch(self, thread_id, &[WriteOp::SaveItem(item.clone())], ctx)
            .await
    }

    async fn load_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<ThreadItem, StoreError> {
        self.thread_exists(ctx.user_id(), thread_id).await?;
        let row = sqlx::query(
            "SELECT data FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND id = $3",
        )
        .bind(ctx.user_id())
        .bind(thread_id)
        .bind(item_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::item_not_found(item_id))?;
        decode_row(&row)
    }

    async fn delete_thread_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<(), StoreError> {
        <Self as Store<C>>::write_batch(
            self,
            thread_id,
            &[WriteOp::DeleteItem(item_id.to_owned())],
            ctx,
        )
        .await
    }

    async fn save_feedback(
        &self,
        thread_id: &str,
        item_ids: &[String],
        kind: FeedbackKind,
        ctx: &C,
    ) -> Result<(), StoreError> {
        self.thread_exists(ctx.user_id(), thread_id).await?;
        let mut tx = self.pool.begin_with("BEGIN").await.map_err(backend)?;
        for id in item_ids {
            let done = sqlx::query("UPDATE chatkit_items SET feedback = $4 WHERE owner = $1 AND thread_id = $2 AND id = $3")
                .bind(ctx.user_id())
                .bind(thread_id)
                .bind(id)
                .bind(kind.as_str())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            if done.rows_affected() == 0 {
                // Dropping the transaction rolls the others back.
                return Err(StoreError::item_not_found(id));
            }
        }
        tx.commit().await.map_err(backend)
    }

    async fn load_feedback(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<Option<FeedbackKind>, StoreError> {
        self.thread_exists(ctx.user_id(), thread_id).await?;
        let row = sqlx::query(
            "SELECT feedback FROM chatkit_items WHERE owner = $1 AND thread_id = $2 AND id = $3",
        )
        .bind(ctx.user_id())
        .bind(thread_id)
        .bind(item_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::item_not_found(item_id))?;
        let kind: Option<String> = sqlx::Row::try_get(&row, "feedback").map_err(backend)?;
        Ok(match kind.as_deref() {
            Some("positive") => Some(FeedbackKind::Positive),
            Some("negative") => Some(FeedbackKind::Negative),
            _ => None,
        })
    }

    async fn save_attachment(&self, attachment: &Attachment, ctx: &C) -> Result<(), StoreError> {
        <Self as Store<C>>::write_batch(
            self,
            "",
            &[WriteOp::SaveAttachment(attachment.clone())],
            ctx,
        )
        .await
    }

    async fn load_attachment(
        &self,
        attachment_id: &str,
        ctx: &C,
    ) -> Result<Attachment, StoreError> {
        let row = sqlx::query(
            "SELECT data, metadata FROM chatkit_attachments WHERE owner = $1 AND id = $2",
        )
        .bind(ctx.user_id())
        .bind(attachment_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::attachment_not_found(attachment_id))?;
        let mut attachment: Attachment = decode_row(&row)?;
        let metadata: Option<String> = sqlx::Row::try_get(&row, "metadata").map_err(backend)?;
        attachment.metadata = metadata.as_deref().map(decode).transpose()?;
        Ok(attachment)
    }

    async fn write_batch(
        &self,
        thread_id: &str,
        ops: &[WriteOp],
        ctx: &C,
    ) -> Result<(), StoreError> {
        if ops.is_empty() {
            // Nothing to write: no transaction (and no write lock) at all.
            return Ok(());
        }
        let owner = ctx.user_id();
        let mut tx = self.pool.begin_with("BEGIN").await.map_err(backend)?;
        let mut thread_known = false;
        for op in ops {
            if !matches!(op, WriteOp::SaveThread(_) | WriteOp::SaveAttachment(_)) && !thread_known {
                let exists = sqlx::query(THREAD_EXISTS)
                    .bind(owner)
                    .bind(thread_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(backend)?;
                if exists.is_none() {
                    return Err(StoreError::thread_not_found(thread_id));
                }
                thread_known = true;
            }
            let done = match op {
                WriteOp::SaveThread(thread) => {
                    sqlx::query(UPSERT_THREAD)
                        .bind(owner)
                        .bind(&thread.id)
                        .bind(encode(thread)?)
                        .execute(&mut *tx)
                        .await
                }
                WriteOp::AddItem(item) => {
                    sqlx::query(INSERT_ITEM)
                        .bind(owner)
                        .bind(thread_id)
                        .bind(&item.id)
                        .bind(encode(item)?)
                        .execute(&mut *tx)
                        .await
                }
                WriteOp::SaveItem(item) => {
                    sqlx::query(UPSERT_ITEM)
                        .bind(owner)
                        .bind(thread_id)
                        .bind(&item.id)
                        .bind(encode(item)?)
                        .execute(&mut *tx)
                        .await
                }
                WriteOp::DeleteItem(id) => {
                    sqlx::query(DELETE_ITEM)
                        .bind(owner)
                        .bind(thread_id)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                }
                WriteOp::SaveAttachment(attachment) => {
                    let metadata = attachment.metadata.as_ref().map(encode).transpose()?;
                    sqlx::query(UPSERT_ATTACHMENT)
                        .bind(owner)
                        .bind(&attachment.id)
                        .bind(encode(attachment)?)
                        .bind(metadata)
                        .execute(&mut *tx)
                        .await
                }
            };
            if let Err(error) = done {
                // Dropping the transaction rolls back everything before.
                return Err(match op {
                    WriteOp::AddItem(item) if is_unique_violation(&error) => StoreError::Conflict {
                        what: "item",
                        id: item.id.clone(),
                    },
                    _ => backend(error),
                });
            }
        }
        tx.commit().await.map_err(backend)
    }

    async fn delete_attachment(&self, attachment_id: &str, ctx: &C) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM chatkit_attachments WHERE owner = $1 AND id = $2")
            .bind(ctx.user_id())
            .bind(attachment_id)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// The `data` document of a row.
fn decode_row<T: serde::de::DeserializeOwned>(
    row: &sqlx::postgres::PgRow,
) -> Result<T, StoreError> {
    let data: String = sqlx::Row::try_get(row, "data").map_err(backend)?;
    decode(&data)
}

/// The documents of a listing's one row (`data`: a JSON array, or NULL for no rows).
fn decode_array<T: serde::de::DeserializeOwned>(
    row: &sqlx::postgres::PgRow,
) -> Result<Vec<T>, StoreError> {
    let data: Option<String> = sqlx::Row::try_get(row, "data").map_err(backend)?;
    match data {
        Some(text) => decode(&text),
        None => Ok(Vec::new()),
    }
}
