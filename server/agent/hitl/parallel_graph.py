"""Two parallel branches that both wait for a human: two interrupts pending at once.

From START, `manager` and `finance` run in the same step; each asks with `interrupt({...})`.
Both interrupts are pending together, so a resume must name the one it answers
(`{"<interrupt id>": value}`). `decide` runs after both branches have their answers.
"""

from langchain_core.messages import AIMessage
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.types import interrupt


def manager(state: MessagesState) -> dict:
    answer = interrupt({"question": "Manager: approve the purchase of 3 laptops?"})
    return {"messages": [AIMessage(content=f"Manager answered: {answer}", name="manager")]}


def finance(state: MessagesState) -> dict:
    answer = interrupt({"question": "Finance: is there budget for 3 laptops?"})
    return {"messages": [AIMessage(content=f"Finance answered: {answer}", name="finance")]}


def decide(state: MessagesState) -> dict:
    answers = [m.content for m in state["messages"] if m.name in ("manager", "finance")][-2:]
    return {"messages": [AIMessage(content="Both answered. " + " ".join(answers))]}


builder = StateGraph(MessagesState)
builder.add_node("manager", manager)
builder.add_node("finance", finance)
builder.add_node("decide", decide)
builder.add_edge(START, "manager")
builder.add_edge(START, "finance")
builder.add_edge(["manager", "finance"], "decide")
builder.add_edge("decide", END)
graph = builder.compile(name="parallel_graph")
