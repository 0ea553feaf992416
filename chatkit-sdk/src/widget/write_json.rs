//! Writing a widget's JSON directly, without serde's per-field protocol.
//!
//! A widget is the largest thing the server serializes (a 50-picture carousel is ~25 KB of
//! ~1,500 props), and serde_json spends most of that time on its generic plumbing: every key is
//! escaped at run time, every field goes through `serialize_entry`, every literal through
//! `serialize_str`. [`WriteJson`] writes the same bytes straight into a buffer: the `component!`
//! structs and the unions get writers generated with their definition (keys pre-escaped at
//! compile time, `type` and literal values written as constants), and every other value (colors,
//! sizes, borders, strings, numbers…) is written by its own `Serialize` impl. The bytes are the
//! same as serde's — `tests/write_json.rs` holds every widget fixture to that.
//!
//! The wire path ([`crate::to_wire_json`], [`crate::sse_frame`], the SQL stores) uses it through
//! [`super::splice`].

use serde::Serialize;

/// A widget value that can write its own JSON.
pub trait WriteJson {
    /// Appends the value's JSON (compact, as [`crate::to_wire_json`] writes it) to `out`.
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error>;

    /// Appends the value as the prop `key` (`"name":` with its quotes and colon) of `object`.
    /// Only props flattened into their parent ([`crate::wire::ExtraProps`]) do otherwise.
    #[doc(hidden)]
    #[inline]
    fn write_prop(
        &self,
        key: &'static [u8],
        object: &mut Object<'_>,
    ) -> Result<(), serde_json::Error> {
        object.key(key);
        self.write_json(object.out)
    }
}

/// A JSON object being written: the separators between its props.
#[doc(hidden)]
#[derive(Debug)]
pub struct Object<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> Object<'a> {
    /// Writes `{`.
    pub fn open(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Object { out, empty: true }
    }

    /// Writes the separator and `key` (already quoted, with its colon); the value comes next.
    #[inline]
    pub fn key(&mut self, key: &[u8]) {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.out.extend_from_slice(key);
    }

    /// The buffer, to write a value after [`Object::key`].
    #[inline]
    pub fn out(&mut self) -> &mut Vec<u8> {
        self.out
    }

    /// Writes the prop `key` unless it is unset (the same rule as serde's
    /// `skip_serializing_if = "is_unset"`).
    #[inline]
    pub fn prop<P: crate::wire::Prop + WriteJson>(
        &mut self,
        key: &'static [u8],
        value: &P,
    ) -> Result<(), serde_json::Error> {
        if value.is_unset() {
            return Ok(());
        }
        value.write_prop(key, self)
    }

    /// Writes the prop `key` with a value that is already JSON.
    #[inline]
    pub fn raw(&mut self, key: &[u8], json: &[u8]) {
        self.key(key);
        self.out.extend_from_slice(json);
    }

    /// Writes a prop whose name is only known at run time (kept props of `Basic`).
    pub fn serde_prop<T: Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        write_serde(key, self.out)?;
        self.out.push(b':');
        write_serde(value, self.out)
    }

    /// Writes `}`.
    pub fn close(self) {
        self.out.push(b'}');
    }
}

/// Appends `value` as serde_json writes it (through the splicing formatter, so a widget inside
/// is written directly too).
pub(crate) fn write_serde<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
) -> Result<(), serde_json::Error> {
    value.serialize(&mut super::splice::serializer(out))
}

/// The length of [`key_bytes`]'s output for `field`.
#[doc(hidden)]
pub const fn key_len(field: &str) -> usize {
    let bytes = field.as_bytes();
    let mut i = raw_prefix(bytes);
    let mut len = 3; // two quotes and the colon
    while i < bytes.len() {
        if bytes[i] != b'_' {
            len += 1;
        }
        i += 1;
    }
    len
}

/// `"fieldName":` for the Rust field `field_name`: serde's `rename_all = "camelCase"`, quoted,
/// with its colon, computed at compile time.
#[doc(hidden)]
pub const fn key_bytes<const N: usize>(field: &str) -> [u8; N] {
    let bytes = field.as_bytes();
    let mut key = [0u8; N];
    key[0] = b'"';
    let (mut i, mut j, mut upper) = (raw_prefix(bytes), 1, false);
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'_' {
            upper = true;
        } else {
            key[j] = if upper { c.to_ascii_uppercase() } else { c };
            upper = false;
            j += 1;
        }
        i += 1;
    }
    // serde makes the first letter lower case (`_foo` → `foo`).
    key[1] = key[1].to_ascii_lowercase();
    key[j] = b'"';
    key[j + 1] = b':';
    key
}

/// 2 for a raw identifier (`r#type`), else 0.
const fn raw_prefix(bytes: &[u8]) -> usize {
    if bytes.len() > 2 && bytes[0] == b'r' && bytes[1] == b'#' {
        2
    } else {
        0
    }
}

/// The pre-escaped `"camelCase":` key of a struct field, as a `&'static [u8]`.
macro_rules! prop_key {
    ($field:ident) => {{
        const KEY: &[u8] = &$crate::widget::write_json::key_bytes::<
            { $crate::widget::write_json::key_len(stringify!($field)) },
        >(stringify!($field));
        KEY
    }};
}

pub(crate) use prop_key;

impl<T: WriteJson + ?Sized> WriteJson for Box<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        (**self).write_json(out)
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        match self {
            Some(value) => value.write_json(out),
            None => {
                out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        out.push(b'[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            item.write_json(out)?;
        }
        out.push(b']');
        Ok(())
    }
}

impl<T: WriteJson> WriteJson for crate::wire::OneOrMany<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        self.0.write_json(out)
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
        Ok(())
    }
}

impl WriteJson for crate::wire::ExtraProps {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        write_serde(self, out)
    }

    /// Kept props are flattened into their parent, as serde's `flatten` writes them.
    fn write_prop(
        &self,
        _: &'static [u8],
        object: &mut Object<'_>,
    ) -> Result<(), serde_json::Error> {
        for (key, value) in self.0.iter().filter(|(_, v)| !v.is_null()) {
            object.serde_prop(key, &crate::wire::WithoutNulls(value))?;
        }
        Ok(())
    }
}

/// Values written by their own `Serialize` impl: scalars, and props too rare or too small for a
/// writer of their own to pay.
macro_rules! write_json_by_serde {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::widget::write_json::WriteJson for $ty {
            fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
                $crate::widget::write_json::write_serde(self, out)
            }
        }
    )*};
}

pub(crate) use write_json_by_serde;

write_json_by_serde!(serde_json::Number, crate::IconName, crate::Timestamp);

/// Appends `text` as a JSON string, escaped as serde_json escapes it.
#[inline]
pub(crate) fn write_str(text: &str, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    // Most prop strings need no escape: one branch-free pass over the bytes, then one copy.
    let plain = text.bytes().fold(true, |plain, b| {
        plain & (b >= 0x20 && b != b'"' && b != b'\\')
    });
    if !plain {
        return write_serde(text, out);
    }
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
    Ok(())
}

/// Appends a float as serde_json writes it: whole numbers (`220.0`, most sizes) without the
/// general shortest-representation formatter.
#[inline]
pub(crate) fn write_f64(value: f64, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    if value.fract() == 0.0 && value.abs() < 1e15 && !(value == 0.0 && value.is_sign_negative()) {
        out.extend_from_slice(itoa::Buffer::new().format(value as i64).as_bytes());
        out.extend_from_slice(b".0");
        return Ok(());
    }
    write_serde(&value, out)
}

/// Appends an integer.
#[inline]
pub(crate) fn write_i64(value: i64, out: &mut Vec<u8>) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

impl WriteJson for String {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        write_str(self, out)
    }
}

impl WriteJson for f64 {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        write_f64(*self, out)
    }
}

/// Free-form JSON (action payloads, chart rows), written as `serde_json::Value` serializes.
impl WriteJson for serde_json::Value {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        use serde_json::Value;
        match self {
            Value::Null => out.extend_from_slice(b"null"),
            Value::Bool(value) => out.extend_from_slice(if *value { b"true" } else { b"false" }),
            Value::Number(number) => return write_serde(number, out),
            Value::String(text) => return write_str(text, out),
            Value::Array(items) => return items.write_json(out),
            Value::Object(map) => return map.write_json(out),
        }
        Ok(())
    }
}

impl WriteJson for serde_json::Map<String, serde_json::Value> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        out.push(b'{');
        for (i, (key, value)) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_str(key, out)?;
            out.push(b':');
            value.write_json(out)?;
        }
        out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written<T: WriteJson + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        match value.write_json(&mut out) {
            Ok(()) => String::from_utf8(out).unwrap_or_else(|e| panic!("{e}")),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn floats_are_written_as_serde_json_writes_them() -> Result<(), serde_json::Error> {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            1.5,
            220.0,
            -220.0,
            0.1,
            1e6,
            123_456_789_012_345.0,
            999_999_999_999_999.0,
            1e15,
            1e16,
            1e17,
            -1e15,
            2f64.powi(53),
            1e-7,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
        ];
        for value in values {
            assert_eq!(written(&value), serde_json::to_string(&value)?, "{value:?}");
        }
        Ok(())
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() -> Result<(), serde_json::Error> {
        let values = [
            "",
            "plain",
            "Τοποθεσία 1 ✓",
            "quote \" here",
            "back\\slash",
            "line\nbreak",
            "tab\tand\u{1}control\u{1f}",
            "\u{7f} del",
            "</script>",
        ];
        for value in values {
            assert_eq!(
                written(&value.to_owned()),
                serde_json::to_string(value)?,
                "{value:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn free_form_json_is_written_as_serde_json_writes_it() -> Result<(), serde_json::Error> {
        let value = serde_json::json!({
            "url": "https://example.com/a?b=\"c\"", "n": [1, -2, 3.25, 1e300, null, true],
            "nested": {"empty": {}, "list": [], "Γ": "δ"}, "big": u64::MAX,
        });
        assert_eq!(written(&value), serde_json::to_string(&value)?);
        Ok(())
    }

    #[test]
    fn keys_are_camel_cased_as_serde_does() {
        const KEY: &[u8] = prop_key!(on_click_action);
        assert_eq!(KEY, b"\"onClickAction\":");
        const RAW: &[u8] = prop_key!(r#type);
        assert_eq!(RAW, b"\"type\":");
        const PLAIN: &[u8] = prop_key!(gap);
        assert_eq!(PLAIN, b"\"gap\":");
        const LEADING: &[u8] = prop_key!(_v_align);
        assert_eq!(LEADING, b"\"vAlign\":");
    }
}
