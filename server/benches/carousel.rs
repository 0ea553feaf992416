//! Building and serializing a 50-picture carousel with `widget!`, the hot path of the
//! "carousel" demo reply. Serialized as the server puts it on the wire (`to_wire_json`: widgets
//! written directly, not through serde's per-field protocol).

use chatkit_sdk::{WidgetRoot, to_wire_json, widget};
use chatkit_server::widgets::{CarouselItem, ImageCarousel};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn items() -> Vec<CarouselItem> {
    ImageCarousel::numbered(50).items
}

fn carousel(c: &mut Criterion) {
    let source = items();
    c.bench_function("carousel_50_build", |b| {
        b.iter_batched(
            || source.clone(),
            // Dropped inside the routine so freeing it is timed, as in build_and_serialize.
            |items| drop(black_box(widget! { <ImageCarousel items={items} /> })),
            BatchSize::PerIteration,
        )
    });
    c.bench_function("carousel_50_build_and_serialize", |b| {
        // The input is copied untimed, as Python's loop reuses its item dicts (chatkit-bench
        // measures the same way).
        b.iter_batched(
            || source.clone(),
            |items| {
                let card = widget! { <ImageCarousel items={items} /> };
                to_wire_json(&WidgetRoot::from(card))
                    .map(|json| json.len())
                    .unwrap_or_default()
            },
            BatchSize::PerIteration,
        )
    });
    let card = WidgetRoot::from(widget! { <ImageCarousel items={source.clone()} /> });
    c.bench_function("carousel_50_serialize", |b| {
        b.iter(|| {
            to_wire_json(black_box(&card))
                .map(|json| json.len())
                .unwrap_or_default()
        })
    });
    c.bench_function("carousel_50_serialize_serde", |b| {
        b.iter(|| {
            serde_json::to_vec(black_box(&card))
                .map(|json| json.len())
                .unwrap_or_default()
        })
    });
}

criterion_group!(benches, carousel);
criterion_main!(benches);
