//! Sessions: a signed (HMAC) cookie `chatkit_session` carrying a random user id. A missing or
//! tampered cookie starts a new user; every thread belongs to the cookie's user.

use axum_extra::extract::cookie::{Cookie, Key, SameSite, SignedCookieJar};

/// The cookie name.
pub const COOKIE: &str = "chatkit_session";

/// How long a session lasts.
pub const MAX_AGE_DAYS: i64 = 30;

/// Signs and checks session cookies.
#[derive(Clone)]
pub struct Sessions {
    key: Key,
    secure: bool,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions")
            .field("secure", &self.secure)
            .finish_non_exhaustive()
    }
}

impl Sessions {
    /// Sessions signed with a key derived from `secret` (≥ 32 bytes), or a random key (sessions
    /// then end with the process). `secure` sets the cookie's `Secure` flag (production).
    pub fn new(secret: Option<&str>, secure: bool) -> Self {
        let key = match secret {
            Some(secret) if secret.len() >= 32 => Key::derive_from(secret.as_bytes()),
            _ => Key::generate(),
        };
        Sessions { key, secure }
    }

    /// The signing key (for the cookie jar).
    pub fn key(&self) -> Key {
        self.key.clone()
    }

    /// The user of a request, and the jar to send back (with a new cookie for a new user).
    pub fn user(&self, jar: SignedCookieJar) -> (String, SignedCookieJar) {
        if let Some(cookie) = jar.get(COOKIE) {
            let user = cookie.value().to_owned();
            if !user.is_empty() {
                return (user, jar);
            }
        }
        let user = format!("user_{}", uuid::Uuid::new_v4().simple());
        let cookie = Cookie::build((COOKIE, user.clone()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .max_age(cookie_duration())
            .build();
        (user, jar.add(cookie))
    }
}

fn cookie_duration() -> time::Duration {
    time::Duration::days(MAX_AGE_DAYS)
}
