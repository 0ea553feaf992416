"""A parent graph with a classifier node and a compiled subgraph added as a node.

As the LangGraph "Use subgraphs" docs write it (a compiled `StateGraph` passed to
`add_node`, sharing the parent's `messages` key):

    START → classify → researcher → END

- `classify` asks a (streamed) model for a one-word label (`research`) and returns only
  `{"route": label}`: it is an internal classifier, its text is NOT added to `messages`
  (its tokens still go out as `messages` stream events, tagged `langgraph_node: classify`).
- `researcher` is a compiled child `StateGraph(MessagesState)` whose one node `research`
  reports progress with `get_stream_writer()` (the docs' custom stream), in this order:
  a plain string; `{"progress": ...}`; `{"type": "progress", "message": ...}`; a ChatKit
  widget `{"widget": {...}, "copy_text": ...}`; an unknown dict `{"step": 3, "of": 5}`.
  Then it streams the model's answer and returns it in `messages`.
"""

from typing import Annotated

from langchain_core.messages import AIMessage, AnyMessage, BaseMessage
from langgraph.config import get_stream_writer
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.graph.message import add_messages
from typing_extensions import NotRequired, TypedDict

from hitl.fake_model import FakeChatModel, text_of

CLASSIFY_PROMPT = "Classify the request with one word: research or chat."


def script(messages: list[BaseMessage]) -> AIMessage:
    if messages and messages[0].type == "system" and messages[0].content == CLASSIFY_PROMPT:
        return AIMessage(content="research")
    request = next((text_of(m) for m in reversed(messages) if m.type == "human"), "")
    topic = request.partition(" about ")[2].rstrip("?.!") or "your question"
    return AIMessage(content=f"Here is what I found about {topic}: three sources agree on it.")


model = FakeChatModel(script=script)


# The child graph: a researcher that reports progress while it works.
def research(state: MessagesState) -> dict:
    writer = get_stream_writer()
    writer("Looking up sources")
    writer({"progress": "Reading 3 sources"})
    writer({"type": "progress", "message": "Summarising"})
    writer({
        "widget": {"type": "Card", "children": [{"type": "Text", "value": "3 sources read"}]},
        "copy_text": "3 sources read",
    })
    writer({"step": 3, "of": 5})
    return {"messages": [model.invoke(state["messages"])]}


researcher = (
    StateGraph(MessagesState)
    .add_node("research", research)
    .add_edge(START, "research")
    .add_edge("research", END)
    .compile(name="researcher")
)


# The parent graph.
class State(TypedDict):
    messages: Annotated[list[AnyMessage], add_messages]
    route: NotRequired[str]


def classify(state: State) -> dict:
    label = model.invoke([("system", CLASSIFY_PROMPT), *state["messages"]])
    return {"route": label.text.strip()}


builder = StateGraph(State)
builder.add_node("classify", classify)
builder.add_node("researcher", researcher)
builder.add_edge(START, "classify")
builder.add_edge("classify", "researcher")
builder.add_edge("researcher", END)
graph = builder.compile(name="subgraph_graph")
