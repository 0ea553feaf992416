#!/usr/bin/env python3
"""Captures the docs-style test graphs (server/agent/graphs) step by step.

    scripts/capture-graphs.py [--url AGENT_URL] [SCENARIO ...]   # default: every scenario

AGENT_URL defaults to the URL of `scripts/agent.sh start` (which starts the server if needed).
Each scenario runs on a fresh LangGraph thread. Its steps are user messages, or a retry of an
earlier one; for step NN (01, 02, …) it writes into `tests/data/langgraph/graphs/<scenario>/`:

- `NN-run.txt`: the `runs/stream` request and the raw response, in the format of
  `scripts/capture-agent.py` (request body as `chatkit-server` sends it, with
  `stream_subgraphs`);
- `NN-state.json`: the body of `GET /threads/{id}/state` after the step, pretty-printed.

A retry (`Retry(n)`) sends step n's input again (same message id and text) from the newest
checkpoint of `POST /threads/{id}/history` (newest first) whose `values.messages` does not
hold that message: `"checkpoint": {"checkpoint_id": ...}`. Python standard library only; the
HTTP client is `scripts/capture-hitl.py`'s.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "langgraph" / "graphs"

sys.dont_write_bytecode = True  # no scripts/__pycache__ from loading capture-hitl.py
_spec = importlib.util.spec_from_file_location("capture_hitl", ROOT / "scripts" / "capture-hitl.py")
capture_hitl = sys.modules["capture_hitl"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(capture_hitl)
Client = capture_hitl.Client


@dataclass
class Retry:
    """Send step `step`'s input again (1-based), from before its message."""

    step: int


@dataclass
class Scenario:
    graph: str
    steps: list[str | Retry]
    context: dict | None = None
    """The run's `context` (runtime context), when the graph needs one."""
    extra_input: dict = field(default_factory=dict)
    """Keys sent in `input` besides `messages`."""
    question: bool = False
    """The input is `{"question": TEXT}` (no messages)."""
    configurable: dict | None = None
    """The run's `config.configurable`, if any."""

    def input(self, text: str) -> dict:
        if self.question:
            return {"question": text}
        message = {"role": "user", "content": text, "id": f"msg_{uuid.uuid4().hex[:8]}"}
        return {"messages": [message], **self.extra_input}


SCENARIOS: dict[str, Scenario] = {
    "react-parallel": Scenario("react_agent", ["weather in Paris and Rome"]),
    "react-turns": Scenario("react_agent", [
        "weather in Paris", "and in Rome?", "thanks",
        Retry(3),  # the same "thanks" (same message id), forked from before it
    ]),
    "subgraph": Scenario("subgraph_graph", ["Tell me about the Rust language"]),
    "deep-agent": Scenario("deep_agent", ["research the history of Rust"]),
    "context-agent": Scenario("context_agent", ["hi there"], context={"user_id": "alice"}),
    "extra-key": Scenario("extra_key_graph", ["how do I renew my passport?"],
                          extra_input={"tone": "formal"}),
    "question": Scenario("question_graph", ["What is the capital of France?"], question=True),
    "reasoning-think": Scenario("reasoning_agent", ["think about which option is better"]),
    "reasoning-reason": Scenario("reasoning_agent", ["reason about (2 + 2) * 10"]),
    "reasoning-tool": Scenario("reasoning_agent", ["look up Rust"]),
    "ui": Scenario("ui_graph", ["what is the weather in Paris?"]),
    "supervisor": Scenario("supervisor_graph", ["what is 2 plus 3, and who invented Rust?"]),
}


def run_body(scenario: Scenario, run_input: dict, checkpoint: str | None) -> dict:
    """The `runs/stream` body, as chatkit-server sends it (keys in its order)."""
    body: dict[str, Any] = {
        "assistant_id": scenario.graph,
        "stream_mode": ["messages-tuple", "updates", "custom"],
        "stream_subgraphs": True,
        "stream_resumable": True,
        "on_disconnect": "cancel",
        "input": run_input,
        "multitask_strategy": "reject",
    }
    if scenario.context is not None:
        body["context"] = scenario.context
    if scenario.configurable is not None:
        body["config"] = {"configurable": scenario.configurable}
    if checkpoint is not None:
        body["checkpoint"] = {"checkpoint_id": checkpoint}
    return body


def checkpoint_before(client: Client, thread: str, message_id: str) -> str:
    """The newest checkpoint whose messages do not hold `message_id` (newest first)."""
    history = json.loads(client.call("POST", f"/threads/{thread}/history", {"limit": 20})[1])
    for state in history:
        messages = (state.get("values") or {}).get("messages") or []
        if not any(m.get("id") == message_id for m in messages):
            return state["checkpoint"]["checkpoint_id"]
    raise SystemExit(f"no checkpoint without {message_id} in the thread's history")


def capture(client: Client, name: str, scenario: Scenario) -> None:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("[0-9][0-9]-*"):
        old.unlink()
    thread = str(uuid.uuid4())
    client.call("POST", "/threads", {"thread_id": thread, "if_exists": "do_nothing"})
    inputs: list[dict] = []
    for number, step in enumerate(scenario.steps, start=1):
        checkpoint = None
        if isinstance(step, Retry):
            run_input = inputs[step.step - 1]
            checkpoint = checkpoint_before(client, thread, run_input["messages"][0]["id"])
        else:
            run_input = scenario.input(step)
        inputs.append(run_input)
        body = run_body(scenario, run_input, checkpoint)
        (folder / f"{number:02}-run.txt").write_bytes(
            client.stream(f"/threads/{thread}/runs/stream", body))
        state = client.state(thread)
        (folder / f"{number:02}-state.json").write_text(
            json.dumps(state, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"captured {name} ({len(scenario.steps)} steps)")


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
        capture(client, name, SCENARIOS[name])


if __name__ == "__main__":
    main()
