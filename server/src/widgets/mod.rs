//! The demo widgets the server shows, written as `widget!` components.

mod carousel;
mod yes_no;

pub use carousel::{CarouselItem, ImageCarousel};
pub use yes_no::{YES_NO_ACTION, YesNoButtons};
