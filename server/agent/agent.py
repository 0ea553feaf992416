"""The example agent: a small, deterministic banking assistant run by the real `langgraph dev`.

It needs no LLM and no network. Its "model" (`ScriptedModel`) writes a reply decided only by the
conversation, streaming it word by word, so every ChatKit feature can be seen (and tested)
offline. What it does depends on the words of the latest user message (case-insensitive; a word
matches when it starts with the listed one, so `loans` is `loan`):

| words                         | what the agent does                                            |
|-------------------------------|----------------------------------------------------------------|
| anything                      | streams "You said: <text>"; Greek text gets a Greek reply      |
| `loan`, `tool`, `δάνει`       | calls the `list_loans` tool, then summarises its result        |
| `pay`, `interrupt`            | asks a yes/no question with `interrupt()`; the answer resumes  |
| `transfer`, `form`            | asks for an amount and a note with `interrupt()` (a form)      |
| `account`                     | asks which account, a choice among options, with `interrupt()` |
| `balance`, `widget`           | sends a ChatKit widget as a `custom` event, then a reply       |
| `carousel`                    | sends the demo image carousel (`carousel.json`) the same way   |
| `remember`                    | says how many messages it has in memory (to show retries)      |
| `failmid`                     | the model fails after two words                                |
| `fail`                        | the first node fails before any word                           |
| `slow`                        | a longer reply, 0.3 s per word                                 |
| `stamp`                       | 200 words 2 ms apart, each `@<unix ns>` of its sending (bench) |

Every node reports what it does as a `custom` event `{"progress": "..."}`.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from pathlib import Path
from typing import Any, AsyncIterator, Optional

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage
from langchain_core.messages.tool import tool_call_chunk
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.tools import tool
from langgraph.config import get_stream_writer
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode
from langgraph.types import interrupt

GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
WORDS = re.compile(r"\S+\s*")
LOANS = [
    {"id": "L-1001", "kind": "mortgage", "balance": 84250.0, "currency": "EUR"},
    {"id": "L-2002", "kind": "car", "balance": 6120.5, "currency": "EUR"},
]


@tool
def list_loans(customer: str) -> str:
    """The customer's loans, as JSON."""
    return json.dumps({"customer": customer, "loans": LOANS}, ensure_ascii=False)


def text_of(message: BaseMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    return "".join(
        block.get("text", "") if isinstance(block, dict) else str(block)
        for block in message.content
    )


def latest_question(messages: list[BaseMessage]) -> tuple[str, list[BaseMessage]]:
    """The latest user text, and the messages after it (this turn's tool results)."""
    for index in range(len(messages) - 1, -1, -1):
        if messages[index].type == "human":
            return text_of(messages[index]), messages[index + 1 :]
    return "", []


def has(text: str, *words: str) -> bool:
    """Whether a word of `text` starts with one of `words` ("loans" has "loan")."""
    said = re.findall(r"\w+", text.lower())
    return any(w.startswith(word) for w in said for word in words)


def reply_for(messages: list[BaseMessage], answer: Optional[str]) -> str:
    """The reply to the conversation so far (the whole decision of the model)."""
    text, this_turn = latest_question(messages)
    greek = bool(GREEK.search(text))
    results = [m for m in this_turn if isinstance(m, ToolMessage)]
    if results:
        loans = json.loads(text_of(results[-1]))["loans"]
        if greek:
            listed = ", ".join(f"{l['id']} ({l['balance']:.2f} €)" for l in loans)
            return f"Έχετε {len(loans)} δάνεια: {listed}."
        listed = ", ".join(f"{l['id']} ({l['kind']}, {l['balance']:.2f} EUR)" for l in loans)
        return f"You have {len(loans)} loans: {listed}."
    if answer is not None:
        return f"Your answer: {answer}. Done."
    if has(text, "remember"):
        return f"I remember {len(messages)} messages."
    if has(text, "carousel"):
        return "Here are four places to visit."
    if has(text, "balance", "widget"):
        return "Here is your balance."
    if greek:
        return f"Είπατε: {text}"
    if has(text, "stamp"):
        return " ".join(f"w{i}" for i in range(200))
    if has(text, "slow"):
        return "Taking my time: " + " ".join(f"word{i}" for i in range(1, 11))
    return f"You said: {text}"


class ScriptedModel(BaseChatModel):
    """A chat model whose reply is `reply_for` the conversation, streamed word by word."""

    delay: float = 0.0
    stamp: bool = False

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools: Any, **kwargs: Any) -> "ScriptedModel":
        return self

    async def _astream(
        self, messages: list[BaseMessage], stop=None, run_manager=None, **kwargs: Any
    ) -> AsyncIterator[ChatGenerationChunk]:
        for chunk in self._chunks(messages, kwargs.get("answer")):
            if isinstance(chunk, Exception):
                raise chunk
            if self.delay:
                await asyncio.sleep(self.delay)
            if self.stamp and chunk.content:
                # The benchmark of our token delay: each word says when it left the model.
                chunk = AIMessageChunk(content=f"@{time.time_ns()} ", id=chunk.id)
            generation = ChatGenerationChunk(message=chunk)
            if run_manager:
                await run_manager.on_llm_new_token(chunk.content, chunk=generation)
            yield generation

    def _chunks(self, messages: list[BaseMessage], answer: Optional[str]):
        text, this_turn = latest_question(messages)
        if has(text, "loan", "tool", "δάνει") and not this_turn:
            # The tool call streams as providers send it: name first, then argument pieces.
            arguments = json.dumps({"customer": "demo"})
            yield AIMessageChunk(
                content="",
                tool_call_chunks=[tool_call_chunk(name="list_loans", args="", id="call_loans", index=0)],
            )
            for piece in (arguments[:8], arguments[8:]):
                yield AIMessageChunk(content="", tool_call_chunks=[tool_call_chunk(args=piece, index=0)])
            yield AIMessageChunk(content="", chunk_position="last",
                                 response_metadata={"finish_reason": "tool_calls"})
            return
        for index, word in enumerate(WORDS.findall(reply_for(messages, answer))):
            if index == 2 and has(text, "failmid"):
                yield RuntimeError("the model lost its connection (failmid)")
                return
            yield AIMessageChunk(content=word)
        yield AIMessageChunk(content="", chunk_position="last",
                             response_metadata={"finish_reason": "stop"})

    def _generate(self, messages, stop=None, run_manager=None, **kwargs: Any) -> ChatResult:
        raise NotImplementedError("the scripted model only streams")



# The demo carousel widget, as `chatkit-server` renders `ImageCarousel::demo()` (a server test
# keeps this file equal to it).
CAROUSEL = json.loads((Path(__file__).parent / "carousel.json").read_text(encoding="utf-8"))

class State(MessagesState):
    answer: Optional[str]


def progress(text: str) -> None:
    get_stream_writer()({"progress": text})


async def screen(state: State) -> dict:
    text, _ = latest_question(state["messages"])
    progress("Reading your message")
    if has(text, "fail") and not has(text, "failmid"):
        raise ValueError("this request cannot be handled (fail)")
    return {"answer": None}


def after_screen(state: State) -> str:
    text, _ = latest_question(state["messages"])
    return "ask" if has(text, "pay", "interrupt", "transfer", "form", "account") else "model"


async def ask(state: State) -> dict:
    text, _ = latest_question(state["messages"])
    progress("Waiting for your answer")
    if has(text, "account"):
        value = interrupt({"question": "Which account should I use?",
                           "options": ["checking", "savings"]})
    elif has(text, "transfer", "form"):
        value = interrupt({
            "question": "How much do you want to transfer?",
            "fields": [
                {"name": "amount", "label": "Amount (EUR)", "placeholder": "100"},
                {"name": "note", "label": "Note", "required": False},
            ],
        })
    else:
        value = interrupt({"question": "Pay the next installment of 250.00 EUR now?",
                           "options": ["yes", "no"]})
    if isinstance(value, bool):
        value = "yes" if value else "no"
    elif not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return {"answer": value}


async def model(state: State) -> dict:
    text, _ = latest_question(state["messages"])
    progress("Thinking")
    if has(text, "carousel") and not state.get("answer"):
        # The server's demo carousel (its pictures are served by chatkit-server), as any agent
        # would send a widget: a `custom` event.
        get_stream_writer()({"widget": CAROUSEL, "copy_text": "Four places to visit"})
    elif has(text, "balance", "widget") and not state.get("answer"):
        get_stream_writer()({
            "widget": {
                "type": "Card",
                "children": [
                    {"type": "Caption", "value": "Current account"},
                    {"type": "Title", "value": "1,234.50 EUR", "size": "lg"},
                ],
            },
            "copy_text": "Current account: 1,234.50 EUR",
        })
    stamp = has(text, "stamp")
    chat = ScriptedModel(delay=0.3 if has(text, "slow") else 0.002 if stamp else 0.0, stamp=stamp)
    reply = None
    async for chunk in chat.astream(state["messages"], answer=state.get("answer")):
        reply = chunk if reply is None else reply + chunk
    return {"messages": [AIMessage(content=reply.content, tool_calls=reply.tool_calls, id=reply.id)]}


def after_model(state: State) -> str:
    last = state["messages"][-1]
    return "tools" if isinstance(last, AIMessage) and last.tool_calls else END


tool_node = ToolNode([list_loans])


async def tools(state: State, config) -> dict:
    progress("Looking up your loans")
    return await tool_node.ainvoke(state, config)


builder = StateGraph(State)
builder.add_node("screen", screen)
builder.add_node("ask", ask)
builder.add_node("model", model)
builder.add_node("tools", tools)
builder.add_edge(START, "screen")
builder.add_conditional_edges("screen", after_screen, ["ask", "model"])
builder.add_edge("ask", "model")
builder.add_conditional_edges("model", after_model, ["tools", END])
builder.add_edge("tools", "model")
graph = builder.compile(name="agent")
