//! `SqliteStore`: the default store, an embedded SQLite file (WAL mode, migrations embedded).

use std::borrow::Cow;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, SqlSafeStr, SqlitePool};

use super::StoreError;
use super::sql::{backend, sql_store};

/// A [`Store`](super::Store) in an SQLite file. Every row is owned by a user; listings page by
/// creation order through an index; multi-row writes run in transactions.
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
    pool: SqlitePool,
}

fn migrator() -> Migrator {
    Migrator::with_migrations(vec![Migration::new(
        1,
        Cow::Borrowed("init"),
        MigrationType::Simple,
        AssertSqlSafe(include_str!("../../migrations/sqlite/0001_init.sql")).into_sql_str(),
        false,
    )])
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite:path/to/file.db` or a plain
    /// path) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let url = if url.starts_with("sqlite:") {
            url.to_owned()
        } else {
            format!("sqlite:{url}")
        };
        let options = SqliteConnectOptions::from_str(&url)
            .map_err(backend)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(backend)?;
        Self::with_pool(pool).await
    }

    /// A private in-memory database (tests, demos).
    pub async fn in_memory() -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:").map_err(backend)?;
        // One connection: every connection to `:memory:` is its own database.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(backend)?;
        Self::with_pool(pool).await
    }

    /// Uses an existing pool, running the migrations.
    pub async fn with_pool(pool: SqlitePool) -> Result<Self, StoreError> {
        migrator().run(&pool).await.map_err(backend)?;
        Ok(SqliteStore { pool })
    }

    /// The pool.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

sql_store!(
    SqliteStore,
    sqlx::Sqlite,
    "BEGIN IMMEDIATE",
    "group_concat(data, ',' ORDER BY seq ASC)",
    "group_concat(data, ',' ORDER BY seq DESC)"
);
