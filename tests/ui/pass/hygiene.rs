#![no_implicit_prelude]
#![allow(non_camel_case_types, dead_code)]

// The expansion must use only absolute paths: shadow the prelude's types and primitives.
struct bool;
struct str;
struct String;
struct Vec;
struct Option;
struct Some;
struct None;
struct Box;
struct Into;
struct Default;
struct usize;

fn main() {
    let items = ["a", "b"];
    let card = ::chatkit_sdk::widget! {
        <Card size="sm" asForm>
            for item in items.iter() {
                <Text value={::std::string::ToString::to_string(item)} size="md" />
            }
            if true { <Divider flush /> }
            <Transition><Text value="t" /></Transition>
            <Icon name="star" />
        </Card>
    };
    ::std::assert_eq!(card.children.len(), 5);
}
