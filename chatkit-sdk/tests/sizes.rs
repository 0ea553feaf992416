//! The types every open stream holds stay small: every widget node is boxed, so an item, an event
//! or a tree node does not carry the largest widget's ~450 bytes of props inline (they did:
//! 576-byte items, 608-byte events, 560-byte nodes; per open stream that was ~5 KiB).

use std::mem::size_of;

use chatkit_sdk::widget::{WidgetComponent, WidgetRoot};
use chatkit_sdk::{ItemKind, ThreadItem, ThreadStreamEvent};

#[test]
fn items_events_and_widget_nodes_stay_small() {
    let sizes = [
        ("ItemKind", size_of::<ItemKind>(), 256),
        ("ThreadItem", size_of::<ThreadItem>(), 320),
        ("ThreadStreamEvent", size_of::<ThreadStreamEvent>(), 384),
        ("WidgetComponent", size_of::<WidgetComponent>(), 16),
        ("WidgetRoot", size_of::<WidgetRoot>(), 16),
    ];
    for (name, size, most) in sizes {
        assert!(size <= most, "{name} is {size} bytes (at most {most})");
    }
}
