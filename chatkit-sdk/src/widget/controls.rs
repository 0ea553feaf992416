//! Form controls.

use super::Str;
use serde_json::Number;

use super::component::component;
use super::{
    ActionConfig, ControlSize, ControlVariant, Direction, GutterSize, InputType, InputVariant,
    PopoverAlign, PopoverSide, RadioOption, SelectOption,
};
use crate::timestamp::Timestamp;

component! {
    /// A single-line text field.
    Input = "Input" {
        /// The form field name. Required.
        name: Str,
        /// The HTML input type.
        input_type: Option<InputType>,
        /// Initial value.
        default_value: Option<Str>,
        /// A value is required.
        required: Option<bool>,
        /// A validation regex.
        pattern: Option<Str>,
        /// Placeholder text.
        placeholder: Option<Str>,
        /// Allow password-manager extensions.
        allow_autofill_extensions: Option<bool>,
        /// Select the text on focus.
        auto_select: Option<bool>,
        /// Focus on mount.
        auto_focus: Option<bool>,
        /// Disabled.
        disabled: Option<bool>,
        /// Visual style.
        variant: Option<InputVariant>,
        /// Size.
        size: Option<ControlSize>,
        /// Inner padding.
        gutter_size: Option<GutterSize>,
        /// Fully rounded corners.
        pill: Option<bool>,
    }
}

component! {
    /// A multi-line text field.
    Textarea = "Textarea" {
        /// The form field name. Required.
        name: Str,
        /// Initial value.
        default_value: Option<Str>,
        /// A value is required.
        required: Option<bool>,
        /// A validation regex.
        pattern: Option<Str>,
        /// Placeholder text.
        placeholder: Option<Str>,
        /// Select the text on focus.
        auto_select: Option<bool>,
        /// Focus on mount.
        auto_focus: Option<bool>,
        /// Disabled.
        disabled: Option<bool>,
        /// Visual style.
        variant: Option<InputVariant>,
        /// Size.
        size: Option<ControlSize>,
        /// Inner padding.
        gutter_size: Option<GutterSize>,
        /// Number of visible rows.
        rows: Option<Number>,
        /// Grow with the content.
        auto_resize: Option<bool>,
        /// Maximum rows when resizing.
        max_rows: Option<Number>,
        /// Allow password-manager extensions.
        allow_autofill_extensions: Option<bool>,
    }
}

component! {
    /// A dropdown.
    Select = "Select" {
        /// The form field name. Required.
        name: Str,
        /// The options. Required.
        options: Vec<SelectOption>,
        /// The action sent on change.
        on_change_action: Option<ActionConfig>,
        /// Placeholder text.
        placeholder: Option<Str>,
        /// Initial value.
        default_value: Option<Str>,
        /// Visual style.
        variant: Option<ControlVariant>,
        /// Size.
        size: Option<ControlSize>,
        /// Fully rounded corners.
        pill: Option<bool>,
        /// Take the full width.
        block: Option<bool>,
        /// Show a clear button.
        clearable: Option<bool>,
        /// Disabled.
        disabled: Option<bool>,
        /// Allow searching the options.
        searchable: Option<bool>,
    }
}

component! {
    /// A checkbox.
    Checkbox = "Checkbox" {
        /// The form field name. Required.
        name: Str,
        /// The label.
        label: Option<Str>,
        /// Checked initially.
        default_checked: Option<bool>,
        /// The action sent on change.
        on_change_action: Option<ActionConfig>,
        /// Disabled.
        disabled: Option<bool>,
        /// A value is required.
        required: Option<bool>,
    }
}

component! {
    /// A set of radio buttons.
    RadioGroup = "RadioGroup" {
        /// The form field name. Required.
        name: Str,
        /// The options.
        options: Option<Vec<RadioOption>>,
        /// Accessible label.
        aria_label: Option<Str>,
        /// The action sent on change.
        on_change_action: Option<ActionConfig>,
        /// Initial value.
        default_value: Option<Str>,
        /// Layout direction.
        direction: Option<Direction>,
        /// Disabled.
        disabled: Option<bool>,
        /// A value is required.
        required: Option<bool>,
    }
}

component! {
    /// A date field with a calendar popover.
    DatePicker = "DatePicker" {
        /// The form field name. Required.
        name: Str,
        /// The action sent on change.
        on_change_action: Option<ActionConfig>,
        /// Placeholder text.
        placeholder: Option<Str>,
        /// Initial value.
        default_value: Option<Timestamp>,
        /// Earliest selectable date.
        min: Option<Timestamp>,
        /// Latest selectable date.
        max: Option<Timestamp>,
        /// Visual style.
        variant: Option<ControlVariant>,
        /// Size.
        size: Option<ControlSize>,
        /// Where the popover opens.
        side: Option<PopoverSide>,
        /// Cross-axis alignment of children.
        align: Option<PopoverAlign>,
        /// Fully rounded corners.
        pill: Option<bool>,
        /// Take the full width.
        block: Option<bool>,
        /// Show a clear button.
        clearable: Option<bool>,
        /// Disabled.
        disabled: Option<bool>,
    }
}

macro_rules! named_new {
    ($($name:ident),*) => {$(
        impl $name {
            /// A control submitting as the form field `name`.
            pub fn new(name: impl Into<Str>) -> Self {
                $name {
                    name: name.into(),
                    ..Default::default()
                }
            }
        }
    )*};
}

named_new!(Input, Textarea, Checkbox, RadioGroup, DatePicker);

impl Select {
    /// A select submitting as `name`, with options.
    pub fn new(name: impl Into<Str>, options: Vec<SelectOption>) -> Self {
        Select {
            name: name.into(),
            options,
            ..Default::default()
        }
    }
}
