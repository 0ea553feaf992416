"""A graph with runtime context, as the LangGraph docs write it (`context_schema` + `Runtime`).

    @dataclass
    class Context:
        user_id: str

    StateGraph(MessagesState, context_schema=Context)

The one node `call_model(state, runtime: Runtime[Context])` streams a model answer that
greets the user by `runtime.context.user_id` ("Hello alice, ..."). A run needs its context
(`"context": {"user_id": "alice"}` in the run's body): without it the node raises.
"""

from dataclasses import dataclass

from langchain_core.messages import AIMessage, BaseMessage, SystemMessage
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.runtime import Runtime

from hitl.fake_model import FakeChatModel, text_of


@dataclass
class Context:
    user_id: str


def script(messages: list[BaseMessage]) -> AIMessage:
    user = text_of(messages[0]).removeprefix("The user is ").rstrip(".")
    return AIMessage(content=f"Hello {user}, nice to see you again. How can I help today?")


model = FakeChatModel(script=script)


def call_model(state: MessagesState, runtime: Runtime[Context]) -> dict:
    if runtime.context is None or not getattr(runtime.context, "user_id", None):
        raise ValueError("context_agent needs a run context with a user_id, e.g. "
                         '{"context": {"user_id": "alice"}}')
    system = SystemMessage(content=f"The user is {runtime.context.user_id}.")
    return {"messages": [model.invoke([system, *state["messages"]])]}


builder = StateGraph(MessagesState, context_schema=Context)
builder.add_node("call_model", call_model)
builder.add_edge(START, "call_model")
builder.add_edge("call_model", END)
graph = builder.compile(name="context_agent")
