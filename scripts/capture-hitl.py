#!/usr/bin/env python3
"""Captures the human-in-the-loop test graphs (server/agent/hitl) step by step.

    scripts/capture-hitl.py [--url AGENT_URL] [SCENARIO ...]   # default: every scenario

AGENT_URL defaults to the URL of `scripts/agent.sh start` (which starts the server if needed).
Each scenario runs on a fresh LangGraph thread. Its steps are a user message or a resume;
for step NN (01, 02, …) it writes into `tests/data/langgraph/hitl/<scenario>/`:

- `NN-run.txt`: the `runs/stream` request and the raw response, in the format of
  `scripts/capture-agent.py` (request body exactly as `chatkit-server` sends it);
- `NN-state.json`: the body of `GET /threads/{id}/state` after the step, pretty-printed.

A resume is always sent in the map form, `{"command": {"resume": {"<interrupt id>": value}}}`,
keyed by a pending interrupt's id read from the previous step's state (by default the first
of `interrupts`; or the one whose value a predicate picks). Python standard library only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import subprocess
import sys
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "langgraph" / "hitl"


@dataclass
class Resume:
    """Answer one pending interrupt (of the state's `interrupts`) with `value`.

    `pick` is its index, or a predicate on its value that exactly one pending interrupt
    must satisfy (the order of `interrupts` is not guaranteed).
    """

    value: Any
    pick: int | Callable[[Any], bool] = 0

    def interrupt(self, pending: list[dict]) -> dict:
        """The pending interrupt to answer."""
        if callable(self.pick):
            chosen = [i for i in pending if self.pick(i.get("value"))]
            if len(chosen) != 1:
                raise SystemExit(
                    f"{len(chosen)} pending interrupts match the predicate (want 1): {pending}")
            return chosen[0]
        if len(pending) <= self.pick:
            raise SystemExit(f"no pending interrupt #{self.pick} to resume: {pending}")
        return pending[self.pick]


def tool_call(call_id: str) -> Callable[[Any], bool]:
    """Picks a `per_call` HITL interrupt (a `ToolApprovalRequest`) by its tool call id."""
    return lambda value: isinstance(value, dict) and value.get("tool_call_id") == call_id


EMAIL = {
    "to": "ana@example.com",
    "subject": "Lunch on Friday",
    "body": "Hi Ana, are you free for lunch on Friday?",
}

# name → (graph id, steps): a user message (str) or a `Resume`.
SCENARIOS: dict[str, tuple[str, list[str | Resume]]] = {
    "hitl-approve-reject": ("hitl_agent", [
        "email Ana and delete the draft",
        Resume({"decisions": [{"type": "approve"},
                              {"type": "reject", "message": "Keep the draft."}]}),
    ]),
    "hitl-edit": ("hitl_agent", [
        "email Ana",
        Resume({"decisions": [{"type": "edit", "edited_action": {
            "name": "send_email", "args": {**EMAIL, "subject": "Lunch on Saturday"}}}]}),
    ]),
    "hitl-reject": ("hitl_agent", [
        "email Ana",
        Resume({"decisions": [{"type": "reject", "message": "Not now, I will write it myself."}]}),
    ]),
    "hitl-respond": ("hitl_agent", [
        "book a meeting with Ana",
        Resume({"decisions": [{"type": "respond", "message": "Tuesday works for me."}]}),
    ]),
    "inbox-accept": ("inbox_agent", [
        "book a hotel",
        Resume([{"type": "accept", "args": None}]),
    ]),
    "inbox-ignore": ("inbox_agent", [
        "book a hotel",
        Resume([{"type": "ignore", "args": None}]),
    ]),
    "inbox-edit": ("inbox_agent", [
        "book a hotel",
        Resume([{"type": "edit",
                 "args": {"action": "book_hotel", "args": {"hotel_name": "The Standard"}}}]),
    ]),
    "inbox-response": ("inbox_agent", [
        "book a hotel",
        Resume([{"type": "response", "args": "Not this one: find a hotel near the park."}]),
    ]),
    "approval-no": ("approval_graph", ["write the report email", Resume(False)]),
    "approval-yes": ("approval_graph", ["write the report email", Resume(True)]),
    "tool-interrupt": ("tool_interrupt_agent", ["transfer 50 euros to Ana", Resume(True)]),
    "parallel": ("parallel_graph", [
        "buy 3 laptops",
        Resume("Approved for Q3."),  # the first pending interrupt only (the manager's)
        Resume("Budget is fine."),   # then the other one, still pending
    ]),
    "per-call": ("hitl_per_call_agent", [
        "email Ana and delete the draft",    # two interrupts, one per tool call
        Resume({"type": "approve"}, pick=tool_call("call_email")),  # only send_email's
        Resume({"type": "reject", "message": "Keep the draft."},
               pick=tool_call("call_delete")),  # then delete_file's, still pending
    ]),
}


def run_body(graph: str, step: str | Resume, pending: list[dict]) -> dict:
    """The `runs/stream` body, as chatkit-server sends it."""
    body: dict = {
        "assistant_id": graph,
        "stream_mode": ["messages-tuple", "updates", "custom"],
        "stream_subgraphs": True,
        "stream_resumable": True,
        "on_disconnect": "cancel",
    }
    if isinstance(step, Resume):
        body["command"] = {"resume": {step.interrupt(pending)["id"]: step.value}}
        body["multitask_strategy"] = "reject"
    else:
        body["input"] = {"messages": [
            {"role": "user", "content": step, "id": f"msg_{uuid.uuid4().hex[:8]}"}]}
    return body


class Client:
    def __init__(self, base: str) -> None:
        self.url = urllib.parse.urlsplit(base)

    def call(self, method: str, path: str, body: dict | None = None,
             accept: str = "application/json") -> tuple[http.client.HTTPResponse, bytes, bytes]:
        """The response, its raw body, and the request body as sent."""
        data = b"" if body is None else json.dumps(
            body, ensure_ascii=False, separators=(",", ":")).encode()
        conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=60)
        headers = {"accept": accept}
        if body is not None:
            headers["content-type"] = "application/json"
        conn.request(method, path, body=data if body is not None else None, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        conn.close()
        if response.status >= 400:
            raise SystemExit(f"{method} {path}: {response.status} {raw[:300]!r}")
        return response, raw, data

    def stream(self, path: str, body: dict) -> bytes:
        """A capture: the request, then the raw response (status line, headers, body)."""
        response, raw, data = self.call("POST", path, body, accept="text/event-stream")
        head = f"HTTP/1.1 {response.status} {response.reason}\r\n"
        head += "".join(f"{k.lower()}: {v}\r\n" for k, v in response.getheaders()
                        if k.lower() not in ("date", "transfer-encoding"))
        request = f"### REQUEST\nPOST {path}\ncontent-type: application/json\n\n".encode()
        return request + data + b"\n### RESPONSE\n" + head.encode() + b"\r\n" + raw

    def state(self, thread: str) -> dict:
        return json.loads(self.call("GET", f"/threads/{thread}/state")[1])


def capture(client: Client, name: str, graph: str, steps: list[str | Resume]) -> None:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("[0-9][0-9]-*"):
        old.unlink()
    thread = str(uuid.uuid4())
    client.call("POST", "/threads", {"thread_id": thread, "if_exists": "do_nothing"})
    pending: list[dict] = []
    for number, step in enumerate(steps, start=1):
        body = run_body(graph, step, pending)
        (folder / f"{number:02}-run.txt").write_bytes(
            client.stream(f"/threads/{thread}/runs/stream", body))
        state = client.state(thread)
        (folder / f"{number:02}-state.json").write_text(
            json.dumps(state, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        pending = state.get("interrupts") or []
    left = f", {len(pending)} interrupt(s) pending" if pending else ""
    print(f"captured {name} ({len(steps)} steps{left})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the agent server (default: scripts/agent.sh start)")
    parser.add_argument("scenarios", nargs="*", help=f"default: all of {', '.join(SCENARIOS)}")
    args = parser.parse_args()
    unknown = [s for s in args.scenarios if s not in SCENARIOS]
    if unknown:
        sys.exit(f"unknown scenario(s): {', '.join(unknown)}")
    base = args.url or subprocess.run(
        [str(ROOT / "scripts" / "agent.sh"), "start"], check=True, capture_output=True, text=True
    ).stdout.strip()
    client = Client(base)
    for name in args.scenarios or SCENARIOS:
        graph, steps = SCENARIOS[name]
        capture(client, name, graph, steps)


if __name__ == "__main__":
    main()
