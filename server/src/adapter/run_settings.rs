//! What every run starts with besides the user's message: extra input, the runtime `context`,
//! `config.configurable` (with placeholders for who asks and where), and the assistant the
//! user's model choice (ChatKit's `inference_options.model`) selects.
//!
//! Placeholders, in any string of those templates: `{user_id}` (the session user),
//! `{thread_id}` (the ChatKit thread), `{langgraph_thread_id}`, `{model}` (the model the user
//! picked, empty when none), `{locale}` (the browser's language, `Accept-Language`'s first
//! tag, empty when unknown).

use std::collections::BTreeMap;

use chatkit_sdk::server::HandlerError;
use serde_json::{Map, Value};

use crate::langgraph::{LangGraphClient, RunInput, RunRequest};

/// The run settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSettings {
    /// Merged into every message's input (`LANGGRAPH_EXTRA_INPUT`).
    pub extra_input: Map<String, Value>,
    /// The runtime context (`LANGGRAPH_CONTEXT`).
    pub context: Option<Value>,
    /// `config.configurable` (`LANGGRAPH_CONFIGURABLE`).
    pub configurable: Option<Map<String, Value>>,
    /// The models a user may pick, each with the assistant it runs (empty: the configured
    /// one) (`LANGGRAPH_MODELS`). Empty: the pick is not checked against a list.
    pub models: BTreeMap<String, String>,
    /// The `configurable` key the picked model goes in (`LANGGRAPH_MODEL_CONFIGURABLE`).
    pub model_configurable: Option<String>,
}

/// Who asks, where, with which model.
#[derive(Debug, Clone, Copy)]
pub struct Asker<'a> {
    /// The session user.
    pub user_id: &'a str,
    /// The ChatKit thread.
    pub thread_id: &'a str,
    /// The model the user picked.
    pub model: Option<&'a str>,
    /// The user's language.
    pub locale: Option<&'a str>,
}

/// What the user reads when they picked a model this server does not offer.
pub fn unknown_model(model: &str) -> HandlerError {
    HandlerError::custom(
        format!("The model `{model}` is not available here. Pick another one."),
        false,
    )
}

impl RunSettings {
    /// Reads the JSON settings; a bad one is an error naming it.
    pub fn parse(
        extra_input: Option<&str>,
        context: Option<&str>,
        configurable: Option<&str>,
        models: Option<&str>,
    ) -> Result<Self, String> {
        fn json(name: &str, text: Option<&str>) -> Result<Option<Value>, String> {
            text.filter(|t| !t.trim().is_empty())
                .map(|t| serde_json::from_str(t).map_err(|e| format!("{name} is not JSON: {e}")))
                .transpose()
        }
        fn object(name: &str, text: Option<&str>) -> Result<Option<Map<String, Value>>, String> {
            match json(name, text)? {
                None => Ok(None),
                Some(Value::Object(map)) => Ok(Some(map)),
                Some(_) => Err(format!("{name} must be a JSON object")),
            }
        }
        let models = match object("LANGGRAPH_MODELS", models)? {
            None => BTreeMap::new(),
            Some(map) => map
                .into_iter()
                .map(|(model, assistant)| match assistant {
                    Value::String(a) => Ok((model, a)),
                    Value::Null => Ok((model, String::new())),
                    _ => Err(format!(
                        "LANGGRAPH_MODELS: the assistant of `{model}` must be a string"
                    )),
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(RunSettings {
            extra_input: object("LANGGRAPH_EXTRA_INPUT", extra_input)?.unwrap_or_default(),
            context: json("LANGGRAPH_CONTEXT", context)?,
            configurable: object("LANGGRAPH_CONFIGURABLE", configurable)?,
            models,
            model_configurable: None,
        })
    }

    /// The run of `input` for `asker`; a model the user may not pick is an error.
    pub fn request(
        &self,
        input: RunInput,
        checkpoint: Option<String>,
        asker: Asker<'_>,
    ) -> Result<RunRequest, HandlerError> {
        let mut assistant_id = None;
        if let Some(model) = asker.model
            && !self.models.is_empty()
        {
            match self.models.get(model) {
                Some(assistant) if !assistant.is_empty() => assistant_id = Some(assistant.clone()),
                Some(_) => {}
                None => return Err(unknown_model(model)),
            }
        }
        let lg_thread = LangGraphClient::thread_id(asker.user_id, asker.thread_id);
        let fill = |value: &Value| fill(value, &asker, &lg_thread);
        let mut configurable = self.configurable.as_ref().map(|c| {
            c.iter()
                .map(|(k, v)| (k.clone(), fill(v)))
                .collect::<Map<_, _>>()
        });
        if let (Some(key), Some(model)) = (&self.model_configurable, asker.model) {
            configurable
                .get_or_insert_with(Map::new)
                .insert(key.clone(), Value::String(model.to_owned()));
        }
        Ok(RunRequest {
            input,
            checkpoint,
            assistant_id,
            extra_input: self
                .extra_input
                .iter()
                .map(|(k, v)| (k.clone(), fill(v)))
                .collect(),
            context: self.context.as_ref().map(fill),
            configurable,
        })
    }
}

/// `template` with the placeholders of its strings filled in.
fn fill(template: &Value, asker: &Asker<'_>, lg_thread: &str) -> Value {
    match template {
        Value::String(text) if text.contains('{') => Value::String(
            text.replace("{user_id}", asker.user_id)
                .replace("{langgraph_thread_id}", lg_thread)
                .replace("{thread_id}", asker.thread_id)
                .replace("{model}", asker.model.unwrap_or_default())
                .replace("{locale}", asker.locale.unwrap_or_default()),
        ),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| fill(v, asker, lg_thread)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), fill(v, asker, lg_thread)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn asker(model: Option<&str>) -> Asker<'_> {
        Asker {
            user_id: "alice",
            thread_id: "thr_1",
            model,
            locale: Some("fr-CA"),
        }
    }

    #[test]
    fn placeholders_are_filled_everywhere() {
        let settings = RunSettings::parse(
            Some(r#"{"tone": "formal", "owner": "{user_id}"}"#),
            Some(r#"{"user_id": "{user_id}", "tags": ["chat:{thread_id}"], "n": 3}"#),
            Some(r#"{"thread": "{langgraph_thread_id}", "model": "{model}", "lang": "{locale}"}"#),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let run = settings
            .request(RunInput::Resume(json!(true)), None, asker(Some("fast")))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            run.context,
            Some(json!({"user_id": "alice", "tags": ["chat:thr_1"], "n": 3}))
        );
        assert_eq!(run.extra_input["owner"], "alice");
        let configurable = run.configurable.unwrap_or_default();
        assert_eq!(
            configurable["thread"],
            LangGraphClient::thread_id("alice", "thr_1")
        );
        assert_eq!(configurable["model"], "fast");
        assert_eq!(configurable["lang"], "fr-CA");
        assert_eq!(
            run.assistant_id, None,
            "no model list: the configured assistant"
        );
    }

    #[test]
    fn a_picked_model_selects_its_assistant_and_an_unknown_one_is_refused() {
        let mut settings = RunSettings::parse(
            None,
            None,
            None,
            Some(r#"{"fast": "agent_fast", "default": null}"#),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        settings.model_configurable = Some("model".into());
        let run = |model| settings.request(RunInput::Resume(Value::Null), None, asker(model));
        let fast = run(Some("fast")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(fast.assistant_id.as_deref(), Some("agent_fast"));
        assert_eq!(fast.configurable.unwrap_or_default()["model"], "fast");
        assert_eq!(
            run(Some("default")).map(|r| r.assistant_id).ok(),
            Some(None)
        );
        assert_eq!(run(None).map(|r| r.assistant_id).ok(), Some(None));
        let refused = run(Some("gpt-9"))
            .err()
            .map(|e| format!("{e:?}"))
            .unwrap_or_default();
        assert!(refused.contains("`gpt-9` is not available"), "{refused}");
    }

    #[test]
    fn bad_settings_are_named() {
        let bad = RunSettings::parse(Some("[1]"), None, None, None).err();
        assert_eq!(
            bad.as_deref(),
            Some("LANGGRAPH_EXTRA_INPUT must be a JSON object")
        );
        let bad = RunSettings::parse(None, Some("{"), None, None)
            .err()
            .unwrap_or_default();
        assert!(bad.starts_with("LANGGRAPH_CONTEXT is not JSON"), "{bad}");
        let bad = RunSettings::parse(None, None, None, Some(r#"{"m": 1}"#)).err();
        assert_eq!(
            bad.as_deref(),
            Some("LANGGRAPH_MODELS: the assistant of `m` must be a string")
        );
    }
}
