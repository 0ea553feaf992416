//! Small serde building blocks shared by the protocol types.
//!
//! * [`TypeTag`] writes a struct's fixed `"type"` discriminator at the exact position the
//!   Python reference puts it (ChatKit writes base-class fields first, so `type` is often not the
//!   first key, e.g. `key, id, type, …` for widgets).
//! * [`Prop`] powers the generated widget setters and decides which fields are omitted: a
//!   `None` prop is left out, every other value (including empty lists) is always written.
//! * [`OneOrMany`] accepts `x` or `[x, …]` where Python accepts both.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// A type whose JSON form carries a fixed `"type"` value.
pub trait Tagged {
    /// The `"type"` string on the wire.
    const TAG: &'static str;
}

/// Zero-sized marker for a fixed `"type"` field of `T`.
///
/// It serializes as `T::TAG`; on input it accepts exactly that string. Inside a union the
/// union has already consumed the `type` key, so the field is `#[serde(default)]`.
pub struct TypeTag<T: ?Sized>(PhantomData<fn() -> T>);

impl<T: ?Sized> TypeTag<T> {
    /// The marker value.
    pub const fn new() -> Self {
        TypeTag(PhantomData)
    }
}

impl<T: ?Sized> Default for TypeTag<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: ?Sized> Clone for TypeTag<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for TypeTag<T> {}

impl<T: ?Sized> PartialEq for TypeTag<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T: ?Sized> Eq for TypeTag<T> {}

impl<T: ?Sized + Tagged> fmt::Debug for TypeTag<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", T::TAG)
    }
}

impl<T: ?Sized + Tagged> Serialize for TypeTag<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(T::TAG)
    }
}

impl<'de, T: ?Sized + Tagged> Deserialize<'de> for TypeTag<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Cow::<'de, str>::deserialize(deserializer)?;
        if value == T::TAG {
            Ok(Self::new())
        } else {
            Err(de::Error::invalid_value(
                de::Unexpected::Str(&value),
                &format!("\"{}\"", T::TAG).as_str(),
            ))
        }
    }
}

impl<T: ?Sized + Tagged> JsonSchema for TypeTag<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(format!("{}Tag", T::TAG))
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "const": T::TAG })
    }
}

/// How a struct field behaves as a widget prop: what its setter takes and whether it is
/// written. Optional props (`Option<T>`) take a `T` and are omitted while `None`; required props
/// take their own type and are always written.
pub trait Prop {
    /// What the builder setter accepts (through `Into`).
    type Value;
    /// Whether the prop may be left out (`Option`s).
    const OPTIONAL: bool = false;
    /// Wraps a setter argument into the field's type.
    fn from_value(value: Self::Value) -> Self;
    /// `true` when the field is left out of the JSON output.
    fn is_unset(&self) -> bool;
}

impl<T> Prop for Option<T> {
    type Value = T;
    const OPTIONAL: bool = true;
    fn from_value(value: T) -> Self {
        Some(value)
    }
    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

macro_rules! required_prop {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::wire::Prop for $ty {
            type Value = Self;
            fn from_value(value: Self) -> Self {
                value
            }
            fn is_unset(&self) -> bool {
                false
            }
        }
    )*};
}

required_prop!(String, serde_json::Value, serde_json::Number);

impl<T> Prop for Vec<T> {
    type Value = Self;
    fn from_value(value: Self) -> Self {
        value
    }
    fn is_unset(&self) -> bool {
        false
    }
}

pub(crate) use required_prop;

/// `skip_serializing_if` helper: see [`Prop::is_unset`].
pub(crate) fn is_unset<P: Prop>(prop: &P) -> bool {
    prop.is_unset()
}

/// `skip_serializing_if` helper for an empty JSON object.
pub(crate) fn is_empty_map(map: &serde_json::Map<String, serde_json::Value>) -> bool {
    map.is_empty()
}

/// A value Python accepts either alone or in a list. It always serializes as a list.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either<T> {
            Many(Vec<T>),
            One(T),
        }
        Ok(match Either::deserialize(deserializer)? {
            Either::Many(items) => OneOrMany(items),
            Either::One(item) => OneOrMany(vec![item]),
        })
    }
}

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        // We accept a single value on input, but only ever write a list.
        Vec::<T>::json_schema(generator)
    }
}

/// Props kept as they came (unknown components, extra props of `Basic`). Like every other
/// field, a `null` inside them is left out when written.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(transparent)]
pub struct ExtraProps(pub serde_json::Map<String, serde_json::Value>);

impl ExtraProps {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A JSON value written without `null` object entries (recursively), as the reference's
/// `exclude_none` does.
pub(crate) struct WithoutNulls<'a>(pub(crate) &'a serde_json::Value);

impl Serialize for WithoutNulls<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            serde_json::Value::Object(map) => {
                let mut out = serializer.serialize_map(None)?;
                for (key, value) in map.iter().filter(|(_, v)| !v.is_null()) {
                    out.serialize_entry(key, &WithoutNulls(value))?;
                }
                out.end()
            }
            serde_json::Value::Array(items) => {
                let mut out = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    out.serialize_element(&WithoutNulls(item))?;
                }
                out.end()
            }
            other => other.serialize(serializer),
        }
    }
}

impl Serialize for ExtraProps {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut out = serializer.serialize_map(None)?;
        for (key, value) in self.0.iter().filter(|(_, v)| !v.is_null()) {
            out.serialize_entry(key, &WithoutNulls(value))?;
        }
        out.end()
    }
}

impl JsonSchema for ExtraProps {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ExtraProps")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "object" })
    }
}

impl Prop for ExtraProps {
    type Value = Self;
    const OPTIONAL: bool = true;
    fn from_value(value: Self) -> Self {
        value
    }
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}
