//! The types every open stream holds stay small: every widget node is boxed, so an item, an event
//! or a tree node does not carry the largest widget's ~450 bytes of props inline (they did:
//! 576-byte items, 608-byte events, 560-byte nodes; per open stream that was ~5 KiB).

use std::mem::size_of;

use chatkit_sdk::widget::{WidgetComponent, WidgetRoot};
use chatkit_sdk::{ItemKind, ThreadItem, ThreadStreamEvent};

#[test]
fn items_events_and_widget_nodes_stay_small() {
    assert!(
        size_of::<ItemKind>() <= 256,
        "ItemKind: {}",
        size_of::<ItemKind>()
    );
    assert!(
        size_of::<ThreadItem>() <= 320,
        "ThreadItem: {}",
        size_of::<ThreadItem>()
    );
    assert!(
        size_of::<ThreadStreamEvent>() <= 384,
        "ThreadStreamEvent: {}",
        size_of::<ThreadStreamEvent>()
    );
    assert!(
        size_of::<WidgetComponent>() <= 192,
        "WidgetComponent: {}",
        size_of::<WidgetComponent>()
    );
    assert!(
        size_of::<WidgetRoot>() <= 192,
        "WidgetRoot: {}",
        size_of::<WidgetRoot>()
    );
}
