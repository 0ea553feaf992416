//! The conformance double served over HTTP: `POST /chatkit` behaves like the reference server.
//!
//! `cargo run -p chatkit-tests --bin conformance-server -- --addr 127.0.0.1:8911 --store memory`

use std::sync::Arc;

use anyhow::{Context, bail};
use chatkit_sdk::server::ChatKitServer;
use chatkit_sdk::store::{PostgresStore, RequestContext, SqliteStore, Store};
use chatkit_tests::conformance::app::router;
use chatkit_tests::conformance::reference::{Counter, ReferenceHandler, counted, counting_store};
use clap::Parser;

#[derive(Parser, Debug)]
#[command(about = "A ChatKit server that behaves like the reference server (for conformance runs)")]
struct Args {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8911")]
    addr: String,
    /// The store: `memory`, `sqlite:PATH` or `postgres:URL` (e.g. `postgres://user@host/db`).
    #[arg(long, default_value = "memory")]
    store: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let counter = Counter::default();
    let store: Arc<dyn Store<RequestContext>> = match args.store.split_once(':') {
        None if args.store == "memory" => Arc::new(counting_store(&counter)),
        Some(("sqlite", path)) => Arc::new(counted(SqliteStore::open(path).await?, &counter)),
        Some(("postgres", _)) => Arc::new(counted(
            PostgresStore::connect(&args.store).await?,
            &counter,
        )),
        _ => bail!(
            "unknown --store `{}`: use memory, sqlite:PATH or postgres:URL",
            args.store
        ),
    };
    let mut handler = ReferenceHandler::new(store.clone(), counter);
    handler.upload_base = format!("http://{}", args.addr);
    let app = router(ChatKitServer::new(store, handler));
    let listener = tokio::net::TcpListener::bind(&args.addr)
        .await
        .with_context(|| format!("binding {}", args.addr))?;
    eprintln!(
        "conformance server on http://{}/chatkit",
        listener.local_addr()?
    );
    // Events are small writes: send each at once (no Nagle delay waiting for the client's ACK).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            eprintln!("could not set TCP_NODELAY: {error}");
        }
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving")
}
