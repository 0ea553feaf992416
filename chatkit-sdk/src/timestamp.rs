//! `created_at` and the other datetimes of the protocol.
//!
//! The Python SDK stamps everything with naive local `datetime.now()`, so on the wire a
//! timestamp is ISO-8601 **without an offset**, with microseconds, and with the fraction left out
//! when it is zero: `2026-11-23T20:26:46.126713`, `2025-01-01T12:00:00`. Timezone-aware values
//! come out as `…Z` or `…+02:00`. We read all of these (plus a bare date, which pydantic reads as
//! midnight) and write each back in the form it came in, so a load/save round trip is exact.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, FixedOffset, Local, NaiveDate, NaiveDateTime, SubsecRound, Timelike,
};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A protocol datetime: a wall-clock time with microsecond precision and an optional UTC offset.
///
/// ```
/// use chatkit_sdk::Timestamp;
///
/// let t: Timestamp = "2026-11-23T20:26:46.126713".parse()?;
/// assert_eq!(t.to_string(), "2026-11-23T20:26:46.126713");
/// assert!(t.offset().is_none());
///
/// // Aware forms are accepted and kept.
/// let z: Timestamp = "2025-01-01T12:00:00Z".parse()?;
/// assert_eq!(z.to_string(), "2025-01-01T12:00:00Z");
/// # Ok::<(), chatkit_sdk::TimestampError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
}

/// A string that is not a datetime the protocol accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid datetime `{input}`: expected ISO-8601 like 2026-11-23T20:26:46.126713")]
pub struct TimestampError {
    input: String,
}

impl Timestamp {
    /// The current local time, naive, truncated to microseconds: what the Python SDK writes.
    pub fn now() -> Self {
        Self::naive(Local::now().naive_local())
    }

    /// A naive (offset-less) timestamp, truncated to microseconds.
    pub fn naive(local: NaiveDateTime) -> Self {
        Timestamp {
            local: local.trunc_subsecs(6),
            offset: None,
        }
    }

    /// A timestamp with a UTC offset, truncated to microseconds.
    pub fn with_offset(at: DateTime<FixedOffset>) -> Self {
        Timestamp {
            local: at.naive_local().trunc_subsecs(6),
            offset: Some(*at.offset()),
        }
    }

    /// The wall-clock part.
    pub fn naive_local(&self) -> NaiveDateTime {
        self.local
    }

    /// The UTC offset, when the timestamp carries one.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset
    }

    /// The instant used for ordering: naive values are taken as UTC.
    fn instant(&self) -> NaiveDateTime {
        match self.offset {
            Some(offset) => self.local - offset,
            None => self.local,
        }
    }
}

impl Default for Timestamp {
    fn default() -> Self {
        Self::now()
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant()
            .cmp(&other.instant())
            .then_with(|| self.local.cmp(&other.local))
            .then_with(|| {
                let seconds = |t: &Self| t.offset.map(|o| o.local_minus_utc());
                seconds(self).cmp(&seconds(other))
            })
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.local.format("%Y-%m-%dT%H:%M:%S"))?;
        let micros = self.local.nanosecond() / 1_000;
        if micros != 0 {
            write!(f, ".{micros:06}")?;
        }
        match self.offset {
            None => Ok(()),
            Some(offset) if offset.local_minus_utc() == 0 => f.write_str("Z"),
            Some(offset) => {
                let secs = offset.local_minus_utc();
                let sign = if secs < 0 { '-' } else { '+' };
                let secs = secs.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", secs / 3600, (secs % 3600) / 60)?;
                if secs % 60 != 0 {
                    write!(f, ":{:02}", secs % 60)?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let parsed = Self::parse_any(input)?;
        // Python's datetime has no leap seconds and only years 1 to 9999.
        let year = parsed.local.year();
        if parsed.local.nanosecond() >= 1_000_000_000 || !(1..=9999).contains(&year) {
            return Err(TimestampError {
                input: input.to_owned(),
            });
        }
        Ok(parsed)
    }
}

impl Timestamp {
    fn parse_any(input: &str) -> Result<Self, TimestampError> {
        let s = input.trim();
        // Python's isoformat accepts a space as well as `T` between date and time.
        let normalized: Cow<'_, str> = match s.as_bytes().get(10) {
            Some(b' ') => Cow::Owned(format!("{}T{}", &s[..10], &s[11..])),
            _ => Cow::Borrowed(s),
        };
        let s = normalized.as_ref();
        if let Ok(aware) = DateTime::parse_from_rfc3339(s) {
            return Ok(Self::with_offset(aware));
        }
        for format in ["%Y-%m-%dT%H:%M:%S%.f%:z", "%Y-%m-%dT%H:%M%:z"] {
            if let Ok(aware) = DateTime::parse_from_str(s, format) {
                return Ok(Self::with_offset(aware));
            }
        }
        for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(s, format) {
                return Ok(Self::naive(naive));
            }
        }
        if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Self::naive(date.and_time(chrono::NaiveTime::MIN)));
        }
        Err(TimestampError {
            input: input.to_owned(),
        })
    }
}

impl From<NaiveDateTime> for Timestamp {
    fn from(local: NaiveDateTime) -> Self {
        Self::naive(local)
    }
}

impl From<DateTime<FixedOffset>> for Timestamp {
    fn from(at: DateTime<FixedOffset>) -> Self {
        Self::with_offset(at)
    }
}

impl From<DateTime<chrono::Utc>> for Timestamp {
    fn from(at: DateTime<chrono::Utc>) -> Self {
        Self::with_offset(at.fixed_offset())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Cow::<'de, str>::deserialize(deserializer)?;
        raw.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Timestamp")
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date-time" })
    }
}
