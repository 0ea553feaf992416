//! Putting a widget's directly written JSON ([`super::WriteJson`]) into serde output.
//!
//! Events and items are serialized by serde; the widget inside them should not be. serde has no
//! way to hand a `Serialize` impl raw JSON (serde_json's `RawValue` re-parses its text), so the
//! wire serializer ([`serializer`]) uses a formatter that can: a widget union serialized by
//! *that* serializer writes its JSON into a per-thread slot and serializes a unit, and the
//! formatter, asked to write that unit's `null`, writes the slot instead. Every other serializer
//! (`to_value`, a pretty printer, another format, serde's own adapters for `flatten` and tagged
//! enums) gets serde's field-by-field output.

use std::cell::RefCell;
use std::io;

use serde::ser::Error as _;
use serde::{Serialize, Serializer};

use super::WriteJson;

/// The wire serializer's type, as a `Serialize` impl receives it.
type Wire<'a, 'b> = &'a mut serde_json::Serializer<&'b mut Vec<u8>, Splicing>;

thread_local! {
    /// The JSON of the widget whose `null` is written next.
    static PENDING: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
    /// A buffer kept between widgets, so writing one does not grow a new buffer from empty.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The largest buffer kept in [`SCRATCH`]: a rare huge widget does not pin its size per thread.
const SCRATCH_KEPT: usize = 64 * 1024;

fn take_scratch() -> Vec<u8> {
    let mut buffer = SCRATCH.with(|scratch| std::mem::take(&mut *scratch.borrow_mut()));
    buffer.clear();
    buffer
}

fn keep_scratch(buffer: Vec<u8>) {
    if buffer.capacity() <= SCRATCH_KEPT {
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            if buffer.capacity() > scratch.capacity() {
                *scratch = buffer;
            }
        });
    }
}

/// The formatter of the wire serializer: compact JSON, with a spliced widget for its `null`.
#[derive(Debug)]
pub(crate) struct Splicing;

impl serde_json::ser::Formatter for Splicing {
    fn write_null<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        match PENDING.with(|pending| pending.borrow_mut().take()) {
            Some(json) => {
                let written = writer.write_all(&json);
                keep_scratch(json);
                written
            }
            None => writer.write_all(b"null"),
        }
    }
}

/// A serde_json serializer into `out` that splices widgets.
pub(crate) fn serializer(out: &mut Vec<u8>) -> serde_json::Serializer<&mut Vec<u8>, Splicing> {
    serde_json::Serializer::with_formatter(out, Splicing)
}

/// Serializes `value` into `out` with the splicing serializer: the same bytes as
/// `serde_json::to_writer`, widgets written directly.
pub(crate) fn to_writer<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
) -> Result<(), serde_json::Error> {
    value.serialize(&mut serializer(out))
}

/// Whether `S` is the wire serializer. (`TypeId` needs `'static` types and a serializer borrows;
/// the type's name, which leaves lifetimes out, is unique here: `Splicing` is ours and private.)
fn is_wire<S>() -> bool {
    std::any::type_name::<S>() == std::any::type_name::<Wire<'static, 'static>>()
}

/// How a widget union serializes: spliced into the wire serializer, else `fallback` (serde's
/// own field-by-field output, the same bytes from serde_json).
pub(crate) fn serialize<T, S>(
    value: &T,
    serializer: S,
    fallback: impl FnOnce(S) -> Result<S::Ok, S::Error>,
) -> Result<S::Ok, S::Error>
where
    T: WriteJson + ?Sized,
    S: Serializer,
{
    if !is_wire::<S>() {
        return fallback(serializer);
    }
    let mut json = take_scratch();
    value.write_json(&mut json).map_err(S::Error::custom)?;
    PENDING.with(|pending| *pending.borrow_mut() = Some(json));
    let written = serializer.serialize_unit();
    // The wire serializer's `serialize_unit` is the formatter's `write_null`, which takes the
    // slot; a slot left full would be written in place of the next `null`.
    if PENDING
        .with(|pending| pending.borrow_mut().take())
        .is_some()
    {
        return Err(S::Error::custom("a spliced widget was not written"));
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget::{Card, Text, WidgetRoot};

    fn scratch_capacity() -> usize {
        SCRATCH.with(|scratch| scratch.borrow().capacity())
    }

    #[test]
    fn only_the_wire_serializer_splices() -> Result<(), serde_json::Error> {
        assert!(is_wire::<Wire<'_, '_>>());
        assert!(!is_wire::<&mut serde_json::Serializer<&mut Vec<u8>>>());
        assert!(!is_wire::<serde_json::value::Serializer>());
        let root = WidgetRoot::from(Card::new().child(Text::new("hi")));
        // On a thread of its own, so the scratch buffer starts empty: serde's path leaves it
        // untouched, the wire path writes the widget through it.
        let (same, before, after) = std::thread::spawn(move || -> Result<_, serde_json::Error> {
            let serde = serde_json::to_vec(&root)?;
            let before = scratch_capacity();
            let mut wire = Vec::new();
            to_writer(&root, &mut wire)?;
            Ok((serde == wire, before, scratch_capacity()))
        })
        .join()
        .unwrap_or_else(|_| panic!("the test thread panicked"))?;
        assert!(same, "the wire bytes differ from serde's");
        assert_eq!(before, 0);
        assert!(after > 0, "the wire path did not splice");
        Ok(())
    }
}
