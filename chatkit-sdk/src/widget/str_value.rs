//! [`Str`]: the text of a widget prop, either a literal kept for the program's life or an owned
//! `String`.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::WriteJson;
use super::write_json::write_str;

/// The text of a widget prop (`label`, `value`, `src`, a color or size name…).
///
/// It holds a `&'static str` as it is, so `widget!` markup (`<Button label="Open" />`) and
/// [`Str::from_static`] cost no allocation, and takes a `String` over without copying. Anything
/// else that reads as text converts into it (`&str`, `&String`, a borrowed `Cow` are copied), so
/// setters accept what they did when the field was a `String`. It reads as a `&str` (`Deref`),
/// compares with `str`/`String`, and is a plain JSON string on the wire and in the schema.
///
/// ```
/// use chatkit_sdk::widget::{Str, Title};
///
/// let fixed = Title::new(Str::from_static("Places"));
/// let counted = Title::new(format!("{} places", 3));
/// assert_eq!(fixed.value, "Places");
/// assert!(counted.value.ends_with(" places"));
/// assert_eq!(serde_json::to_string(&fixed.value)?, "\"Places\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Str(Cow<'static, str>);

impl Str {
    /// A literal, kept without copying.
    pub const fn from_static(text: &'static str) -> Self {
        Str(Cow::Borrowed(text))
    }

    /// The literal this was made from, if it was one (`None` for an owned text).
    pub fn as_static(&self) -> Option<&'static str> {
        match self.0 {
            Cow::Borrowed(text) => Some(text),
            Cow::Owned(_) => None,
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as a `String` to change in place (a literal is copied into one first).
    pub fn to_mut(&mut self) -> &mut String {
        self.0.to_mut()
    }

    /// The text as an owned `String` (copied only if it was a literal).
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As `str` does, so width, fill and alignment apply (`{:>10}`).
        fmt::Display::fmt(self.as_str(), f)
    }
}

/// Owned text is taken over, anything else copied: what `String::from` does with it.
macro_rules! from_string_source {
    ($($source:ty),*) => {$(
        impl From<$source> for Str {
            fn from(text: $source) -> Self {
                Str(Cow::Owned(String::from(text)))
            }
        }
    )*};
}

from_string_source!(
    String,
    &str,
    &String,
    &mut str,
    Box<str>,
    Cow<'_, str>,
    char
);

/// Another `Str` is cloned: a literal stays borrowed.
impl From<&Str> for Str {
    fn from(text: &Str) -> Self {
        text.clone()
    }
}

impl From<Str> for String {
    fn from(text: Str) -> Self {
        text.into_string()
    }
}

impl From<Str> for serde_json::Value {
    fn from(text: Str) -> Self {
        serde_json::Value::String(text.into_string())
    }
}

/// `Str` compares with the text types both ways, by its text.
macro_rules! eq_as_str {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Str {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == &other[..]
            }
        }

        impl PartialEq<Str> for $other {
            fn eq(&self, other: &Str) -> bool {
                &self[..] == other.as_str()
            }
        }
    )*};
}

eq_as_str!(str, &str, String);

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Str::from)
    }
}

impl JsonSchema for Str {
    fn inline_schema() -> bool {
        String::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

impl WriteJson for Str {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        write_str(&self.0, out)
    }
}

crate::wire::required_prop!(Str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_borrowed_and_strings_taken_over() {
        assert_eq!(Str::from_static("a").as_static(), Some("a"));
        assert_eq!(Str::from("a").as_static(), None);
        let owned = String::from("b");
        let pointer = owned.as_ptr();
        let text = Str::from(owned);
        assert_eq!(text.as_ptr(), pointer, "the String was copied");
        let back = String::from(text);
        assert_eq!(back.as_ptr(), pointer);
    }

    #[test]
    fn reads_compares_and_round_trips_as_a_string() -> Result<(), serde_json::Error> {
        let text = Str::from("ß \"q\"");
        assert_eq!(text, "ß \"q\"");
        assert_eq!("ß \"q\"", text);
        assert_eq!(text, String::from("ß \"q\""));
        assert_eq!(format!("{text}|{text:?}"), "ß \"q\"|\"ß \\\"q\\\"\"");
        assert_eq!(format!("[{:>8}]", Str::from_static("ab")), "[      ab]");
        let json = serde_json::to_string(&text)?;
        assert_eq!(json, serde_json::to_string("ß \"q\"")?);
        let mut written = Vec::new();
        text.write_json(&mut written)?;
        assert_eq!(written, json.as_bytes());
        assert_eq!(serde_json::from_str::<Str>(&json)?, text);
        Ok(())
    }

    #[test]
    fn converts_from_what_a_string_field_took() {
        let mut buffer = String::from("mut");
        let from_mut: Str = buffer.as_mut_str().into();
        let lossy: Str = String::from_utf8_lossy(b"bytes").into();
        let owned_cow = std::borrow::Cow::<str>::Owned(String::from("cow"));
        let pointer = owned_cow.as_ptr();
        let taken: Str = owned_cow.into();
        let other = Str::from_static("other");
        let copied: Str = (&other).into();
        assert_eq!((&*from_mut, &*lossy, &*taken), ("mut", "bytes", "cow"));
        assert_eq!(taken.as_ptr(), pointer, "an owned Cow was copied");
        assert_eq!(copied.as_static(), Some("other"));
    }

    #[test]
    fn to_mut_appends_in_place() {
        let mut text = Str::from_static("Hel");
        text.to_mut().push_str("lo");
        assert_eq!(text, "Hello");
        assert_eq!(text.as_static(), None);
    }
}
