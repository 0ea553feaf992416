//! Limits per reply: an agent that never stops (a loop streaming tokens, a tool flooding
//! widgets) ends its turn with a clear error once the reply passes them; what was shown until
//! then is closed and stored as it is, and the run is cancelled (its stream is dropped).

use chatkit_sdk::server::HandlerError;
use chatkit_sdk::{ThreadItemUpdate, ThreadStreamEvent};

/// The limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyLimits {
    /// Characters of text in one reply (all its messages).
    pub max_chars: usize,
    /// Events sent for one reply.
    pub max_events: usize,
}

impl Default for ReplyLimits {
    fn default() -> Self {
        ReplyLimits {
            max_chars: 1_000_000,
            max_events: 100_000,
        }
    }
}

/// What one reply has used so far.
#[derive(Debug, Default)]
pub struct ReplyCount {
    chars: usize,
    events: usize,
}

impl ReplyCount {
    /// Counts an event; an error once the reply passes a limit.
    pub fn count(
        &mut self,
        event: &ThreadStreamEvent,
        limits: &ReplyLimits,
    ) -> Result<(), HandlerError> {
        self.events += 1;
        if let ThreadStreamEvent::ThreadItemUpdated {
            update: ThreadItemUpdate::TextDelta { delta, .. },
            ..
        } = event
        {
            self.chars += delta.chars().count();
        }
        if self.chars > limits.max_chars {
            return Err(HandlerError::custom(
                format!(
                    "The agent's answer passed {} characters, the most this server keeps for one reply: it was stopped there.",
                    limits.max_chars
                ),
                true,
            ));
        }
        if self.events > limits.max_events {
            return Err(HandlerError::custom(
                format!(
                    "The agent's answer passed {} events, the most this server sends for one reply: it was stopped there.",
                    limits.max_events
                ),
                true,
            ));
        }
        Ok(())
    }
}
