//! Item and thread ids: `<prefix>_<first 8 hex chars of a uuid4>`, e.g. `thr_1a2b3c4d`.
//!
//! Ids are opaque strings on the wire (the Agents bridge reuses long OpenAI ids), so nothing
//! here validates incoming ids; this module only makes new ones with the reference's prefixes.

use std::fmt;

/// What an id is for; decides its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A thread: `thr_`.
    Thread,
    /// A message-like item (user/assistant messages, widgets, images, structured input): `msg_`.
    Message,
    /// A client tool call: `tc_`.
    ToolCall,
    /// A workflow item: `wf_`.
    Workflow,
    /// A task item: `tsk_`.
    Task,
    /// An attachment: `atc_`.
    Attachment,
    /// The hidden item the SDK writes when a stream is cancelled: `shcx_`.
    SdkHiddenContext,
}

impl IdKind {
    /// Every kind, in the order the reference lists them.
    pub const ALL: [IdKind; 7] = [
        IdKind::Thread,
        IdKind::Message,
        IdKind::ToolCall,
        IdKind::Workflow,
        IdKind::Task,
        IdKind::Attachment,
        IdKind::SdkHiddenContext,
    ];

    /// The id prefix, without the underscore.
    pub const fn prefix(self) -> &'static str {
        match self {
            IdKind::Thread => "thr",
            IdKind::Message => "msg",
            IdKind::ToolCall => "tc",
            IdKind::Workflow => "wf",
            IdKind::Task => "tsk",
            IdKind::Attachment => "atc",
            IdKind::SdkHiddenContext => "shcx",
        }
    }

    /// A fresh random id of this kind.
    ///
    /// ```
    /// use chatkit_sdk::IdKind;
    /// let id = IdKind::Thread.generate();
    /// assert!(id.starts_with("thr_") && id.len() == 12);
    /// ```
    pub fn generate(self) -> String {
        let hex = uuid::Uuid::new_v4().simple().to_string();
        format!("{}_{}", self.prefix(), &hex[..8])
    }

    /// The id with a given counter value, as the deterministic reference server makes them
    /// (`thr_00000001`). Counters wider than 32 bits keep all their hex digits.
    pub fn with_counter(self, counter: u64) -> String {
        format!("{}_{counter:08x}", self.prefix())
    }

    /// The kind whose prefix starts this id, if any.
    pub fn of(id: &str) -> Option<IdKind> {
        let (prefix, _) = id.split_once('_')?;
        IdKind::ALL.into_iter().find(|kind| kind.prefix() == prefix)
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix())
    }
}
