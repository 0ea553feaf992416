//! Icon names (`IconName`): the 64 names of the protocol, or any `vendor:…` / `lucide:…` string.
//!
//! Used by `Icon.name`, `Button.iconStart/iconEnd`, widget status, `progress_update.icon`,
//! workflow summaries and tasks, and entity sources.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

macro_rules! icon_names {
    ($($variant:ident => $name:literal,)*) => {
        /// An icon: one of the named icons, or a `vendor:`/`lucide:` icon.
        ///
        /// ```
        /// use chatkit_sdk::IconName;
        /// let star: IconName = "star".parse()?;
        /// assert_eq!(star, IconName::Star);
        /// let custom: IconName = "lucide:rocket".parse()?;
        /// assert_eq!(custom.as_str(), "lucide:rocket");
        /// assert!("rocket".parse::<IconName>().is_err());
        /// # Ok::<(), chatkit_sdk::UnknownIcon>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum IconName {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
            /// A `vendor:…` or `lucide:…` icon.
            Custom(String),
        }

        impl IconName {
            /// Every named icon's wire name, in the protocol's order.
            pub const NAMED: &'static [&'static str] = &[$($name),*];

            /// Every named icon, in the protocol's order (the order of [`IconName::NAMED`]).
            pub const ALL_NAMED: [IconName; [$($name),*].len()] = [$(IconName::$variant),*];

            /// The icon's wire name.
            pub fn as_str(&self) -> &str {
                match self {
                    $(IconName::$variant => $name,)*
                    IconName::Custom(name) => name,
                }
            }
        }

        impl FromStr for IconName {
            type Err = UnknownIcon;

            fn from_str(name: &str) -> Result<Self, Self::Err> {
                match name {
                    $($name => Ok(IconName::$variant),)*
                    custom if custom.starts_with("vendor:") || custom.starts_with("lucide:") => {
                        Ok(IconName::Custom(custom.to_owned()))
                    }
                    other => Err(UnknownIcon(other.to_owned())),
                }
            }
        }
    };
}

icon_names! {
    Agent => "agent",
    Analytics => "analytics",
    Atom => "atom",
    Batch => "batch",
    Bolt => "bolt",
    BookOpen => "book-open",
    BookClosed => "book-closed",
    BookClock => "book-clock",
    Bug => "bug",
    Calendar => "calendar",
    Chart => "chart",
    Check => "check",
    CheckCircle => "check-circle",
    CheckCircleFilled => "check-circle-filled",
    ChevronLeft => "chevron-left",
    ChevronRight => "chevron-right",
    CircleQuestion => "circle-question",
    Clock => "clock",
    Compass => "compass",
    Confetti => "confetti",
    Cube => "cube",
    Desktop => "desktop",
    Document => "document",
    Dot => "dot",
    DotsHorizontal => "dots-horizontal",
    DotsVertical => "dots-vertical",
    EmptyCircle => "empty-circle",
    ExternalLink => "external-link",
    Globe => "globe",
    Keys => "keys",
    Lab => "lab",
    Images => "images",
    Info => "info",
    Lifesaver => "lifesaver",
    Lightbulb => "lightbulb",
    Mail => "mail",
    MapPin => "map-pin",
    Maps => "maps",
    Mobile => "mobile",
    Name => "name",
    Notebook => "notebook",
    NotebookPencil => "notebook-pencil",
    PageBlank => "page-blank",
    Phone => "phone",
    Play => "play",
    Plus => "plus",
    Profile => "profile",
    ProfileCard => "profile-card",
    Reload => "reload",
    Star => "star",
    StarFilled => "star-filled",
    Search => "search",
    Sparkle => "sparkle",
    SparkleDouble => "sparkle-double",
    SquareCode => "square-code",
    SquareImage => "square-image",
    SquareText => "square-text",
    Suitcase => "suitcase",
    SettingsSlider => "settings-slider",
    User => "user",
    Wreath => "wreath",
    Write => "write",
    WriteAlt => "write-alt",
    WriteAlt2 => "write-alt2",
}

/// A string that is neither a named icon nor a `vendor:`/`lucide:` icon.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown icon `{0}`: expected a named icon (e.g. `star`) or `vendor:…`/`lucide:…`")]
pub struct UnknownIcon(pub String);

impl fmt::Display for IconName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<&str> for IconName {
    type Error = UnknownIcon;
    fn try_from(name: &str) -> Result<Self, Self::Error> {
        name.parse()
    }
}

impl Serialize for IconName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for IconName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = Cow::<'de, str>::deserialize(deserializer)?;
        name.parse().map_err(de::Error::custom)
    }
}

impl JsonSchema for IconName {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("IconName")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string", "enum": IconName::NAMED },
                { "type": "string", "pattern": "^vendor:" },
                { "type": "string", "pattern": "^lucide:" }
            ]
        })
    }
}
