//! Configuration: flags, environment, `.env` and an optional TOML file (`--config-file` or
//! `CHATKIT_CONFIG_FILE`); flags win over the environment, the environment over the file.

use std::collections::HashSet;
use std::path::Path;

use clap::{CommandFactory, Parser};

use crate::adapter::{RunSettings, ShowReasoning, UnknownCustom};
use crate::interrupt::YesNoAnswer;
use crate::langgraph::{InputFormat, InputShape, MultitaskStrategy, Visibility};

/// The server's settings.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "chatkit-server",
    about = "ChatKit in front of a LangGraph agent",
    args_override_self = true
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
    /// The state key a user message goes under.
    #[arg(long, env = "LANGGRAPH_INPUT_KEY", default_value = "messages")]
    pub langgraph_input_key: String,
    /// What goes under it: `messages` (a list of one message) or `text` (the text alone).
    #[arg(long, env = "LANGGRAPH_INPUT_SHAPE", value_enum, default_value_t = InputShape::Messages)]
    pub langgraph_input_shape: InputShape,
    /// A JSON object merged into every message's input (placeholders allowed).
    #[arg(long, env = "LANGGRAPH_EXTRA_INPUT")]
    pub langgraph_extra_input: Option<String>,
    /// The runtime context of every run, JSON (placeholders allowed).
    #[arg(long, env = "LANGGRAPH_CONTEXT")]
    pub langgraph_context: Option<String>,
    /// `config.configurable` of every run, a JSON object (placeholders allowed).
    #[arg(long, env = "LANGGRAPH_CONFIGURABLE")]
    pub langgraph_configurable: Option<String>,
    /// The models users may pick (ChatKit's model picker), a JSON object of model id →
    /// assistant id (`null`: the configured assistant).
    #[arg(long, env = "LANGGRAPH_MODELS")]
    pub langgraph_models: Option<String>,
    /// The `configurable` key the picked model goes in.
    #[arg(long, env = "LANGGRAPH_MODEL_CONFIGURABLE")]
    pub langgraph_model_configurable: Option<String>,
    /// The state key holding the answer of a graph without `messages`.
    #[arg(long, env = "LANGGRAPH_OUTPUT_KEY")]
    pub langgraph_output_key: Option<String>,
    /// Only these nodes' model calls are chat text (comma-separated); all by default.
    #[arg(long, env = "LANGGRAPH_CHAT_NODES", value_delimiter = ',')]
    pub langgraph_chat_nodes: Vec<String>,
    /// These nodes' model calls are never shown (comma-separated).
    #[arg(long, env = "LANGGRAPH_HIDDEN_NODES", value_delimiter = ',')]
    pub langgraph_hidden_nodes: Vec<String>,
    /// The nodes that run tools: model calls under them are the tool's work (comma-separated).
    #[arg(
        long,
        env = "LANGGRAPH_TOOL_NODES",
        value_delimiter = ',',
        default_value = "tools"
    )]
    pub langgraph_tool_nodes: Vec<String>,
    /// The header carrying the user id on every LangGraph request (for LangGraph custom auth).
    #[arg(long, env = "LANGGRAPH_USER_HEADER")]
    pub langgraph_user_header: Option<String>,
    /// The largest event accepted from a LangGraph run's stream, in bytes (16 MiB); a larger
    /// one ends the turn with an error.
    #[arg(long, env = "LANGGRAPH_MAX_EVENT_BYTES", default_value_t = crate::langgraph::MAX_EVENT_BYTES)]
    pub langgraph_max_event_bytes: usize,
    /// Milliseconds a client has to send a request's headers; also the longest idle time of a
    /// keep-alive connection.
    #[arg(long, env = "CHATKIT_HEADER_TIMEOUT_MS", default_value_t = 30_000)]
    pub header_timeout_ms: u64,
    /// Milliseconds a client has to send a request's body.
    #[arg(long, env = "CHATKIT_BODY_TIMEOUT_MS", default_value_t = 30_000)]
    pub body_timeout_ms: u64,
    /// Connections served at once; more wait until one closes.
    #[arg(long, env = "CHATKIT_MAX_CONNECTIONS", default_value_t = 4096)]
    pub max_connections: usize,
    /// Characters of text in one reply; past them the turn ends with an error.
    #[arg(long, env = "CHATKIT_MAX_REPLY_CHARS", default_value_t = 1_000_000)]
    pub max_reply_chars: usize,
    /// Events sent for one reply; past them the turn ends with an error.
    #[arg(long, env = "CHATKIT_MAX_REPLY_EVENTS", default_value_t = 100_000)]
    pub max_reply_events: usize,
    /// ChatKit requests per second per session (bursts of three seconds' worth; 0: no limit).
    #[arg(long, env = "CHATKIT_RATE_LIMIT_SESSION", default_value_t = 20)]
    pub rate_limit_session: u32,
    /// ChatKit requests per second per client address (bursts of three seconds' worth; 0: no
    /// limit).
    #[arg(long, env = "CHATKIT_RATE_LIMIT_ADDRESS", default_value_t = 60)]
    pub rate_limit_address: u32,
    /// Limit loopback clients too (they are not by default: tests, benchmarks, a local proxy).
    #[arg(long, env = "CHATKIT_RATE_LIMIT_LOOPBACK", default_value_t = false, action = clap::ArgAction::Set)]
    pub rate_limit_loopback: bool,
    /// Key the address limit by the first `X-Forwarded-For` address (behind a proxy only).
    #[arg(long, env = "CHATKIT_TRUST_FORWARDED_FOR", default_value_t = false, action = clap::ArgAction::Set)]
    pub trust_forwarded_for: bool,
    /// Seconds a response stream may be quiet before a keep-alive comment goes out (0: never).
    #[arg(long, env = "CHATKIT_KEEP_ALIVE_SECS", default_value_t = 15)]
    pub keep_alive_secs: u64,
    /// The model's reasoning: `show` (a reasoning workflow) or `hide`.
    #[arg(long, env = "CHATKIT_REASONING", value_enum, default_value_t = ShowReasoning::Show)]
    pub reasoning: ShowReasoning,
    /// A TOML file of settings (keys as the flags or the environment names them).
    #[arg(long, env = "CHATKIT_CONFIG_FILE")]
    pub config_file: Option<std::path::PathBuf>,
}

/// A configuration that cannot run.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// The flag a config-file key names (`LANGGRAPH_CONTEXT`, `langgraph_context` and
/// `langgraph-context` all name `--langgraph-context`).
fn flag_of(key: &str) -> String {
    key.to_ascii_lowercase().replace('_', "-")
}

/// A TOML value as a flag's value: strings as they are, lists of strings comma-joined, tables
/// and other lists as JSON.
fn flag_value(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) if items.iter().all(toml::Value::is_str) => items
            .iter()
            .filter_map(toml::Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(x) => x.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(_) | toml::Value::Table(_) => {
            serde_json::to_string(value).unwrap_or_default()
        }
    }
}

impl Config {
    /// The settings from the command line, the environment and the config file.
    pub fn load() -> Result<Self, ConfigError> {
        let args: Vec<String> = std::env::args().collect();
        let first = Config::try_parse_from(&args).map_err(|e| ConfigError(e.to_string()))?;
        let Some(path) = first.config_file.clone() else {
            return Ok(first);
        };
        let mut merged = vec![args.first().cloned().unwrap_or_default()];
        merged.extend(Self::file_args(&path)?);
        merged.extend(args.into_iter().skip(1));
        Config::try_parse_from(merged).map_err(|e| ConfigError(e.to_string()))
    }

    /// The flags a config file gives, for the settings the environment does not set.
    pub fn file_args(path: &Path) -> Result<Vec<String>, ConfigError> {
        let named = |m: String| ConfigError(format!("{}: {m}", path.display()));
        let text = std::fs::read_to_string(path).map_err(|e| named(e.to_string()))?;
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| named(e.to_string()))?;
        let command = Config::command();
        let mut args = Vec::new();
        let mut seen = HashSet::new();
        for (key, value) in &table {
            let flag = flag_of(key);
            let Some(arg) = command
                .get_arguments()
                .find(|a| a.get_long() == Some(flag.as_str()))
            else {
                return Err(named(format!("unknown setting `{key}`")));
            };
            if !seen.insert(flag.clone()) {
                return Err(named(format!("`{key}` is set twice")));
            }
            if arg
                .get_env()
                .is_some_and(|env| std::env::var_os(env).is_some())
            {
                continue;
            }
            args.push(format!("--{flag}={}", flag_value(value)));
        }
        Ok(args)
    }

    /// What runs start with besides the message.
    pub fn run_settings(&self) -> Result<RunSettings, ConfigError> {
        let mut settings = RunSettings::parse(
            self.langgraph_extra_input.as_deref(),
            self.langgraph_context.as_deref(),
            self.langgraph_configurable.as_deref(),
            self.langgraph_models.as_deref(),
        )
        .map_err(ConfigError)?;
        settings.model_configurable = self.langgraph_model_configurable.clone();
        Ok(settings)
    }

    /// Which model calls are chat text.
    pub fn visibility(&self) -> Visibility {
        let set = |names: &[String]| -> HashSet<String> {
            names
                .iter()
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect()
        };
        let chat = set(&self.langgraph_chat_nodes);
        Visibility {
            chat_nodes: (!chat.is_empty()).then_some(chat),
            hidden_nodes: set(&self.langgraph_hidden_nodes),
            tool_nodes: set(&self.langgraph_tool_nodes),
        }
    }

    /// Where a user message goes in a run's input.
    pub fn input_format(&self) -> InputFormat {
        InputFormat {
            key: self.langgraph_input_key.clone(),
            shape: self.langgraph_input_shape,
        }
    }

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
        self.run_settings()?;
        if let Some(name) = &self.langgraph_user_header
            && reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err()
        {
            return Err(ConfigError(format!(
                "LANGGRAPH_USER_HEADER `{name}` is not a header name"
            )));
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
