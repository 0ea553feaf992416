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

/// Fixed-width decimal fields written into a stack buffer (no allocation, no format parsing).
struct Digits {
    bytes: [u8; 32],
    len: usize,
}

impl Digits {
    fn new() -> Self {
        Digits {
            bytes: [0; 32],
            len: 0,
        }
    }

    /// `value` as exactly `width` digits (zero-padded), after `separator` when there is one.
    fn push(&mut self, separator: Option<u8>, value: u32, width: u32) -> &mut Self {
        if let Some(byte) = separator {
            self.bytes[self.len] = byte;
            self.len += 1;
        }
        for k in 0..width {
            let digit = value / 10u32.pow(width - 1 - k) % 10;
            self.bytes[self.len] = b'0' + digit as u8;
            self.len += 1;
        }
        self
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits and separators were written.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Display for Timestamp {
    // Written field by field: this runs for every item of every listing and stream, and chrono's
    // `format("%Y…")` parses its format string on each call (~10% of a listing's server CPU).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (date, time) = (self.local.date(), self.local.time());
        let micros = self.local.nanosecond() / 1_000;
        let year = match u32::try_from(date.year()) {
            Ok(year) if year <= 9999 && micros < 1_000_000 => year,
            // Not a Python datetime (a far year or a leap second, only ever built from chrono):
            // chrono's own form.
            _ => return write!(f, "{}", self.local.format("%Y-%m-%dT%H:%M:%S%.6f")),
        };
        let mut text = Digits::new();
        text.push(None, year, 4)
            .push(Some(b'-'), date.month(), 2)
            .push(Some(b'-'), date.day(), 2)
            .push(Some(b'T'), time.hour(), 2)
            .push(Some(b':'), time.minute(), 2)
            .push(Some(b':'), time.second(), 2);
        if micros != 0 {
            text.push(Some(b'.'), micros, 6);
        }
        f.write_str(text.as_str())?;
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
        if let Some(naive) = naive_fast(s) {
            return Ok(Self::naive(naive));
        }
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

/// The form the Python SDK writes, `YYYY-MM-DDTHH:MM:SS[.f…]` (1 to 9 fraction digits), read
/// without chrono's format-string parser; anything else (or an impossible date) is `None` and
/// goes the general way.
fn naive_fast(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if b.len() < 19 || separators.iter().any(|&(at, c)| b[at] != c) {
        return None;
    }
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            number(20..b.len())? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?;
    let time = chrono::NaiveTime::from_hms_nano_opt(
        number(11..13)?,
        number(14..16)?,
        number(17..19)?,
        nanos,
    )?;
    Some(date.and_time(time))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// chrono's general parser, the one the fast path stands in for.
    fn general(s: &str) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").ok()
    }

    #[test]
    fn the_fast_naive_reader_agrees_with_chrono() {
        let mut inputs = vec![
            "2026-11-23T20:26:46.126713".to_owned(),
            "2025-01-01T12:00:00".to_owned(),
            "2025-01-01T12:00:00.5".to_owned(),
            "2025-01-01T12:00:00.123456789".to_owned(),
            "0001-01-01T00:00:00".to_owned(),
            "9999-12-31T23:59:59.999999".to_owned(),
            "2024-02-29T00:00:00".to_owned(),
        ];
        // Impossible or malformed: the fast reader must say "not mine", never a wrong value.
        inputs.extend(
            [
                "2023-02-29T00:00:00",
                "2025-13-01T00:00:00",
                "2025-01-32T00:00:00",
                "2025-01-01T24:00:00",
                "2025-01-01T12:60:00",
                "2025-01-01T12:00:60",
                "2025-01-01T12:00:00.",
                "2025-01-01T12:00:00.1234567890",
                "2025-01-01T12:00:00Z",
                "2025-01-01T12:00:0a",
                "2025-1-01T12:00:00",
                "2025-01-01 12:00:00",
                "+2025-01-01T12:00:00",
                "2025-01-01T12:00",
            ]
            .map(str::to_owned),
        );
        for month in 1..=12 {
            for day in [1, 28, 29, 30, 31] {
                inputs.push(format!("2023-{month:02}-{day:02}T07:08:09.{month}{day}"));
            }
        }
        for input in &inputs {
            if let Some(fast) = naive_fast(input) {
                assert_eq!(Some(fast), general(input), "{input}");
            }
        }
        // And it does take the common forms.
        for input in ["2026-11-23T20:26:46.126713", "2025-01-01T12:00:00"] {
            assert!(naive_fast(input).is_some(), "{input}");
        }
    }

    #[test]
    fn display_matches_the_chrono_form_for_every_field_width() {
        let local = NaiveDate::from_ymd_opt(7, 3, 4)
            .and_then(|d| d.and_hms_micro_opt(5, 6, 7, 89))
            .unwrap_or_default();
        assert_eq!(
            Timestamp::naive(local).to_string(),
            "0007-03-04T05:06:07.000089"
        );
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .unwrap_or_default();
        assert_eq!(
            Timestamp::naive(leap).to_string(),
            "2016-12-31T23:59:60.500000"
        );
    }
}
