"""The Python reference server for the benchmarks: `ref_server.py` (the deterministic reference
server, copied unchanged from the reference material) with three additions the benchmarks need:

* a user message `deltas:N` streams one assistant message of N text deltas (after the echo);
* a user message `hold:SECS` streams one assistant message whose single text delta ("held ") is
  followed by a SECS-second pause before the message ends: it holds the SSE stream open, to
  measure the memory per open stream;
* `CHATKIT_BENCH_CACHED=1` builds the request parser (pydantic `TypeAdapter`) once instead of
  on every request, as `ChatKitServer.process` does in openai-chatkit 1.6.5: Python's fair best.

Run: .venv/bin/python -m uvicorn bench_server:app --host 127.0.0.1 --port PORT --log-level warning
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterable
from datetime import datetime

import chatkit.server as chatkit_server
from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageContentPartAdded,
    AssistantMessageContentPartDone,
    AssistantMessageContentPartTextDelta,
    AssistantMessageItem,
    ThreadItemAddedEvent,
    ThreadItemDoneEvent,
    ThreadItemUpdatedEvent,
)

import ref_server

if os.environ.get("CHATKIT_BENCH_CACHED") == "1":
    _build = chatkit_server.TypeAdapter
    _adapters: dict[int, object] = {}

    class _CachedTypeAdapter:
        """`TypeAdapter[T](T)` that builds each adapter once."""

        def __getitem__(self, _item):
            return self

        def __call__(self, type_, *args, **kwargs):
            adapter = _adapters.get(id(type_))
            if adapter is None:
                adapter = _adapters[id(type_)] = _build(type_, *args, **kwargs)
            return adapter

    chatkit_server.TypeAdapter = _CachedTypeAdapter()

DELTAS = re.compile(r"deltas:(\d+)")
HOLD = re.compile(r"hold:(\d+)")


class BenchServer(ref_server.RefServer):
    async def respond(self, thread, input_user_message, context):
        text = ref_server.user_text(input_user_message)
        if match := DELTAS.search(text):
            deltas, hold = (f"tok{n} " for n in range(int(match.group(1)))), 0
        elif match := HOLD.search(text):
            deltas, hold = ["held "], int(match.group(1))
        else:
            async for event in super().respond(thread, input_user_message, context):
                yield event
            return
        if thread.title is None:
            thread.title = f"Echo: {text[:20]}"
        async for event in self._message(thread, context, deltas, hold):
            yield event

    async def _message(self, thread, context, deltas: Iterable[str], hold: float):
        """One assistant message streamed as `deltas`, then `hold` seconds of silence, then done."""
        msg_id = self.store.generate_item_id("message", thread, context)
        yield ThreadItemAddedEvent(item=AssistantMessageItem(
            id=msg_id, thread_id=thread.id, created_at=datetime.now(), content=[]))
        yield ThreadItemUpdatedEvent(item_id=msg_id, update=AssistantMessageContentPartAdded(
            content_index=0, content=AssistantMessageContent(text="")))
        parts = []
        for delta in deltas:
            parts.append(delta)
            yield ThreadItemUpdatedEvent(item_id=msg_id, update=AssistantMessageContentPartTextDelta(
                content_index=0, delta=delta))
        if hold:
            await asyncio.sleep(hold)
        content = AssistantMessageContent(text="".join(parts))
        yield ThreadItemUpdatedEvent(item_id=msg_id, update=AssistantMessageContentPartDone(
            content_index=0, content=content))
        yield ThreadItemDoneEvent(item=AssistantMessageItem(
            id=msg_id, thread_id=thread.id, created_at=datetime.now(), content=[content]))


ref_server.server = BenchServer(ref_server.store, attachment_store=ref_server.store)
server = ref_server.server
app = ref_server.app
# The endpoint in ref_server reads the module-level `server` at call time.
