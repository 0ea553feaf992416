"""Generative UI, as the LangGraph docs write it: `push_ui_message` from `langgraph.graph.ui`.

    class AgentState(TypedDict):
        messages: Annotated[Sequence[BaseMessage], add_messages]
        ui: Annotated[Sequence[AnyUIMessage], ui_message_reducer]

The node `weather` streams a short text message, then pushes a UI message named
`weather_card` with props `{"city": "Paris", "temperature": 21, "summary": "Sunny"}`
attached to that message (`message=`: its id goes into the UI message's
`metadata.message_id`). `push_ui_message` sends it as a `custom` stream event and appends
it to the `ui` state key.
"""

from collections.abc import Sequence
from typing import Annotated

from langchain_core.messages import AIMessage, BaseMessage
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.graph.ui import AnyUIMessage, push_ui_message, ui_message_reducer
from typing_extensions import TypedDict

from hitl.fake_model import FakeChatModel

WEATHER = {"city": "Paris", "temperature": 21, "summary": "Sunny"}


class AgentState(TypedDict):
    messages: Annotated[Sequence[BaseMessage], add_messages]
    ui: Annotated[Sequence[AnyUIMessage], ui_message_reducer]


def script(messages: list[BaseMessage]) -> AIMessage:
    return AIMessage(content="Here's the weather for Paris.")


model = FakeChatModel(script=script)


def weather(state: AgentState) -> dict:
    message = model.invoke(state["messages"])
    push_ui_message("weather_card", WEATHER, message=message)
    return {"messages": [message]}


builder = StateGraph(AgentState)
builder.add_node("weather", weather)
builder.add_edge(START, "weather")
builder.add_edge("weather", END)
graph = builder.compile(name="ui_graph")
