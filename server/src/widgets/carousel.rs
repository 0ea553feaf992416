//! The image carousel: a row of picture cards, each opening its link in the browser.

use chatkit_sdk::widget;
use chatkit_sdk::widget::{ActionConfig, ActionHandler, Card, Component, Str};
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

impl ImageCarousel {
    /// `n` numbered places (`Place 1`…) with pictures on example.com, every other one with a
    /// Greek subtitle: the carousel of the widget tests and of the benchmarks.
    pub fn numbered(n: usize) -> Self {
        let items = (1..=n)
            .map(|i| CarouselItem {
                title: format!("Place {i}"),
                subtitle: (i % 2 == 1).then(|| format!("Τοποθεσία {i}")),
                image_url: format!("https://example.com/{i}.jpg"),
                link_url: format!("https://example.com/place/{i}"),
            })
            .collect();
        ImageCarousel { items }
    }

    /// The demo carousel the server shows for "carousel": four places, with pictures served by
    /// the server itself (`/langgraph/demo/<name>.svg`, see [`demo_picture`]) so it works offline.
    pub fn demo() -> Self {
        let place = |slug: &str, title: &str, subtitle: &str, wiki: &str| CarouselItem {
            title: title.to_owned(),
            subtitle: Some(subtitle.to_owned()),
            image_url: format!("/langgraph/demo/{slug}.svg"),
            link_url: format!("https://en.wikipedia.org/wiki/{wiki}"),
        };
        ImageCarousel {
            items: vec![
                place(
                    "acropolis",
                    "Acropolis",
                    "Αθήνα · Athens",
                    "Acropolis_of_Athens",
                ),
                place(
                    "santorini",
                    "Santorini",
                    "Σαντορίνη · Cyclades",
                    "Santorini",
                ),
                place("meteora", "Meteora", "Μετέωρα · Thessaly", "Meteora"),
                place("delphi", "Delphi", "Δελφοί · Phocis", "Delphi"),
            ],
        }
    }
}

/// The picture of a demo place as an SVG document (`None` for an unknown name).
pub fn demo_picture(slug: &str) -> Option<String> {
    let (title, sky, ground) = match slug {
        "acropolis" => ("Acropolis", "#f4b860", "#8c6d46"),
        "santorini" => ("Santorini", "#4aa3df", "#f5f5f0"),
        "meteora" => ("Meteora", "#9cc5a1", "#6b5b4b"),
        "delphi" => ("Delphi", "#c9b6e4", "#7a8450"),
        _ => return None,
    };
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200" role="img" aria-label="{title}"><rect width="300" height="200" fill="{sky}"/><path d="M0 150 L80 95 L150 135 L220 85 L300 140 V200 H0 Z" fill="{ground}"/><text x="150" y="60" text-anchor="middle" font-family="sans-serif" font-size="28" fill="#1f1f1f">{title}</text></svg>"##
    ))
}

/// The client-handled action that opens a URL in a new tab.
fn open_link(url: &str) -> ActionConfig {
    ActionConfig::new(Str::from_static("open_link"))
        .handler(ActionHandler::Client)
        .payload(json!({ "url": url }))
}
