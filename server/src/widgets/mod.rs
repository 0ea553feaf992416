//! The demo widgets the server shows, written as `widget!` components.

mod answer_form;
mod carousel;
mod yes_no;

pub use answer_form::{ANSWER_ACTION, AnswerField, AnswerForm};
pub use carousel::{CarouselItem, ImageCarousel, demo_picture};
pub use yes_no::{YES_NO_ACTION, YesNoButtons};
