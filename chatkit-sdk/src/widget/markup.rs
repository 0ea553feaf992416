//! The traits the `widget!` macro builds on: children from expressions, user components, and the
//! root check.

use super::{
    Badge, Basic, Box, Button, Caption, Card, Chart, Checkbox, Col, DatePicker, Divider,
    DynamicComponent, Form, Icon, Image, Input, Label, ListView, ListViewItem, Markdown,
    RadioGroup, Row, Select, Spacer, Table, TableCell, TableRow, Text, Textarea, Title, Transition,
    WidgetComponent, WidgetRoot,
};

/// Something that can stand where children go: a single component, or any iterator of them
/// (`Vec`, `Option`, `map(…)`, …). `{expr}` children of `widget!` use it.
///
/// ```
/// use chatkit_sdk::widget::{IntoChildren, Text, WidgetComponent};
///
/// let mut children: Vec<WidgetComponent> = Vec::new();
/// Text::new("one").push_into(&mut children);
/// vec![Text::new("two"), Text::new("three")].push_into(&mut children);
/// None::<Text>.push_into(&mut children);
/// assert_eq!(children.len(), 3);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as widget children",
    label = "not a component or an iterator of components",
    note = "a `{{…}}` child must be a component (e.g. `Text`, `WidgetComponent`) or an iterator of them (`Vec`, `Option`, `.map(…)`)"
)]
pub trait IntoChildren<T> {
    /// Appends `self` to `children`.
    fn push_into(self, children: &mut Vec<T>);
}

impl<T, I> IntoChildren<T> for I
where
    I: IntoIterator,
    I::Item: Into<T>,
{
    fn push_into(self, children: &mut Vec<T>) {
        children.extend(self.into_iter().map(Into::into));
    }
}

macro_rules! single_child {
    ($target:ty: $($ty:ty),* $(,)?) => {$(
        impl IntoChildren<$target> for $ty {
            fn push_into(self, children: &mut Vec<$target>) {
                children.push(self.into());
            }
        }
    )*};
}

single_child!(WidgetComponent:
    WidgetComponent, DynamicComponent, Text, Title, Caption, Markdown, Label, Badge, Icon, Image,
    Button, Box, Row, Col, Form, Spacer, Divider, Transition, ListViewItem, Input, Textarea,
    Select, Checkbox, RadioGroup, DatePicker, Chart, Table, TableRow, TableCell,
);
single_child!(ListViewItem: ListViewItem);
single_child!(TableRow: TableRow);
single_child!(TableCell: TableCell);

impl From<DynamicComponent> for WidgetComponent {
    fn from(component: DynamicComponent) -> Self {
        WidgetComponent::Dynamic(::std::boxed::Box::new(component))
    }
}

/// A reusable widget written by you: `<ImageCarousel items={items} />` in `widget!` builds the
/// struct from its props (and `children`, if the markup has any) and calls [`Component::render`].
///
/// ```
/// use chatkit_sdk::widget::{Component, Text, Title, Col};
/// use chatkit_sdk::widget;
///
/// struct Heading { title: String, subtitle: String }
///
/// impl Component for Heading {
///     type Output = Col;
///     fn render(self) -> Col {
///         widget! {
///             <Col gap=1>
///                 <Title value={self.title} />
///                 <Text value={self.subtitle} color="secondary" />
///             </Col>
///         }
///     }
/// }
///
/// let card = widget! { <Card><Heading title="Loans" subtitle="2 open" /></Card> };
/// assert_eq!(card.children.len(), 1);
/// ```
pub trait Component {
    /// What the component renders to: a component, a root, or an iterator of components.
    type Output;

    /// Builds the widget tree.
    fn render(self) -> Self::Output;
}

/// A value that can be the root of a widget item: `Card`, `ListView`, `Basic` or a
/// [`WidgetRoot`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a widget root",
    label = "a widget item needs a Card, ListView or Basic here",
    note = "components such as Row or Text go inside a root: `widget! {{ <Card> … </Card> }}`"
)]
pub trait IntoWidgetRoot {
    /// The root.
    fn into_widget_root(self) -> WidgetRoot;
}

macro_rules! root {
    ($($ty:ty),*) => {$(
        impl IntoWidgetRoot for $ty {
            fn into_widget_root(self) -> WidgetRoot {
                self.into()
            }
        }
    )*};
}

root!(Card, ListView, Basic, WidgetRoot);
