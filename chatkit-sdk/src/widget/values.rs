//! Structured prop values shared by many widgets: sizes, colors, spacing, borders, status,
//! options.

use super::Str;
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Number;

use super::action_config::ActionConfig;
use super::literals::{AutoLiteral, BorderStyle};
use crate::icon::IconName;

/// A size or distance in a prop the reference types `float | str`: a number (pixels or spacing
/// units) or a CSS/token string.
///
/// Numbers are written as floats, as the reference does (`4` → `4.0`).
///
/// ```
/// use chatkit_sdk::widget::Dimension;
/// assert_eq!(serde_json::to_string(&Dimension::from(4))?, "4.0");
/// assert_eq!(serde_json::to_string(&Dimension::from(1.5))?, "1.5");
/// assert_eq!(serde_json::to_string(&Dimension::from("50%"))?, "\"50%\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Dimension {
    /// A number.
    Number(f64),
    /// A string such as `"50%"` or `"md"`.
    Text(Str),
}

/// A size or distance in a prop the reference types `int | str`: an integer or a CSS/token
/// string.
///
/// Whole numbers are written as integers, as the reference does (`2.0` → `2`); other numbers
/// (which the reference would reject) are kept as they are.
///
/// ```
/// use chatkit_sdk::widget::IntDimension;
/// assert_eq!(serde_json::to_string(&IntDimension::from(4))?, "4");
/// let read: IntDimension = serde_json::from_str("2.0")?;
/// assert_eq!(serde_json::to_string(&read)?, "2");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum IntDimension {
    /// A number.
    Number(Number),
    /// A string such as `"md"` or `"1 1 auto"`.
    Text(Str),
}

impl Serialize for IntDimension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IntDimension::Number(number) => match number.as_f64() {
                Some(f) if number.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                    serializer.serialize_i64(f as i64)
                }
                _ => number.serialize(serializer),
            },
            IntDimension::Text(text) => serializer.serialize_str(text),
        }
    }
}

macro_rules! from_number {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Dimension {
            fn from(value: $ty) -> Self {
                Dimension::Number(value as f64)
            }
        }

        impl From<$ty> for IntDimension {
            fn from(value: $ty) -> Self {
                IntDimension::Number(Number::from(value))
            }
        }
    )*};
}

from_number!(i32, i64, u32, u64, usize);

impl From<f64> for Dimension {
    fn from(value: f64) -> Self {
        Dimension::Number(value)
    }
}

macro_rules! from_text {
    ($($target:ident::$variant:ident),*) => {$(
        impl From<Str> for $target {
            fn from(value: Str) -> Self {
                $target::$variant(value)
            }
        }

        impl From<&str> for $target {
            fn from(value: &str) -> Self {
                $target::$variant(value.into())
            }
        }

        impl From<String> for $target {
            fn from(value: String) -> Self {
                $target::$variant(value.into())
            }
        }
    )*};
}

from_text!(
    Dimension::Text,
    IntDimension::Text,
    Color::Named,
    XAxis::Key
);

/// A color: a token (`secondary`, `surface`), a primitive (`red-100`), any CSS color, or a
/// light/dark pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Color {
    /// A token or CSS color.
    Named(Str),
    /// Different colors for light and dark mode.
    // Boxed, as the rare large variants below: a widget is a tree of structs of ~25 optional
    // props each, and their size is copied on every build step (1,240 → 560 bytes a component).
    Theme(Box<ThemeColor>),
}

impl From<ThemeColor> for Color {
    fn from(value: ThemeColor) -> Self {
        Color::Theme(Box::new(value))
    }
}

/// A color per color scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ThemeColor {
    /// In dark mode.
    pub dark: Str,
    /// In light mode.
    pub light: Str,
}

impl ThemeColor {
    /// A light/dark pair.
    pub fn new(light: impl Into<Str>, dark: impl Into<Str>) -> Self {
        ThemeColor {
            dark: dark.into(),
            light: light.into(),
        }
    }
}

/// Per-side spacing. Each side is a number or a string.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Spacing {
    /// Top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<Dimension>,
    /// Right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<Dimension>,
    /// Bottom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bottom: Option<Dimension>,
    /// Left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Dimension>,
    /// Left and right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<Dimension>,
    /// Top and bottom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<Dimension>,
}

/// `padding`/`margin`: one value for all sides, or per side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SpacingValue {
    /// The same on every side.
    All(Dimension),
    /// Per side.
    // Boxed (see `Color::Theme`): six times the size of `All`, and every container has two.
    Sides(Box<Spacing>),
}

impl<T: Into<Dimension>> From<T> for SpacingValue {
    fn from(value: T) -> Self {
        SpacingValue::All(value.into())
    }
}

impl From<Spacing> for SpacingValue {
    fn from(value: Spacing) -> Self {
        SpacingValue::Sides(Box::new(value))
    }
}

/// `margin` of an Image (`int | str | Spacing` in the reference): one value for all sides, or
/// per side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum IntSpacingValue {
    /// The same on every side.
    All(IntDimension),
    /// Per side.
    // Boxed (see `Color::Theme`).
    Sides(Box<Spacing>),
}

impl<T: Into<IntDimension>> From<T> for IntSpacingValue {
    fn from(value: T) -> Self {
        IntSpacingValue::All(value.into())
    }
}

impl From<Spacing> for IntSpacingValue {
    fn from(value: Spacing) -> Self {
        IntSpacingValue::Sides(Box::new(value))
    }
}

/// One border.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Border {
    /// Width in pixels.
    pub size: Number,
    /// Color.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// Line style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<BorderStyle>,
}

impl Border {
    /// A solid border of this width.
    pub fn new(size: impl Into<Number>) -> Self {
        Border {
            size: size.into(),
            color: None,
            style: None,
        }
    }
}

/// A side of [`Borders`]: a width, or a full border.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum BorderSide {
    /// A width.
    Width(Number),
    /// A border.
    Border(Border),
}

/// Per-side borders.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Borders {
    /// Top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<BorderSide>,
    /// Right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<BorderSide>,
    /// Bottom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bottom: Option<BorderSide>,
    /// Left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<BorderSide>,
    /// Left and right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<BorderSide>,
    /// Top and bottom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<BorderSide>,
}

/// `border`: a width, one border for all sides, or per side.
// The large variants are boxed (see `Color::Theme`): every container carries a `border`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum BorderValue {
    /// A width for all sides.
    Width(Number),
    /// One border for all sides.
    Border(Box<Border>),
    /// Per side.
    Sides(Box<Borders>),
}

impl From<i32> for BorderValue {
    fn from(value: i32) -> Self {
        BorderValue::Width(value.into())
    }
}

impl From<Border> for BorderValue {
    fn from(value: Border) -> Self {
        BorderValue::Border(Box::new(value))
    }
}

impl From<Borders> for BorderValue {
    fn from(value: Borders) -> Self {
        BorderValue::Sides(Box::new(value))
    }
}

/// The status line shown at the top of a Card or ListView: text with a favicon or an icon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WidgetStatus {
    /// The text.
    pub text: Str,
    /// A favicon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favicon: Option<Str>,
    /// Whether the favicon has a frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<bool>,
    /// An icon instead of a favicon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<IconName>,
}

impl WidgetStatus {
    /// A status with just text.
    pub fn new(text: impl Into<Str>) -> Self {
        WidgetStatus {
            text: text.into(),
            favicon: None,
            frame: None,
            icon: None,
        }
    }

    /// Adds an icon.
    pub fn icon(mut self, icon: IconName) -> Self {
        self.icon = Some(icon);
        self
    }
}

impl From<&str> for WidgetStatus {
    fn from(text: &str) -> Self {
        WidgetStatus::new(text)
    }
}

/// A Card's confirm/cancel button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CardAction {
    /// The button label.
    pub label: Str,
    /// What it does.
    pub action: ActionConfig,
}

impl CardAction {
    /// A labelled action.
    pub fn new(label: impl Into<Str>, action: ActionConfig) -> Self {
        CardAction {
            label: label.into(),
            action,
        }
    }
}

/// `Text.editable`: `false`, or the props of the inline editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editable {
    /// Not editable (`false` on the wire).
    Disabled,
    /// Editable, as a form field.
    Field(EditableProps),
}

impl JsonSchema for Editable {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Editable")
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let props = generator.subschema_for::<EditableProps>();
        schemars::json_schema!({
            "anyOf": [{ "type": "boolean", "const": false }, props]
        })
    }
}

impl Serialize for Editable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Editable::Disabled => serializer.serialize_bool(false),
            Editable::Field(props) => props.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Editable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Flag(bool),
            Field(EditableProps),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Flag(false) => Ok(Editable::Disabled),
            Raw::Flag(true) => Err(serde::de::Error::custom(
                "`editable` is `false` or an object with a `name`, not `true`",
            )),
            Raw::Field(props) => Ok(Editable::Field(props)),
        }
    }
}

impl From<EditableProps> for Editable {
    fn from(props: EditableProps) -> Self {
        Editable::Field(props)
    }
}

/// How an editable Text behaves as a form field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EditableProps {
    /// The form field name.
    pub name: Str,
    /// Focus on mount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_focus: Option<bool>,
    /// Select the text on focus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_select: Option<bool>,
    /// The HTML autocomplete hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_complete: Option<Str>,
    /// Allow password-manager extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_autofill_extensions: Option<bool>,
    /// A validation regex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Str>,
    /// Placeholder text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<Str>,
    /// Whether a value is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
}

/// One option of a Select.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SelectOption {
    /// The submitted value.
    pub value: Str,
    /// The text shown.
    pub label: Str,
    /// Whether it can be picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// A hint under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Str>,
}

impl SelectOption {
    /// An option.
    pub fn new(value: impl Into<Str>, label: impl Into<Str>) -> Self {
        SelectOption {
            value: value.into(),
            label: label.into(),
            disabled: None,
            description: None,
        }
    }
}

/// One option of a RadioGroup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RadioOption {
    /// The text shown.
    pub label: Str,
    /// The submitted value.
    pub value: Str,
    /// Whether it can be picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

impl RadioOption {
    /// An option.
    pub fn new(label: impl Into<Str>, value: impl Into<Str>) -> Self {
        RadioOption {
            label: label.into(),
            value: value.into(),
            disabled: None,
        }
    }
}

/// `ListView.limit`: a number of rows, or `auto`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ListViewLimit {
    /// Show this many rows, then "show more".
    Count(Number),
    /// Let the client decide.
    Auto(AutoLiteral),
}

impl From<u32> for ListViewLimit {
    fn from(value: u32) -> Self {
        ListViewLimit::Count(value.into())
    }
}

impl From<i32> for ListViewLimit {
    fn from(value: i32) -> Self {
        ListViewLimit::Count(value.into())
    }
}

impl From<AutoLiteral> for ListViewLimit {
    fn from(value: AutoLiteral) -> Self {
        ListViewLimit::Auto(value)
    }
}

/// `Chart.xAxis`: the data key, or a full config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum XAxis {
    /// The data key of the x values.
    Key(Str),
    /// A config.
    Config(XAxisConfig),
}

impl Default for XAxis {
    fn default() -> Self {
        XAxis::Key(Str::from_static(""))
    }
}

impl From<XAxisConfig> for XAxis {
    fn from(config: XAxisConfig) -> Self {
        XAxis::Config(config)
    }
}

/// Chart x-axis settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct XAxisConfig {
    /// The data key of the x values.
    pub data_key: Str,
    /// Hide the axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide: Option<bool>,
    /// Display labels by value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<IndexMap<String, String>>,
}

impl crate::widget::WriteJson for Dimension {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        use crate::widget::write_json::{write_f64, write_str};
        match self {
            Dimension::Number(number) => write_f64(*number, out),
            Dimension::Text(text) => write_str(text, out),
        }
    }
}

impl crate::widget::WriteJson for IntDimension {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        use crate::widget::write_json::{write_i64, write_serde, write_str};
        match self {
            IntDimension::Number(number) => match number.as_i64() {
                Some(int) => write_i64(int, out),
                // Whole floats and huge integers: the rules of `Serialize` above.
                None => return write_serde(self, out),
            },
            IntDimension::Text(text) => return write_str(text, out),
        }
        Ok(())
    }
}

impl crate::widget::WriteJson for Color {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        match self {
            Color::Named(name) => crate::widget::write_json::write_str(name, out),
            Color::Theme(theme) => crate::widget::write_json::write_serde(theme, out),
        }
    }
}

crate::widget::write_json::write_json_by_serde!(
    Spacing,
    SpacingValue,
    IntSpacingValue,
    BorderValue,
    WidgetStatus,
    CardAction,
    Editable,
    SelectOption,
    RadioOption,
    ListViewLimit,
    XAxis,
);
