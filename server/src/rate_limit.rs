//! Rate limits on ChatKit requests, per session and per client address (the `governor`
//! crate's keyed limiters: a steady rate with a burst of three seconds' worth). A request over
//! either gets a 429 JSON error with `Retry-After`.
//!
//! Loopback clients (tests, benchmarks, a reverse proxy on the same host) are not limited
//! unless `CHATKIT_RATE_LIMIT_LOOPBACK` is set; behind a proxy, `CHATKIT_TRUST_FORWARDED_FOR`
//! keys the address limit by the first `X-Forwarded-For` address instead (only set it when
//! the proxy is the only way in: clients can write that header themselves).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::http::HeaderMap;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// How often (in checks) keys that have been quiet long enough are forgotten.
const PURGE_EVERY: u64 = 4096;

/// The settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateSettings {
    /// Requests per second per session (0: no limit).
    pub per_session: u32,
    /// Requests per second per client address (0: no limit).
    pub per_address: u32,
    /// Loopback clients are limited too.
    pub loopback: bool,
    /// The address is the first of `X-Forwarded-For` when there is one.
    pub trust_forwarded_for: bool,
}

impl Default for RateSettings {
    fn default() -> Self {
        RateSettings {
            per_session: 20,
            per_address: 60,
            loopback: false,
            trust_forwarded_for: false,
        }
    }
}

/// The limiters.
pub struct RateLimits {
    settings: RateSettings,
    sessions: Option<DefaultKeyedRateLimiter<String>>,
    addresses: Option<DefaultKeyedRateLimiter<IpAddr>>,
    checks: AtomicU64,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

fn limiter<K: std::hash::Hash + Eq + Clone>(per_second: u32) -> Option<DefaultKeyedRateLimiter<K>> {
    let rate = NonZeroU32::new(per_second)?;
    let burst = NonZeroU32::new(per_second.saturating_mul(3)).unwrap_or(rate);
    Some(RateLimiter::keyed(
        Quota::per_second(rate).allow_burst(burst),
    ))
}

impl RateLimits {
    /// Limiters for the settings.
    pub fn new(settings: RateSettings) -> Self {
        RateLimits {
            settings,
            sessions: limiter(settings.per_session),
            addresses: limiter(settings.per_address),
            checks: AtomicU64::new(0),
        }
    }

    /// The client's address: the peer, or the first `X-Forwarded-For` entry when trusted.
    fn address(&self, peer: Option<SocketAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        if self.settings.trust_forwarded_for
            && let Some(forwarded) = headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(|v| v.trim().parse().ok())
        {
            return Some(forwarded);
        }
        peer.map(|p| p.ip())
    }

    /// Counts a request of `session` from `peer`; `Err(wait)` when it is over a limit.
    pub fn check(
        &self,
        session: &str,
        peer: Option<SocketAddr>,
        headers: &HeaderMap,
    ) -> Result<(), Duration> {
        let address = self.address(peer, headers);
        if !self.settings.loopback && address.is_none_or(|a| a.is_loopback()) {
            return Ok(());
        }
        if self.checks.fetch_add(1, Ordering::Relaxed) % PURGE_EVERY == PURGE_EVERY - 1 {
            self.purge();
        }
        let now = DefaultClock::default().now();
        if let (Some(limiter), Some(address)) = (&self.addresses, address)
            && let Err(not_until) = limiter.check_key(&address)
        {
            return Err(not_until.wait_time_from(now));
        }
        if let Some(limiter) = &self.sessions
            && let Err(not_until) = limiter.check_key(&session.to_owned())
        {
            return Err(not_until.wait_time_from(now));
        }
        Ok(())
    }

    /// Forgets the keys whose limits are back to full.
    fn purge(&self) {
        if let Some(limiter) = &self.sessions {
            limiter.retain_recent();
        }
        if let Some(limiter) = &self.addresses {
            limiter.retain_recent();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(ip: &str) -> Option<SocketAddr> {
        format!("{ip}:5000").parse().ok()
    }

    #[test]
    fn a_burst_passes_then_the_session_waits() {
        let limits = RateLimits::new(RateSettings {
            per_session: 2,
            per_address: 0,
            ..RateSettings::default()
        });
        let headers = HeaderMap::new();
        for _ in 0..6 {
            assert_eq!(limits.check("alice", peer("203.0.113.9"), &headers), Ok(()));
        }
        let wait = limits.check("alice", peer("203.0.113.9"), &headers).err();
        assert!(
            wait.is_some_and(|w| w > Duration::ZERO && w <= Duration::from_secs(1)),
            "{wait:?}"
        );
        assert_eq!(
            limits.check("bob", peer("203.0.113.9"), &headers),
            Ok(()),
            "per session"
        );
        // Loopback is not limited by default.
        for _ in 0..20 {
            assert_eq!(limits.check("alice", peer("127.0.0.1"), &headers), Ok(()));
        }
    }

    #[test]
    fn the_address_limit_holds_across_sessions_and_may_follow_the_proxy() {
        let limits = RateLimits::new(RateSettings {
            per_session: 0,
            per_address: 1,
            trust_forwarded_for: true,
            ..RateSettings::default()
        });
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            axum::http::HeaderValue::from_static("198.51.100.7, 10.0.0.1"),
        );
        let results: Vec<bool> = (0..4)
            .map(|n| {
                limits
                    .check(&format!("s{n}"), peer("127.0.0.1"), &headers)
                    .is_ok()
            })
            .collect();
        assert_eq!(
            results,
            [true, true, true, false],
            "a burst of 3, whatever the session"
        );
    }
}
