//! One answer at a time per thread: while a resumed run goes on, another answer in the same
//! thread (a double click, two parallel questions answered at once) is refused instead of
//! racing on the thread's state and its stored workflow. Across server processes, LangGraph
//! itself refuses a second resume while the first runs (`multitask_strategy: "reject"`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// What a user reads when another answer of the thread is still being sent.
pub const BUSY: &str =
    "The agent is still working on an answer in this thread. Try again when it is done.";

/// The threads whose answer is being sent right now.
#[derive(Debug, Clone, Default)]
pub struct Answering(Arc<Mutex<HashSet<String>>>);

/// Holds a thread as being answered until dropped.
#[derive(Debug)]
pub struct Claim {
    set: Arc<Mutex<HashSet<String>>>,
    thread: String,
}

impl Answering {
    /// Claims a thread; `None` while another answer of it is in progress.
    pub fn claim(&self, thread: &str) -> Option<Claim> {
        let mut set = self.0.lock().unwrap_or_else(|p| p.into_inner());
        set.insert(thread.to_owned()).then(|| Claim {
            set: self.0.clone(),
            thread: thread.to_owned(),
        })
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.set
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.thread);
    }
}

#[cfg(test)]
mod tests {
    use super::Answering;

    #[test]
    fn a_thread_is_answered_by_one_request_at_a_time() {
        let answering = Answering::default();
        let claim = answering.claim("thr_1");
        assert!(claim.is_some());
        assert!(
            answering.claim("thr_1").is_none(),
            "a second answer while the first runs"
        );
        assert!(answering.claim("thr_2").is_some(), "another thread is free");
        drop(claim);
        assert!(
            answering.claim("thr_1").is_some(),
            "free again once the first is over"
        );
    }
}
