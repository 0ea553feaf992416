"""A graph whose state has a REQUIRED key besides `messages`: `tone: str` (no default).

    class State(TypedDict):
        messages: Annotated[list[AnyMessage], add_messages]
        tone: str

The node reads it with `state["tone"]`, so a run must send it in its input
(`{"messages": [...], "tone": "formal"}`); a run without it fails (`KeyError: 'tone'`).
The answer is streamed and mentions the tone: "(formal) ...".
"""

from typing import Annotated

from langchain_core.messages import AIMessage, AnyMessage, BaseMessage, SystemMessage
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict

from hitl.fake_model import FakeChatModel, last_request, text_of


class State(TypedDict):
    messages: Annotated[list[AnyMessage], add_messages]
    tone: str


def script(messages: list[BaseMessage]) -> AIMessage:
    tone = text_of(messages[0]).removeprefix("Answer in a ").removesuffix(" tone.")
    return AIMessage(content=f"({tone}) You asked: {last_request(messages)}. "
                             f"Here is my answer, in a {tone} tone.")


model = FakeChatModel(script=script)


def respond(state: State) -> dict:
    tone = state["tone"]
    system = SystemMessage(content=f"Answer in a {tone} tone.")
    return {"messages": [model.invoke([system, *state["messages"]])]}


builder = StateGraph(State)
builder.add_node("respond", respond)
builder.add_edge(START, "respond")
builder.add_edge("respond", END)
graph = builder.compile(name="extra_key_graph")
