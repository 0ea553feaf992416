//! `SqliteStore`: the default store, an embedded SQLite file (WAL mode, schema embedded).
//!
//! Reads run on the calling thread, each on a connection of its own from a small pool: in WAL
//! mode a reader never waits for a lock, and a page of a listing is a few microseconds of index
//! walk out of SQLite's page cache, less than handing the query to another thread would cost.
//! Writes (which may wait up to the busy timeout for another process's write lock, and may
//! checkpoint the WAL to disk) run on tokio's blocking pool, one at a time on the one writer
//! connection.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use async_trait::async_trait;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::de::DeserializeOwned;

use super::document::{backend, decode, encode};
use super::{PageQuery, Store, StoreContext, StoreError, WriteOp};
use crate::attachment::Attachment;
use crate::feedback::FeedbackKind;
use crate::item::ThreadItem;
use crate::page::{Order, Page};
use crate::thread::ThreadMetadata;

/// The schema version this SDK writes (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 1;
/// Idle read connections kept open (more are opened while more threads read at once).
const IDLE_READERS: usize = 8;
/// How long a write waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A [`Store`] in an SQLite file. Every row is owned by a user; listings page by creation order
/// through an index; multi-row writes run in transactions.
///
/// ```
/// # let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap_or_else(|e| panic!("{e}"));
/// # rt.block_on(async {
/// use chatkit_sdk::store::{SqliteStore, Store, RequestContext};
/// let store = SqliteStore::in_memory().await?;
/// store.save_thread(&chatkit_sdk::ThreadMetadata::new("thr_1"), &RequestContext::new("u")).await?;
/// # Ok::<(), chatkit_sdk::store::StoreError>(())
/// # }).unwrap_or_else(|e| panic!("{e}"));
/// ```
#[derive(Debug, Clone)]
pub struct SqliteStore {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    /// The database file; `None` for a private in-memory database, which lives in the writer
    /// connection alone (every connection to `:memory:` is a database of its own).
    path: Option<PathBuf>,
    /// Held across the hand-off to the blocking pool, so waiting writers queue here (as tasks)
    /// instead of as blocking threads parked on a lock.
    writer: Arc<tokio::sync::Mutex<Connection>>,
    readers: Mutex<Vec<Connection>>,
    closed: AtomicBool,
}

/// Why the store refused a call without asking SQLite.
#[derive(Debug, thiserror::Error)]
enum SqliteStoreError {
    #[error("the SQLite store is closed")]
    Closed,
    #[error(
        "the database's schema is version {0}, newer than this SDK's ({SCHEMA_VERSION}): upgrade the SDK"
    )]
    NewerSchema(i64),
    #[error("cannot open SQLite database `{0}`: {1}")]
    Url(String, &'static str),
}

/// A lock that a panicking holder did not poison for good: a connection stays usable (SQLite
/// rolls back a transaction a panic left open when the `Transaction` drops).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite:path/to/file.db`,
    /// `sqlite://path`, or a plain path; `sqlite::memory:` for a private in-memory one) and
    /// brings its schema up to date. The only URL option understood is `?mode=rwc` (read,
    /// write, create: what this store always does); any other is refused, not ignored.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let rest = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        let (path, options) = rest.split_once('?').unwrap_or((rest, ""));
        if !matches!(options, "" | "mode=rwc") {
            return Err(backend(SqliteStoreError::Url(
                url.to_owned(),
                "the only option understood is `mode=rwc`",
            )));
        }
        if path == ":memory:" {
            return Self::in_memory().await;
        }
        if path.is_empty() {
            return Err(backend(SqliteStoreError::Url(
                url.to_owned(),
                "no file (`sqlite::memory:` is the in-memory database)",
            )));
        }
        // Absolute: the read connections are opened later, whatever the working directory is
        // by then.
        let path = std::path::absolute(path).map_err(backend)?;
        let opened = path.clone();
        let writer = tokio::task::spawn_blocking(move || open_writer(&opened))
            .await
            .map_err(backend)??;
        Ok(Self::with_writer(Some(path), writer))
    }

    /// A private in-memory database (tests, demos).
    pub async fn in_memory() -> Result<Self, StoreError> {
        let mut writer = Connection::open_in_memory().map_err(backend)?;
        migrate(&mut writer)?;
        Ok(Self::with_writer(None, writer))
    }

    fn with_writer(path: Option<PathBuf>, writer: Connection) -> Self {
        SqliteStore {
            shared: Arc::new(Shared {
                path,
                writer: Arc::new(tokio::sync::Mutex::new(writer)),
                readers: Mutex::new(Vec::new()),
                closed: AtomicBool::new(false),
            }),
        }
    }

    /// Closes the idle connections; every later call fails with a backend error (the others
    /// close as their calls finish, the writer when the last clone of the store drops).
    pub fn close(&self) {
        self.shared.closed.store(true, Ordering::SeqCst);
        lock(&self.shared.readers).clear();
    }

    fn check_open(&self) -> Result<(), StoreError> {
        if self.shared.closed.load(Ordering::SeqCst) {
            return Err(backend(SqliteStoreError::Closed));
        }
        Ok(())
    }

    /// Runs `f` on a read connection, on this thread.
    async fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.check_open()?;
        let Some(path) = &self.shared.path else {
            return f(&*self.shared.writer.lock().await);
        };
        let idle = lock(&self.shared.readers).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => open_reader(path)?,
        };
        let result = f(&conn);
        let mut readers = lock(&self.shared.readers);
        if readers.len() < IDLE_READERS && !self.shared.closed.load(Ordering::SeqCst) {
            readers.push(conn);
        }
        result
    }

    /// Runs `f` in a write transaction on the writer connection, on the blocking pool; the
    /// transaction commits when `f` succeeds and rolls back when it fails. Once handed to the
    /// blocking pool a write completes even if the caller stops waiting for it.
    async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        self.check_open()?;
        let mut conn = Arc::clone(&self.shared.writer).lock_owned().await;
        tokio::task::spawn_blocking(move || {
            if !conn.is_autocommit() {
                // A transaction left open (its rollback failed) would refuse every later write.
                conn.execute_batch("ROLLBACK").map_err(backend)?;
            }
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let value = f(&tx)?;
            tx.commit().map_err(backend)?;
            Ok(value)
        })
        .await
        .map_err(backend)?
    }

    /// Writes encoded ops in one transaction; the thread must exist before the first op that
    /// writes into it (a thread saved earlier in the batch counts).
    async fn write_encoded(
        &self,
        owner: &str,
        thread_id: &str,
        ops: Vec<Encoded>,
    ) -> Result<(), StoreError> {
        let (owner, thread_id) = (owner.to_owned(), thread_id.to_owned());
        self.write(move |tx| {
            let first = ops.iter().position(Encoded::needs_thread);
            for (i, op) in ops.iter().enumerate() {
                if Some(i) == first {
                    thread_exists(tx, &owner, &thread_id)?;
                }
                op.apply(tx, &owner, &thread_id)?;
            }
            Ok(())
        })
        .await
    }
}

fn open_writer(path: &Path) -> Result<Connection, StoreError> {
    let mut conn = Connection::open(path).map_err(backend)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(backend)?;
    // First the schema: a database this SDK refuses is left as it was.
    migrate(&mut conn)?;
    // `journal_mode` answers with the mode it set: read it, as a query.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(backend)?;
    if !mode.eq_ignore_ascii_case("wal") {
        // (Some network file systems.) Still correct, but readers then wait for writers.
        tracing::warn!(%mode, path = %path.display(), "SQLite could not switch to WAL mode");
    }
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(backend)?;
    Ok(conn)
}

fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(backend)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(backend)?;
    conn.pragma_update(None, "query_only", true)
        .map_err(backend)?;
    Ok(conn)
}

/// Brings the schema to [`SCHEMA_VERSION`]. A database made by the sqlx-based SDK (tables, no
/// `user_version`) has the same schema: it is only stamped.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend)?;
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(backend)?;
    if version > SCHEMA_VERSION {
        return Err(backend(SqliteStoreError::NewerSchema(version)));
    }
    if version < 1 {
        let tables: i64 = tx
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'chatkit_threads'",
                [],
                |row| row.get(0),
            )
            .map_err(backend)?;
        if tables == 0 {
            tx.execute_batch(include_str!("../../migrations/sqlite/0001_init.sql"))
                .map_err(backend)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(backend)?;
    }
    tx.commit().map_err(backend)
}

/// A row's first column, as text.
fn text<'r>(row: &'r rusqlite::Row<'_>) -> Result<&'r str, StoreError> {
    row.get_ref(0).map_err(backend)?.as_str().map_err(backend)
}

/// One `data` column of one row, decoded; `missing` when there is no row.
fn load_one<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    missing: impl FnOnce() -> StoreError,
) -> Result<T, StoreError> {
    let mut stmt = conn.prepare_cached(sql).map_err(backend)?;
    let mut rows = stmt.query(params).map_err(backend)?;
    match rows.next().map_err(backend)? {
        Some(row) => decode(text(row)?),
        None => Err(missing()),
    }
}

/// The `data` column of every row, decoded, in order.
///
/// (A listing's `LIMIT` is written `?N + 0`: a bare parameter there is read into the query plan,
/// so SQLite re-prepares the statement every time it is bound, which was a third of a page's
/// cost.)
fn load_all<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql).map_err(backend)?;
    let mut rows = stmt.query(params).map_err(backend)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend)? {
        out.push(decode(text(row)?)?);
    }
    Ok(out)
}

fn thread_exists(conn: &Connection, owner: &str, thread_id: &str) -> Result<(), StoreError> {
    let found = conn
        .prepare_cached("SELECT 1 FROM chatkit_threads WHERE owner = ?1 AND id = ?2")
        .and_then(|mut stmt| stmt.exists(params![owner, thread_id]))
        .map_err(backend)?;
    if found {
        Ok(())
    } else {
        Err(StoreError::thread_not_found(thread_id))
    }
}

/// The `seq` a page starts from: the cursor row's (found by `sql`, bound to the `scope` values
/// then the cursor), or the end the order starts at.
fn cursor_seq(
    conn: &Connection,
    sql: &str,
    scope: &[&str],
    query: &PageQuery,
) -> Result<i64, StoreError> {
    let Some(after) = &query.after else {
        return Ok(match query.order {
            Order::Asc => i64::MIN,
            Order::Desc => i64::MAX,
        });
    };
    let mut stmt = conn.prepare_cached(sql).map_err(backend)?;
    let params = rusqlite::params_from_iter(scope.iter().copied().chain([after.as_str()]));
    stmt.query_row(params, |row| row.get(0))
        .optional()
        .map_err(backend)?
        .ok_or_else(|| StoreError::InvalidCursor(after.clone()))
}

/// Whether an SQLite error is a unique-key violation.
fn is_unique_violation(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ConstraintViolation)
    ) && matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

/// A [`WriteOp`] with its documents encoded (on the caller's thread, before the write is
/// queued).
enum Encoded {
    Thread {
        id: String,
        data: String,
    },
    AddItem {
        id: String,
        data: String,
    },
    SaveItem {
        id: String,
        data: String,
    },
    DeleteItem(String),
    Attachment {
        id: String,
        data: String,
        metadata: Option<String>,
    },
}

impl Encoded {
    fn new(op: &WriteOp) -> Result<Self, StoreError> {
        match op {
            WriteOp::SaveThread(thread) => Self::thread(thread),
            WriteOp::AddItem(item) => Self::item(item, false),
            WriteOp::SaveItem(item) => Self::item(item, true),
            WriteOp::DeleteItem(id) => Ok(Encoded::DeleteItem(id.clone())),
            WriteOp::SaveAttachment(attachment) => Self::attachment(attachment),
        }
    }

    fn thread(thread: &ThreadMetadata) -> Result<Self, StoreError> {
        Ok(Encoded::Thread {
            id: thread.id.clone(),
            data: encode(thread)?,
        })
    }

    /// An insert, or with `upsert` an insert-or-replace.
    fn item(item: &ThreadItem, upsert: bool) -> Result<Self, StoreError> {
        let (id, data) = (item.id.clone(), encode(item)?);
        Ok(if upsert {
            Encoded::SaveItem { id, data }
        } else {
            Encoded::AddItem { id, data }
        })
    }

    fn attachment(attachment: &Attachment) -> Result<Self, StoreError> {
        Ok(Encoded::Attachment {
            id: attachment.id.clone(),
            data: encode(attachment)?,
            metadata: attachment.metadata.as_ref().map(encode).transpose()?,
        })
    }

    /// Whether the op writes into a thread (which must exist).
    fn needs_thread(&self) -> bool {
        !matches!(self, Encoded::Thread { .. } | Encoded::Attachment { .. })
    }

    fn apply(
        &self,
        tx: &rusqlite::Transaction<'_>,
        owner: &str,
        thread_id: &str,
    ) -> Result<(), StoreError> {
        let done = match self {
            Encoded::Thread { id, data } => tx
                .prepare_cached(
                    "INSERT INTO chatkit_threads (owner, id, data) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (owner, id) DO UPDATE SET data = excluded.data",
                )
                .and_then(|mut s| s.execute(params![owner, id, data])),
            Encoded::AddItem { id, data } => tx
                .prepare_cached(
                    "INSERT INTO chatkit_items (owner, thread_id, id, data) VALUES (?1, ?2, ?3, ?4)",
                )
                .and_then(|mut s| s.execute(params![owner, thread_id, id, data])),
            Encoded::SaveItem { id, data } => tx
                .prepare_cached(
                    "INSERT INTO chatkit_items (owner, thread_id, id, data) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (owner, thread_id, id) DO UPDATE SET data = excluded.data",
                )
                .and_then(|mut s| s.execute(params![owner, thread_id, id, data])),
            Encoded::DeleteItem(id) => tx
                .prepare_cached(
                    "DELETE FROM chatkit_items WHERE owner = ?1 AND thread_id = ?2 AND id = ?3",
                )
                .and_then(|mut s| s.execute(params![owner, thread_id, id])),
            Encoded::Attachment { id, data, metadata } => tx
                .prepare_cached(
                    "INSERT INTO chatkit_attachments (owner, id, data, metadata) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (owner, id) DO UPDATE SET data = excluded.data, metadata = excluded.metadata",
                )
                .and_then(|mut s| s.execute(params![owner, id, data, metadata])),
        };
        match done {
            Ok(_) => Ok(()),
            Err(error) => Err(match self {
                Encoded::AddItem { id, .. } if is_unique_violation(&error) => {
                    StoreError::Conflict {
                        what: "item",
                        id: id.clone(),
                    }
                }
                _ => backend(error),
            }),
        }
    }
}

#[async_trait]
impl<C: StoreContext + ?Sized> Store<C> for SqliteStore {
    async fn load_thread(&self, thread_id: &str, ctx: &C) -> Result<ThreadMetadata, StoreError> {
        self.read(|conn| {
            load_one(
                conn,
                "SELECT data FROM chatkit_threads WHERE owner = ?1 AND id = ?2",
                params![ctx.user_id(), thread_id],
                || StoreError::thread_not_found(thread_id),
            )
        })
        .await
    }

    async fn save_thread(&self, thread: &ThreadMetadata, ctx: &C) -> Result<(), StoreError> {
        self.write_encoded(ctx.user_id(), &thread.id, vec![Encoded::thread(thread)?])
            .await
    }

    async fn load_threads(
        &self,
        query: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadMetadata>, StoreError> {
        let owner = ctx.user_id();
        let rows = self.read(|conn| {
            let from = cursor_seq(
                conn,
                "SELECT seq FROM chatkit_threads WHERE owner = ?1 AND id = ?2",
                &[owner],
                query,
            )?;
            let sql = match query.order {
                Order::Asc => {
                    "SELECT data FROM chatkit_threads WHERE owner = ?1 AND seq > ?2 ORDER BY seq ASC LIMIT ?3 + 0"
                }
                Order::Desc => {
                    "SELECT data FROM chatkit_threads WHERE owner = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3 + 0"
                }
            };
            let limit = query.effective_limit() as i64 + 1;
            load_all(conn, sql, params![owner, from, limit])
        }).await?;
        Ok(query.finish(rows, |t: &ThreadMetadata| t.id.as_str()))
    }

    async fn delete_thread(&self, thread_id: &str, ctx: &C) -> Result<(), StoreError> {
        let owner = ctx.user_id().to_owned();
        let thread_id = thread_id.to_owned();
        self.write(move |tx| {
            for sql in [
                "DELETE FROM chatkit_items WHERE owner = ?1 AND thread_id = ?2",
                "DELETE FROM chatkit_threads WHERE owner = ?1 AND id = ?2",
            ] {
                tx.prepare_cached(sql)
                    .and_then(|mut s| s.execute(params![owner, thread_id]))
                    .map_err(backend)?;
            }
            Ok(())
        })
        .await
    }

    async fn load_thread_items(
        &self,
        thread_id: &str,
        query: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadItem>, StoreError> {
        let owner = ctx.user_id();
        let rows = self.read(|conn| {
            // A cursor is checked after the thread (the thread's error comes first); without
            // one, rows prove the thread exists: it is only looked up for an empty page.
            if query.after.is_some() {
                thread_exists(conn, owner, thread_id)?;
            }
            let from = cursor_seq(
                conn,
                "SELECT seq FROM chatkit_items WHERE owner = ?1 AND thread_id = ?2 AND id = ?3",
                &[owner, thread_id],
                query,
            )?;
            let sql = match query.order {
                Order::Asc => {
                    "SELECT data FROM chatkit_items WHERE owner = ?1 AND thread_id = ?2 AND seq > ?3 ORDER BY seq ASC LIMIT ?4 + 0"
                }
                Order::Desc => {
                    "SELECT data FROM chatkit_items WHERE owner = ?1 AND thread_id = ?2 AND seq < ?3 ORDER BY seq DESC LIMIT ?4 + 0"
                }
            };
            let limit = query.effective_limit() as i64 + 1;
            let rows: Vec<ThreadItem> =
                load_all(conn, sql, params![owner, thread_id, from, limit])?;
            if rows.is_empty() && query.after.is_none() {
                thread_exists(conn, owner, thread_id)?;
            }
            Ok(rows)
        }).await?;
        Ok(query.finish(rows, |i: &ThreadItem| i.id.as_str()))
    }

    async fn add_thread_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError> {
        self.write_encoded(ctx.user_id(), thread_id, vec![Encoded::item(item, false)?])
            .await
    }

    async fn save_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError> {
        self.write_encoded(ctx.user_id(), thread_id, vec![Encoded::item(item, true)?])
            .await
    }

    async fn load_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<ThreadItem, StoreError> {
        let owner = ctx.user_id();
        self.read(|conn| {
            thread_exists(conn, owner, thread_id)?;
            load_one(
                conn,
                "SELECT data FROM chatkit_items WHERE owner = ?1 AND thread_id = ?2 AND id = ?3",
                params![owner, thread_id, item_id],
                || StoreError::item_not_found(item_id),
            )
        })
        .await
    }

    async fn delete_thread_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<(), StoreError> {
        let op = Encoded::DeleteItem(item_id.to_owned());
        self.write_encoded(ctx.user_id(), thread_id, vec![op]).await
    }

    async fn save_feedback(
        &self,
        thread_id: &str,
        item_ids: &[String],
        kind: FeedbackKind,
        ctx: &C,
    ) -> Result<(), StoreError> {
        let owner = ctx.user_id().to_owned();
        let thread_id = thread_id.to_owned();
        let item_ids = item_ids.to_vec();
        self.write(move |tx| {
            thread_exists(tx, &owner, &thread_id)?;
            let mut stmt = tx
                .prepare_cached(
                    "UPDATE chatkit_items SET feedback = ?4 WHERE owner = ?1 AND thread_id = ?2 AND id = ?3",
                )
                .map_err(backend)?;
            for id in &item_ids {
                let changed = stmt
                    .execute(params![owner, thread_id, id, kind.as_str()])
                    .map_err(backend)?;
                if changed == 0 {
                    // The transaction rolls the others back.
                    return Err(StoreError::item_not_found(id));
                }
            }
            Ok(())
        })
        .await
    }

    async fn load_feedback(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<Option<FeedbackKind>, StoreError> {
        let owner = ctx.user_id();
        let kind: Option<String> = self.read(|conn| {
            thread_exists(conn, owner, thread_id)?;
            conn.prepare_cached(
                "SELECT feedback FROM chatkit_items WHERE owner = ?1 AND thread_id = ?2 AND id = ?3",
            )
            .and_then(|mut s| {
                s.query_row(params![owner, thread_id, item_id], |row| row.get(0))
                    .optional()
            })
            .map_err(backend)?
            .ok_or_else(|| StoreError::item_not_found(item_id))
        }).await?;
        Ok(match kind.as_deref() {
            Some("positive") => Some(FeedbackKind::Positive),
            Some("negative") => Some(FeedbackKind::Negative),
            _ => None,
        })
    }

    async fn save_attachment(&self, attachment: &Attachment, ctx: &C) -> Result<(), StoreError> {
        self.write_encoded(ctx.user_id(), "", vec![Encoded::attachment(attachment)?])
            .await
    }

    async fn load_attachment(
        &self,
        attachment_id: &str,
        ctx: &C,
    ) -> Result<Attachment, StoreError> {
        let (data, metadata): (String, Option<String>) = self
            .read(|conn| {
                conn.prepare_cached(
                    "SELECT data, metadata FROM chatkit_attachments WHERE owner = ?1 AND id = ?2",
                )
                .and_then(|mut s| {
                    s.query_row(params![ctx.user_id(), attachment_id], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })
                    .optional()
                })
                .map_err(backend)?
                .ok_or_else(|| StoreError::attachment_not_found(attachment_id))
            })
            .await?;
        let mut attachment: Attachment = decode(&data)?;
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
        let ops = ops.iter().map(Encoded::new).collect::<Result<_, _>>()?;
        self.write_encoded(ctx.user_id(), thread_id, ops).await
    }

    async fn delete_attachment(&self, attachment_id: &str, ctx: &C) -> Result<(), StoreError> {
        let owner = ctx.user_id().to_owned();
        let attachment_id = attachment_id.to_owned();
        self.write(move |tx| {
            tx.prepare_cached("DELETE FROM chatkit_attachments WHERE owner = ?1 AND id = ?2")
                .and_then(|mut s| s.execute(params![owner, attachment_id]))
                .map_err(backend)?;
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::RequestContext;

    fn scratch() -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let url = format!("sqlite:{}", dir.path().join("chatkit.db").display());
        (dir, url)
    }

    #[tokio::test]
    async fn a_database_of_the_sqlx_store_opens_with_its_rows() {
        let (dir, url) = scratch();
        {
            // What the sqlx-based SDK left: the same tables, no `user_version`.
            let conn =
                Connection::open(dir.path().join("chatkit.db")).unwrap_or_else(|e| panic!("{e}"));
            conn.execute_batch(include_str!("../../migrations/sqlite/0001_init.sql"))
                .unwrap_or_else(|e| panic!("{e}"));
            conn.execute(
                "INSERT INTO chatkit_threads (owner, id, data) VALUES ('u', 'thr_old', ?1)",
                [encode(&ThreadMetadata::new("thr_old")).unwrap_or_else(|e| panic!("{e}"))],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        let store = SqliteStore::open(&url)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let ctx = RequestContext::new("u");
        let thread = store
            .load_thread("thr_old", &ctx)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(thread.id, "thr_old");
        let version: i64 = store
            .shared
            .writer
            .lock()
            .await
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[tokio::test]
    async fn a_newer_schema_is_refused_untouched() {
        let (dir, url) = scratch();
        let path = dir.path().join("chatkit.db");
        Connection::open(&path)
            .and_then(|conn| conn.pragma_update(None, "user_version", 7))
            .unwrap_or_else(|e| panic!("{e}"));
        let error = SqliteStore::open(&url)
            .await
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("version 7, newer"), "{error}");
        let (tables, mode): (i64, String) = Connection::open(&path)
            .and_then(|conn| {
                let tables =
                    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
                // WAL mode is kept in the file's header: the refused file must not have it.
                let mode = conn.query_row("PRAGMA journal_mode", [], |row| row.get(0))?;
                Ok((tables, mode))
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tables, 0, "the refused database was written to");
        assert_eq!(mode, "delete", "the refused database was switched to WAL");
    }

    #[tokio::test]
    async fn urls_without_a_file_or_with_unknown_options_are_refused() {
        for url in [
            "sqlite:",
            "sqlite://",
            "sqlite:db.sqlite?mode=ro",
            "sqlite://?mode=memory",
        ] {
            let error = SqliteStore::open(url)
                .await
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                error.contains("cannot open SQLite database"),
                "{url}: {error}"
            );
        }
        let (dir, url) = scratch();
        SqliteStore::open(&format!("{url}?mode=rwc"))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(dir.path().join("chatkit.db").exists());
    }

    #[tokio::test]
    async fn reads_on_many_connections_see_every_committed_write() {
        let (_dir, url) = scratch();
        let store = SqliteStore::open(&url)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let ctx = RequestContext::new("u");
        let tasks: Vec<_> = (0..16)
            .map(|n| {
                let store = store.clone();
                let ctx = ctx.clone();
                tokio::spawn(async move {
                    let id = format!("thr_{n}");
                    store
                        .save_thread(&ThreadMetadata::new(id.clone()), &ctx)
                        .await?;
                    store.load_thread(&id, &ctx).await.map(|t| t.id)
                })
            })
            .collect();
        for (n, task) in tasks.into_iter().enumerate() {
            let id = task
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(id, format!("thr_{n}"));
        }
        let page = store
            .load_threads(&PageQuery::new(Some(100), Order::Asc, None), &ctx)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.data.len(), 16);
        assert!(lock(&store.shared.readers).len() <= IDLE_READERS);
    }

    #[tokio::test]
    async fn a_closed_store_refuses_every_call() {
        let store = SqliteStore::in_memory()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let ctx = RequestContext::new("u");
        store.close();
        let read = store.load_thread("thr_1", &ctx).await;
        let write = store.save_thread(&ThreadMetadata::new("thr_1"), &ctx).await;
        for result in [read.map(|_| ()), write] {
            assert!(
                matches!(&result, Err(StoreError::Backend(e)) if e.to_string().contains("closed")),
                "{result:?}"
            );
        }
    }
}
