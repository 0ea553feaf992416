use chatkit_sdk::widget;
use chatkit_sdk::widget::WidgetRoot;
use chatkit_sdk::{ItemKind, ThreadItem, WidgetItem};

fn main() {
    // The macro yields the element's own type; context converts it.
    let root: WidgetRoot = widget! { <Card><Text value="hi" /></Card> }.into();
    assert_eq!(root.type_name(), "Card");
    let item = WidgetItem::new(widget! { <ListView /> }).copy_text("copy");
    let item = ThreadItem::new("msg_1", "thr_1", ItemKind::Widget(item));
    assert_eq!(item.type_name(), "widget");
}
