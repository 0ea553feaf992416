//! The image carousel: a row of picture cards, each opening its link in the browser.

use chatkit_sdk::widget;
use chatkit_sdk::widget::{ActionConfig, ActionHandler, Card, Component};
use serde_json::json;

/// One picture of the carousel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarouselItem {
    /// The caption title.
    pub title: String,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// The picture.
    pub image_url: String,
    /// Where the button leads (opened by the client: an `open_link` client action).
    pub link_url: String,
}

/// A carousel of pictures with "Open" buttons.
///
/// ```
/// use chatkit_sdk::widget;
/// use chatkit_server::widgets::{CarouselItem, ImageCarousel};
///
/// let items = vec![CarouselItem {
///     title: "Athens".into(),
///     subtitle: Some("Ακρόπολη".into()),
///     image_url: "https://example.com/athens.jpg".into(),
///     link_url: "https://example.com/athens".into(),
/// }];
/// let card = widget! { <ImageCarousel items={items} /> };
/// assert_eq!(card.children.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageCarousel {
    /// The pictures, in order.
    pub items: Vec<CarouselItem>,
}

impl Component for ImageCarousel {
    type Output = Card;

    fn render(self) -> Card {
        widget! {
            <Card size="full" padding=3>
                <Row gap=3 align="start" wrap="nowrap">
                    for item in self.items {
                        <Col gap=2 width=220 flex="0 0 auto">
                            <Image src={item.image_url} alt={item.title.clone()} aspectRatio=1.5
                                   fit="cover" radius="lg" />
                            <Title value={item.title} size="sm" />
                            if let Some(subtitle) = item.subtitle {
                                <Caption value={subtitle} color="secondary" />
                            }
                            <Button label="Open" variant="outline" size="sm" iconEnd="external-link"
                                    onClickAction={open_link(&item.link_url)} />
                        </Col>
                    }
                </Row>
            </Card>
        }
    }
}

/// The client-handled action that opens a URL in a new tab.
fn open_link(url: &str) -> ActionConfig {
    ActionConfig::new("open_link")
        .handler(ActionHandler::Client)
        .payload(json!({ "url": url }))
}
