"""Build + serialize an image carousel widget with the official Python SDK (openai-chatkit 1.6.5).

The Python side of the carousel benchmark: the same widget as the Rust server's `ImageCarousel`
(server/src/widgets/carousel.rs), built from the pydantic classes of `chatkit.widgets` and
`chatkit.actions.ActionConfig`:

    Card(size="full", padding=3)
      Row(gap=3, align="start", wrap="nowrap")
        per item: Col(gap=2, width=220, flex="0 0 auto")
          Image(src, alt=title, aspectRatio=1.5, fit="cover", radius="lg")
          Title(value=title, size="sm")
          Caption(value=subtitle, color="secondary")        (only with a subtitle)
          Button(label="Open", variant="outline", size="sm", iconEnd="external-link",
                 onClickAction=ActionConfig(type="open_link", handler="client",
                                            payload={"url": link_url}))

It is serialized exactly as the SDK puts it on the wire: `ChatKitServer._serialize` dumps every
event with `model_dump_json(by_alias=True, exclude_none=True, context={"exclude_metadata": True})`,
and the widget inside a `thread.item.done` event comes out byte for byte as that same call on the
widget alone.

Usage:
    python carousel.py --items ITEMS.json --expect EXPECTED.json [--seconds S] [--runs R]

ITEMS.json is a list of {"title", "subtitle" (optional/null), "image_url", "link_url"};
EXPECTED.json the widget JSON the Rust server emits for them. The script checks once that the
Python JSON equals the expected one (exit 1 with the first difference on stderr if not), then
times build + serialize for about S seconds per run (default 2), R runs (default 3), and prints
one JSON line: {"ns_per_op_median", "ns_per_op_runs", "iterations", "bytes", "key_order_matches"}
(`iterations`: total over all runs; `bytes`: UTF-8 length of the JSON).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings

from chatkit.actions import ActionConfig
from chatkit.widgets import Button, Caption, Card, Col, Image, Row, Title

# openai-chatkit 1.6.5 marks the named widget classes deprecated (in favour of .widget templates):
# every construction still calls `warnings.warn`, part of the measured cost; only the printing is
# silenced here.
warnings.filterwarnings("ignore", "Direct usage of named widget classes", DeprecationWarning)


def build(items: list[dict]) -> Card:
    """The carousel card for `items`."""
    cols = []
    for item in items:
        children = [
            Image(src=item["image_url"], alt=item["title"], aspectRatio=1.5, fit="cover",
                  radius="lg"),
            Title(value=item["title"], size="sm"),
        ]
        if item.get("subtitle") is not None:  # as Rust's `if let Some(..)`: "" still shows
            children.append(Caption(value=item["subtitle"], color="secondary"))
        children.append(Button(
            label="Open", variant="outline", size="sm", iconEnd="external-link",
            onClickAction=ActionConfig(type="open_link", handler="client",
                                       payload={"url": item["link_url"]}),
        ))
        cols.append(Col(gap=2, width=220, flex="0 0 auto", children=children))
    row = Row(gap=3, align="start", wrap="nowrap", children=cols)
    return Card(size="full", padding=3, children=[row])


def serialize(widget: Card) -> str:
    """The widget JSON as `ChatKitServer._serialize` writes it (before `.encode("utf-8")`)."""
    return widget.model_dump_json(by_alias=True, exclude_none=True,
                                  context={"exclude_metadata": True})


def build_and_serialize(items: list[dict]) -> str:
    return serialize(build(items))


def first_difference(got, want, path="$"):
    """(path, got, want) of the first difference of two JSON values, or None if equal."""
    if isinstance(got, dict) and isinstance(want, dict):
        for key in list(want) + [k for k in got if k not in want]:
            if key not in got or key not in want:
                return f"{path}.{key}", got.get(key, "<missing>"), want.get(key, "<missing>")
            diff = first_difference(got[key], want[key], f"{path}.{key}")
            if diff:
                return diff
        return None
    if isinstance(got, list) and isinstance(want, list):
        for i, (g, w) in enumerate(zip(got, want)):
            diff = first_difference(g, w, f"{path}[{i}]")
            if diff:
                return diff
        if len(got) != len(want):
            return f"{path}.length", len(got), len(want)
        return None
    # JSON numbers compare by value (220 == 220.0), as json.loads(a) == json.loads(b) does.
    if got != want or isinstance(got, bool) != isinstance(want, bool):
        return path, got, want
    return None


def same_key_order(got, want) -> bool:
    """Whether every object lists its keys in the same order (values assumed equal)."""
    if isinstance(got, dict):
        return list(got) == list(want) and all(same_key_order(got[k], want[k]) for k in got)
    if isinstance(got, list):
        return all(same_key_order(g, w) for g, w in zip(got, want))
    return True


def time_runs(items: list[dict], seconds: float, runs: int) -> tuple[list[float], int]:
    """ns per build + serialize for each run of about `seconds`, and the total iterations."""
    per_op, total = [], 0
    budget = int(seconds * 1e9)
    for _ in range(runs):
        n, start = 0, time.perf_counter_ns()
        while True:
            build_and_serialize(items)
            n += 1
            elapsed = time.perf_counter_ns() - start
            if elapsed >= budget:
                break
        per_op.append(elapsed / n)
        total += n
    return per_op, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", required=True, help="JSON list of carousel items")
    parser.add_argument("--expect", required=True, help="the Rust widget JSON for those items")
    parser.add_argument("--seconds", type=float, default=2.0, help="seconds per run")
    parser.add_argument("--runs", type=int, default=3, help="number of runs")
    args = parser.parse_args()

    with open(args.items, encoding="utf-8") as f:
        items = json.load(f)
    with open(args.expect, encoding="utf-8") as f:
        expected = json.load(f)

    text = build_and_serialize(items)
    got = json.loads(text)
    diff = first_difference(got, expected)
    if diff is not None:
        path, g, w = diff
        show = lambda v: json.dumps(v, ensure_ascii=False)[:300]  # noqa: E731
        print(f"carousel.py: the Python widget differs from {args.expect} at {path}:\n"
              f"  python:   {show(g)}\n  expected: {show(w)}", file=sys.stderr)
        return 1

    per_op, iterations = time_runs(items, args.seconds, args.runs)
    print(json.dumps({
        "ns_per_op_median": statistics.median(per_op),
        "ns_per_op_runs": per_op,
        "iterations": iterations,
        "bytes": len(text.encode("utf-8")),
        "key_order_matches": same_key_order(got, expected),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
