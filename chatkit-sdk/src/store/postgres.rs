//! `PostgresStore`: for several server nodes sharing one database.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::postgres::PgPoolOptions;
use sqlx::{AssertSqlSafe, PgPool, SqlSafeStr};

use super::StoreError;
use super::sql::{backend, sql_store};

/// A [`Store`](super::Store) in Postgres: the same schema and queries as
/// [`SqliteStore`](super::SqliteStore), tables prefixed `chatkit_`.
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

sql_store!(
    PostgresStore,
    sqlx::Postgres,
    "BEGIN",
    "string_agg(data, ',' ORDER BY seq ASC)",
    "string_agg(data, ',' ORDER BY seq DESC)"
);
