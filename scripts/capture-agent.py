#!/usr/bin/env python3
"""Captures the example agent's `runs/stream` answers for the fake LangGraph of the tests.

    scripts/capture-agent.py [AGENT_URL]   # default: the URL of `scripts/agent.sh start`

Each scenario runs on a fresh LangGraph thread with the request body `chatkit-server` sends
(stream modes, `stream_resumable`, `on_disconnect`), and is written to
`tests/data/langgraph/agent/<name>.txt` in the format of the reference captures: the request,
then the raw response (status line, headers, body bytes as sent). Python standard library only.
Rerun it when the example agent changes; `server/tests/e2e.rs` fails when the committed captures
no longer match what the agent streams.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "langgraph" / "agent"

# name → the steps of one thread: a user message, or {"resume": value} for `command.resume`.
SCENARIOS: dict[str, list[object]] = {
    "pay-interrupt": ["pay my installment"],
    "pay-resume": ["pay my installment", {"resume": "yes"}],
    "transfer-form": ["transfer some money"],
    "transfer-resume": ["transfer some money", {"resume": {"amount": "120", "note": "Ενοίκιο"}}],
    "balance-widget": ["show my balance widget"],
}


def run_body(step: object) -> dict:
    body: dict = {
        "assistant_id": "agent",
        "stream_mode": ["messages-tuple", "updates", "custom"],
        "stream_resumable": True,
        "on_disconnect": "cancel",
    }
    if isinstance(step, dict):
        body["command"] = {"resume": step["resume"]}
    else:
        body["input"] = {"messages": [{"role": "user", "content": step, "id": f"msg_{uuid.uuid4().hex[:8]}"}]}
    return body


def request(base: str, method: str, path: str, body: dict) -> tuple[bytes, bytes]:
    """The request as written in a capture, and the raw response."""
    url = urllib.parse.urlsplit(base)
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    conn.request(method, path, body=data, headers={"content-type": "application/json",
                                                   "accept": "text/event-stream"})
    response = conn.getresponse()
    raw = response.read()
    conn.close()
    head = f"HTTP/1.1 {response.status} {response.reason}\r\n"
    head += "".join(f"{k.lower()}: {v}\r\n" for k, v in response.getheaders()
                    if k.lower() not in ("date", "transfer-encoding"))
    written = f"### REQUEST\n{method} {path}\ncontent-type: application/json\n\n".encode() + data + b"\n"
    return written, head.encode() + b"\r\n" + raw


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else subprocess.run(
        [str(ROOT / "scripts" / "agent.sh"), "start"], check=True, capture_output=True, text=True
    ).stdout.strip()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, steps in SCENARIOS.items():
        thread = str(uuid.uuid4())
        request(base, "POST", "/threads", {"thread_id": thread, "if_exists": "do_nothing"})
        for step in steps:
            written, response = request(base, "POST", f"/threads/{thread}/runs/stream", run_body(step))
        (OUT / f"{name}.txt").write_bytes(written + b"### RESPONSE\n" + response)
        print(f"captured {name} ({len(response)} bytes)")


if __name__ == "__main__":
    main()
