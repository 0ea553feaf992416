"""A deterministic chat model that streams content-block lists (reasoning, thinking, tool use).

`hitl.fake_model.FakeChatModel` streams plain text (`content` a string). Reasoning models do
not: their `AIMessageChunk.content` is a LIST of content blocks, each carrying an `index` so
that the chunks of one block merge into one block (`langchain_core` merges list items with
the same `index`). `BlockChatModel` streams such lists. Its `script(messages)` returns an
`AIMessage` whose `content` is the list of WHOLE blocks; each block is then streamed in
several chunks, the way a provider does:

| block (as scripted)                                | streamed as                                           |
|----------------------------------------------------|-------------------------------------------------------|
| `{"type": "thinking", "thinking": T}` (Anthropic)  | `[{"type": "thinking", "thinking": word, "index": i}]` per word |
| `{"type": "reasoning", "reasoning": T}` (v1)       | `[{"type": "reasoning", "reasoning": word, "index": i}]` per word |
| `{"type": "text", "text": T}`                      | `[{"type": "text", "text": word, "index": i}]` per word |
| `{"type": "tool_use", "id", "name", "input"}` (Anthropic) | `[{"type": "tool_use", "id", "name", "input": {}, "index": i}]` with the call's first `tool_call_chunk`, then `[{"type": "input_json_delta", "partial_json": piece, "index": i}]` with each argument fragment |

`i` is the block's position in the list (as Anthropic numbers its blocks). The message's
`tool_calls` come from the `tool_use` blocks (the script also lists them in `tool_calls`, as
`FakeChatModel` scripts do). `response_metadata` of the chunks is the scripted message's
(e.g. `{"model_provider": "anthropic"}` for Anthropic-style blocks, `{"output_version": "v1"}`
for LangChain v1 standard blocks), so `AIMessage.content_blocks` reads them right. The last
chunk is empty with `chunk_position="last"` and `finish_reason`.

A string `content` is streamed word by word like `FakeChatModel` does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.messages.tool import tool_call_chunk

from hitl.fake_model import WORDS, FakeChatModel, fragments

# The key of each streamed block type that holds its text.
TEXT_KEYS = {"thinking": "thinking", "reasoning": "reasoning", "text": "text"}


class BlockChatModel(FakeChatModel):
    """A `FakeChatModel` whose scripted content may be a list of content blocks."""

    @property
    def _llm_type(self) -> str:
        return "fake-block-chat-model"

    def _chunks(self, messages: list[BaseMessage]) -> Iterator[AIMessageChunk]:
        answer: AIMessage = self.script(messages)
        metadata: dict[str, Any] = dict(answer.response_metadata)
        blocks = answer.content
        if isinstance(blocks, str):
            blocks = [{"type": "text", "text": blocks}] if blocks else []
            plain = True
        else:
            plain = False
        calls = {c["id"]: c for c in answer.tool_calls}
        for index, block in enumerate(blocks):
            kind = block["type"]
            if kind in TEXT_KEYS:
                key = TEXT_KEYS[kind]
                for word in WORDS.findall(block[key]):
                    content: Any = word if plain else [{"type": kind, key: word, "index": index}]
                    yield AIMessageChunk(content=content, response_metadata=metadata)
            elif kind == "tool_use":
                tool_call = calls[block["id"]]
                yield AIMessageChunk(
                    content=[{"type": "tool_use", "id": block["id"], "name": block["name"],
                              "input": {}, "index": index}],
                    tool_call_chunks=[tool_call_chunk(
                        name=tool_call["name"], args="", id=tool_call["id"], index=index)],
                    response_metadata=metadata,
                )
                for piece in fragments(json.dumps(tool_call["args"], ensure_ascii=False)):
                    yield AIMessageChunk(
                        content=[{"type": "input_json_delta", "partial_json": piece,
                                  "index": index}],
                        tool_call_chunks=[tool_call_chunk(args=piece, index=index)],
                        response_metadata=metadata,
                    )
            else:
                raise ValueError(f"BlockChatModel cannot stream a {kind!r} block")
        # Tool calls without a `tool_use` block: plain `tool_call_chunks`, as FakeChatModel.
        used = {block.get("id") for block in blocks if block["type"] == "tool_use"}
        for index, tool_call in enumerate(answer.tool_calls, start=len(blocks)):
            if tool_call["id"] in used:
                continue
            empty: Any = "" if plain else []
            yield AIMessageChunk(content=empty, tool_call_chunks=[tool_call_chunk(
                name=tool_call["name"], args="", id=tool_call["id"], index=index)])
            for piece in fragments(json.dumps(tool_call["args"], ensure_ascii=False)):
                yield AIMessageChunk(
                    content=empty, tool_call_chunks=[tool_call_chunk(args=piece, index=index)])
        finish = "tool_calls" if answer.tool_calls else "stop"
        yield AIMessageChunk(
            content="" if plain else [],
            chunk_position="last",
            response_metadata={**metadata, "finish_reason": finish},
        )
