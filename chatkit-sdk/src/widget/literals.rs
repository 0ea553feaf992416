//! The closed sets of literal values widget props take (`size="md"`, `color="success"`, …).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! literals {
    ($(
        $(#[$meta:meta])*
        $name:ident { $($variant:ident = $wire:literal),* $(,)? }
    )*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            // No per-variant docs: they would turn the JSON Schema `enum` into a `oneOf` of
            // documented constants.
            $(
                #[allow(missing_docs)]
                #[serde(rename = $wire)]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in the protocol's (and the JSON Schema's) order.
            pub const ALL: [$name; [$($wire),*].len()] = [$($name::$variant),*];

            /// The wire value.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }
        }

        impl $crate::widget::WriteJson for $name {
            fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
                out.extend_from_slice(match self {
                    $($name::$variant => concat!("\"", $wire, "\"").as_bytes(),)*
                });
                Ok(())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::widget::UnknownLiteral;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    $($wire => Ok($name::$variant),)*
                    _ => Err($crate::widget::UnknownLiteral {
                        type_name: stringify!($name),
                        value: value.to_owned(),
                        expected: &[$($wire),*],
                    }),
                }
            }
        }
    )*};
}

literals! {
    /// Cross-axis alignment (`align`).
    Alignment { Start = "start", Center = "center", End = "end", Baseline = "baseline", Stretch = "stretch" }
    /// Main-axis distribution (`justify`).
    Justification {
        Start = "start", Center = "center", End = "end", Between = "between",
        Around = "around", Evenly = "evenly", Stretch = "stretch",
    }
    /// Flex wrapping (`wrap`).
    FlexWrap { Nowrap = "nowrap", Wrap = "wrap", WrapReverse = "wrap-reverse" }
    /// Layout direction (`direction` of Box, Form, Basic, RadioGroup).
    Direction { Row = "row", Col = "col" }
    /// Corner radius (`radius`).
    Radius {
        Xxs = "2xs", Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl", Xxl = "2xl",
        Xxxl = "3xl", Xxxxl = "4xl", Full = "full", Percent100 = "100%", None = "none",
    }
    /// Font weight (`weight`).
    FontWeight { Normal = "normal", Medium = "medium", Semibold = "semibold", Bold = "bold" }
    /// Text alignment (`textAlign`).
    TextAlign { Start = "start", Center = "center", End = "end" }
    /// Text and Label sizes.
    TextSize { Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl" }
    /// Title sizes.
    TitleSize {
        Sm = "sm", Md = "md", Lg = "lg", Xl = "xl", Xxl = "2xl", Xxxl = "3xl",
        Xxxxl = "4xl", Xxxxxl = "5xl",
    }
    /// Caption sizes.
    CaptionSize { Sm = "sm", Md = "md", Lg = "lg" }
    /// Icon sizes.
    IconSize { Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl", Xxl = "2xl", Xxxl = "3xl" }
    /// Control look (`variant` of Button, Select, DatePicker).
    ControlVariant { Solid = "solid", Soft = "soft", Outline = "outline", Ghost = "ghost" }
    /// Control size (`size` of Button, Input, Textarea, Select, DatePicker).
    ControlSize {
        Xxxs = "3xs", Xxs = "2xs", Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl",
        Xxl = "2xl", Xxxl = "3xl",
    }
    /// Card width (`size` of Card).
    CardSize { Sm = "sm", Md = "md", Lg = "lg", Full = "full" }
    /// Forced color scheme (`theme`).
    Theme { Light = "light", Dark = "dark" }
    /// Badge colors.
    BadgeColor {
        Secondary = "secondary", Success = "success", Danger = "danger", Warning = "warning",
        Info = "info", Discovery = "discovery",
    }
    /// Badge looks.
    BadgeVariant { Solid = "solid", Soft = "soft", Outline = "outline" }
    /// Badge sizes.
    BadgeSize { Sm = "sm", Md = "md", Lg = "lg" }
    /// How an image fills its box (`fit`).
    ImageFit { Cover = "cover", Contain = "contain", Fill = "fill", ScaleDown = "scale-down", None = "none" }
    /// Image anchor (`position`).
    ImagePosition {
        TopLeft = "top left", Top = "top", TopRight = "top right", Left = "left",
        Center = "center", Right = "right", BottomLeft = "bottom left", Bottom = "bottom",
        BottomRight = "bottom right",
    }
    /// Button emphasis (`style`).
    ButtonStyle { Primary = "primary", Secondary = "secondary" }
    /// Button icon sizes (`iconSize`).
    ButtonIconSize { Sm = "sm", Md = "md", Lg = "lg", Xl = "xl", Xxl = "2xl" }
    /// Button colors.
    ButtonColor {
        Primary = "primary", Secondary = "secondary", Info = "info", Discovery = "discovery",
        Success = "success", Caution = "caution", Warning = "warning", Danger = "danger",
    }
    /// Input kinds (`inputType`).
    InputType {
        Number = "number", Email = "email", Text = "text", Password = "password",
        Tel = "tel", Url = "url",
    }
    /// Input and Textarea looks.
    InputVariant { Soft = "soft", Outline = "outline" }
    /// Inner padding of Input and Textarea (`gutterSize`).
    GutterSize { Xxs = "2xs", Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl" }
    /// Where a DatePicker's popover opens (`side`).
    PopoverSide { Top = "top", Bottom = "bottom", Left = "left", Right = "right" }
    /// How a DatePicker's popover aligns (`align`).
    PopoverAlign { Start = "start", Center = "center", End = "end" }
    /// Border line styles.
    BorderStyle {
        Solid = "solid", Dashed = "dashed", Dotted = "dotted", Double = "double",
        Groove = "groove", Ridge = "ridge", Inset = "inset", Outset = "outset",
    }
    /// Chart line interpolation (`curveType`).
    CurveType {
        Basis = "basis", BasisClosed = "basisClosed", BasisOpen = "basisOpen", BumpX = "bumpX",
        BumpY = "bumpY", Bump = "bump", Linear = "linear", LinearClosed = "linearClosed",
        Natural = "natural", MonotoneX = "monotoneX", MonotoneY = "monotoneY",
        Monotone = "monotone", Step = "step", StepBefore = "stepBefore", StepAfter = "stepAfter",
    }
    /// Table cell alignment (`align`, `vAlign`).
    TableCellAlign { Start = "start", Center = "center", End = "end" }
    /// The literal `"auto"` (`ListView.limit`).
    AutoLiteral { Auto = "auto" }
    /// Table column sizes (`colSize`).
    TableColSize { Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl" }
}
