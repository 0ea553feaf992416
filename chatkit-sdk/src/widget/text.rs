//! Text components.

use super::Str;
use serde_json::Number;

use super::component::component;
use super::{CaptionSize, Color, Dimension, Editable, FontWeight, TextAlign, TextSize, TitleSize};

component! {
    /// Body text; it can stream in (`streaming`) and be edited inline (`editable`).
    Text = "Text" {
        /// The text. Required.
        value: Str,
        /// Whether the value is still streaming in.
        streaming: Option<bool>,
        /// Italic text.
        italic: Option<bool>,
        /// Struck-through text.
        line_through: Option<bool>,
        /// Color.
        color: Option<Color>,
        /// Font weight.
        weight: Option<FontWeight>,
        /// Width.
        width: Option<Dimension>,
        /// Size.
        size: Option<TextSize>,
        /// Text alignment.
        text_align: Option<TextAlign>,
        /// Truncate with an ellipsis.
        truncate: Option<bool>,
        /// Minimum number of lines.
        min_lines: Option<Number>,
        /// Maximum number of lines.
        max_lines: Option<Number>,
        /// Inline editing: `false`, or the form field props.
        editable: Option<Editable>,
    }
}

component! {
    /// A heading.
    Title = "Title" {
        /// The text. Required.
        value: Str,
        /// Color.
        color: Option<Color>,
        /// Font weight.
        weight: Option<FontWeight>,
        /// Size.
        size: Option<TitleSize>,
        /// Text alignment.
        text_align: Option<TextAlign>,
        /// Truncate with an ellipsis.
        truncate: Option<bool>,
        /// Maximum number of lines.
        max_lines: Option<Number>,
    }
}

component! {
    /// Small secondary text.
    Caption = "Caption" {
        /// The text. Required.
        value: Str,
        /// Color.
        color: Option<Color>,
        /// Font weight.
        weight: Option<FontWeight>,
        /// Size.
        size: Option<CaptionSize>,
        /// Text alignment.
        text_align: Option<TextAlign>,
        /// Truncate with an ellipsis.
        truncate: Option<bool>,
        /// Maximum number of lines.
        max_lines: Option<Number>,
    }
}

component! {
    /// Rendered Markdown; it can stream in.
    Markdown = "Markdown" {
        /// The text. Required.
        value: Str,
        /// Whether the value is still streaming in.
        streaming: Option<bool>,
    }
}

component! {
    /// A label for a form field.
    Label = "Label" {
        /// The text. Required.
        value: Str,
        /// The form field this label is for. Required.
        field_name: Str,
        /// Size.
        size: Option<TextSize>,
        /// Font weight.
        weight: Option<FontWeight>,
        /// Text alignment.
        text_align: Option<TextAlign>,
        /// Color.
        color: Option<Color>,
    }
}

macro_rules! value_new {
    ($($name:ident),*) => {$(
        impl $name {
            /// A component showing `value`.
            pub fn new(value: impl Into<Str>) -> Self {
                $name {
                    value: value.into(),
                    ..Default::default()
                }
            }
        }
    )*};
}

value_new!(Text, Title, Caption, Markdown);

impl Label {
    /// A label for the form field `field_name`.
    pub fn new(value: impl Into<Str>, field_name: impl Into<Str>) -> Self {
        Label {
            value: value.into(),
            field_name: field_name.into(),
            ..Default::default()
        }
    }
}
