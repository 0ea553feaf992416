use std::cell::RefCell;

use chatkit_sdk::widget;

fn rows() -> Vec<String> {
    vec!["a".to_owned(), "b".to_owned()]
}

fn main() {
    // A `for` over an expression with temporaries (`rows()`, a `RefCell` guard) keeps them alive
    // for the whole loop, as Rust's own `for` does.
    let cell = RefCell::new(vec!["c".to_owned()]);
    let card = widget! {
        <Card>
            for row in rows().iter() { <Text value={row.clone()} /> }
            for row in &rows() { <Caption value={row.clone()} /> }
            for row in cell.borrow().iter() { <Markdown value={row.clone()} /> }
        </Card>
    };
    let types: Vec<&str> = card.children.iter().map(|c| c.type_name()).collect();
    assert_eq!(types, ["Text", "Text", "Caption", "Caption", "Markdown"]);
}
