//! `chatkit-server`: ChatKit in front of a LangGraph agent.

use std::sync::Arc;

use anyhow::Context;
use chatkit_sdk::store::{PostgresStore, RequestContext, SqliteStore, Store};
use chatkit_server::app::{AppState, router};
use chatkit_server::config::Config;
use chatkit_server::langgraph::{ClientConfig, LangGraphClient};
use chatkit_server::session::Sessions;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // `.env` first, so flags and the real environment win.
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let config = Config::load()?;
    config.validate()?;
    if config.session_secret_key.is_none() {
        tracing::warn!("no SESSION_SECRET_KEY: sessions end when the server restarts");
    }

    let store: Arc<dyn Store<RequestContext>> = if config.database_url.starts_with("postgres") {
        Arc::new(
            PostgresStore::connect(&config.database_url)
                .await
                .context("connecting to Postgres")?,
        )
    } else {
        Arc::new(
            SqliteStore::open(&config.database_url)
                .await
                .context("opening the SQLite database")?,
        )
    };
    let mut lg = ClientConfig::new(&config.langgraph_api_url, &config.langgraph_assistant_id);
    lg.api_key = config.langgraph_api_key.clone();
    lg.max_reconnects = config.langgraph_max_reconnects;
    lg.multitask_strategy = config.langgraph_multitask_strategy;
    lg.reconnect_backoff = std::time::Duration::from_millis(config.langgraph_reconnect_backoff_ms);
    lg.input = config.input_format();
    lg.max_event_bytes = config.langgraph_max_event_bytes;
    lg.user_header = config
        .langgraph_user_header
        .as_deref()
        .map(|name| reqwest::header::HeaderName::from_bytes(name.as_bytes()))
        .transpose()
        .context("LANGGRAPH_USER_HEADER")?;
    let client = LangGraphClient::new(lg)?;
    let sessions = Sessions::new(config.session_secret_key.as_deref(), config.production());
    let handler = chatkit_server::adapter::LangGraphHandler::new(client.clone(), store.clone())
        .yes_no_answer(config.yes_no_answer)
        .unknown_custom(config.custom_events)
        .run_settings(config.run_settings()?)
        .visibility(config.visibility())
        .output_key(config.langgraph_output_key.clone())
        .show_reasoning(config.reasoning)
        .reply_limits(chatkit_server::adapter::ReplyLimits {
            max_chars: config.max_reply_chars,
            max_events: config.max_reply_events,
        });
    let mut state = AppState::with_handler(store, handler, client, sessions);
    state.domain_key = config.chatkit_domain_key.clone();
    state.rate_limits = std::sync::Arc::new(chatkit_server::rate_limit::RateLimits::new(
        chatkit_server::rate_limit::RateSettings {
            per_session: config.rate_limit_session,
            per_address: config.rate_limit_address,
            loopback: config.rate_limit_loopback,
            trust_forwarded_for: config.trust_forwarded_for,
        },
    ));
    state.keep_alive = (config.keep_alive_secs > 0)
        .then(|| std::time::Duration::from_secs(config.keep_alive_secs));
    let app = router(state, &config.cors_allowed_origins);

    let addr = format!("{}:{}", config.host, config.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    tracing::info!(%addr, langgraph = %config.langgraph_api_url, "chatkit-server listening (POST /langgraph/chatkit)");
    let limits = chatkit_server::serve::Limits {
        header_timeout: std::time::Duration::from_millis(config.header_timeout_ms),
        body_timeout: std::time::Duration::from_millis(config.body_timeout_ms),
        max_connections: config.max_connections,
    };
    if let Some(files) = chatkit_server::serve::raise_open_files() {
        tracing::info!(
            open_files = files,
            max_connections = limits.max_connections,
            "connection limits"
        );
    }
    chatkit_server::serve::serve(listener, app, limits, shutdown())
        .await
        .context("serving")
}

/// Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
    tracing::info!("shutting down");
}
