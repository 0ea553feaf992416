//! `widget!` as users meet it: programs that must compile and run (`ui/pass`), and mistakes that
//! must fail with the reviewed messages in `ui/fail/*.stderr`.

#[test]
fn widget_macro_ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
