#!/usr/bin/env python3
"""Seeds the fuzz corpora from the project's own data: one file per seed under the directory
given (default target/fuzz/corpus), a folder per fuzz target.

- request_decode:   every request body of the ChatKit transcripts (tests/data/chatkit)
- widget_decode:    every widget in the events of the transcripts and captures (roots and
                    their components)
- langgraph_events: every LangGraph stream body captured (tests/data/langgraph), whole and in
                    runs of six events, behind the chunk-size byte the target reads first
- widget_markup:    the markup of every `widget!` in the sources and the trybuild cases
"""
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "fuzz" / "corpus"


def write(target: str, data: bytes) -> None:
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def widgets(value):
    """Every widget root or component inside a decoded event."""
    if isinstance(value, dict):
        if isinstance(value.get("type"), str) and value["type"][:1].isupper():
            yield value
        for child in value.values():
            yield from widgets(child)
    elif isinstance(value, list):
        for child in value:
            yield from widgets(child)


def chatkit() -> None:
    for path in sorted((ROOT / "tests/data").rglob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("POST /chatkit") and i + 1 < len(lines):
                write("request_decode", lines[i + 1].encode())
            if line.startswith("data: "):
                try:
                    event = json.loads(line[6:])
                except json.JSONDecodeError:
                    continue
                for widget in widgets(event):
                    write("widget_decode", json.dumps(widget).encode())


def langgraph() -> None:
    for path in sorted((ROOT / "tests/data/langgraph").rglob("*.txt")):
        text = path.read_bytes()
        # The body of every response: what follows the blank line after the response headers.
        for part in text.split(b"### RESPONSE")[1:]:
            part = part.split(b"### REQUEST")[0]
            head, sep, body = part.partition(b"\r\n\r\n")
            if not sep:
                head, sep, body = part.partition(b"\n\n")
            if b"data:" not in body:
                continue
            write("langgraph_events", bytes([7]) + body)
            # And runs of a few events, small enough for quick executions.
            events = [e for e in body.replace(b"\r\n", b"\n").split(b"\n\n") if e.strip()]
            for at in range(0, len(events), 4):
                write("langgraph_events", bytes([at % 64]) + b"\n\n".join(events[at : at + 6]) + b"\n\n")


MACRO = re.compile(r"widget!\s*([{(])")


def markup() -> None:
    sources = [p for p in ROOT.rglob("*.rs") if "target" not in p.parts and "fuzz" not in p.parts]
    for path in sorted(sources):
        text = path.read_text(encoding="utf-8")
        for found in MACRO.finditer(text):
            open_, close = found.group(1), "}" if found.group(1) == "{" else ")"
            depth, start = 0, found.end()
            for at in range(found.start(1), len(text)):
                if text[at] == open_:
                    depth += 1
                elif text[at] == close:
                    depth -= 1
                    if depth == 0:
                        body = text[start:at]
                        # Doc comments: drop the `//!` and `///` leaders.
                        body = re.sub(r"(?m)^\s*//[!/] ?", "", body)
                        write("widget_markup", body.encode())
                        break


chatkit()
langgraph()
markup()
for folder in sorted(OUT.iterdir()):
    print(f"{folder.name}: {len(list(folder.iterdir()))} seeds")
