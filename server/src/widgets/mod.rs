//! The demo widgets the server shows, written as `widget!` components.

mod answer_form;
mod answered;
mod carousel;
mod details;
mod review_form;
mod yes_no;

pub use answer_form::{ANSWER_ACTION, AnswerField, AnswerForm};
pub use answered::Answered;
pub use carousel::{CarouselItem, ImageCarousel, demo_picture};
pub use details::{Details, fold, text};
pub use review_form::{REVIEW_ACTION, ReviewForm, ReviewItem};
pub use yes_no::{YES_NO_ACTION, YesNoButtons};
