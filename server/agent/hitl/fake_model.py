"""A deterministic chat model for the human-in-the-loop test graphs.

`FakeChatModel` needs no LLM and no network. Its answer is decided by a `script`: a function
of the conversation that returns an `AIMessage` (its text and, optionally, its tool calls).
The model then streams that answer the way a provider does:

- the text as one `AIMessageChunk` per word;
- each tool call as `tool_call_chunks`: a first chunk with the call's name and id, then its
  JSON arguments in several fragments (`name` and `id` null, same `index`);
- a last, empty chunk with `chunk_position="last"` and `finish_reason` (`tool_calls` or
  `stop`).

`bind_tools` records the tools (as OpenAI tool schemas) like a real integration does, so the
model works with `create_agent`.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage
from langchain_core.messages.tool import tool_call_chunk
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool

Script = Callable[[list[BaseMessage]], AIMessage]

WORDS = re.compile(r"\S+\s*")


def text_of(message: BaseMessage) -> str:
    """The text of a message, whether its content is a string or a list of blocks."""
    if isinstance(message.content, str):
        return message.content
    return "".join(
        block.get("text", "") if isinstance(block, dict) else str(block)
        for block in message.content
    )


def last_request(messages: Sequence[BaseMessage]) -> str:
    """The text of the latest human message, lower-cased."""
    for message in reversed(messages):
        if message.type == "human":
            return text_of(message).lower()
    return ""


def tool_results(messages: Sequence[BaseMessage]) -> list[ToolMessage]:
    """The tool results that came after the latest human message (this turn's)."""
    results: list[ToolMessage] = []
    for message in reversed(messages):
        if message.type == "human":
            break
        if isinstance(message, ToolMessage):
            results.append(message)
    return list(reversed(results))


def call(name: str, call_id: str, **args: Any) -> dict[str, Any]:
    """A tool call, as a script writes it."""
    return {"name": name, "args": args, "id": call_id, "type": "tool_call"}


def fragments(text: str, parts: int = 3) -> list[str]:
    """`text` cut into `parts` pieces of about the same length (none empty)."""
    size = max(1, -(-len(text) // parts))
    return [text[i : i + size] for i in range(0, len(text), size)]


class FakeChatModel(BaseChatModel):
    """A chat model whose answer is `script(messages)`, streamed like a provider's."""

    script: Script
    """Decides the answer from the conversation."""

    @property
    def _llm_type(self) -> str:
        return "fake-chat-model"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any):
        """Bind tools as a provider integration does (the script decides the calls)."""
        kwargs.pop("tool_choice", None)
        return self.bind(tools=[convert_to_openai_tool(tool) for tool in tools], **kwargs)

    def _chunks(self, messages: list[BaseMessage]) -> Iterator[AIMessageChunk]:
        answer = self.script(messages)
        for word in WORDS.findall(text_of(answer)):
            yield AIMessageChunk(content=word)
        for index, tool_call in enumerate(answer.tool_calls):
            yield AIMessageChunk(
                content="",
                tool_call_chunks=[
                    tool_call_chunk(name=tool_call["name"], args="", id=tool_call["id"], index=index)
                ],
            )
            for piece in fragments(json.dumps(tool_call["args"], ensure_ascii=False)):
                yield AIMessageChunk(
                    content="", tool_call_chunks=[tool_call_chunk(args=piece, index=index)]
                )
        finish = "tool_calls" if answer.tool_calls else "stop"
        yield AIMessageChunk(
            content="", chunk_position="last", response_metadata={"finish_reason": finish}
        )

    def _stream(
        self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        for chunk in self._chunks(messages):
            generation = ChatGenerationChunk(message=chunk)
            if run_manager:
                run_manager.on_llm_new_token(text_of(chunk), chunk=generation)
            yield generation

    async def _astream(
        self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs: Any
    ) -> AsyncIterator[ChatGenerationChunk]:
        for chunk in self._chunks(messages):
            generation = ChatGenerationChunk(message=chunk)
            if run_manager:
                await run_manager.on_llm_new_token(text_of(chunk), chunk=generation)
            yield generation

    def _generate(
        self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs: Any
    ) -> ChatResult:
        whole: AIMessageChunk | None = None
        for generation in self._stream(messages, stop, run_manager, **kwargs):
            whole = generation.message if whole is None else whole + generation.message
        message = AIMessage(
            content=whole.content,
            tool_calls=whole.tool_calls,
            response_metadata=whole.response_metadata,
        )
        return ChatResult(generations=[ChatGeneration(message=message)])
