//! `MemoryStore`: everything in process memory (tests, demos, single-process prototypes).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use indexmap::IndexMap;

use async_trait::async_trait;

use super::{PageQuery, Store, StoreContext, StoreError, WriteOp};
use crate::attachment::Attachment;
use crate::feedback::FeedbackKind;
use crate::ids::IdKind;
use crate::item::ThreadItem;
use crate::page::Page;
use crate::thread::ThreadMetadata;

/// One user's data. Threads and items keep insertion (= creation) order; threads are also
/// indexed by id, so lookups and pages do not scan the user's threads.
#[derive(Debug, Default, Clone)]
struct UserData {
    threads: IndexMap<String, ThreadMetadata>,
    items: HashMap<String, Vec<ThreadItem>>,
    feedback: HashMap<(String, String), FeedbackKind>,
    attachments: HashMap<String, Attachment>,
}

impl UserData {
    fn items_of(&mut self, thread_id: &str) -> Result<&mut Vec<ThreadItem>, StoreError> {
        if !self.threads.contains_key(thread_id) {
            return Err(StoreError::thread_not_found(thread_id));
        }
        Ok(self.items.entry(thread_id.to_owned()).or_default())
    }
}

/// An in-memory [`Store`], scoped by user like every store.
///
/// ```
/// use chatkit_sdk::store::{MemoryStore, PageQuery, RequestContext, Store};
/// use chatkit_sdk::ThreadMetadata;
///
/// # tokio_test();
/// # fn tokio_test() {
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap_or_else(|e| panic!("{e}"));
/// # rt.block_on(async {
/// let store = MemoryStore::new();
/// let alice = RequestContext::new("alice");
/// store.save_thread(&ThreadMetadata::new("thr_1"), &alice).await?;
/// assert_eq!(store.load_threads(&PageQuery::default(), &alice).await?.data.len(), 1);
/// // Bob sees none of it.
/// let bob = RequestContext::new("bob");
/// assert!(store.load_thread("thr_1", &bob).await.is_err());
/// # Ok::<(), chatkit_sdk::store::StoreError>(())
/// # }).unwrap_or_else(|e| panic!("{e}"));
/// # }
/// ```
#[derive(Default)]
pub struct MemoryStore {
    users: Mutex<HashMap<String, UserData>>,
    ids: Option<IdGenerator>,
}

/// Makes ids for a [`MemoryStore`] (e.g. deterministic counters in tests).
pub type IdGenerator = Box<dyn Fn(IdKind) -> String + Send + Sync>;

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore").finish_non_exhaustive()
    }
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store whose thread and item ids come from `ids` instead of random ones.
    pub fn with_ids(ids: impl Fn(IdKind) -> String + Send + Sync + 'static) -> Self {
        MemoryStore {
            users: Mutex::default(),
            ids: Some(Box::new(ids)),
        }
    }

    fn generate(&self, kind: IdKind) -> String {
        match &self.ids {
            Some(ids) => ids(kind),
            None => kind.generate(),
        }
    }

    /// The user's data, locked. A poisoned lock (a panic elsewhere while holding it) still
    /// yields the data: every write below leaves it consistent.
    fn user<'a, C: StoreContext + ?Sized>(&'a self, ctx: &C) -> UserGuard<'a> {
        let guard = self
            .users
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        UserGuard {
            guard,
            user: ctx.user_id().to_owned(),
        }
    }
}

struct UserGuard<'a> {
    guard: MutexGuard<'a, HashMap<String, UserData>>,
    user: String,
}

impl UserGuard<'_> {
    fn data(&mut self) -> &mut UserData {
        self.guard.entry(self.user.clone()).or_default()
    }
}

#[async_trait]
impl<C: StoreContext + ?Sized> Store<C> for MemoryStore {
    fn generate_thread_id(&self, _ctx: &C) -> String {
        self.generate(IdKind::Thread)
    }

    fn generate_item_id(&self, kind: IdKind, _thread: &ThreadMetadata, _ctx: &C) -> String {
        self.generate(kind)
    }

    async fn load_thread(&self, thread_id: &str, ctx: &C) -> Result<ThreadMetadata, StoreError> {
        let mut user = self.user(ctx);
        let data = user.data();
        data.threads
            .get(thread_id)
            .cloned()
            .ok_or_else(|| StoreError::thread_not_found(thread_id))
    }

    async fn save_thread(&self, thread: &ThreadMetadata, ctx: &C) -> Result<(), StoreError> {
        let mut user = self.user(ctx);
        apply(
            user.data(),
            &thread.id,
            &WriteOp::SaveThread(thread.clone()),
        )
    }

    async fn load_threads(
        &self,
        query: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadMetadata>, StoreError> {
        let mut user = self.user(ctx);
        let threads = &user.data().threads;
        query.page_indexed(
            threads.len(),
            |i| threads.get_index(i).map(|(_, t)| t),
            |id| threads.get_index_of(id),
            |t| &t.id,
        )
    }

    async fn delete_thread(&self, thread_id: &str, ctx: &C) -> Result<(), StoreError> {
        let mut user = self.user(ctx);
        let data = user.data();
        data.threads.shift_remove(thread_id);
        data.items.remove(thread_id);
        data.feedback.retain(|(thread, _), _| thread != thread_id);
        Ok(())
    }

    async fn load_thread_items(
        &self,
        thread_id: &str,
        query: &PageQuery,
        ctx: &C,
    ) -> Result<Page<ThreadItem>, StoreError> {
        let mut user = self.user(ctx);
        let items = user.data().items_of(thread_id)?;
        query.page(items, |i| &i.id)
    }

    async fn add_thread_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError> {
        let mut user = self.user(ctx);
        apply(user.data(), thread_id, &WriteOp::AddItem(item.clone()))
    }

    async fn save_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError> {
        let mut user = self.user(ctx);
        apply(user.data(), thread_id, &WriteOp::SaveItem(item.clone()))
    }

    async fn load_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<ThreadItem, StoreError> {
        let mut user = self.user(ctx);
        let items = user.data().items_of(thread_id)?;
        items
            .iter()
            .find(|i| i.id == item_id)
            .cloned()
            .ok_or_else(|| StoreError::item_not_found(item_id))
    }

    async fn delete_thread_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<(), StoreError> {
        let mut user = self.user(ctx);
        apply(
            user.data(),
            thread_id,
            &WriteOp::DeleteItem(item_id.to_owned()),
        )
    }

    async fn save_feedback(
        &self,
        thread_id: &str,
        item_ids: &[String],
        kind: FeedbackKind,
        ctx: &C,
    ) -> Result<(), StoreError> {
        let mut user = self.user(ctx);
        let data = user.data();
        let items = data.items_of(thread_id)?;
        if let Some(missing) = item_ids
            .iter()
            .find(|id| !items.iter().any(|i| &i.id == *id))
        {
            return Err(StoreError::item_not_found(missing));
        }
        for id in item_ids {
            data.feedback
                .insert((thread_id.to_owned(), id.clone()), kind);
        }
        Ok(())
    }

    async fn load_feedback(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<Option<FeedbackKind>, StoreError> {
        let mut user = self.user(ctx);
        let data = user.data();
        if !data.items_of(thread_id)?.iter().any(|i| i.id == item_id) {
            return Err(StoreError::item_not_found(item_id));
        }
        Ok(data
            .feedback
            .get(&(thread_id.to_owned(), item_id.to_owned()))
            .copied())
    }

    async fn save_attachment(&self, attachment: &Attachment, ctx: &C) -> Result<(), StoreError> {
        let mut user = self.user(ctx);
        apply(
            user.data(),
            "",
            &WriteOp::SaveAttachment(attachment.clone()),
        )
    }

    async fn load_attachment(
        &self,
        attachment_id: &str,
        ctx: &C,
    ) -> Result<Attachment, StoreError> {
        let mut user = self.user(ctx);
        user.data()
            .attachments
            .get(attachment_id)
            .cloned()
            .ok_or_else(|| StoreError::attachment_not_found(attachment_id))
    }

    async fn delete_attachment(&self, attachment_id: &str, ctx: &C) -> Result<(), StoreError> {
        let mut user = self.user(ctx);
        user.data().attachments.remove(attachment_id);
        Ok(())
    }

    async fn write_batch(
        &self,
        thread_id: &str,
        ops: &[WriteOp],
        ctx: &C,
    ) -> Result<(), StoreError> {
        if ops.is_empty() {
            return Ok(());
        }
        let mut user = self.user(ctx);
        let data = user.data();
        // Only what the batch can touch is kept for a rollback (one thread's rows), never a
        // copy of all the user's data.
        let undo = Undo::of(data, thread_id, ops);
        let result = ops.iter().try_for_each(|op| apply(data, thread_id, op));
        if result.is_err() {
            undo.restore(data);
        }
        result
    }
}

/// What a batch's writes replace, to put back if one of them fails.
struct Undo {
    threads: Vec<(String, Option<ThreadMetadata>)>,
    items: Option<(String, Option<Vec<ThreadItem>>)>,
    feedback: Vec<((String, String), Option<FeedbackKind>)>,
    attachments: Vec<(String, Option<Attachment>)>,
}

impl Undo {
    fn of(data: &UserData, thread_id: &str, ops: &[WriteOp]) -> Undo {
        let mut undo = Undo {
            threads: Vec::new(),
            // The thread's items only when the batch writes items.
            items: ops
                .iter()
                .any(|op| {
                    matches!(
                        op,
                        WriteOp::AddItem(_) | WriteOp::SaveItem(_) | WriteOp::DeleteItem(_)
                    )
                })
                .then(|| (thread_id.to_owned(), data.items.get(thread_id).cloned())),
            feedback: Vec::new(),
            attachments: Vec::new(),
        };
        for op in ops {
            match op {
                WriteOp::SaveThread(thread) => undo
                    .threads
                    .push((thread.id.clone(), data.threads.get(&thread.id).cloned())),
                WriteOp::DeleteItem(id) => {
                    let key = (thread_id.to_owned(), id.clone());
                    let before = data.feedback.get(&key).copied();
                    undo.feedback.push((key, before));
                }
                WriteOp::SaveAttachment(attachment) => undo.attachments.push((
                    attachment.id.clone(),
                    data.attachments.get(&attachment.id).cloned(),
                )),
                WriteOp::AddItem(_) | WriteOp::SaveItem(_) => {}
            }
        }
        undo
    }

    fn restore(self, data: &mut UserData) {
        // Newest first, so a value written twice ends as it was before the first write.
        for (id, before) in self.threads.into_iter().rev() {
            match before {
                // Replacing keeps the thread's place in the order.
                Some(thread) => {
                    data.threads.insert(id, thread);
                }
                None => {
                    data.threads.shift_remove(&id);
                }
            }
        }
        if let Some((thread_id, items)) = self.items {
            put_back(&mut data.items, thread_id, items);
        }
        for (key, before) in self.feedback.into_iter().rev() {
            put_back(&mut data.feedback, key, before);
        }
        for (id, before) in self.attachments.into_iter().rev() {
            put_back(&mut data.attachments, id, before);
        }
    }
}

/// Sets `key` back to `before` (removing it when it was absent).
fn put_back<K: std::hash::Hash + Eq, V>(map: &mut HashMap<K, V>, key: K, before: Option<V>) {
    match before {
        Some(value) => {
            map.insert(key, value);
        }
        None => {
            map.remove(&key);
        }
    }
}

/// Appends an item; a short thread's list grows one slot at a time (a `Vec` would jump to four
/// ~270-byte slots at the first item, and most threads held at once are short).
fn push(items: &mut Vec<ThreadItem>, item: ThreadItem) {
    if items.len() < 4 {
        items.reserve_exact(1);
    }
    items.push(item);
}

/// One write, on data already locked.
fn apply(data: &mut UserData, thread_id: &str, op: &WriteOp) -> Result<(), StoreError> {
    match op {
        WriteOp::SaveThread(thread) => {
            // Insertion keeps a thread's first position: order stays creation order.
            data.threads.insert(thread.id.clone(), thread.clone());
        }
        WriteOp::AddItem(item) => {
            let items = data.items_of(thread_id)?;
            if items.iter().any(|i| i.id == item.id) {
                return Err(StoreError::Conflict {
                    what: "item",
                    id: item.id.clone(),
                });
            }
            push(items, item.clone());
        }
        WriteOp::SaveItem(item) => {
            let items = data.items_of(thread_id)?;
            match items.iter_mut().find(|i| i.id == item.id) {
                Some(existing) => *existing = item.clone(),
                None => push(items, item.clone()),
            }
        }
        WriteOp::DeleteItem(id) => {
            data.items_of(thread_id)?.retain(|i| &i.id != id);
            data.feedback.remove(&(thread_id.to_owned(), id.clone()));
        }
        WriteOp::SaveAttachment(attachment) => {
            data.attachments
                .insert(attachment.id.clone(), attachment.clone());
        }
    }
    Ok(())
}
