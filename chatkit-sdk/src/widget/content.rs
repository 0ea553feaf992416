//! Content components: badges, icons, images and buttons.

use super::Str;
use super::component::component;
use super::{
    ActionConfig, BadgeColor, BadgeSize, BadgeVariant, ButtonColor, ButtonIconSize, ButtonStyle,
    Color, ControlSize, ControlVariant, Dimension, IconSize, ImageFit, ImagePosition, IntDimension,
    IntSpacingValue, Radius,
};
use crate::icon::IconName;

component! {
    /// A small status pill.
    Badge = "Badge" {
        /// The label. Required.
        label: Str,
        /// Color.
        color: Option<BadgeColor>,
        /// Visual style.
        variant: Option<BadgeVariant>,
        /// Size.
        size: Option<BadgeSize>,
        /// Fully rounded corners.
        pill: Option<bool>,
    }
}

component! {
    /// An icon.
    Icon = "Icon" {
        /// The form field name. Required.
        name: IconName,
        /// Color.
        color: Option<Color>,
        /// Size.
        size: Option<IconSize>,
    }
}

component! {
    /// An image.
    Image = "Image" {
        /// The image URL. Required.
        src: Str,
        /// Alternative text.
        alt: Option<Str>,
        /// How the image fills its box.
        fit: Option<ImageFit>,
        /// Where the image is anchored.
        position: Option<ImagePosition>,
        /// Corner radius.
        radius: Option<Radius>,
        /// Draw a frame around the image.
        frame: Option<bool>,
        /// Remove the default spacing.
        flush: Option<bool>,
        /// Height.
        height: Option<IntDimension>,
        /// Width.
        width: Option<IntDimension>,
        /// Size.
        size: Option<IntDimension>,
        /// Minimum height.
        min_height: Option<IntDimension>,
        /// Minimum width.
        min_width: Option<IntDimension>,
        /// Minimum size.
        min_size: Option<IntDimension>,
        /// Maximum height.
        max_height: Option<IntDimension>,
        /// Maximum width.
        max_width: Option<IntDimension>,
        /// Maximum size.
        max_size: Option<IntDimension>,
        /// Outer spacing.
        margin: Option<IntSpacingValue>,
        /// Background color.
        background: Option<Color>,
        /// Width/height ratio.
        aspect_ratio: Option<Dimension>,
        /// Flex grow/shrink (CSS `flex`).
        flex: Option<IntDimension>,
    }
}

component! {
    /// A button that sends an action.
    Button = "Button" {
        /// Submit the enclosing form.
        submit: Option<bool>,
        /// The label.
        label: Option<Str>,
        /// The action sent on click.
        on_click_action: Option<ActionConfig>,
        /// Icon before the label.
        icon_start: Option<IconName>,
        /// Icon after the label.
        icon_end: Option<IconName>,
        /// Emphasis.
        style: Option<ButtonStyle>,
        /// Icon size.
        icon_size: Option<ButtonIconSize>,
        /// Color.
        color: Option<ButtonColor>,
        /// Visual style.
        variant: Option<ControlVariant>,
        /// Size.
        size: Option<ControlSize>,
        /// Fully rounded corners.
        pill: Option<bool>,
        /// Equal width and height.
        uniform: Option<bool>,
        /// Take the full width.
        block: Option<bool>,
        /// Disabled.
        disabled: Option<bool>,
    }
}

impl Badge {
    /// A badge with a label.
    pub fn new(label: impl Into<Str>) -> Self {
        Badge {
            label: label.into(),
            ..Default::default()
        }
    }
}

impl Icon {
    /// An icon.
    pub fn new(name: IconName) -> Self {
        Icon {
            name,
            ..Default::default()
        }
    }
}

impl Image {
    /// An image from a URL.
    pub fn new(src: impl Into<Str>) -> Self {
        Image {
            src: src.into(),
            ..Default::default()
        }
    }
}

impl Button {
    /// A button with a label.
    ///
    /// ```
    /// use chatkit_sdk::widget::{ActionConfig, Button, ButtonColor};
    /// let yes = Button::new("Yes")
    ///     .color(ButtonColor::Success)
    ///     .on_click_action(ActionConfig::new("user_decision"));
    /// assert_eq!(
    ///     serde_json::to_string(&yes)?,
    ///     r#"{"type":"Button","label":"Yes","onClickAction":{"type":"user_decision","handler":"server","loadingBehavior":"auto","streaming":true},"color":"success"}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(label: impl Into<Str>) -> Self {
        Button {
            label: Some(label.into()),
            ..Default::default()
        }
    }
}
