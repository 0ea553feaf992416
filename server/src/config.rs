//! Configuration: flags, environment and `.env` (flags win).

use clap::Parser;

use crate::adapter::UnknownCustom;
use crate::interrupt::YesNoAnswer;
use crate::langgraph::MultitaskStrategy;

/// The server's settings.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "chatkit-server",
    about = "ChatKit in front of a LangGraph agent"
)]
pub struct Config {
    /// The LangGraph server.
    #[arg(
        long,
        env = "LANGGRAPH_API_URL",
        default_value = "http://127.0.0.1:2024"
    )]
    pub langgraph_api_url: String,
    /// The graph or assistant to run.
    #[arg(long, env = "LANGGRAPH_ASSISTANT_ID", default_value = "agent")]
    pub langgraph_assistant_id: String,
    /// Rejoins of a run's dropped event stream before the turn fails.
    #[arg(long, env = "LANGGRAPH_MAX_RECONNECTS", default_value_t = 5)]
    pub langgraph_max_reconnects: u32,
    /// The first rejoin's delay in milliseconds (doubling each time, at most 5 s).
    #[arg(long, env = "LANGGRAPH_RECONNECT_BACKOFF_MS", default_value_t = 1000)]
    pub langgraph_reconnect_backoff_ms: u64,
    /// A message while the thread's previous answer is still running: `reject` (the user is
    /// told to wait), `enqueue`, `interrupt` or `rollback` (LangGraph's `multitask_strategy`).
    #[arg(long, env = "LANGGRAPH_MULTITASK_STRATEGY", value_enum, default_value_t = MultitaskStrategy::Reject)]
    pub langgraph_multitask_strategy: MultitaskStrategy,
    /// Sent to LangGraph as `x-api-key` (LangSmith deployments).
    #[arg(long, env = "LANGGRAPH_API_KEY", hide_env_values = true)]
    pub langgraph_api_key: Option<String>,
    /// Signs the session cookie; at least 32 bytes. Required in production.
    #[arg(long, env = "SESSION_SECRET_KEY", hide_env_values = true)]
    pub session_secret_key: Option<String>,
    /// `sqlite:PATH` (the default) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite:chatkit.db")]
    pub database_url: String,
    /// The address to listen on.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// The port to listen on.
    #[arg(long, env = "PORT", default_value_t = 8004)]
    pub port: u16,
    /// `development` or `production` (strong secret required, Secure cookies).
    #[arg(long, env = "CHATKIT_ENV", default_value = "development")]
    pub chatkit_env: String,
    /// The domain key the official ChatKit page sends (register your domain with OpenAI;
    /// any value works on localhost).
    #[arg(long, env = "CHATKIT_DOMAIN_KEY", default_value = "local-dev")]
    pub chatkit_domain_key: String,
    /// How a yes/no question resumes the graph: `boolean` (`true`/`false`, so
    /// `if interrupt(...)` works) or `text` (the option's text, e.g. "yes"/"no").
    #[arg(long, env = "CHATKIT_YES_NO_ANSWER", value_enum, default_value_t = YesNoAnswer::Boolean)]
    pub yes_no_answer: YesNoAnswer,
    /// `custom` events of no known shape: `ignore` (logged only) or `show` (as a progress line).
    #[arg(long, env = "CHATKIT_CUSTOM_EVENTS", value_enum, default_value_t = UnknownCustom::Ignore)]
    pub custom_events: UnknownCustom,
    /// Origins allowed to call the API from a browser (comma-separated); none by default.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub cors_allowed_origins: Vec<String>,
}

/// A configuration that cannot run.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Whether this is a production deployment.
    pub fn production(&self) -> bool {
        self.chatkit_env.eq_ignore_ascii_case("production")
    }

    /// Checks the settings; in production a missing or weak secret is refused.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let secret = self.session_secret_key.as_deref().unwrap_or_default();
        if self.production() && secret.len() < 32 {
            return Err(ConfigError(
                "CHATKIT_ENV=production needs SESSION_SECRET_KEY of at least 32 bytes (e.g. `openssl rand -hex 32`)".into(),
            ));
        }
        if !secret.is_empty() && secret.len() < 32 {
            return Err(ConfigError(
                "SESSION_SECRET_KEY must be at least 32 bytes".into(),
            ));
        }
        if !matches!(
            self.chatkit_env.to_ascii_lowercase().as_str(),
            "development" | "production"
        ) {
            return Err(ConfigError(format!(
                "CHATKIT_ENV must be development or production, not `{}`",
                self.chatkit_env
            )));
        }
        Ok(())
    }
}
