//! Cross-site request forgery: the session cookie is `SameSite=Lax`, which still lets any page
//! of the same *site* (another port, a sibling subdomain) post with it, and a `text/plain`
//! form post needs no CORS preflight. So a ChatKit request is refused (403, JSON) unless:
//!
//! - its `Content-Type` is `application/json` (a form or `text/plain` post cannot send that
//!   without a preflight, which CORS then refuses);
//! - its `Origin`, when a browser sends one, is this server (`Origin`'s host and port are the
//!   request's `Host`) or one of `CORS_ALLOWED_ORIGINS`;
//! - its `Sec-Fetch-Site` is not `cross-site`, unless its `Origin` is allowed by CORS.
//!
//! Requests without `Origin` and `Sec-Fetch-*` (curl, server-to-server) are not from a browser
//! page and pass; the official ChatKit page and the console send same-origin JSON.

use axum::http::{HeaderMap, header};

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not `application/json`.
    ContentType,
    /// From a page of another origin.
    Origin,
    /// The browser says it comes from another site.
    CrossSite,
}

impl Refusal {
    /// What the client reads.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::ContentType => "ChatKit requests must be sent as application/json.",
            Refusal::Origin => {
                "This request comes from a page of another origin, which is not allowed to use this server (see CORS_ALLOWED_ORIGINS)."
            }
            Refusal::CrossSite => {
                "This request comes from another site, which is not allowed to use this server (see CORS_ALLOWED_ORIGINS)."
            }
        }
    }
}

/// Checks a ChatKit request's headers; `allowed` are the CORS origins.
pub fn check(headers: &HeaderMap, allowed: &[String]) -> Result<(), Refusal> {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let json = text(header::CONTENT_TYPE).is_some_and(|t| {
        t.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json {
        return Err(Refusal::ContentType);
    }
    let origin = text(header::ORIGIN);
    let listed = origin.is_some_and(|o| allowed.iter().any(|a| a.trim_end_matches('/') == o));
    if let Some(origin) = origin
        && !listed
    {
        // `null` (sandboxed frames, file pages) is never ours.
        let authority = origin.split_once("://").map(|(_, rest)| rest);
        let host = text(header::HOST);
        if authority.is_none() || authority != host {
            return Err(Refusal::Origin);
        }
    }
    if text(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") && !listed {
        return Err(Refusal::CrossSite);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(value) {
                map.insert(*name, value);
            }
        }
        map
    }

    const JSON: (&str, &str) = ("content-type", "application/json");
    const HOST: (&str, &str) = ("host", "chat.example.com:8004");

    #[test]
    fn the_matrix() {
        let allowed = vec!["https://app.example.com".to_owned()];
        type Case<'a> = (&'a [(&'static str, &'a str)], Result<(), Refusal>);
        let cases: &[Case] = &[
            // Same-origin JSON from the official page or the console.
            (
                &[
                    JSON,
                    HOST,
                    ("origin", "http://chat.example.com:8004"),
                    ("sec-fetch-site", "same-origin"),
                ],
                Ok(()),
            ),
            (
                &[("content-type", "application/json; charset=utf-8"), HOST],
                Ok(()),
            ),
            // No browser at all (curl, a backend).
            (&[JSON], Ok(())),
            // An allowed cross-origin front end.
            (
                &[
                    JSON,
                    HOST,
                    ("origin", "https://app.example.com"),
                    ("sec-fetch-site", "cross-site"),
                ],
                Ok(()),
            ),
            // A form or text/plain post: no preflight, refused.
            (
                &[("content-type", "text/plain"), HOST],
                Err(Refusal::ContentType),
            ),
            (
                &[("content-type", "application/x-www-form-urlencoded"), HOST],
                Err(Refusal::ContentType),
            ),
            (&[HOST], Err(Refusal::ContentType)),
            // Another port or a sibling subdomain: same site, other origin.
            (
                &[
                    JSON,
                    HOST,
                    ("origin", "http://chat.example.com:9000"),
                    ("sec-fetch-site", "same-site"),
                ],
                Err(Refusal::Origin),
            ),
            (
                &[
                    JSON,
                    HOST,
                    ("origin", "http://evil.example.com"),
                    ("sec-fetch-site", "same-site"),
                ],
                Err(Refusal::Origin),
            ),
            (&[JSON, HOST, ("origin", "null")], Err(Refusal::Origin)),
            // The browser says cross-site, whatever the origin claims.
            (
                &[JSON, HOST, ("sec-fetch-site", "cross-site")],
                Err(Refusal::CrossSite),
            ),
        ];
        for (pairs, expected) in cases {
            assert_eq!(check(&headers(pairs), &allowed), *expected, "{pairs:?}");
        }
    }
}
