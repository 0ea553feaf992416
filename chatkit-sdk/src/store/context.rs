//! The per-request context that reaches every store and handler call.

/// What a store needs from the request context: whose data this is.
pub trait StoreContext: Send + Sync {
    /// The user every query is scoped to.
    fn user_id(&self) -> &str;
}

/// A ready-made context: the user id, plus whatever the integrator adds in `data`.
///
/// ```
/// use chatkit_sdk::store::{RequestContext, StoreContext};
/// let ctx = RequestContext::new("user_1").with_data(42u32);
/// assert_eq!(ctx.user_id(), "user_1");
/// assert_eq!(ctx.data, 42);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestContext<T = ()> {
    /// The user.
    pub user_id: String,
    /// Integrator data.
    pub data: T,
    /// The user's language (a BCP 47 tag such as `fr-CA`), when the request said it.
    pub locale: Option<String>,
}

impl RequestContext {
    /// A context for a user, with no extra data.
    pub fn new(user_id: impl Into<String>) -> Self {
        RequestContext {
            user_id: user_id.into(),
            data: (),
            locale: None,
        }
    }
}

impl<T> RequestContext<T> {
    /// The same user with other data.
    pub fn with_data<U>(self, data: U) -> RequestContext<U> {
        RequestContext {
            user_id: self.user_id,
            data,
            locale: self.locale,
        }
    }

    /// The same context with the user's language.
    pub fn with_locale(mut self, locale: Option<String>) -> Self {
        self.locale = locale;
        self
    }
}

impl<T: Send + Sync> StoreContext for RequestContext<T> {
    fn user_id(&self) -> &str {
        &self.user_id
    }
}
