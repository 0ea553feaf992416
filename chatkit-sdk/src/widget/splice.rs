//! Putting a widget's directly written JSON ([`super::WriteJson`]) into serde output.
//!
//! Events and items are serialized by serde; the widget inside them should not be. serde has no
//! way to hand a `Serialize` impl raw JSON (serde_json's `RawValue` re-parses its text), so the
//! wire serializer ([`serializer`]) uses a formatter that can: while it runs, a widget union
//! writes its JSON into a per-thread slot and serializes a unit, and the formatter, asked to
//! write that unit's `null`, writes the slot instead. Any other serializer (`to_value`, a
//! pretty printer, another format) never arms the slot and gets serde's own output.

use std::cell::{Cell, RefCell};
use std::io;

use serde::ser::Error as _;
use serde::{Serialize, Serializer};

use super::WriteJson;

thread_local! {
    /// How many wire serializers are running on this thread (they nest: a widget's rare props
    /// are written by serde, through the same formatter).
    static ARMED: Cell<u32> = const { Cell::new(0) };
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
    struct Disarm;
    impl Drop for Disarm {
        fn drop(&mut self) {
            ARMED.with(|armed| armed.set(armed.get() - 1));
            PENDING.with(|pending| pending.borrow_mut().take());
        }
    }
    ARMED.with(|armed| armed.set(armed.get() + 1));
    let _disarm = Disarm;
    value.serialize(&mut serializer(out))
}

/// How a widget union serializes: spliced while a wire serializer runs, else `fallback` (serde's
/// own field-by-field output).
pub(crate) fn serialize<T, S>(
    value: &T,
    serializer: S,
    fallback: impl FnOnce(S) -> Result<S::Ok, S::Error>,
) -> Result<S::Ok, S::Error>
where
    T: WriteJson + ?Sized,
    S: Serializer,
{
    if ARMED.with(Cell::get) == 0 {
        return fallback(serializer);
    }
    let mut json = take_scratch();
    value.write_json(&mut json).map_err(S::Error::custom)?;
    PENDING.with(|pending| *pending.borrow_mut() = Some(json));
    let written = serializer.serialize_unit();
    // Only the splicing formatter takes the slot. A serializer that did not (one a `Serialize`
    // impl started of its own accord inside the wire serializer) wrote a `null` for the widget:
    // an error, never a silent loss.
    if PENDING
        .with(|pending| pending.borrow_mut().take())
        .is_some()
    {
        return Err(S::Error::custom(
            "a widget was serialized by a serializer other than the wire serializer running on \
             this thread",
        ));
    }
    written
}
